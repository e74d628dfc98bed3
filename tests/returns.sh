#!/bin/sh
# A pledge's round trip with the tools people use: the blank form filled
# by pdftk-java (fill_form, as Debian ships it) and by pdf-lib (npm), its
# FDF and XFDF exports, a signed pledge's own PDF, each read back by
# `mishto import` and compared with the source expected; then a form
# edited after pledges were signed on it. Speaks TAP.
# Usage: sh tests/returns.sh path/to/mishto
# A client that is missing and cannot be installed is skipped, saying so.
M=${1:-build/mishto}
case $M in /*) ;; *) M=$(pwd)/$M ;; esac
cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; [ -n "$2" ] && printf '%s\n' "$2" | sed 's/^/# /'; }
check() { d=$1; shift; if "$@" > /dev/null 2>&1; then ok "$d"; else not_ok "$d"; fi; }
skip() { n=$((n + 1)); echo "ok $n - # SKIP $1"; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
EXPECTED=tests/returns/ashdown.expected.xml
# what every return is compared with: all but line 2, which names the
# file the pledge came from
sed 2d "$EXPECTED" > "$tmp/exp.xml"

# A content tree of its own: imports write into it.
mkdir -p "$tmp/c/pledges" "$tmp/blank"
cp content/la-pledge.xml "$tmp/c/"
cp -r content/form-versions "$tmp/c/"
"$M" build -o "$tmp/blank" "$tmp/c/la-pledge.xml" 2> /dev/null
check "the blank form builds" test -s "$tmp/blank/la-pledge.pdf"

# imports one return into a fresh pledges folder and compares
import_as() {
	desc=$1 file=$2
	shift 2
	rm -rf "$tmp/c/pledges" && mkdir -p "$tmp/c/pledges"
	# line 2 names the file it came from
	if "$M" import -o "$tmp/c/pledges" "$@" "$file" > "$tmp/import.out" 2> "$tmp/import.err" &&
	   sed 2d "$tmp/c/pledges/ashdown-borough-council.xml" > "$tmp/got.xml" &&
	   sed 2d "$EXPECTED" | cmp -s - "$tmp/got.xml"; then
		ok "$desc"
	else
		not_ok "$desc" "$(cat "$tmp/import.err"; diff "$EXPECTED" "$tmp/c/pledges/ashdown-borough-council.xml" 2>&1 | head -20)"
	fi
}

# ---- pdftk-java: fill_form from XFDF, then its own FDF export
if command -v pdftk > /dev/null 2>&1; then
	mkdir -p "$tmp/pdftk"
	pdftk "$tmp/blank/la-pledge.pdf" fill_form tests/returns/ashdown.xfdf \
	    output "$tmp/pdftk/return.pdf" 2> "$tmp/pdftk.err"
	check "pdftk fills the blank form's fields by name" test -s "$tmp/pdftk/return.pdf"
	import_as "a form filled by pdftk imports as the pledge expected" "$tmp/pdftk/return.pdf"
	check "the pledge imported passes check" "$M" check "$tmp/c/pledges/ashdown-borough-council.xml"
	mkdir -p "$tmp/render"
	"$M" build --format layout,pdf -o "$tmp/render" "$tmp/c/pledges/ashdown-borough-council.xml" 2> /dev/null
	L=$tmp/render/ashdown-borough-council.layout.txt
	# a tick is two strokes: 11 steps and 2 support options
	check "it renders with the 11 steps and 2 options ticked" \
	    sh -c "test \$(grep -c '  line .* w1.69 ' '$L') -eq 26"
	check "it renders the deadlines as written, dates as 30/04/2027" \
	    sh -c "grep -q '\"30/04/2027\"' '$L' && grep -q '\"Q4 2026/27\"' '$L' && grep -q '\"Jun 2027\"\\|\"June 2027\"' '$L' && grep -q '\"2027/28\"' '$L'"
	pdftk "$tmp/pdftk/return.pdf" generate_fdf output "$tmp/pdftk/return.fdf" 2> /dev/null
	import_as "its FDF export imports the same (the form named by --form)" \
	    "$tmp/pdftk/return.fdf" --form "$tmp/c/la-pledge.xml"
	rm -rf "$tmp/c/pledges" && mkdir -p "$tmp/c/pledges"
	"$M" import -o "$tmp/c/pledges" "$tmp/pdftk/return.fdf" > /dev/null 2> "$tmp/fdf.err"
	check "an FDF without --form is refused, saying how to name the form" \
	    sh -c "test $? -eq 1 && grep -q 'this export does not carry the form it fills in; name the form with --form' '$tmp/fdf.err'"

	# left blank: one action point with nothing ticked
	sed '/children-in-care/d' tests/returns/ashdown.xfdf > "$tmp/blank-ap.xfdf"
	pdftk "$tmp/blank/la-pledge.pdf" fill_form "$tmp/blank-ap.xfdf" \
	    output "$tmp/pdftk/incomplete.pdf" 2> /dev/null
	rm -rf "$tmp/c/pledges" && mkdir -p "$tmp/c/pledges"
	"$M" import -o "$tmp/c/pledges" "$tmp/pdftk/incomplete.pdf" > /dev/null 2> "$tmp/inc.err"
	check "a return with an action point left blank is recorded as incomplete, the page and field named" \
	    sh -c "grep -q 'incomplete.pdf: warning: page [0-9], field \"step:children-in-care/[a-z-]*\": no step of action point 7 ([^)]*) is ticked; the pledge is recorded as incomplete \[incomplete-pledge\]' '$tmp/inc.err' && grep -q 'status=\"incomplete\"' '$tmp/c/pledges/ashdown-borough-council.xml'"
	"$M" build --format layout -o "$tmp/render" "$tmp/c/pledges/ashdown-borough-council.xml" 2> /dev/null
	check "its own edition says it is an incomplete return" \
	    grep -q '"Incomplete return"' "$tmp/render/ashdown-borough-council.layout.txt"
	"$M" report signatories -w --format csv,html -o "$tmp/render" "$tmp/c/la-pledge.xml" "$tmp/c/pledges/ashdown-borough-council.xml" 2> /dev/null
	check "the register marks it incomplete" grep -q 'Incomplete return' "$tmp/render/signatories.html"

	# a field the form never had: a changed return
	qpdf --qdf --object-streams=disable "$tmp/pdftk/return.pdf" "$tmp/qdf.pdf" 2> /dev/null
	sed 's/(step:promote-culture\/calendar-events)/(step:promote-culture\/calendar-evenTS)/' "$tmp/qdf.pdf" > "$tmp/tampered-qdf.pdf"
	fix-qdf "$tmp/tampered-qdf.pdf" > "$tmp/pdftk/tampered.pdf" 2> /dev/null
	rm -rf "$tmp/c/pledges" && mkdir -p "$tmp/c/pledges"
	"$M" import -o "$tmp/c/pledges" "$tmp/pdftk/tampered.pdf" > /dev/null 2> "$tmp/tamper.err"
	check "a changed return is refused, naming the page and field, and nothing is written" \
	    sh -c "test $? -eq 1 && grep -q 'tampered.pdf: error: page 1, field \"step:promote-culture/calendar-evenTS\": form \"la-pledge\" (version [0-9a-f]*) has no such field' '$tmp/tamper.err' && ! ls '$tmp/c/pledges/'*.xml"
	sed 's/<value>16\/03\/2026</<value>the sixteenth</' tests/returns/ashdown.xfdf > "$tmp/baddate.xfdf"
	pdftk "$tmp/blank/la-pledge.pdf" fill_form "$tmp/baddate.xfdf" output "$tmp/pdftk/baddate.pdf" 2> /dev/null
	"$M" import -o "$tmp/c/pledges" "$tmp/pdftk/baddate.pdf" > /dev/null 2> "$tmp/baddate.err"
	check "a date that is no date is named by its page and field" \
	    grep -q 'baddate.pdf: error: page 5, field "signed-on": "the sixteenth" is not a date' "$tmp/baddate.err"
else
	for t in "pdftk fills the form" "a form filled by pdftk imports" "it passes check" \
	         "it renders with its ticks" "it renders its deadlines" "its FDF imports" \
	         "an FDF without --form is refused" "a blank action point" "its edition says incomplete" \
	         "the register marks it" "a changed return is refused" "a bad date is named"; do
		skip "$t: pdftk is not installed (apt-get install pdftk-java)"
	done
fi

# ---- XFDF, read by mishto itself
import_as "an XFDF export imports the same (the form named by --form)" \
    tests/returns/ashdown.xfdf --form "$tmp/c/la-pledge.xml"
# ---- refusing to overwrite
"$M" import -o "$tmp/c/pledges" --form "$tmp/c/la-pledge.xml" tests/returns/ashdown.xfdf > /dev/null 2> "$tmp/again.err"
check "importing a pledge kept already is refused (exit 1), the file unchanged" \
    sh -c "test $? -eq 1 && grep -q 'ashdown-borough-council.xml: error: a pledge is already kept here; nothing was written (--force replaces it)' '$tmp/again.err' && sed 2d '$tmp/c/pledges/ashdown-borough-council.xml' | cmp -s - '$tmp/exp.xml'"
check "--force replaces it" \
    "$M" import --force -o "$tmp/c/pledges" --form "$tmp/c/la-pledge.xml" tests/returns/ashdown.xfdf
cp content/pledges/ashdown-borough.xml "$tmp/c/pledges/"
rm -f "$tmp/c/pledges/ashdown-borough-council.xml"
"$M" import -o "$tmp/c/pledges" --form "$tmp/c/la-pledge.xml" tests/returns/ashdown.xfdf > /dev/null 2> "$tmp/twice.err"
check "an authority that has signed before is said (both kept)" \
    grep -q 'warning: Ashdown Borough Council has signed before: .*ashdown-borough.xml (signed 2026-03-16); both are kept \[signed-twice\]' "$tmp/twice.err"
"$M" report signatories -o "$tmp/render" "$tmp/c/la-pledge.xml" "$tmp/c/pledges/"*.xml > /dev/null 2> "$tmp/reg.err"
check "the register says an authority signed twice" \
    grep -q 'warning: Ashdown Borough Council has signed twice; both pledges are in the register \[signed-twice\]' "$tmp/reg.err"
rm -f "$tmp/c/pledges/ashdown-borough.xml"

# ---- pdf-lib (npm): another independent filler
MODULES=${RETURNS_MODULES:-build/returns/node_modules}
if [ ! -d "$MODULES/pdf-lib" ] && command -v npm > /dev/null 2>&1 && [ -z "$RETURNS_MODULES" ]; then
	npm install --silent --no-audit --no-fund --prefix build/returns pdf-lib@1.17.1 playwright-core > /dev/null 2>&1
fi
if [ ! -d "$MODULES/playwright-core" ] && command -v npm > /dev/null 2>&1 && [ -z "$RETURNS_MODULES" ]; then
	npm install --silent --no-audit --no-fund --prefix build/returns playwright-core > /dev/null 2>&1
fi
if command -v node > /dev/null 2>&1 && [ -d "$MODULES/pdf-lib" ]; then
	mkdir -p "$tmp/pdflib"
	node tests/returns/fill-pdf-lib.js "$MODULES" "$tmp/blank/la-pledge.pdf" \
	    tests/returns/ashdown.xfdf "$tmp/pdflib/return.pdf" 2> "$tmp/pdflib.err"
	check "pdf-lib fills the blank form's fields by name" test -s "$tmp/pdflib/return.pdf"
	import_as "a form filled by pdf-lib imports as the pledge expected" "$tmp/pdflib/return.pdf"
else
	skip "pdf-lib fills the form: node or the npm package pdf-lib is missing (npm install --prefix build/returns pdf-lib)"
	skip "a form filled by pdf-lib imports: pdf-lib is missing"
fi

# ---- the HTML form, filled in headless Chromium as an officer would
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser)}
if command -v node > /dev/null 2>&1 && [ -n "$CHROMIUM" ] && [ -d "$MODULES/playwright-core" ]; then
	"$M" build --format html -o "$tmp/blank" "$tmp/c/la-pledge.xml" 2> /dev/null
	node tests/returns/fill-html.js "$MODULES" "$CHROMIUM" "$tmp/blank/la-pledge.html" \
	    tests/returns/ashdown.xfdf "$tmp/saved.xml" > "$tmp/html.out" 2> "$tmp/html.err"
	check "the HTML form, pressed Save empty, says what to fix: each action point, the council, the date" \
	    sh -c "test \$(grep -c '^error: Action point [0-9]\\. .*: tick at least one step, or save the pledge as an incomplete return\\.\$' '$tmp/html.out') -eq 9 && grep -q '^error: Name the council the pledge is signed on behalf of\\.\$' '$tmp/html.out' && grep -q '^error: Give the date the pledge is signed\\.\$' '$tmp/html.out' && grep -q '^focused: form-errors\$' '$tmp/html.out'"
	check "filled in and saved, it saves the signed pledge's source (AUTHORITY.xml)" \
	    sh -c "grep -q '^saved: ashdown-borough-council.xml\$' '$tmp/html.out' && sed 2d '$tmp/saved.xml' | cmp -s - '$tmp/exp.xml'"
	rm -rf "$tmp/c/pledges" && mkdir -p "$tmp/c/pledges"
	"$M" import -o "$tmp/c/pledges" "$tmp/saved.xml" > /dev/null 2> "$tmp/saved.err"
	check "the file it saves imports as it is and passes check" \
	    sh -c "cmp -s '$tmp/saved.xml' '$tmp/c/pledges/ashdown-borough-council.xml' && '$M' check '$tmp/c/pledges/ashdown-borough-council.xml'"
else
	skip "the HTML form says what to fix: node, Chromium or playwright-core is missing (apt-get install chromium nodejs npm)"
	skip "the HTML form saves the pledge: node, Chromium or playwright-core is missing"
	skip "the file it saves imports: node, Chromium or playwright-core is missing"
fi

# ---- a signed pledge's own PDF carries its source
mkdir -p "$tmp/signed"
"$M" build -o "$tmp/signed" content/pledges/ashdown-borough.xml 2> /dev/null
rm -rf "$tmp/c/pledges" && mkdir -p "$tmp/c/pledges"
"$M" import -o "$tmp/c/pledges" "$tmp/signed/ashdown-borough.pdf" > /dev/null 2> "$tmp/signed.err"
check "a signed pledge's PDF imports as its exact source" \
    cmp -s "$tmp/c/pledges/ashdown-borough.xml" content/pledges/ashdown-borough.xml
check "mishto fingerprint of the PDF prints its footer's fingerprint" \
    sh -c "test \"\$('$M' fingerprint '$tmp/signed/ashdown-borough.pdf' | cut -d' ' -f1)\" = \"\$('$M' fingerprint content/pledges/ashdown-borough.xml | cut -d' ' -f1)\""

# ---- the form edited after pledges were signed on it
rm -rf "$tmp/v" && mkdir -p "$tmp/v/o1" "$tmp/v/o2"
cp -r content "$tmp/v/"
"$M" build -o "$tmp/v/o1" "$tmp/v/content/pledges/"*.xml 2> /dev/null
sed -i 's/Integrate events such as Gypsy, Roma, and/Integrate events such as Gypsy, Roma and/' "$tmp/v/content/la-pledge.xml"
"$M" build -w -o "$tmp/v/o2" "$tmp/v/content/pledges/"*.xml 2> /dev/null
check "editing a step's wording leaves every signed pledge's PDF and HTML byte-identical" \
    sh -c "for f in '$tmp'/v/o1/*; do cmp -s \"\$f\" '$tmp/v/o2/'\$(basename \"\$f\") || exit 1; done; test \$(ls '$tmp/v/o1' | wc -l) -eq 6"
"$M" check "$tmp/v/content/pledges/"*.xml > /dev/null 2> "$tmp/v/check.err"
check "check says which pledges were signed on the older wording" \
    sh -c "test \$(grep -c 'warning: signed on an earlier version of \"la-pledge\" (f3bd4091dfab, kept in .*form-versions/la-pledge/f3bd4091dfab.xml); it prints the words that were signed' '$tmp/v/check.err') -eq 3"
sed -i 's/<step id="community-channels">/<step id="community-routes" formerly="community-channels">/' "$tmp/v/content/la-pledge.xml"
"$M" report signatories -w --format csv -o "$tmp/v" "$tmp/v/content/la-pledge.xml" "$tmp/v/content/pledges/"*.xml 2> /dev/null
check "a renamed step keeps the commitments made to it under its old id (the register)" \
    sh -c "test \$(grep -c ',inclusive-recruitment,community-routes,' '$tmp/v/signatories.csv') -eq 2"
check "the register gives each deadline as YYYY-MM-DD" \
    grep -q '^Ashdown Borough Council,.*,promote-culture,calendar-events,2027-01-31,' "$tmp/v/signatories.csv"
sed 's/ form-version="f3bd4091dfab"//' content/pledges/kingsmere-city.xml > "$tmp/v/content/pledges/kingsmere-city.xml"
"$M" check "$tmp/v/content/pledges/kingsmere-city.xml" > /dev/null 2> "$tmp/v/renamed.err"
check "a pledge that does not say its version finds a renamed step, with a warning" \
    grep -q 'warning: step "inclusive-recruitment/community-channels" has been renamed "inclusive-recruitment/community-routes"' "$tmp/v/renamed.err"
sed -i 's/<title>The Mishto/<title>A Mishto/' "$tmp/v/content/form-versions/la-pledge/f3bd4091dfab.xml"
"$M" check "$tmp/v/content/pledges/ashdown-borough.xml" > /dev/null 2> "$tmp/v/kept.err"
check "a kept version that was edited is an error" \
    sh -c "test $? -eq 1 && grep -q 'this kept version of \"la-pledge\" has been edited' '$tmp/v/kept.err' && grep -c 'error:' '$tmp/v/kept.err' | grep -qx 1"

echo "1..$n"
