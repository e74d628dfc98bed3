#!/bin/sh
# N personalised signed pledges in DIR (authority-1.xml ... authority-N.xml),
# made from one real pledge with new ids and council names: the batches of
# the benchmark and of the tests of large batches.
# usage: sh tests/gen-pledges.sh N DIR
mkdir -p "$2"
awk -v n="$1" -v dir="$2" '{ t[NR] = $0 } END {
    for (i = 1; i <= n; i++) {
        f = dir "/authority-" i ".xml"
        for (j = 1; j <= NR; j++) {
            l = t[j]
            sub(/id="ashdown-borough"/, "id=\"authority-" i "\"", l)
            sub(/Ashdown Borough Council/, "Authority number " i " Council", l)
            print l > f
        }
        close(f)
    } }' content/pledges/ashdown-borough.xml
