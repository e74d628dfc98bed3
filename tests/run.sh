#!/bin/sh
# Runs every test suite twice: with the normal build and with the
# AddressSanitizer + UndefinedBehaviorSanitizer build. Suites speak TAP
# ("ok N - name" / "not ok N - name"); the last line is the tally.
# Usage: tests/run.sh "test_a test_b"   (unit test names, from make)
cd "$(dirname "$0")/.." || exit 2
log=build/test-log.txt
: > "$log"
passed=0
failed=0
export CMOCKA_MESSAGE_OUTPUT=TAP
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=99"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

suite() {
	label=$1
	shift
	out=build/suite.out
	"$@" > "$out" 2>&1
	rc=$?
	p=$(grep -c '^ok ' "$out")
	f=$(grep -c '^not ok ' "$out")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $label exited with status $rc" >> "$out"
	fi
	{ echo "### $label"; cat "$out"; } >> "$log"
	if [ "$f" -gt 0 ]; then
		echo "FAIL $label: $p passed, $f failed"
		grep -v '^ok ' "$out" | sed 's/^/    /' | head -60
	else
		echo "ok   $label: $p passed"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
}

for t in $1; do
	suite "unit $t" "build/test_$t"
	suite "unit $t (sanitizers)" "build/san/test_$t"
done
suite "alloc-failure" build/oom
suite "alloc-failure (pages let go as drawn)" env OOM_FORMATS=pdf,html build/oom 20
suite "alloc-failure (the layout let go before the file)" env OOM_FORMATS=pdf build/oom 20
suite "fuzz corpus (sanitizers)" build/san/replay tests/fuzz/corpus
suite "cli" sh tests/cli.sh build/mishto
suite "cli (sanitizers)" sh tests/cli.sh build/san/mishto
suite "privacy" sh tests/privacy.sh build/mishto
suite "privacy (sanitizers)" sh tests/privacy.sh build/san/mishto
suite "returns" sh tests/returns.sh build/mishto
suite "returns (sanitizers)" sh tests/returns.sh build/san/mishto
suite "tagged PDF" sh tests/tagged.sh build/mishto build/pdfcheck
suite "incremental builds" sh tests/incremental.sh
suite "outputs" sh tests/outputs.sh build/mishto build/shim-rename.so
suite "install" sh tests/install.sh build/mishto
suite "man page and completion" sh tests/manpage.sh build/mishto
suite "schema and editors" sh tests/schema-docs.sh
suite "site links" sh tests/links.sh build/mishto
suite "CI kit" sh tests/ci-kit.sh build/mishto
suite "valgrind" sh tests/valgrind.sh build/mishto
suite "hostile input" sh tests/hostile.sh build/mishto
suite "hostile input (sanitizers)" sh tests/hostile.sh build/san/mishto

echo "full log: $log"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
