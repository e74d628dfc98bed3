#!/bin/sh
# Hostile-input tests of the mishto command, in TAP. Run from the repository
# root with the binary to test:
#     sh tests/hostile.sh build/mishto
#     sh tests/hostile.sh build/san/mishto   (a sanitizer report fails a test)
# Injection attempts must come out as inert text, pathological inputs
# (generated here at test time, never committed) must finish and report, and
# a failed or interrupted build must leave old outputs as they were and no
# temporary files. Every run is limited to CPU_LIMIT seconds of CPU time
# (ulimit -t), so a loop that never ends fails instead of blocking; the
# limit is CPU time, not time on the clock, so a busy machine (another
# make check beside this one) cannot fail a test, and it is many times
# what the slowest case takes under the sanitizers. Elapsed times are
# printed as TAP comments ("# 2.3 s") and never asserted: speed is
# measured by make bench-linear.
M=${1:-build/mishto}
CPU_LIMIT=${CPU_LIMIT:-300}
n=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mishto-hostile.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP
FORM=content/la-pledge.xml
# As tests/run.sh: a sanitizer report exits 99 (and is also looked for in
# standard error, whatever the options).
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=99}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { # not_ok NAME DETAIL...: each detail as "# " comment lines
	n=$((n + 1))
	echo "not ok $n - $1"
	shift
	for l in "$@"; do
		[ -n "$l" ] && printf '%s\n' "$l" | head -c 2000 | cat -v | sed 's/^/# /'
	done
}
skip() { n=$((n + 1)); echo "ok $n - # SKIP $1"; }
check() { # check NAME COMMAND...: passes when the command succeeds
	name=$1
	shift
	if "$@" > "$tmp/check.out" 2>&1; then ok "$name"
	else not_ok "$name" "$(head -c 2000 "$tmp/check.out")"; fi
}
checkd() { # checkd NAME FILE COMMAND...: as check; on failure shows FILE
	name=$1
	file=$2
	shift 2
	if "$@" > "$tmp/check.out" 2>&1; then ok "$name"
	else not_ok "$name" "$(head -c 2000 "$tmp/check.out")" "$(head -c 1200 "$file")"; fi
}
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
# Leading dot files in a directory: temporary outputs (".NAME.XXXXXX").
dotfiles() { ls -A "$1" | grep '^\.' ; }
# Control characters other than tab and newline (terminal escapes, NUL).
controls() { LC_ALL=C tr -d '\011\012\040-\176\200-\377' < "$1" | wc -c | tr -d ' '; }

# sh -c "$limit_cpu" "$CPU_LIMIT" COMMAND...: COMMAND with the CPU time
# limit, in the same process (so a background one's $! is COMMAND's);
# at the limit the kernel sends SIGXCPU, then SIGKILL.
# shellcheck disable=SC2016
limit_cpu='ulimit -t "$0" && exec "$@"'
limited() { sh -c "$limit_cpu" "$CPU_LIMIT" "$@"; }
# over_limit: whether $rc says the CPU time limit stopped the command
over_limit() { [ "$rc" -eq 152 ] || [ "$rc" -eq 137 ]; }
# run NAME COMMAND...: runs COMMAND with the CPU time limit; sets rc and
# el, keeps standard error in $tmp/NAME.err.
run() {
	name=$1
	shift
	t0=$(now)
	limited "$@" > "$tmp/$name.stdout" 2> "$tmp/$name.err"
	rc=$?
	el=$(since "$t0")
	echo "# $name: exit $rc in $el s"
}
# fresh NAME: an empty output directory $out for NAME
fresh() { out="$tmp/$1.out"; rm -rf "$out"; mkdir -p "$out"; }
finished() { # finished NAME "STATUSES": within the limit, with one of them
	what="$1: finishes within $CPU_LIMIT s of CPU time with exit status $(echo "$2" | sed 's/ / or /g')"
	case " $2 " in
	*" $rc "*) ok "$what" ;;
	*) if over_limit; then not_ok "$what" "stopped after $CPU_LIMIT s of CPU time (exit status $rc)"
	   else not_ok "$what" "exit status $rc" "$(head -c 800 "$tmp/$1.err")"; fi ;;
	esac
}
no_crash() { # no_crash NAME: no signal, no sanitizer report
	if [ "$rc" -lt 128 ] && [ "$rc" -ne 99 ] &&
	    ! grep -q 'AddressSanitizer\|LeakSanitizer\|runtime error' "$tmp/$1.err"; then
		ok "$1: no crash and no sanitizer report"
	else
		not_ok "$1: no crash and no sanitizer report" "exit status $rc" \
		    "$(grep -m 5 -A 5 'Sanitizer\|runtime error' "$tmp/$1.err" | head -c 1500)"
	fi
}
located() { # located NAME FILE: an error diagnostic at FILE:LINE:COL
	re=$(printf '%s' "$2" | sed 's/[].[\*^$/]/\\&/g')
	if grep -q "^$re:[1-9][0-9]*:[1-9][0-9]*: error: " "$tmp/$1.err"; then
		ok "$1: the error names file:line:col"
	else
		not_ok "$1: the error names file:line:col" "$(head -c 800 "$tmp/$1.err")"
	fi
}
no_output() { # no_output NAME: nothing written to $out
	if [ -z "$(ls -A "$out")" ]; then ok "$1: writes no output"
	else not_ok "$1: writes no output" "$(ls -A "$out" | head -5)"; fi
}

# ==== 1. injection stays inert =========================================
fresh inject
run inject "$M" build -o "$out" "$FORM" tests/hostile/inject.xml
finished inject "0"
no_crash inject
H="$out/inject.html"
P="$out/inject.pdf"
if [ -s "$H" ] && [ -s "$P" ]; then
	check "inject: the HTML has no <script, <img or <svg markup" \
	    sh -c "! grep -qi '<script\\|<img\\|<svg' '$H'"
	check "inject: the injected markup is in the HTML as escaped text" \
	    sh -c "grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' '$H' && grep -q '&lt;img src=x onerror=alert(1)&gt;' '$H'"
	# onerror= may only appear inside that escaped text
	check "inject: onerror= is never markup in the HTML" \
	    sh -c "! sed 's/&lt;img src=x onerror=alert(1)&gt;//g' '$H' | grep -qi 'onerror='"
	check "inject: no href=\"javascript: in the HTML" \
	    sh -c "! grep -qi 'href=[\"'\\'']* *javascript:' '$H'"
	# An HTML parser sees no script, image, event handler or script address.
	cnt=$(xmllint --html --xpath 'count(//script|//img|//svg|//iframe|//object|//embed|//@*[starts-with(translate(name(),"ON","on"),"on")]|//@src|//@href[starts-with(translate(normalize-space(.),"JAVSCRIPT","javscript"),"javascript:")])' "$H" 2>/dev/null)
	check "inject: an HTML parser finds no script element, image, event handler or javascript: address (found ${cnt:-?})" \
	    test "${cnt:-x}" = 0
	links=$(xmllint --html --xpath 'count(//a[starts-with(@href,"https://example.org/")])' "$H" 2>/dev/null)
	check "inject: the three hostile link addresses stay single href attributes (found ${links:-?})" \
	    test "${links:-x}" = 3
	if command -v qpdf > /dev/null; then
		check "inject: the PDF passes qpdf --check" qpdf --check "$P"
		qpdf --json "$P" > "$tmp/inject.json" 2>/dev/null
		# /S names an action's type, and also a structure element's
		# (a tagged PDF) and the PDF/A output intent's
		check "inject: the PDF has no JavaScript action, OpenAction or additional actions (only /URI links)" \
		    sh -c "! grep -q '\"/JS\":\\|\"/JavaScript\"\\|\"/OpenAction\":\\|\"/AA\":' '$tmp/inject.json' && ! grep -o '\"/S\": \"/[A-Za-z0-9]*\"' '$tmp/inject.json' | grep -v '\"/\\(URI\\|GTS_PDFA1\\|Document\\|Div\\|Sect\\|H[1-6]\\|P\\|L\\|LI\\|LBody\\|Lbl\\|Table\\|TBody\\|TR\\|TH\\|TD\\|Figure\\|Span\\|Link\\|Form\\|NonStruct\\)\"' | grep -q ."
	else
		skip "inject: qpdf is not installed (apt-get install -y qpdf)"
		skip "inject: qpdf is not installed, so the PDF's actions are not listed"
	fi
	check "inject: pdfinfo reads the PDF and gives its title as text" \
	    sh -c "pdfinfo '$P' 2>/dev/null | grep '^Title:' | grep -qF 'Inject <script>alert(1)</script> (title) \\) Tj ET %%EOF'"
	pdftotext "$P" - 2>/dev/null | tr '\n' ' ' > "$tmp/inject.txt"
	missing=
	for s in ') Tj ET' '%%EOF' '%PDF-1.4' '\) Tj' 'endstream' 'stream BT /F1 12 Tf (pwned) Tj ET' \
	    '<< /JS (app.alert(1)) >>' '<script>alert(1)</script>' '"><img src=x onerror=alert(1)>' \
	    'javascript:alert(document.cookie)' 'Backslashes \ \\ \\\ \n \r \t \050 \)' \
	    '((( ) ))) ( and a lone' ') here.'; do
		grep -qF -- "$s" "$tmp/inject.txt" || missing="$missing [$s]"
	done
	check "inject: pdftotext gives every injected string back as text" test -z "$missing"
	[ -n "$missing" ] && echo "# missing from the PDF text:$missing"
else
	not_ok "inject: inject.html and inject.pdf are written" "$(head -c 800 "$tmp/inject.err")"
fi

# ==== 2. generated pathological inputs ==================================
G="$tmp/gen"
mkdir -p "$G"
form_head() { # form_head ID
	cat <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<pledge-form xmlns="urn:mishto:1" id="$1" xml:lang="en">
  <title>Generated form</title>
  <actions>
    <group id="g" title="Group">
EOF
}
form_tail() {
	cat <<'EOF'
    </group>
  </actions>
  <support><option id="training">Training</option></support>
  <monitoring><p>Review progress once a year.</p></monitoring>
  <contact/>
</pledge-form>
EOF
}
pledge_head() { # pledge_head ID AUTHORITY-FILE: the authority's text from a file
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<pledge xmlns="urn:mishto:1" id="%s" xml:lang="en" form="la-pledge" signed="2026-05-01"\n        authority="' "$1"
	cat "$2"
	printf '">\n'
}
pledge_body() { # every action point committed, support, report date
	cat <<'EOF'
  <commit step="promote-culture/calendar-events" by="2027-01-31"/>
  <commit step="inclusive-recruitment/community-channels" by="2027-03-31"/>
  <commit step="inclusive-communication/accessible-methods"/>
  <commit step="cultural-competency/staff-knowledge" by="2027-02-28"/>
  <commit step="children-access/romanes-interpreters" by="2027-04-30"/>
  <commit step="inclusive-child-protection/strength-based" by="2027-06-30"/>
  <commit step="children-in-care/foster-support" by="2027-09-30"/>
  <commit step="housing-access/housing-routes" by="2027-05-31"/>
  <commit step="not-digital-by-default/alternatives"/>
  <support option="training"/>
  <report-due>2027-01-29</report-due>
EOF
}
printf 'Testbury Borough Council' > "$G/authority.txt"

# ---- 100,000 nested <em> in a step: libxml2 refuses the depth
{ form_head deep-nesting
  printf '      <action-point id="ap" title="Deep"><step id="s">'
  awk 'BEGIN { for (i = 0; i < 100000; i++) printf "<em>"; printf "x";
               for (i = 0; i < 100000; i++) printf "</em>"; print "" }'
  printf '      </step></action-point>\n'
  form_tail; } > "$G/deep-nesting.xml"
fresh deep-nesting
run deep-nesting "$M" build -o "$out" "$G/deep-nesting.xml"
finished deep-nesting "1"
no_crash deep-nesting
located deep-nesting "$G/deep-nesting.xml"
no_output deep-nesting
checkd "deep-nesting: the message says the nesting is too deep" "$tmp/deep-nesting.err" \
    grep -qi 'depth\|deep\|nest' "$tmp/deep-nesting.err"
check "deep-nesting: the message names no libxml2 option the user cannot set (XML_PARSE_HUGE)" \
    sh -c "! grep 'XML_PARSE_' '$tmp/deep-nesting.err'"

# ---- a pledge form with 100,000 action points and a guidance row for each
{ form_head big-form
  awk 'BEGIN { for (i = 1; i <= 100000; i++)
      printf "      <action-point id=\"ap%d\" title=\"Action point %d\"><step id=\"s\">Do thing %d.</step></action-point>\n", i, i, i }'
  form_tail; } > "$G/big-form.xml"
{ cat <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<guidance xmlns="urn:mishto:1" id="big-guidance" xml:lang="en" form="big-form">
  <title>Generated guidance</title>
  <guidance-table>
EOF
  awk 'BEGIN { for (i = 1; i <= 100000; i++)
      printf "    <row action-point=\"ap%d\"><actions><p>Guidance %d.</p></actions></row>\n", i, i }'
  printf '  </guidance-table>\n</guidance>\n'; } > "$G/big-guidance.xml"
fresh big-guidance
run big-guidance "$M" build -o "$out" "$G/big-form.xml" "$G/big-guidance.xml"
finished big-guidance "0"
no_crash big-guidance
check "big-guidance: the HTML holds the last of the 100,000 rows" \
    grep -q 'Guidance 100000\.' "$out/big-guidance.html"
check "big-guidance: the PDF is written" test -s "$out/big-guidance.pdf"

# ---- an action plan with 100,000 actions, to PDF and HTML
{ cat <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<action-plan xmlns="urn:mishto:1" id="big-plan" xml:lang="en">
  <title>Generated plan</title>
  <people><person id="LA" name="Lee Adams"/></people>
  <goal ref="1" title="Everything">
EOF
  awk 'BEGIN { for (i = 1; i <= 100000; i++)
      printf "    <action ref=\"1.%d\" lead=\"LA\" status=\"in-progress\" due=\"2027-Q%d\"><text>Action number %d.</text></action>\n", i, i % 4 + 1, i }'
  printf '  </goal>\n</action-plan>\n'; } > "$G/big-plan.xml"
fresh big-plan
run big-plan "$M" build -o "$out" --format pdf,html "$G/big-plan.xml"
finished big-plan "0"
no_crash big-plan
check "big-plan: the HTML holds the last of the 100,000 actions" \
    grep -q 'Action number 100000\.' "$out/big-plan.html"
check "big-plan: pdfinfo reads the PDF" sh -c "pdfinfo '$out/big-plan.pdf' 2>/dev/null | grep -q '^Pages: *[1-9]'"

# ---- long plans (over 1 MB: their XML tree is kept apart, reserve.h)
# with a mistake on their last lines: a tag not closed (found while the
# tree is made), a word not in the schema (found once it is made); the
# form read after them in the same run
long_plan() { # long_plan NAME LAST-LINE: 12,000 actions, then the line
	{ printf '<?xml version="1.0" encoding="UTF-8"?>\n<action-plan xmlns="urn:mishto:1" id="%s" xml:lang="en">\n  <title>Generated plan</title>\n  <people><person id="LA" name="Lee Adams"/></people>\n  <goal ref="1" title="Everything">\n' "$1"
	  awk 'BEGIN { for (i = 1; i <= 12000; i++)
	      printf "    <action ref=\"1.%d\" lead=\"LA\" status=\"in-progress\" due=\"2027-Q%d\"><text>Action number %d, with a few more words to make the line long.</text></action>\n", i, i % 4 + 1, i }'
	  printf '%s\n  </goal>\n</action-plan>\n' "$2"; } > "$G/$1.xml"
}
long_plan long-unclosed '    <action ref="2.1" lead="LA" status="done"><text>Not closed.</action>'
long_plan long-invalid '    <action ref="2.1" lead="LA" status="sleeping"><text>A status not in the list.</text></action>'
for doc in long-unclosed long-invalid; do
	line=$(grep -n 'ref="2.1"' "$G/$doc.xml" | cut -d: -f1)
	fresh "$doc"
	run "$doc" "$M" build -o "$out" "$G/$doc.xml" "$FORM"
	finished "$doc" "1"
	no_crash "$doc"
	no_output "$doc"
	checkd "$doc: the error is on line $line, the action's" "$tmp/$doc.err" \
	    grep -q "^$G/$doc.xml:$line:[1-9][0-9]*: error: " "$tmp/$doc.err"
	checkd "$doc: the form after it is read without a message" "$tmp/$doc.err" \
	    sh -c "! grep -q '^$FORM' '$tmp/$doc.err'"
done
check "long-unclosed: the bytes are over 1 MB" test "$(wc -c < "$G/long-unclosed.xml")" -gt 1048576
# libxml2 keeps a copy of the last error it met: the next error (a
# shorter file's, read after) lets it go
fresh long-then-short
run long-then-short "$M" check "$G/long-unclosed.xml" tests/bad/malformed.xml
finished long-then-short "1"
no_crash long-then-short
checkd "long-then-short: both files' errors are said" "$tmp/long-then-short.err" \
    sh -c "grep -q '^$G/long-unclosed.xml:[0-9]*:[0-9]*: error: ' '$tmp/long-then-short.err' && grep -q '^tests/bad/malformed.xml:[0-9]*:[0-9]*: error: ' '$tmp/long-then-short.err'"

# ---- a step whose text is one word of 1,000,000 letters
{ form_head long-word
  printf '      <action-point id="ap" title="One long word">\n        <step id="s">'
  head -c 1000000 /dev/zero | tr '\0' 'w'
  printf '</step>\n      </action-point>\n'
  form_tail; } > "$G/long-word.xml"
fresh long-word
run long-word "$M" build -o "$out" --format pdf "$G/long-word.xml"
finished long-word "0"
no_crash long-word
if [ -s "$out/long-word.pdf" ]; then
	pdftotext "$out/long-word.pdf" "$tmp/long-word.txt" 2>/dev/null
	ws=$(tr -cd 'w' < "$tmp/long-word.txt" | wc -c | tr -d ' ')
	echo "# long-word: $ws letters w in the PDF text"
	check "long-word: pdftotext gives back long runs of the letter, 1,000,000 in all" \
	    sh -c "grep -q 'wwwwwwwwwwwwwwwwwwww' '$tmp/long-word.txt' && test $ws -ge 1000000"
else
	not_ok "long-word: the PDF is written"
fi

# ---- a 10 MB attribute value (the authority of a pledge)
head -c 10000000 /dev/zero | tr '\0' 'A' > "$G/big-authority.txt"
{ pledge_head big-attribute "$G/big-authority.txt"; pledge_body
  printf '  <contact name="Jane Smith" email="jane.smith@testbury.example"/>\n</pledge>\n'; } > "$G/big-attribute.xml"
fresh big-attribute
run big-attribute "$M" build -o "$out" "$FORM" "$G/big-attribute.xml"
finished big-attribute "0"
no_crash big-attribute
check "big-attribute: the PDF and HTML are written" \
    test -s "$out/big-attribute.pdf" -a -s "$out/big-attribute.html"

# ---- a bad email on line 70,001
{ pledge_head far-line "$G/authority.txt"; pledge_body
  awk 'BEGIN { for (i = 0; i < 69986; i++) print "" }'
  printf '  <contact name="Jane Smith" email="not-an-email"/>\n</pledge>\n'; } > "$G/far-line.xml"
line=$(grep -n 'not-an-email' "$G/far-line.xml" | cut -d: -f1)
fresh far-line
run far-line "$M" build -o "$out" "$FORM" "$G/far-line.xml"
finished far-line "1"
no_crash far-line
located far-line "$G/far-line.xml"
no_output far-line
checkd "far-line: the diagnostic says line $line" "$tmp/far-line.err" \
    grep -q "far-line\\.xml:$line:[0-9]*: error: .*\\[email\\]" "$tmp/far-line.err"

# ---- 5 MB of random bytes
head -c 5000000 /dev/urandom > "$G/random.xml"
fresh random
run random "$M" build -o "$out" "$G/random.xml"
finished random "1"
no_crash random
located random "$G/random.xml"
no_output random

# ---- 100,000 commits of one step
{ pledge_head many-commits "$G/authority.txt"
  awk 'BEGIN { for (i = 0; i < 100000; i++) print "  <commit step=\"promote-culture/calendar-events\"/>" }'
  pledge_body | sed 1d
  printf '  <contact name="Jane Smith" email="jane.smith@testbury.example"/>\n</pledge>\n'; } > "$G/many-commits.xml"
fresh many-commits
run many-commits "$M" build -o "$out" "$FORM" "$G/many-commits.xml"
finished many-commits "1"
no_crash many-commits
located many-commits "$G/many-commits.xml"
no_output many-commits
dups=$(grep -c 'error: .*\[duplicate-commit\]' "$tmp/many-commits.err")
echo "# many-commits: $dups duplicate-commit errors"
check "many-commits: reports duplicate-commit errors" test "$dups" -ge 1

# ==== 3. write safety ====================================================
old() { # old DIR NAME...: old outputs to keep
	d=$1
	shift
	mkdir -p "$d"
	for f in "$@"; do echo "old $f" > "$d/$f"; done
}
kept() { # kept DIR NAME...: exactly the old outputs, unchanged, nothing else
	d=$1
	shift
	for f in "$@"; do
		[ "$(cat "$d/$f" 2>/dev/null)" = "old $f" ] || { echo "$f changed"; return 1; }
	done
	[ "$(ls -A "$d" | wc -l)" -eq $# ] || { echo "other files:"; ls -A "$d"; return 1; }
}

# ---- a missing font
sed -e 's#^font-regular .*#font-regular = /nonexistent.ttf#' \
    -e "s#^stylesheet .*#stylesheet = $PWD/layouts/mishto.css#" layouts/a4.layout > "$tmp/nofont.layout"
old "$tmp/nofont" la-pledge.pdf la-pledge.html
run nofont "$M" build --layout "$tmp/nofont.layout" -o "$tmp/nofont" "$FORM"
finished nofont "2"
no_crash nofont
checkd "nofont: the message names the font" "$tmp/nofont.err" grep -q '/nonexistent\.ttf' "$tmp/nofont.err"
check "nofont: the old outputs are unchanged and nothing else is in the directory" kept "$tmp/nofont" la-pledge.pdf la-pledge.html

# ---- the output "directory" is a regular file
echo "a file" > "$tmp/afile"
run outfile "$M" build -o "$tmp/afile" "$FORM"
finished outfile "2"
no_crash outfile
check "outfile: the file is unchanged" test "$(cat "$tmp/afile")" = "a file"
checkd "outfile: the message says it is not a directory (not that it does not exist)" "$tmp/outfile.err" \
    sh -c "grep -q '$tmp/afile' '$tmp/outfile.err' && ! grep -q 'does not exist' '$tmp/outfile.err'"

# ---- a directory on a read-only file system (root ignores permissions)
ro=
for d in /sys/kernel /sys /proc/sys /proc; do
	[ -d "$d" ] || continue
	if touch "$d/.mishto-probe.$$" 2>/dev/null; then
		rm -f "$d/.mishto-probe.$$"
	else
		ro=$d
		break
	fi
done
if [ -n "$ro" ]; then
	run readonly "$M" build -o "$ro" "$FORM"
	finished readonly "2"
	no_crash readonly
	checkd "readonly: the message names the directory ($ro)" "$tmp/readonly.err" grep -qF "$ro/" "$tmp/readonly.err"
else
	skip "readonly: no directory here refuses new files (/sys/kernel, /sys, /proc/sys, /proc all writable)"
fi

# ---- a full disk: a 64-block file size limit, smaller than the PDF;
# SIGXFSZ ignored so the write fails with EFBIG instead of killing mishto
old "$tmp/full" la-pledge.pdf la-pledge.html
run full sh -c "ulimit -f 64; trap '' XFSZ; exec '$M' build -o '$tmp/full' '$FORM'"
finished full "2"
no_crash full
checkd "full: the message says the file could not be written" "$tmp/full.err" grep -q 'error: .*\[output\]' "$tmp/full.err"
check "full: the old outputs are unchanged and no temporary file is left" kept "$tmp/full" la-pledge.pdf la-pledge.html

# ---- standard output on a full device
for what in "schema" "--help" "--version" "fingerprint $FORM"; do
	tag=$(echo "devfull-$what" | tr -c 'a-z0-9-\n' '-' | cut -c1-30)
	# shellcheck disable=SC2086
	run "$tag" sh -c "exec '$M' $what > /dev/full"
	if [ "$rc" -eq 2 ] && [ -s "$tmp/$tag.err" ]; then
		ok "mishto $what > /dev/full exits 2 with an error message"
	else
		not_ok "mishto $what > /dev/full exits 2 with an error message" \
		    "exit status $rc; standard error: $(head -c 300 "$tmp/$tag.err")"
	fi
done

# ---- interrupted builds (the 100,000-action plan takes a few seconds)
# A background job of a non-interactive shell starts with SIGINT ignored:
# env --default-signal gives mishto the default action back. The builds
# run under the CPU time limit, so waiting for one always ends.
stopped() { # stopped PID: waits for PID; sets rc
	wait "$1"
	rc=$?
}
interrupted() { # interrupted NAME SIGNAL DIR: the checks after the signal
	echo "# $1: exit $rc"
	if [ "$rc" -ne 0 ]; then ok "$1: the build stops with a non-zero status"
	else not_ok "$1: the build stops with a non-zero status" "exit status 0"; fi
	if grep -q 'AddressSanitizer\|LeakSanitizer\|runtime error' "$tmp/$1.err"; then
		not_ok "$1: no sanitizer report" "$(head -c 1500 "$tmp/$1.err")"
	else ok "$1: no sanitizer report"; fi
	check "$1: the old output is unchanged and no temporary file is left" kept "$3" big-plan.pdf
}
if ! env --default-signal=INT true 2>/dev/null; then
	skip "sigint: env --default-signal is not available to undo the ignored SIGINT"
	skip "sigint-staged: env --default-signal is not available"
	skip "sigterm-staged: env --default-signal is not available"
else
	# SIGINT half a second in
	old "$tmp/sigint" big-plan.pdf
	sh -c "$limit_cpu" "$CPU_LIMIT" env --default-signal=INT "$M" build -o "$tmp/sigint" "$G/big-plan.xml" 2> "$tmp/sigint.err" &
	pid=$!
	sleep 0.5
	if kill -0 "$pid" 2>/dev/null; then
		kill -INT "$pid"
		stopped "$pid"
		interrupted sigint INT "$tmp/sigint"
	else
		wait "$pid"
		skip "sigint: the build finished within 0.5 s, before the signal"
		skip "sigint: the build finished before the signal"
		skip "sigint: the build finished before the signal"
	fi
	# The signal while the new outputs are staged under temporary names
	for sig in INT TERM; do
		name=$(echo "sig$sig-staged" | tr '[:upper:]' '[:lower:]')
		d="$tmp/$name"
		old "$d" big-plan.pdf
		sh -c "$limit_cpu" "$CPU_LIMIT" env --default-signal=$sig "$M" build -o "$d" "$G/big-plan.xml" 2> "$tmp/$name.err" &
		pid=$!
		sent=
		while kill -0 "$pid" 2>/dev/null; do
			sent=$(dotfiles "$d" | head -1)
			if [ -n "$sent" ]; then
				kill -$sig "$pid"
				break
			fi
		done
		if [ -n "$sent" ]; then
			echo "# $name: SIG$sig sent while $sent existed"
			stopped "$pid"
			interrupted "$name" $sig "$d"
		else
			stopped "$pid"
			skip "$name: no temporary file was seen before the build ended (exit $rc)"
			skip "$name: no temporary file was seen"
			skip "$name: no temporary file was seen"
		fi
	done
fi

# ==== 4. found while writing these tests ================================
# ---- a space between two inline elements is text, as in HTML
cat > "$G/inline-space.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<guidance xmlns="urn:mishto:1" id="inline-space" xml:lang="en" form="la-pledge" groups="housing">
  <title>Spaces</title>
  <p><em>bravo</em> <strong>charlie</strong></p>
  <guidance-table>
    <row action-point="housing-access"><actions><p>x</p></actions></row>
    <row action-point="not-digital-by-default"><actions><p>y</p></actions></row>
  </guidance-table>
</guidance>
EOF
fresh inline-space
run inline-space "$M" build -o "$out" "$FORM" "$G/inline-space.xml"
finished inline-space "0"
check "inline-space: the HTML keeps the space between </em> and <strong>" \
    sh -c "grep -q '</em> <strong>' '$out/inline-space.html' || { grep -o '<p><em>bravo.*charlie</strong></p>' '$out/inline-space.html'; false; }"
check "inline-space: the PDF text keeps the space (\"bravo charlie\")" \
    sh -c "pdftotext '$out/inline-space.pdf' - 2>/dev/null | grep -q 'bravo charlie' || { pdftotext '$out/inline-space.pdf' - 2>/dev/null | grep bravo; false; }"

# ---- lists nested 120 deep (under libxml2's depth limit): no text is
# placed off the page
{ cat <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<guidance xmlns="urn:mishto:1" id="deep-lists" xml:lang="en" form="la-pledge" groups="housing">
  <title>Deep lists</title>
EOF
  awk 'BEGIN { for (i = 0; i < 120; i++) printf "<ul><li>item %d ", i;
               for (i = 0; i < 120; i++) printf "</li></ul>"; print "" }'
  cat <<'EOF'
  <guidance-table>
    <row action-point="housing-access"><actions><p>x</p></actions></row>
    <row action-point="not-digital-by-default"><actions><p>y</p></actions></row>
  </guidance-table>
</guidance>
EOF
} > "$G/deep-lists.xml"
fresh deep-lists
run deep-lists "$M" build -o "$out" --format pdf,layout "$FORM" "$G/deep-lists.xml"
finished deep-lists "0"
no_crash deep-lists
off=$(awk 'NR == 1 { w = $2 } $1 == "text" && $2 + 0 >= w { c++ } END { print c + 0 }' "$out/deep-lists.layout.txt")
check "deep-lists: no text box starts beyond the page's right edge ($off do)" \
    sh -c "test $off -eq 0 || { head -1 '$out/deep-lists.layout.txt'; awk '\$1 == \"text\" && \$2 + 0 >= 595' '$out/deep-lists.layout.txt' | sed -n '1p;\$p'; false; }"
check "deep-lists: pdftotext gives back the innermost item" \
    sh -c "pdftotext '$out/deep-lists.pdf' - 2>/dev/null | tr '\\n' ' ' | grep -q 'item 119'"

# ---- human diagnostics quote source lines: control characters in them
# (terminal escapes, NUL) must not reach the terminal raw
for f in tests/bad/xml-terminal-escape.xml tests/bad/xml-nul-byte.xml tests/bad/xml-bom-utf16.xml "$G/random.xml"; do
	[ -f "$f" ] || continue
	"$M" check "$f" 2> "$tmp/ctl.err" > /dev/null
	c=$(controls "$tmp/ctl.err")
	checkd "human diagnostics of $(basename "$f") hold no control characters ($c found)" "$tmp/ctl.err" test "$c" -eq 0
done

# ==== 5. limits: checked before the work ==================================
# ---- a 70 MB file (sparse: it takes no disk) is refused from its size,
# before a byte is read: a tenth of a second of CPU time is plenty
truncate -s 70M "$G/huge.xml"
fresh huge
run huge sh -c "ulimit -t 1; exec '$M' build -o '$out' '$G/huge.xml'"
finished huge "1"
located huge "$G/huge.xml"
check "huge: the message gives the limit" grep -q 'larger than 64 MB' "$tmp/huge.err"
no_output huge
rm -f "$G/huge.xml"
# ---- /dev/zero never ends: refused as a device (it grew until memory ran out)
fresh dev-zero
run dev-zero "$M" build -o "$out" /dev/zero
finished dev-zero "2"
check "dev-zero: the message says it is not a file" grep -q '/dev/zero: error: .*device' "$tmp/dev-zero.err"
# ---- a FIFO with no writer reads as empty (it blocked forever); a blocked
# process spends no CPU time, so only here a clock limit, of a minute
if mkfifo "$G/fifo.xml" 2> /dev/null; then
	fresh fifo
	run fifo timeout 60 "$M" build -o "$out" "$G/fifo.xml"
	finished fifo "1"
	located fifo "$G/fifo.xml"
	no_output fifo
else
	skip "fifo: mkfifo is not available"
fi
# ---- a pipe is read (bash's <(...) names one as /dev/fd/N)
fresh pipe
run pipe sh -c "cat '$FORM' | '$M' check /dev/stdin"
finished pipe "0"
# ---- 100,000 attributes on one element: 18 s of CPU in libxml2 before;
# now an error at the element, found in a linear scan before libxml2 reads
{ printf '<?xml version="1.0" encoding="UTF-8"?>\n<pledge-form xmlns="urn:mishto:1" id="many-attributes" xml:lang="en"\n'
  awk 'BEGIN { for (i = 0; i < 100000; i++) printf " a%d=\"1\"", i; print ">" }'
  printf '  <title>T</title>\n</pledge-form>\n'; } > "$G/many-attributes.xml"
fresh many-attributes
run many-attributes sh -c "ulimit -t 10; exec '$M' build -o '$out' '$G/many-attributes.xml'"
finished many-attributes "1"
no_crash many-attributes
checkd "many-attributes: the error is at the element, line 2, column 1" "$tmp/many-attributes.err" \
    grep -q "many-attributes\\.xml:2:1: error: this element has 10000[0-9] attributes; mishto reads at most 256 .*\\[xml-limit\\]" "$tmp/many-attributes.err"
no_output many-attributes

# ---- 33,000 combining marks on one line: a string of more than 65,535
# bytes, which libharu refuses (the build failed with "error 0x105B");
# now drawn in pieces
{ cat <<'EOF2'
<?xml version="1.0" encoding="UTF-8"?>
<guidance xmlns="urn:mishto:1" id="marks" xml:lang="en" form="la-pledge" groups="housing">
  <title>Marks</title>
EOF2
  printf '  <p>a'
  awk 'BEGIN { for (i = 0; i < 33000; i++) printf "\314\201"; print "b</p>" }'
  cat <<'EOF2'
  <guidance-table>
    <row action-point="housing-access"><actions><p>x</p></actions></row>
    <row action-point="not-digital-by-default"><actions><p>y</p></actions></row>
  </guidance-table>
</guidance>
EOF2
} > "$G/marks.xml"
fresh marks
run marks "$M" build -o "$out" --format pdf "$FORM" "$G/marks.xml"
finished marks "0"
no_crash marks
check "marks: pdfinfo reads the PDF" sh -c "pdfinfo '$out/marks.pdf' 2>/dev/null | grep -q '^Pages: *[1-9]'"

echo "1..$n"
