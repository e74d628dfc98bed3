#!/bin/sh
# The public edition withholds contact details wherever they are, in TAP.
# tests/privacy/ puts email addresses (plain, obfuscated, fullwidth, split
# by markup), UK and other phone numbers (spaced, bracketed, dotted,
# hyphenated, 0044) and links that reach a person (mailto:, tel:, WhatsApp,
# an address percent-encoded) into every field a person writes, of every
# kind of document, and into a translation. `mishto site --public` must
# build, and no byte of any output may give one back: the HTML, the CSV,
# the PDFs' text (pdftotext), their metadata and bookmarks (qpdf --json).
# Then a javascript: link put where each link is must stop the build.
# usage: sh tests/privacy.sh BINARY
M=${1:-build/mishto}
n=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mishto-privacy.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do printf '%s\n' "$l" | sed 's/^/# /'; done; }

DOCS="tests/privacy/leak-form.xml tests/privacy/leak-pledge.xml tests/privacy/leak-guidance.xml tests/privacy/leak-plan.xml tests/privacy/leak-minutes.xml tests/privacy/translations/leak-form.ro.xml"
# The tails of the numbers in the fixtures, and the word in every address.
TAILS="900111 460222 460333 900444 345555 960666 900777 900888"

mkdir -p "$tmp/site"
# shellcheck disable=SC2086
"$M" site --public -o "$tmp/site" $DOCS > /dev/null 2> "$tmp/site.err"
rc=$?
if [ "$rc" -eq 0 ]; then ok "site --public of the fixtures builds"
else not_ok "site --public of the fixtures builds" "exit $rc" "$(head -c 1500 "$tmp/site.err")"; fi
w=$(grep -c 'warning: .*\[personal-data\]' "$tmp/site.err")
if [ "$w" -ge 40 ]; then ok "the build warns of the contact details, field by field ($w warnings)"
else not_ok "the build warns of the contact details, field by field ($w warnings)" "$(head -c 1500 "$tmp/site.err")"; fi
# the fields are named
for what in "the title" "the subtitle" "this step" "the authority" \
    "the other support asked for" "the measure's baseline" \
    "the meeting's location" "this internal note"; do
	if grep -q "warning: $what holds an email address or a phone number" "$tmp/site.err"; then
		ok "the warning names the field: $what"
	else
		not_ok "the warning names the field: $what"
	fi
done

# Every output as text: HTML and CSV as they are; each PDF's text, and its
# objects decoded (metadata, bookmarks, link addresses).
for f in "$tmp"/site/*; do
	case $f in
	*.pdf)
		pdftotext "$f" "$f.text.txt" 2>/dev/null
		qpdf --json "$f" > "$f.json.txt" 2>/dev/null ;;
	esac
done
files=$(ls "$tmp"/site/*.html "$tmp"/site/*.csv "$tmp"/site/*.txt)
n_files=$(echo "$files" | wc -l | tr -d ' ')
found=
# shellcheck disable=SC2086
if grep -il '\.leak\|leak@\|leak＠\|leak%40\|leak \[at\]' $files > "$tmp/found"; then
	found="addresses in: $(tr '\n' ' ' < "$tmp/found")"
fi
for t in $TAILS; do
	# the digits of a number with anything a person puts between them
	re=$(echo "$t" | sed 's/./&[^0-9A-Za-z]\\{0,3\\}/g; s/\[^0-9A-Za-z\]\\{0,3\\}$//')
	for f in $files; do
		if tr '\n' ' ' < "$f" | grep -q "$re"; then
			found="$found number ...$t in $(basename "$f");"
		fi
	done
done
if [ -z "$found" ] && [ "$n_files" -ge 20 ]; then
	ok "no contact detail in any of the $n_files outputs (HTML, CSV, PDF text and objects)"
else
	not_ok "no contact detail in any of the $n_files outputs (HTML, CSV, PDF text and objects)" "$found"
fi
# not an empty success: the words around them are there
if grep -q 'contact details withheld' "$tmp/site/leak-form.html" &&
   grep -q 'Pledge form' "$tmp/site/leak-form.pdf.text.txt" &&
   grep -q 'Formular' "$tmp/site/leak-form.ro.html" &&
   grep -q 'Leaktown Council' "$tmp/site/signatories.csv"; then
	ok "the words around the withheld details are printed"
else
	not_ok "the words around the withheld details are printed"
fi
# and the internal edition keeps them (the test looks where it should)
mkdir -p "$tmp/internal"
# shellcheck disable=SC2086
"$M" build -w -o "$tmp/internal" $DOCS > /dev/null 2>&1
if grep -q 'alpha.leak@example.org' "$tmp/internal/leak-form.html"; then
	ok "the internal edition keeps them"
else
	not_ok "the internal edition keeps them"
fi

# A javascript: link where each link of the fixtures is: an error, and
# nothing is written.
for f in $DOCS; do
	grep -q 'href="' "$f" || continue
	base=$(basename "$f" .xml)
	mkdir -p "$tmp/js/translations" "$tmp/js/out"
	for g in $DOCS; do
		case $g in */translations/*) cp "$g" "$tmp/js/translations/" ;;
		*) cp "$g" "$tmp/js/" ;; esac
	done
	dest="$tmp/js/$base.xml"
	case $f in */translations/*) dest="$tmp/js/translations/$base.xml" ;; esac
	sed 's/href="[^"]*"/href="javascript:alert(1)"/g' "$f" > "$dest"
	# shellcheck disable=SC2046
	"$M" site --public -o "$tmp/js/out" $(echo "$DOCS" | sed "s#tests/privacy#$tmp/js#g") > /dev/null 2> "$tmp/js.err"
	rc=$?
	if [ "$rc" -eq 1 ] && grep -q "$base.xml:[0-9]*:[0-9]*: error: .*javascript:alert(1).*\[link-scheme\]" "$tmp/js.err" &&
	   [ -z "$(ls -A "$tmp/js/out")" ]; then
		ok "a javascript: link in $base stops the build, naming its place"
	else
		not_ok "a javascript: link in $base stops the build, naming its place" "exit $rc" "$(head -c 800 "$tmp/js.err")" "$(ls -A "$tmp/js/out")"
	fi
	rm -rf "$tmp/js"
done
echo "1..$n"
