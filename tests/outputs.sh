#!/bin/sh
# Outputs replaced all or none, runs into one directory one at a time, and
# what a killed run left removed by the next, in TAP. A preloaded stand-in
# for rename(2) (tests/shim/rename.c) makes a rename fail or wait, as a
# failing or slow file system would. Not run with the sanitizer build:
# AddressSanitizer must be the first library loaded.
# usage: sh tests/outputs.sh BINARY SHIM
M=${1:-build/mishto}
SHIM=${2:-build/shim-rename.so}
case $SHIM in /*) ;; *) SHIM=$PWD/$SHIM ;; esac
n=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mishto-outputs.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; shift
	for l in "$@"; do printf '%s\n' "$l" | sed 's/^/# /'; done; }
check() { name=$1; shift
	if "$@" > "$tmp/check.out" 2>&1; then ok "$name"
	else not_ok "$name" "$(head -c 1500 "$tmp/check.out")"; fi; }
# Two editions of one form, told apart by their titles.
mkdir -p "$tmp/v1" "$tmp/v2"
sed 's#<title>[^<]*</title>#<title>Edition one</title>#' content/la-pledge.xml > "$tmp/v1/form.xml"
sed 's#<title>[^<]*</title>#<title>Edition two</title>#' content/la-pledge.xml > "$tmp/v2/form.xml"
edition() { # edition FILE: which edition a PDF or HTML was made from
	case $1 in
	*.pdf) t=$(pdftotext "$1" - 2>/dev/null) ;;
	*) t=$(cat "$1") ;;
	esac
	case $t in *"Edition one"*) echo one ;; *"Edition two"*) echo two ;; *) echo none ;; esac
}
same() { # same DIR EDITION: form.pdf and form.html are both of EDITION
	p=$(edition "$1/form.pdf"); h=$(edition "$1/form.html")
	[ "$p" = "$2" ] && [ "$h" = "$2" ] || { echo "the PDF is of edition $p, the HTML of edition $h"; return 1; }
}
nothing_else() { # nothing_else DIR NAME...: only these names in DIR
	d=$1; shift
	want=$(for f in "$@"; do echo "$f"; done | sort | tr '\n' ' ')
	[ "$(ls -A "$d" | sort | tr '\n' ' ')" = "$want" ] ||
	    { echo "in the directory:"; ls -A "$d"; return 1; }
}

# ---- a rename that fails part-way puts back what the others replaced
for fail in .html .pdf; do
	d=$tmp/fail$fail
	mkdir -p "$d"
	"$M" build -o "$d" "$tmp/v1/form.xml" 2> /dev/null
	LD_PRELOAD=$SHIM MISHTO_TEST_RENAME_FAIL=$fail "$M" build -o "$d" "$tmp/v2/form.xml" 2> "$tmp/fail.err"
	rc=$?
	if [ "$rc" -eq 2 ]; then ok "a failed rename of the $fail file: exit status 2"
	else not_ok "a failed rename of the $fail file: exit status 2" "exit status $rc"; fi
	check "a failed rename of the $fail file: the error names it and says the old files are back" \
	    grep -q "form$fail: error: cannot move the new file into place: .*put back \\[output\\]" "$tmp/fail.err"
	check "a failed rename of the $fail file: the PDF and HTML are both the old ones" same "$d" one
	check "a failed rename of the $fail file: no temporary or lock file is left" nothing_else "$d" form.pdf form.html
done
# with no old outputs, the one renamed is removed again
d=$tmp/fail-new
mkdir -p "$d"
LD_PRELOAD=$SHIM MISHTO_TEST_RENAME_FAIL=.html "$M" build -o "$d" "$tmp/v2/form.xml" 2> /dev/null
check "a failed rename in an empty directory leaves it empty" nothing_else "$d"

# ---- two runs into one directory: the second moves its files in only
# when the first has moved all of its own (the first's renames are slowed
# to 1.5 s each; unserialised, the second's PDF was left beside the
# first's HTML)
d=$tmp/concurrent
mkdir -p "$d"
rm -f "$tmp/mark"
LD_PRELOAD=$SHIM MISHTO_TEST_RENAME_DELAY_MS=1500 MISHTO_TEST_RENAME_MARK=$tmp/mark \
    "$M" build -o "$d" "$tmp/v1/form.xml" 2> "$tmp/first.err" &
first=$!
i=0
while [ ! -e "$tmp/mark" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
"$M" build -o "$d" "$tmp/v2/form.xml" 2> "$tmp/second.err"
rc2=$?
wait "$first"
rc1=$?
check "two runs at once both succeed (exit $rc1 and $rc2)" test "$rc1" -eq 0 -a "$rc2" -eq 0
check "two runs at once: the PDF and HTML are both of the second run" same "$d" two
check "two runs at once: no temporary or lock file is left" nothing_else "$d" form.pdf form.html

# ---- a run killed (SIGKILL: nothing can be cleaned up) while its files
# are staged; the next run into the directory removes them
d=$tmp/killed
mkdir -p "$d"
"$M" build -o "$d" "$tmp/v1/form.xml" 2> /dev/null
rm -f "$tmp/mark"
LD_PRELOAD=$SHIM MISHTO_TEST_RENAME_DELAY_MS=30000 MISHTO_TEST_RENAME_MARK=$tmp/mark \
    "$M" build -o "$d" "$tmp/v2/form.xml" 2> /dev/null &
pid=$!
i=0
while [ ! -e "$tmp/mark" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
kill -KILL "$pid"
wait "$pid" 2> /dev/null
left=$(ls -A "$d" | grep -c '^\.')
check "a killed run left temporary files ($left), as nothing could remove them" test "$left" -ge 2
check "a killed run before its renames: the old outputs are in place" same "$d" one
"$M" build -o "$d" content/pledges/ashdown-borough.xml content/la-pledge.xml 2> "$tmp/next.err"
check "the next run into the directory removes what the killed run left" \
    nothing_else "$d" form.pdf form.html ashdown-borough.pdf ashdown-borough.html la-pledge.pdf la-pledge.html
echo "1..$n"
