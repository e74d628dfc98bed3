#!/bin/sh
# Incremental builds, in TAP: after `make`, editing one document rebuilds
# only its outputs; editing the form rebuilds the form, every signed pledge,
# the guidance and the translated editions; nothing is rebuilt when nothing changed. Uses make's
# "what if" (-n -W FILE), so no file of the tree is touched.
n=0
t() { n=$((n + 1)); if [ "$2" = "$3" ]; then echo "ok $n - $1"; else echo "not ok $n - $1"; echo "# expected $3, got $2"; fi; }
make -s documents > /dev/null 2>&1 || { echo "not ok 1 - make documents"; echo "1..1"; exit 0; }
rebuilt() { make -n -W "$1" documents 2>/dev/null | grep "build/mishto build" | sed 's/.* //' | sort | tr '\n' ' '; }
t "nothing changed: nothing is rebuilt" "$(make -n documents 2>/dev/null | grep -c 'build/mishto build')" 0
t "one signed pledge edited: only it is rebuilt" "$(rebuilt content/pledges/kingsmere-city.xml)" "content/pledges/kingsmere-city.xml "
t "the minutes edited: only they are rebuilt" "$(rebuilt content/minutes/working-group-2024-10-23.xml)" "content/minutes/working-group-2024-10-23.xml "
t "the form edited: the form, its pledges, its guidance and its translations are rebuilt" "$(rebuilt content/la-pledge.xml)" \
  "content/guidance-child-services.xml content/la-pledge.xml content/pledges/ashdown-borough.xml content/pledges/kingsmere-city.xml content/pledges/rivermouth-district.xml content/translations/la-pledge.bg.xml content/translations/la-pledge.ro.xml "
t "a translation edited: only its edition is rebuilt" "$(rebuilt content/translations/la-pledge.ro.xml)" \
  "content/translations/la-pledge.ro.xml "
t "the layout edited: everything is rebuilt" "$(rebuilt layouts/a4.layout | wc -w)" "$(ls content/*.xml content/*/*.xml | wc -l)"
# ---- a source deleted: make removes its outputs and takes it out of the
# register and the site (they were left as they were). In a copy of the
# tree, with this build's binary (make -o: not rebuilt there).
tree=$(mktemp -d "${TMPDIR:-/tmp}/mishto-incremental.XXXXXX")
trap 'rm -rf "$tree"' EXIT
cp -r Makefile content layouts schema tools "$tree/"
mkdir -p "$tree/build"
cp build/mishto "$tree/build/" && touch "$tree/build/.deps"
(cd "$tree" && make -s -o build/mishto -o build/.deps all > /dev/null 2>&1)
t "before: the pledge's outputs and its line in the register are there" \
  "$(ls "$tree/out/kingsmere-city.pdf" "$tree/out/kingsmere-city.large-print.pdf" 2>/dev/null | wc -l) $(grep -q Kingsmere "$tree/out/signatories.csv" && echo listed)" "2 listed"
rm "$tree/content/pledges/kingsmere-city.xml"
(cd "$tree" && make -s -o build/mishto -o build/.deps all > "$tree/make.out" 2>&1)
t "a pledge deleted: make removes the outputs made from it" \
  "$(ls "$tree/out" | grep -c '^kingsmere-city')" 0
t "a pledge deleted: the register no longer lists it" "$(grep -c Kingsmere "$tree/out/signatories.csv")" 0
t "a pledge deleted: the site no longer has it" "$(grep -c kingsmere "$tree/out/site/index.html"; ls "$tree/out/site" | grep -c kingsmere)" "0
0"
t "a pledge deleted: make says what it removed" "$(grep -c 'removing out/kingsmere-city.pdf out/kingsmere-city.html (made from content/pledges/kingsmere-city.xml, which is gone)' "$tree/make.out")" 1
mv "$tree/content/plans/rivermouth-roma-inclusion.xml" "$tree/content/plans/rivermouth-plan.xml"
(cd "$tree" && make -s -o build/mishto -o build/.deps all > /dev/null 2>&1)
t "a plan renamed: its old outputs and old progress report are removed, the new ones made" \
  "$(ls "$tree/out" | grep '^rivermouth-' | grep -v district | tr '\n' ' ')" \
  "rivermouth-plan-progress.html rivermouth-plan-progress.pdf rivermouth-plan.d rivermouth-plan.html rivermouth-plan.pdf "
echo "1..$n"
