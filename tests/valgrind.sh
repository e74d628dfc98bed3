#!/bin/sh
# The command under valgrind's memcheck, in TAP: no invalid access and no
# memory lost (definite or indirect) in a full build of content/, in
# failing checks, and in the unit tests of layout and the CLI.
# usage: sh tests/valgrind.sh BINARY
M=${1:-build/mishto}
n=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mishto-vg.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
if ! command -v valgrind > /dev/null 2>&1; then
	echo "ok 1 - # SKIP valgrind is not installed"
	echo "1..1"
	exit 0
fi
vg() { # NAME STATUS COMMAND...: passes when memcheck finds nothing and
	# COMMAND exits with STATUS (a death by a signal, a segfault say,
	# is never a pass: valgrind dies of the same signal, 128 + N)
	name=$1
	want=$2
	shift 2
	n=$((n + 1))
	valgrind -q --error-exitcode=99 --leak-check=full \
	    --show-leak-kinds=definite,indirect \
	    --errors-for-leak-kinds=definite,indirect "$@" \
	    > "$tmp/out" 2> "$tmp/err"
	rc=$?
	if [ "$rc" -eq 99 ]; then
		echo "not ok $n - $name"
		sed 's/^/# /' "$tmp/err" | head -40
	elif [ "$rc" -gt 128 ]; then
		echo "not ok $n - $name"
		echo "# died of signal $((rc - 128)) (exit status $rc)"
		sed 's/^/# /' "$tmp/err" | head -40
	elif [ "$rc" -ne "$want" ]; then
		echo "not ok $n - $name"
		echo "# exit status $rc, not $want"
		sed 's/^/# /' "$tmp/err" | head -20
	else
		echo "ok $n - $name"
	fi
}
# The harness itself: a program that dies of a signal is a failure.
selftest=$(n=0; vg "a segfault" 0 sh -c 'kill -SEGV $$' 2>&1)
n=$((n + 1))
case "$selftest" in
"not ok 1 - a segfault"*"signal 11"*) echo "ok $n - a program that dies of SIGSEGV under valgrind fails its test" ;;
*) echo "not ok $n - a program that dies of SIGSEGV under valgrind fails its test"
   printf '%s\n' "$selftest" | sed 's/^/# /' ;;
esac
CONTENT=$(ls content/*.xml content/*/*.xml)
mkdir -p "$tmp/out1"
# shellcheck disable=SC2086
vg "a build of content/ (PDF, HTML, layout)" 0 "$M" build --format pdf,html,layout --as-of 2027-01-31 -o "$tmp/out1" $CONTENT
vg "a check that finds errors" 1 "$M" check content/la-pledge.xml tests/bad/pledge-missing-action-point.xml
vg "a file that is not XML" 1 "$M" check tests/bad/malformed.xml
vg "a DOCTYPE with entities" 1 "$M" check tests/bad/xml-billion-laughs.xml
vg "JSON diagnostics" 1 "$M" check --diagnostics=json content/la-pledge.xml tests/bad/pledge-duplicate-commit.xml
vg "a public build" 0 "$M" build --public -o "$tmp/out1" content/la-pledge.xml content/pledges/ashdown-borough.xml
vg "fingerprints" 0 "$M" fingerprint content/pledges/kingsmere-city.xml
vg "the signatories register" 0 "$M" report signatories --as-of 2027-03-01 --format pdf,html,csv -o "$tmp/out1" content/la-pledge.xml tests/report/*.xml
vg "a progress report against an earlier version" 0 "$M" report progress --as-of 2027-01-31 --against tests/progress/plan-v1.xml -o "$tmp/out1" tests/progress/plan-v2.xml
mkdir -p "$tmp/site"
# shellcheck disable=SC2086
vg "a public site of content/" 0 "$M" site --public -o "$tmp/site" $CONTENT
vg "usage errors" 2 "$M" build --bogus
for t in build/test_layout build/test_cli; do
	[ -x "$t" ] && vg "unit tests $(basename "$t")" 0 env CMOCKA_MESSAGE_OUTPUT=TAP "$t"
done
echo "1..$n"
