#!/bin/sh
# make install as a Unix tool installs: into a DESTDIR with prefix,
# bindir, datadir and mandir; the installed program needs nothing of the
# source tree (a copy of the tree is built, installed, then moved away,
# and content/ is built with what was installed); make uninstall removes
# every file it put there. In TAP.
# usage: sh tests/install.sh BINARY (the tree's own, to compare outputs)
M=${1:-build/mishto}
n=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mishto-install.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; shift
	for l in "$@"; do printf '%s\n' "$l" | sed 's/^/# /'; done; }
check() { name=$1; shift
	if "$@" > "$tmp/check.out" 2>&1; then ok "$name"
	else not_ok "$name" "$(head -c 1500 "$tmp/check.out")"; fi; }

# a copy of what a release holds, built and installed from there
mkdir -p "$tmp/src"
cp -R Makefile generator layouts schema tools "$tmp/src/"
cp -R doc completion "$tmp/src/"
stage=$tmp/stage
check "make install with DESTDIR and prefix builds and installs" \
    make -C "$tmp/src" -s install DESTDIR="$stage" prefix=/usr CFLAGS=-O1
bin=$stage/usr/bin/mishto
check "the program is installed in bindir" test -x "$bin"
check "the layouts are installed in datadir/mishto/layouts" \
    test -f "$stage/usr/share/mishto/layouts/a4.layout" -a \
         -f "$stage/usr/share/mishto/layouts/mishto.css" -a \
         -f "$stage/usr/share/mishto/layouts/pledge-form.js"
check "the schema is installed in datadir/mishto/schema" \
    test -f "$stage/usr/share/mishto/schema/mishto.rng"
check "the man page is installed in mandir/man1" \
    test -f "$stage/usr/share/man/man1/mishto.1"
check "bash completion is installed where bash-completion looks" \
    test -f "$stage/usr/share/bash-completion/completions/mishto"

# the source tree moved away: only what was installed is left
mv "$tmp/src" "$tmp/gone"
mkdir -p "$tmp/content" "$tmp/out" "$tmp/ours"
cp -R content/. "$tmp/content/"
files=$(cd "$tmp" && ls content/*.xml content/*/*.xml | tr '\n' ' ')
check "the installed program builds content/ with the source tree moved away" \
    sh -c "cd '$tmp' && '$bin' build -w -o out $files"
check "and large print, from its installed layouts" \
    sh -c "cd '$tmp' && '$bin' build -w --layout large-print --format pdf -o out content/la-pledge.xml"
# the same outputs as the tree's own program
(cd "$tmp" && "$OLDPWD/$M" build -w -o ours content/la-pledge.xml content/plans/*.xml) > /dev/null 2>&1
differ=
for f in "$tmp"/ours/*; do
	cmp -s "$f" "$tmp/out/${f##*/}" || differ="$differ ${f##*/}"
done
check "the installed program writes the same bytes as the tree's (la-pledge and the plans)" \
    sh -c "test -z '$differ' || { echo 'they differ:$differ'; false; }"

check "make uninstall removes every file make install put there" \
    make -C "$tmp/gone" -s uninstall DESTDIR="$stage" prefix=/usr
left=$(find "$stage" -type f)
check "nothing installed is left after make uninstall" \
    sh -c "test -z '$left' || { echo 'left:'; echo '$left'; false; }"
echo "1..$n"
