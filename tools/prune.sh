#!/bin/sh
# Removes from OUT what was made from a source that is gone (deleted or
# renamed), so a stale PDF or HTML is never mistaken for a current one:
# each OUT/NAME.d names its outputs and, first among its inputs, its
# source; a plan's progress report OUT/NAME-progress.* goes with NAME.xml.
# usage: sh tools/prune.sh OUT SOURCES   (SOURCES: the source names, one a line)
out=$1
sources=$2
for d in "$out"/*.d; do
	[ -f "$d" ] || continue
	src=$(sed -n '2{s/^ *//;s/ *\\$//;p;q}' "$d")
	[ -n "$src" ] && [ ! -e "$src" ] || continue
	targets=$(sed -n '1{s/ *:.*//;p;q}' "$d")
	echo "removing $targets (made from $src, which is gone)"
	# shellcheck disable=SC2086
	rm -f $targets "$d"
done
for f in "$out"/*-progress.pdf "$out"/*-progress.html; do
	[ -f "$f" ] || continue
	name=$(basename "$f"); name=${name%-progress.*}
	if ! grep -qx "$name" "$sources"; then
		echo "removing $f (its plan $name.xml is gone)"
		rm -f "$f"
	fi
done
