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
echo "1..$n"
