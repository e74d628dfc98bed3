#!/bin/sh
# make bench: how fast mishto is, measured so a reader can trust it.
# Every timing is the median of RUNS runs after one warm-up run, with the
# fastest and slowest; CPU time is user + system; build/runtime (from
# tests/bench/runtime.c) times each process on its own. Peer tools render the
# same pledge form in the same run: WeasyPrint from mishto's own HTML and
# Apache FOP from an XSL-FO rendition of the XML (tests/bench/pledge-fo.xsl).
# usage: sh tests/bench/bench.sh [BINARY]   (run from the repository root)
M=${1:-build/mishto}
RT=${RT:-build/runtime}
RUNS=${RUNS:-7}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mishto-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
FORM=content/la-pledge.xml
CONTENT=$(ls content/*.xml content/*/*.xml)

# measure COMMAND...: prints "median min max cpu-median peak-kb", timed by
# tests/bench/runtime.c (the process alone, no shell in between)
measure() {
	"$RT" "$@" > /dev/null                              # warm-up
	i=0
	: > "$tmp/times"
	while [ $i -lt "$RUNS" ]; do
		"$RT" "$@" >> "$tmp/times"
		i=$((i + 1))
	done
	# median, fastest and slowest wall time; median CPU; peak memory
	w=$(cut -d' ' -f1 "$tmp/times" | sort -n)
	c=$(cut -d' ' -f2 "$tmp/times" | sort -n)
	k=$(cut -d' ' -f3 "$tmp/times" | sort -n | tail -1)
	mid=$(( (RUNS + 1) / 2 ))
	echo "$(echo "$w" | sed -n "${mid}p") $(echo "$w" | head -1) $(echo "$w" | tail -1) $(echo "$c" | sed -n "${mid}p") $k"
}
row() { # LABEL "median min max cpu kb" [PAGES BYTES]
	set -- "$1" $2 "$3" "$4"
	printf '%-44s %8s %8s %8s %8s %8s\n' "$1" "$2" "$3" "$4" "$5" "$6"
}

echo "machine: $(nproc) cores, $(awk '/model name/ { sub(/.*: /, ""); print; exit }' /proc/cpuinfo)"
echo "runs: median of $RUNS after a warm-up; seconds; peak memory in KB"
echo
printf '%-44s %8s %8s %8s %8s %8s\n' "what" "median" "min" "max" "cpu" "peak KB"

mkdir -p "$tmp/corpus"
# shellcheck disable=SC2086
r=$(measure "$M" build -o "$tmp/corpus" $CONTENT)
row "content/ ($(echo $CONTENT | wc -w) documents, PDF+HTML, 1 process)" "$r"
mishto_corpus=$r

# 400 personalised pledges, generated from one real pledge
mkdir -p "$tmp/pledges" "$tmp/p-out"
i=1
while [ $i -le 400 ]; do
	sed -e "s/id=\"ashdown-borough\"/id=\"authority-$i\"/" \
	    -e "s/Ashdown Borough Council/Authority number $i Council/" \
	    content/pledges/ashdown-borough.xml > "$tmp/pledges/authority-$i.xml"
	i=$((i + 1))
done
r=$(measure "$M" build -o "$tmp/p-out" "$FORM" "$tmp"/pledges/*.xml)
row "400 signed pledges + form, PDF+HTML, 1 process" "$r"
mishto_400=$r

mkdir -p "$tmp/one"
r=$(measure "$M" build --format pdf -o "$tmp/one" "$FORM")
row "the pledge form alone, PDF (mishto)" "$r"
mishto_one=$r
mishto_pages=$(pdfinfo "$tmp/one/la-pledge.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
mishto_bytes=$(wc -c < "$tmp/one/la-pledge.pdf")

"$M" build --format html -o "$tmp/one" "$FORM" 2>/dev/null
peers=""
if command -v weasyprint > /dev/null 2>&1; then
	r=$(measure weasyprint "$tmp/one/la-pledge.html" "$tmp/wp.pdf")
	row "the pledge form, PDF (WeasyPrint $(weasyprint --version 2>/dev/null | awk '{ print $NF }'))" "$r"
	peers="$peers weasyprint:$(echo "$r" | cut -d' ' -f1):$(pdfinfo "$tmp/wp.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }'):$(wc -c < "$tmp/wp.pdf")"
else
	echo "WeasyPrint: not installed (apt-get install weasyprint)"
fi
if command -v fop > /dev/null 2>&1; then
	r=$(measure fop -xml "$FORM" -xsl tests/bench/pledge-fo.xsl -pdf "$tmp/fop.pdf")
	row "the pledge form, PDF (Apache FOP $(dpkg-query -W -f='${Version}' fop 2>/dev/null | sed 's/.*://'))" "$r"
	peers="$peers fop:$(echo "$r" | cut -d' ' -f1):$(pdfinfo "$tmp/fop.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }'):$(wc -c < "$tmp/fop.pdf")"
else
	echo "FOP: not installed (apt-get install fop)"
fi

echo
m1=$(echo "$mishto_one" | cut -d' ' -f1)
printf '%-12s %10s %8s %12s %10s\n' "tool" "seconds" "pages" "bytes/page" "vs mishto"
printf '%-12s %10s %8s %12s %10s\n' mishto "$m1" "$mishto_pages" $((mishto_bytes / mishto_pages)) "1x"
for p in $peers; do
	name=$(echo "$p" | cut -d: -f1)
	sec=$(echo "$p" | cut -d: -f2)
	pages=$(echo "$p" | cut -d: -f3)
	bytes=$(echo "$p" | cut -d: -f4)
	ratio=$(awk -v a="$sec" -v b="$m1" 'BEGIN { printf "%.0fx slower", (b > 0 ? a / b : 0) }')
	printf '%-12s %10s %8s %12s %10s\n' "$name" "$sec" "$pages" $((bytes / pages)) "$ratio"
done
echo
c=$(echo "$mishto_corpus" | cut -d' ' -f4)
f=$(echo "$mishto_400" | cut -d' ' -f1)
k=$(echo "$mishto_400" | cut -d' ' -f5)
echo "targets: content/ in under 0.2 s of CPU: $c s; 400 pledges under 4 s: $f s; peak memory under 64 MB: $((k / 1024)) MB"
