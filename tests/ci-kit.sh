#!/bin/sh
# The CI kit (examples/ci/): the example pipelines are well formed and
# have the steps examples/ci/README.md describes; the commands of the
# GitHub workflow's check job pass when run one by one, as the runner
# would, in a copy of this tree (and build out/site/), then the GitLab
# jobs' commands (public/); --diagnostics=github prints GitHub's workflow
# commands; and under CI=true tests/a11y.sh fails, rather than skip, when
# it cannot run. Speaks TAP.
# Usage: sh tests/ci-kit.sh path/to/mishto   (takes a minute or two: the
# copy is built from scratch with make)
M=${1:-build/mishto}
case $M in /*) ;; *) M=$(pwd)/$M ;; esac
cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
GH=examples/ci/github-actions.yml
GL=examples/ci/gitlab-ci.yml
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
fails=0
not_ok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; [ -n "$2" ] && printf '%s\n' "$2" | sed 's/^/# /'; }
check() { d=$1; shift; if "$@" > /dev/null 2>&1; then ok "$d"; else not_ok "$d"; fi; }
skip() { n=$((n + 1)); echo "ok $n - # SKIP $1"; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ---- (a) the two files: YAML, and the steps they must have
# lacks FILE ERE...: prints each pattern FILE has no line matching
lacks() {
	f=$1
	shift
	for re in "$@"; do
		grep -Eq -- "$re" "$f" || printf 'no line matching: %s\n' "$re"
	done
	# YAML does not allow tabs in indentation
	grep -n "$(printf '\t')" "$f" | sed 's/^/a tab on line /'
}
miss=$(lacks "$GH" '^on:' '^  push:' '^  pull_request:' \
    '^    container: debian:12$' \
    'uses: actions/checkout@v[0-9]' \
    'run: make$' \
    'run: build/mishto check --diagnostics=github content/$' \
    'run: make site$' \
    'uses: actions/upload-pages-artifact@v[0-9]' 'path: out/site/?$' \
    'uses: actions/deploy-pages@v[0-9]' \
    '^      pages: write$' '^      id-token: write$' \
    "github.ref == format\('refs/heads/\{0\}', github.event.repository.default_branch\)")
if [ -z "$miss" ]; then ok "the GitHub workflow has its steps: checkout, make, check with annotations, make site, Pages upload and deploy"
else not_ok "the GitHub workflow has its steps: checkout, make, check with annotations, make site, Pages upload and deploy" "$miss"; fi
# shellcheck disable=SC2016
miss=$(lacks "$GL" '^image: debian:12$' '^check:' '^pages:' \
    '^    - make$' '^    - build/mishto check content/$' '^    - make site$' \
    '^    - cp -R out/site public$' '^      - public$' \
    'CI_COMMIT_BRANCH == \$CI_DEFAULT_BRANCH')
if [ -z "$miss" ]; then ok "the GitLab pipeline has its jobs: check (make, check, make site) and pages (public/, default branch)"
else not_ok "the GitLab pipeline has its jobs: check (make, check, make site) and pages (public/, default branch)" "$miss"; fi

# With PyYAML, the files are parsed and their structure read; without it
# the grep above is all.
if command -v python3 > /dev/null 2>&1 && python3 -c 'import yaml' 2> /dev/null; then
	if python3 - "$GH" "$GL" > "$tmp/yaml.out" 2>&1 <<'EOF'
import sys, yaml
gh = yaml.safe_load(open(sys.argv[1]))
gl = yaml.safe_load(open(sys.argv[2]))
on = gh.get("on", gh.get(True))          # YAML 1.1 reads a bare on as true
assert "push" in on and "pull_request" in on, "on: push and pull_request"
check = gh["jobs"]["check"]
assert check["container"] == "debian:12", "check runs in debian:12"
steps = [s.get("run") or s.get("uses", "") for s in check["steps"]]
def at(pred, what):
    for i, s in enumerate(steps):
        if pred(s):
            return i
    raise AssertionError("no step: " + what)
order = [at(lambda s: s.startswith("actions/checkout@"), "checkout"),
         at(lambda s: s == "make", "make"),
         at(lambda s: s == "make site", "make site"),
         at(lambda s: s.startswith("actions/upload-pages-artifact@"), "upload")]
assert order == sorted(order), "checkout, make, make site, upload in that order"
at(lambda s: s == "build/mishto check --diagnostics=github content/", "check")
up = [s for s in check["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@")][0]
assert up["with"]["path"].rstrip("/") == "out/site", "uploads out/site"
assert "default_branch" in up["if"] and "push" in up["if"], "uploads on a push to the default branch"
dep = gh["jobs"]["deploy"]
assert dep["needs"] == "check" and "default_branch" in dep["if"], "deploy after check, default branch"
assert dep["permissions"] == {"pages": "write", "id-token": "write"}, "deploy's permissions"
assert dep["environment"]["name"] == "github-pages", "github-pages environment"
assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in dep["steps"]), "deploy-pages"
assert gl["image"] == "debian:12", "gitlab image"
for c in ("make", "build/mishto check content/", "make site"):
    assert c in gl["check"]["script"], "gitlab check runs " + c
assert "cp -R out/site public" in gl["pages"]["script"], "pages copies the site"
assert "public" in gl["pages"]["artifacts"]["paths"], "pages keeps public/"
assert "CI_DEFAULT_BRANCH" in gl["pages"]["rules"][0]["if"], "pages on the default branch"
EOF
	then ok "both files parse as YAML (PyYAML) and have that structure"
	else not_ok "both files parse as YAML (PyYAML) and have that structure" "$(tail -5 "$tmp/yaml.out")"; fi
else
	skip "no python3 with PyYAML: the files' structure is checked by grep only"
fi

# ---- (b) the commands run, in a copy of the tree (uncommitted work
# included), as the runner runs them: each step on its own, with CI=true,
# stopping at the first that fails.
# gh_runs JOB DIR: writes the run: commands of JOB to DIR/step.K (a
# block "run: |" whole) and each step's name to DIR/name.K; prints K
gh_runs() {
	awk -v job="$1" -v dir="$2" '
	function done_step() { if (out != "") close(out); out = "" }
	{
		line = $0
		if (blk) {
			if (line ~ /^[ \t]*$/) { print "" > out; next }
			match(line, /^ */)
			if (RLENGTH > key) {
				if (ind < 0) ind = RLENGTH
				print substr(line, ind + 1) > out
				next
			}
			blk = 0
			done_step()
		}
		if (line ~ /^jobs:/) { injobs = 1; next }
		if (line ~ /^[^ #]/) { injobs = 0; cur = ""; next }
		if (injobs && line ~ /^  [A-Za-z0-9_-]+:/) {
			cur = line; sub(/^  /, "", cur); sub(/:.*/, "", cur); name = ""; next
		}
		if (cur != job) next
		if (line ~ /^ *- name: /) { name = line; sub(/^ *- name: /, "", name) }
		if (line ~ /^ *(- )?run: /) {
			match(line, /^ *(- )?/); key = RLENGTH
			v = line; sub(/^ *(- )?run: /, "", v)
			k++
			out = dir "/step." k
			print name > (dir "/name." k); close(dir "/name." k)
			if (v ~ /^[|>][-+]?$/) { blk = 1; ind = -1 }
			else { print v > out; done_step() }
		}
	}
	END { done_step(); print k + 0 }' "$ROOT/$GH"
}
# gl_script JOB DIR: the same for the items of a GitLab job's script:
gl_script() {
	awk -v job="$1" -v dir="$2" '
	/^[A-Za-z0-9_.-]+:/ { cur = $0; sub(/:.*/, "", cur); insc = 0; next }
	cur == job && /^  script:/ { insc = 1; next }
	insc && /^ *#/ { next }
	insc && /^    - / {
		v = $0; sub(/^    - /, "", v); k++
		print v > (dir "/step." k); close(dir "/step." k)
		print v > (dir "/name." k); close(dir "/name." k)
		next
	}
	insc && /^  [^ ]/ { insc = 0 }
	END { print k + 0 }' "$ROOT/$GL"
}
# run_steps LABEL DIR K: runs DIR/step.1..K in the copy, one test each
run_steps() {
	label=$1 dir=$2 k=$3 i=1 failed=""
	while [ "$i" -le "$k" ]; do
		nm=$(cat "$dir/name.$i")
		if [ -n "$failed" ]; then
			not_ok "$label step runs: $nm" "not run: \"$failed\" failed before it"
		elif (cd "$tmp/repo" && CI=true sh -e "$dir/step.$i") > "$dir/log.$i" 2>&1; then
			ok "$label step runs: $nm"
		else
			failed=$nm
			not_ok "$label step runs: $nm" "$(sed 's/^/    /' "$dir/step.$i"; tail -15 "$dir/log.$i")"
		fi
		i=$((i + 1))
	done
}

mkdir -p "$tmp/repo/build" "$tmp/gh" "$tmp/gl-check" "$tmp/gl-pages"
cp -R Makefile generator layouts schema tools content doc completion "$tmp/repo/"
# the Debian packages are there already: make need not look for them
[ -f build/.deps ] && cp build/.deps "$tmp/repo/build/"
k=$(gh_runs check "$tmp/gh")
if [ "$k" -ge 4 ] && grep -qx 'make' "$tmp"/gh/step.* &&
   grep -qx 'build/mishto check --diagnostics=github content/' "$tmp"/gh/step.*; then
	ok "the GitHub check job's run: commands are found ($k)"
else
	not_ok "the GitHub check job's run: commands are found ($k)"
fi
start=$(date +%s)
run_steps "GitHub check job:" "$tmp/gh" "$k"
echo "# the GitHub check job's commands took $(($(date +%s) - start)) s"
check "after them out/site/index.html exists" test -s "$tmp/repo/out/site/index.html"
# the check step fails the job on a mistake
cp tests/bad/plan-status-case.xml "$tmp/repo/content/plans/"
step=$(grep -lx 'build/mishto check --diagnostics=github content/' "$tmp"/gh/step.* | head -1)
(cd "$tmp/repo" && sh -e "$step") > /dev/null 2> "$tmp/gh-bad.err"
rc=$?
rm "$tmp/repo/content/plans/plan-status-case.xml"
check "the check step fails (exit 1) on a document with a mistake, annotating it" \
    sh -c "test $rc -eq 1 && grep -q '^::error file=content/plans/plan-status-case.xml,line=10,col=43,' '$tmp/gh-bad.err'"

# GitLab's jobs, in the same copy (already built: this proves their
# commands, not a second build)
k=$(gl_script check "$tmp/gl-check")
run_steps "GitLab check job:" "$tmp/gl-check" "$k"
k=$(gl_script pages "$tmp/gl-pages")
run_steps "GitLab pages job:" "$tmp/gl-pages" "$k"
check "after them public/index.html exists" test -s "$tmp/repo/public/index.html"

# ---- (c) --diagnostics=github: workflow commands GitHub turns into
# annotations (GitHub reads them on standard error too)
isgh='^::(error|warning|notice) file=[^,]*,line=[0-9]+,col=[0-9]+,title=[a-z-]+::.'
"$M" check --diagnostics=github tests/bad/plan-status-case.xml > "$tmp/c.out" 2>&1
rc=$?
check "a document with a mistake: exit 1" test "$rc" -eq 1
check "its first line is ::error file=tests/bad/plan-status-case.xml,line=10,col=43,title=status::..." \
    sh -c "head -1 '$tmp/c.out' | grep -q '^::error file=tests/bad/plan-status-case.xml,line=10,col=43,title=status::status \"Complete\" is written \"complete\", in lower case$'"
check "every line it prints is a workflow command" \
    sh -c "test -s '$tmp/c.out' && ! grep -Ev '$isgh' '$tmp/c.out'"
"$M" check --diagnostics=github content/ > "$tmp/content.out" 2>&1
rc=$?
check "content/ as the workflow checks it: exit 0, every line a workflow command" \
    sh -c "test $rc -eq 0 && ! grep -Ev '$isgh' '$tmp/content.out'"
bad=""
sed -n 's/^::[a-z]* file=\([^,]*\),.*/\1/p' "$tmp/content.out" | sort -u > "$tmp/files"
while IFS= read -r f; do
	case $f in
	/* | *//*) bad="$bad $f" ;;
	*) [ -f "$f" ] || bad="$bad $f" ;;
	esac
done < "$tmp/files"
[ -n "$(sed -n 's/^::[a-z]* file=//p' "$tmp/content.out")" ] || bad="(no file= at all)"
if [ -z "$bad" ]; then ok "each file= it names is a path from the repository's root, as GitHub needs"
else not_ok "each file= it names is a path from the repository's root, as GitHub needs" "$bad"; fi

# ---- (d) under CI=true, tests/a11y.sh fails when it cannot run. Its
# tools are found by command -v (java, node, chromium or
# chromium-browser): PATH holds only ordinary tools here.
SH=$(command -v sh)
mkdir -p "$tmp/bin"
for t in sh mktemp rm ls cat grep sed basename dirname; do
	p=$(command -v "$t") && ln -s "$p" "$tmp/bin/$t"
done
(unset A11Y_INSTALL CHROMIUM A11Y_MODULES; CI=true PATH="$tmp/bin" "$SH" tests/a11y.sh "$M") > "$tmp/a11y.out" 2>&1
rc=$?
check "a11y.sh with CI=true and no java, node or Chromium: exits non-zero" test "$rc" -ne 0
check "and says not ok, naming each one missing" \
    sh -c "grep -q '^not ok ' '$tmp/a11y.out' && grep -q 'no java' '$tmp/a11y.out' && grep -q 'no node' '$tmp/a11y.out' && grep -q 'no Chromium' '$tmp/a11y.out'"
(unset A11Y_INSTALL CHROMIUM A11Y_MODULES CI; PATH="$tmp/bin" "$SH" tests/a11y.sh "$M") > "$tmp/a11y.out" 2>&1
rc=$?
check "without CI it says what is missing and skips (exit 0), as before" \
    sh -c "test $rc -eq 0 && grep -qx '# check-a11y skipped: no java (apt-get install default-jre-headless)' '$tmp/a11y.out' && ! grep -q '^not ok' '$tmp/a11y.out'"

echo "1..$n"
[ "$fails" -eq 0 ]
