#!/bin/sh
# Tagged PDF: every PDF mishto writes for content/ (documents, large
# print, translations, reports, the public site) passes tests/pdfcheck.c
# (the machine-checkable PDF/UA-1 rules that matter: every piece of page
# content tagged or an artifact, header cells with scope, figures with a
# text alternative, headings in order, fonts embedded with ToUnicode, the
# catalog's marks); the checker fails on a PDF with an untagged line, a
# header cell without scope and a chart without an alternative; poppler
# reads back from the structure tree every character layout placed as
# content; a signed pledge's text says which steps were committed.
# Usage: sh tests/tagged.sh path/to/mishto path/to/pdfcheck   (TAP)
M=${1:-build/mishto}
C=${2:-build/pdfcheck}
cd "$(dirname "$0")/.." || exit 2
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; [ -n "$2" ] && printf '%s\n' "$2" | sed 's/^/# /'; }
check() { d=$1; shift; if "$@" > /dev/null 2>&1; then ok "$d"; else not_ok "$d"; fi; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C
CONTENT=$(ls content/*.xml content/*/*.xml)
mkdir -p "$tmp/out" "$tmp/lp" "$tmp/site"
# shellcheck disable=SC2086
"$M" build -w --format pdf,layout -o "$tmp/out" $CONTENT 2> "$tmp/err" ||
    not_ok "content/ builds" "$(cat "$tmp/err")"
"$M" build -w --layout large-print --format pdf,layout -o "$tmp/lp" \
    content/la-pledge.xml content/pledges/ashdown-borough.xml 2> /dev/null
"$M" report signatories -w --format pdf,layout -o "$tmp/out" content/la-pledge.xml content/pledges/*.xml 2> /dev/null
for p in content/plans/*.xml; do
	"$M" report progress -w --format pdf,layout --as-of 2027-01-31 -o "$tmp/out" "$p" 2> /dev/null
done
# shellcheck disable=SC2086
"$M" site --public -w -o "$tmp/site" $CONTENT 2> /dev/null
pdfs=$(ls "$tmp"/out/*.pdf "$tmp"/lp/*.pdf "$tmp"/site/*.pdf)
check "every PDF is written ($(echo $pdfs | wc -w) of them)" test "$(echo $pdfs | wc -w)" -ge 20
for f in $pdfs; do
	if "$C" "$f" > "$tmp/check" 2>&1; then
		ok "$(basename "$(dirname "$f")")/$(basename "$f"): every rule the checker knows holds"
	else
		not_ok "$(basename "$(dirname "$f")")/$(basename "$f"): every rule the checker knows holds" "$(grep '^#' "$tmp/check")"
	fi
done

# poppler's reading of the structure tree against what layout placed as
# content (not artifacts), character by character (ASCII: poppler and
# the dump write other characters differently)
chars() { tr -cd '!-~' | fold -b -w1 | sort | uniq -c; }
for d in out lp; do
	for f in "$tmp/$d"/*.pdf; do
		base=${f%.pdf}
		[ -s "$base.layout.txt" ] || continue
		pdfinfo -struct-text "$f" 2>/dev/null | grep '^ *"' |
		    sed 's/^ *"//; s/"$//' | chars > "$tmp/s"
		grep '^  text ' "$base.layout.txt" | grep -v '" artifact' |
		    sed 's/^  text [^"]*"//; s/"\( invisible\)\{0,1\}$//; s/\\"/"/g; s/\\\\/\\/g' |
		    chars > "$tmp/d"
		if [ -s "$tmp/d" ] && cmp -s "$tmp/s" "$tmp/d"; then
			ok "$d/$(basename "$f"): poppler reads every word of its content from the structure tree"
		else
			not_ok "$d/$(basename "$f"): poppler reads every word of its content from the structure tree" "$(diff "$tmp/s" "$tmp/d" | head -6)"
		fi
	done
done

# pdf.js (npm pdfjs-dist, as Firefox reads PDFs) reads the same words
# from the structure tree as poppler does (its tree is per page, so an
# element on two pages is read in two places: characters are compared,
# not their order)
MODULES=${RETURNS_MODULES:-build/returns/node_modules}
if [ ! -d "$MODULES/pdfjs-dist" ] && command -v npm > /dev/null 2>&1 && [ -z "$RETURNS_MODULES" ]; then
	npm install --silent --no-audit --no-fund --prefix build/returns pdfjs-dist@3 > /dev/null 2>&1
fi
if command -v node > /dev/null 2>&1 && [ -d "$MODULES/pdfjs-dist" ]; then
	for f in "$tmp/out/ashdown-borough.pdf" "$tmp/out/la-pledge.pdf" \
	         "$tmp/out/anti-racist-practice.pdf" "$tmp/out/signatories.pdf" \
	         "$tmp/out/la-pledge.ro.pdf"; do
		[ -s "$f" ] || "$M" build -w --lang ro -o "$tmp/out" content/la-pledge.xml 2> /dev/null
		node tests/pdfjs-struct.js "$MODULES" "$f" 2> "$tmp/js.err" | chars > "$tmp/js"
		pdfinfo -struct-text "$f" 2>/dev/null | grep '^ *"' |
		    sed 's/^ *"//; s/"$//' | chars > "$tmp/pp"
		if [ -s "$tmp/js" ] && cmp -s "$tmp/js" "$tmp/pp"; then
			ok "$(basename "$f"): pdf.js and poppler read the same words from its structure tree"
		else
			not_ok "$(basename "$f"): pdf.js and poppler read the same words from its structure tree" "$(cat "$tmp/js.err"; diff "$tmp/js" "$tmp/pp" | head -6)"
		fi
	done
else
	ok "# SKIP pdf.js and poppler read the same words: node or the npm package pdfjs-dist is missing (npm install --prefix build/returns pdfjs-dist@3)"
fi

# what a signed pledge says when copied as text: each box's state
A=$tmp/out/ashdown-borough.pdf
check "pdftotext of a signed pledge says which steps and options are ticked (11 steps, 2 options)" \
    sh -c "test \$(pdftotext '$A' - | grep -c '^Ticked') -eq 13 && test \$(pdftotext '$A' - | grep -c 'Not ticked') -eq \$(( \$(grep -c '<step ' content/la-pledge.xml) + \$(grep -c '<option ' content/la-pledge.xml) - 13 ))"
check "the tick's words are read in the row of their step" \
    sh -c "pdfinfo -struct-text '$A' | grep -A4 '1aIntegrate\\|1a Integrate' | grep -q 'Ticked'"

# the checker fails where it should: fails FIXTURE MESSAGE WHAT
fails() {
	"$C" "$1" > "$tmp/fails.out" 2>&1
	if [ $? -ne 0 ] && grep -q "$2" "$tmp/fails.out"; then
		ok "the checker fails $3"
	else
		not_ok "the checker fails $3" "$(cat "$tmp/fails.out")"
	fi
}
qpdf --qdf --object-streams=disable "$A" "$tmp/q.pdf" 2> /dev/null
sed 's|/Scope /Column|/Scopx /Column|' "$tmp/q.pdf" | fix-qdf > "$tmp/noscope.pdf" 2> /dev/null
fails "$tmp/noscope.pdf" 'a table header cell (TH) has no /Scope' \
    "a header cell without scope"
awk '/%% Contents for page 1/ { c = 1 } { print } c && /^stream$/ { print "0 0 m 10 10 l S"; c = 0 }' "$tmp/q.pdf" | fix-qdf > "$tmp/untagged.pdf" 2> /dev/null
fails "$tmp/untagged.pdf" 'page 1 (operator S) is neither tagged content nor an artifact' \
    "a line drawn outside tagged content and artifacts"
qpdf --qdf --object-streams=disable "$tmp/out/signatories.pdf" "$tmp/q2.pdf" 2> /dev/null
check "the register's chart is a figure with a text alternative that gives the numbers" \
    sh -c "pdfinfo -struct-text '$tmp/out/signatories.pdf' | grep -q '^ *Figure' && grep -a -q '/Alt (Signatories committed to each step, of 3. Promote Roma culture and history, step 1: [0-9]' '$tmp/q2.pdf'"
sed 's|/Alt |/Alx |' "$tmp/q2.pdf" | fix-qdf > "$tmp/noalt.pdf" 2> /dev/null
fails "$tmp/noalt.pdf" 'a Figure has no text alternative (/Alt)' \
    "a chart without a text alternative"
echo "1..$n"
