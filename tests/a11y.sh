#!/bin/sh
# make check-a11y: every HTML output of content/ (the documents, the
# reports, the site's index, in the public edition that is published) must
# pass the Nu HTML Checker with no error and axe-core with no WCAG 2.2 AA
# violation, and read at 320 px without sideways scrolling. Prints TAP and
# "N passed, N failed".
#
# Needs Java, Chromium and Node (Debian: default-jre-headless chromium
# nodejs npm) and three npm packages in A11Y_MODULES (default
# build/a11y/node_modules):
#     npm install --prefix build/a11y vnu-jar axe-core playwright-core
# With A11Y_INSTALL=1 (make check-a11y) it installs what is missing when it
# can (the Debian packages as tools/deps.sh does, the npm ones with npm);
# whatever is still missing, it names and skips (exit 0). Under CI=true
# (as GitHub Actions and GitLab CI set it) a check that cannot run is a
# failure: it names everything missing, "not ok", and exits 1.
M=${1:-build/mishto}
MODULES=${A11Y_MODULES:-build/a11y/node_modules}
if [ "${A11Y_INSTALL:-0}" = 1 ]; then
	# only for a command that is missing: java may come from another
	# JRE package, node from another source than Debian's
	want=""
	command -v java > /dev/null 2>&1 || want="$want default-jre-headless"
	command -v node > /dev/null 2>&1 || want="$want nodejs"
	command -v npm > /dev/null 2>&1 || want="$want npm"
	command -v chromium > /dev/null 2>&1 ||
	    command -v chromium-browser > /dev/null 2>&1 || want="$want chromium"
	# shellcheck disable=SC2086
	[ -z "$want" ] || sh tools/deps.sh $want ||
	    echo "# check-a11y: could not install:$want"
	if [ -z "$A11Y_MODULES" ] && command -v npm > /dev/null 2>&1 &&
	   ! { [ -d "$MODULES/vnu-jar" ] && [ -d "$MODULES/axe-core" ] &&
	       [ -d "$MODULES/playwright-core" ]; }; then
		npm install --prefix build/a11y --no-audit --no-fund \
		    vnu-jar axe-core playwright-core > /dev/null 2>&1 ||
		    echo "# check-a11y: npm could not install its packages"
	fi
fi
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser)}
# Under CI=true, what is missing is gathered (all of it) and fails below.
missing=""
skip() {
	if [ "${CI:-}" = true ]; then
		missing="$missing# missing: $1
"
		return 0
	fi
	echo "# check-a11y skipped: $1"; echo "0 passed, 0 failed (skipped)"; exit 0
}
command -v java > /dev/null 2>&1 || skip "no java (apt-get install default-jre-headless)"
command -v node > /dev/null 2>&1 || skip "no node (apt-get install nodejs)"
[ -n "$CHROMIUM" ] || skip "no Chromium (apt-get install chromium)"
for p in vnu-jar axe-core playwright-core; do
	[ -d "$MODULES/$p" ] || skip "no $p in $MODULES (npm install --prefix build/a11y vnu-jar axe-core playwright-core)"
done
if [ -n "$missing" ]; then
	# shell built-ins only: PATH may be what is wrong
	echo "not ok 1 - check-a11y can run (CI=true: it fails rather than skip)"
	printf '%s' "$missing"
	echo "1..1"
	echo "0 passed, 1 failed"
	exit 1
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mishto-a11y.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# shellcheck disable=SC2046
"$M" site --public -w -o "$tmp" $(ls content/*.xml content/*/*.xml) || {
	echo "not ok 1 - the site builds"; echo "0 passed, 1 failed"; exit 1; }
n=0
out="$tmp/tap"
: > "$out"
for f in "$tmp"/*.html; do
	n=$((n + 1))
	if java -jar "$MODULES/vnu-jar/build/dist/vnu.jar" --errors-only "$f" \
	    > "$tmp/vnu" 2>&1; then
		echo "ok $n - $(basename "$f"): no Nu HTML Checker error" >> "$out"
	else
		echo "not ok $n - $(basename "$f"): no Nu HTML Checker error" >> "$out"
		sed 's/^/# /' "$tmp/vnu" | head -10 >> "$out"
	fi
done
node tests/a11y/axe.js $((n + 1)) "$MODULES" "$CHROMIUM" "$tmp"/*.html >> "$out" 2>&1
cat "$out"
pass=$(grep -c '^ok ' "$out")
fail=$(grep -c '^not ok ' "$out")
echo "1..$((pass + fail))"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
