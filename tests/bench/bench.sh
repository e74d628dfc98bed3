#!/bin/sh
# make bench: how fast mishto is, measured so a reader can trust it, next to
# the best peer tools drawing the same pledge form (content/la-pledge.xml)
# with its borders, tick boxes and signature lines:
#   - WeasyPrint, from mishto's own HTML of the form, its stylesheet's CSS
#     variables replaced by their values (Debian's WeasyPrint 57 ignores
#     var() inside shorthand properties, and so drew no borders) and its
#     tick boxes given a border (WeasyPrint draws no form controls);
#   - Apache FOP, from an XSL-FO rendition of the XML
#     (tests/bench/pledge-fo.xsl, DejaVu Sans via tests/bench/fop.xconf);
#   - Typst 0.14, native code in node (tests/bench/typst.js compiling
#     tests/bench/pledge.typ): a fresh process, and warm (one process
#     compiling a changed document again and again) against mishto's cost
#     per pledge in a batch.
# Every timing is the median of RUNS runs after one warm-up run, with the
# fastest and slowest (the form's by every tool in turns: a round runs
# each once, so the machine's speed, which can move within the minute,
# weighs on each alike); CPU time is user + system of the process and all its
# threads; build/runtime (from tests/bench/runtime.c) times each process on
# its own. Ratios are given by CPU time as well as wall time, and the
# targets of issue 18 are judged by CPU time, which a machine busy with
# other work changes less than wall time.
# BENCH_PNG=DIR writes each tool's pages of the form to DIR as PNG.
# BENCH_LARGE=1 adds 10,000 signed pledges in one process and a plan of
# 100,000 actions (LARGE_RUNS runs each, the median, no warm-up: minutes
# each; one run of the plan took 3.7 s or 7.95 s of CPU as the machine's
# speed moved within an hour).
# usage: sh tests/bench/bench.sh [BINARY]   (run from the repository root)
M=${1:-build/mishto}
RT=${RT:-build/runtime}
RUNS=${RUNS:-11}
WARM=${WARM:-51}                 # compiles in Typst's warm process
LARGE_RUNS=${LARGE_RUNS:-3}
NPM=build/bench-npm/node_modules/@myriaddreamin/typst-ts-node-compiler
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mishto-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
FORM=content/la-pledge.xml
CONTENT=$(ls content/*.xml content/*/*.xml)

# stats FILE WHAT: "median min max cpu-median peak-kb" of the runs timed
# into FILE (a line each: wall cpu peak-kb status), saying which failed
stats() {
	if awk '$4 != 0 { bad = 1 } END { exit !bad }' "$1"; then
		echo "FAILED: $2 (exit $(awk '$4 != 0 { print $4; exit }' "$1"))" >&2
	fi
	n=$(wc -l < "$1")
	w=$(cut -d' ' -f1 "$1" | sort -n)
	c=$(cut -d' ' -f2 "$1" | sort -n)
	k=$(cut -d' ' -f3 "$1" | sort -n | tail -1)
	mid=$(( (n + 1) / 2 ))
	echo "$(echo "$w" | sed -n "${mid}p") $(echo "$w" | head -1) $(echo "$w" | tail -1) $(echo "$c" | sed -n "${mid}p") $k"
}

# measure_n N WARMUP COMMAND...: runs COMMAND N times (after one unmeasured
# run if WARMUP is 1) and prints its stats, timed by tests/bench/runtime.c
# (the process alone, no shell in between)
measure_n() {
	n=$1
	warm=$2
	shift 2
	if [ "$warm" = 1 ]; then "$RT" "$@" > /dev/null; fi
	i=0
	: > "$tmp/times"
	while [ $i -lt "$n" ]; do
		"$RT" "$@" >> "$tmp/times"
		i=$((i + 1))
	done
	stats "$tmp/times" "$*"
}
measure() { measure_n "$RUNS" 1 "$@"; }
row() { # LABEL "median min max cpu kb"
	# shellcheck disable=SC2086
	set -- "$1" $2
	printf '%-58s %8s %8s %8s %8s %8s\n' "$1" "$2" "$3" "$4" "$5" "$6"
}
field() { echo "$1" | cut -d' ' -f"$2"; }          # field "a b c" 2 -> b
calc() { awk "BEGIN { $1 }"; }
ratio() { # A B: "Nx" (A / B), one decimal under 10
	calc "r = ($2 > 0 ? $1 / $2 : 0); printf (r < 10 ? \"%.1fx\" : \"%.0fx\"), r"
}
verdict() { # CONDITION (awk): met / not met
	calc "print (($1) ? \"met\" : \"NOT MET\")"
}
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }
gen_pledges() { sh tests/gen-pledges.sh "$1" "$2"; }
gen_plan_actions() { # as tests/bench/linear.sh: a plan of N actions
	awk -v n="$1" 'BEGIN {
	  print "<action-plan xmlns=\"urn:mishto:1\" id=\"big-plan\" xml:lang=\"en\"><title>P</title><people><person id=\"LA\"/></people><goal ref=\"1\" title=\"Goal\">"
	  for (i = 0; i < n; i++) printf "<action ref=\"%d\" lead=\"LA\" status=\"in-progress\" rag=\"amber\" due=\"2027-Q%d\"><text>Action number %d with some words.</text><update date=\"2026-10\">Update %d.</update></action>\n", i, i % 4 + 1, i, i
	  print "</goal></action-plan>"
	}'
}

echo "machine: $(nproc) cores, $(awk '/model name/ { sub(/.*: /, ""); print; exit }' /proc/cpuinfo); load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
echo "runs: each figure the median of $RUNS runs after a warm-up run (RUNS=$RUNS), with the fastest and slowest; seconds; CPU = user + system; peak memory in KB"
echo
printf '%-58s %8s %8s %8s %8s %8s\n' "what" "median" "min" "max" "cpu" "peak KB"

mkdir -p "$tmp/corpus"
# shellcheck disable=SC2086
r=$(measure "$M" build -o "$tmp/corpus" $CONTENT)
row "content/ ($(echo "$CONTENT" | wc -w) documents, PDF+HTML, 1 process)" "$r"
mishto_corpus=$r

gen_pledges 400 "$tmp/pledges"
mkdir -p "$tmp/p-out" "$tmp/p-pdf"
r=$(measure "$M" build -o "$tmp/p-out" "$FORM" "$tmp"/pledges/*.xml)
row "400 signed pledges + form, PDF+HTML, 1 process" "$r"
mishto_400=$r
r=$(measure "$M" build --format pdf -o "$tmp/p-pdf" "$FORM" "$tmp"/pledges/*.xml)
row "400 signed pledges + form, PDF, 1 process" "$r"
mishto_400pdf=$r

# WeasyPrint: mishto's HTML of the form, every var(--name) replaced by its
# value from the stylesheet's :root block; and a border for the tick boxes
# (checkboxes), which a browser draws and WeasyPrint 57 does not
mkdir -p "$tmp/one"
"$M" build --format html -o "$tmp/one" "$FORM" 2>/dev/null
awk 'NR == FNR {
	if ($0 ~ /^:root[ \t]*\{/) root = 1
	else if (root && $0 ~ /\}/) root = 0
	else if (root && match($0, /--[A-Za-z0-9_-]+[ \t]*:[^;]*;/)) {
		d = substr($0, RSTART, RLENGTH - 1)
		name = d; sub(/[ \t]*:.*/, "", name)
		val = d; sub(/^[^:]*:[ \t]*/, "", val); sub(/[ \t]+$/, "", val)
		v[name] = val
	}
	next
}
/<\/style>/ && !done {
	print "/* make bench: WeasyPrint 57 draws no form controls */"
	print "input[type=checkbox] { border: 2px solid " v["--text"] "; }"
	print ".form-step > input[type=checkbox] { float: left; margin-right: 0.6rem; }"
	done = 1
}
{ for (n in v) gsub("var\\(" n "\\)", v[n]); print }' \
	"$tmp/one/la-pledge.html" "$tmp/one/la-pledge.html" > "$tmp/wp.html"
if grep -q 'var(--' "$tmp/wp.html"; then
	echo "WeasyPrint: a var(--...) is left in the stylesheet" >&2
fi

# The form, by mishto and by each peer installed, in turns: each of RUNS
# rounds runs every tool once (after a warm-up round), so a change in the
# machine's speed during the minute this takes weighs on each alike
form_mishto() { "$RT" "$M" build --format pdf -o "$tmp/one" "$FORM"; }
form_weasyprint() { "$RT" weasyprint "$tmp/wp.html" "$tmp/wp.pdf"; }
form_fop() {
	"$RT" fop -c tests/bench/fop.xconf -xml "$FORM" \
	    -xsl tests/bench/pledge-fo.xsl -pdf "$tmp/fop.pdf"
}
form_typst() { "$RT" node tests/bench/typst.js fresh "$tmp/typst.pdf"; }
tools=mishto
if command -v weasyprint > /dev/null 2>&1; then
	tools="$tools weasyprint"
else
	echo "WeasyPrint: not installed (apt-get install weasyprint)"
fi
if command -v fop > /dev/null 2>&1; then
	tools="$tools fop"
else
	echo "FOP: not installed (apt-get install fop)"
fi
if [ -d "$NPM" ] && command -v node > /dev/null 2>&1; then
	tools="$tools typst"
else
	echo "Typst: not installed (npm install --prefix build/bench-npm @myriaddreamin/typst-ts-node-compiler)"
fi
for t in $tools; do
	"form_$t" > /dev/null
	: > "$tmp/times-$t"
done
i=0
while [ $i -lt "$RUNS" ]; do
	for t in $tools; do "form_$t" >> "$tmp/times-$t"; done
	i=$((i + 1))
done

r=$(stats "$tmp/times-mishto" "the form (mishto)")
row "the pledge form alone, PDF (mishto)" "$r"
mishto_one=$r
peers="mishto:$(pages "$tmp/one/la-pledge.pdf"):$(wc -c < "$tmp/one/la-pledge.pdf"):$(echo "$r" | tr ' ' ,)"
for t in $tools; do
	case $t in
	weasyprint)
		v=$(weasyprint --version 2>/dev/null | awk '{ print $NF }')
		r=$(stats "$tmp/times-$t" "the form (WeasyPrint)")
		row "the pledge form, PDF (WeasyPrint $v)" "$r"
		peers="$peers WeasyPrint_$v:$(pages "$tmp/wp.pdf"):$(wc -c < "$tmp/wp.pdf"):$(echo "$r" | tr ' ' ,)"
		wp=$r ;;
	fop)
		v=$(dpkg-query -W -f='${Version}' fop 2>/dev/null | sed 's/.*://; s/-.*//')
		r=$(stats "$tmp/times-$t" "the form (FOP)")
		row "the pledge form, PDF (Apache FOP $v)" "$r"
		peers="$peers FOP_$v:$(pages "$tmp/fop.pdf"):$(wc -c < "$tmp/fop.pdf"):$(echo "$r" | tr ' ' ,)"
		fop=$r ;;
	typst)
		v=$(node tests/bench/typst.js version | cut -d' ' -f1)
		r=$(stats "$tmp/times-$t" "the form (Typst)")
		row "the pledge form, PDF (Typst $v, fresh node process)" "$r"
		peers="$peers Typst_${v}_fresh:$(pages "$tmp/typst.pdf"):$(wc -c < "$tmp/typst.pdf"):$(echo "$r" | tr ' ' ,)"
		ty=$r
		tw=$(node tests/bench/typst.js warm "$WARM" "$tmp/typst-warm.pdf")
		row "  warm: one compile of a changed form ($WARM in 1 process)" "$tw" ;;
	esac
done

# BENCH_PNG=DIR: each tool's PDF of the form as PNG pages (50 dpi), to
# look at: every one must draw the table's borders, the tick boxes and the
# signature lines
if [ -n "$BENCH_PNG" ]; then
	mkdir -p "$BENCH_PNG"
	for f in one/la-pledge:mishto wp:weasyprint fop:fop typst:typst; do
		[ -f "$tmp/${f%%:*}.pdf" ] &&
			pdftoppm -r 50 -png "$tmp/${f%%:*}.pdf" "$BENCH_PNG/${f#*:}"
	done
	echo "PNG pages of each tool's form: $BENCH_PNG"
fi

echo
echo "the pledge form, one process each (medians of $RUNS runs; ratios: the tool's / mishto's)"
printf '%-24s %8s %8s %10s %10s %6s %11s\n' "tool" "wall s" "cpu s" "wall ratio" "cpu ratio" "pages" "bytes/page"
mw=$(field "$mishto_one" 1)
mc=$(field "$mishto_one" 4)
for p in $peers; do
	name=$(echo "$p" | cut -d: -f1 | tr _ ' ')
	pg=$(echo "$p" | cut -d: -f2)
	by=$(echo "$p" | cut -d: -f3)
	r=$(echo "$p" | cut -d: -f4 | tr , ' ')
	printf '%-24s %8s %8s %10s %10s %6s %11s\n' "$name" "$(field "$r" 1)" "$(field "$r" 4)" \
	    "$(ratio "$(field "$r" 1)" "$mw")" "$(ratio "$(field "$r" 4)" "$mc")" "$pg" $((by / ${pg:-1}))
done

# mishto's cost per pledge in the batch: the whole process (start-up and
# the form included) over the 400 pledges
bw=$(calc "printf \"%.5f\", $(field "$mishto_400pdf" 1) / 400")
bc=$(calc "printf \"%.5f\", $(field "$mishto_400pdf" 4) / 400")
if [ -n "$tw" ]; then
	echo
	echo "batch: one document in a long-running process (mishto: the 400-pledge PDF batch over 400; Typst: median of $WARM compiles)"
	printf '%-24s %8s %8s %10s %10s\n' "tool" "wall s" "cpu s" "wall ratio" "cpu ratio"
	printf '%-24s %8s %8s %10s %10s\n' "mishto (per pledge)" "$bw" "$bc" 1.0x 1.0x
	printf '%-24s %8s %8s %10s %10s\n' "Typst $v (warm)" "$(field "$tw" 1)" "$(field "$tw" 4)" \
	    "$(ratio "$(field "$tw" 1)" "$bw")" "$(ratio "$(field "$tw" 4)" "$bc")"
fi

# BENCH_LARGE=1: 10,000 signed pledges (PDF+HTML, as the 400) and a plan
# of 100,000 actions (PDF)
if [ "${BENCH_LARGE:-0}" = 1 ]; then
	echo
	echo "large (BENCH_LARGE=1): $LARGE_RUNS run(s) each, no warm-up"
	gen_pledges 10000 "$tmp/pledges10k"
	mkdir -p "$tmp/p10k-out"
	big=$(measure_n "$LARGE_RUNS" 0 "$M" build -o "$tmp/p10k-out" "$FORM" "$tmp"/pledges10k/*.xml)
	row "10,000 signed pledges + form, PDF+HTML, 1 process" "$big"
	rm -rf "$tmp/p10k-out" "$tmp/pledges10k"
	gen_plan_actions 100000 > "$tmp/plan.xml"
	mkdir -p "$tmp/plan-out"
	plan=$(measure_n "$LARGE_RUNS" 0 "$M" build --format pdf -o "$tmp/plan-out" "$tmp/plan.xml")
	row "a plan of 100,000 actions, PDF ($(pages "$tmp/plan-out/plan.pdf") pages)" "$plan"
	rm -rf "$tmp/plan-out" "$tmp/plan.xml"
fi

echo
echo "targets (issue 18), judged by CPU time (wall time in brackets); load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
target() { printf '  %-62s %-30s %s\n' "$1" "$2" "$3"; }
cmp_peer() { # NAME "peer figures" TIMES
	if [ -n "$2" ]; then
		rc=$(calc "printf \"%.1f\", ($mc > 0 ? $(field "$2" 4) / $mc : 0)")
		target "the form, 1 process: ${3}x less CPU than $1" \
		    "${rc}x ($(ratio "$(field "$2" 1)" "$mw") wall)" "$(verdict "$rc >= $3")"
	else
		target "the form, 1 process: ${3}x less CPU than $1" "not run (not installed)" ""
	fi
}
cmp_peer WeasyPrint "$wp" 100
cmp_peer FOP "$fop" 100
cmp_peer "Typst (fresh process)" "$ty" 20
if [ -n "$tw" ]; then
	rc=$(calc "printf \"%.1f\", ($bc > 0 ? $(field "$tw" 4) / $bc : 0)")
	target "batch: 10x less CPU per pledge than Typst's warm compile" \
	    "${rc}x ($(ratio "$(field "$tw" 1)" "$bw") wall)" "$(verdict "$rc >= 10")"
else
	target "batch: 10x less CPU per pledge than Typst's warm compile" "not run (not installed)" ""
fi
if [ -n "$big" ]; then
	per=$(calc "printf \"%.2f\", $(field "$big" 4) * 1000 / 10000")
	per400=$(calc "printf \"%.2f\", $(field "$mishto_400" 4) * 1000 / 400")
	grow=$(calc "printf \"%.2f\", ($per400 > 0 ? $per / $per400 : 0)")
	mb=$(($(field "$big" 5) / 1024))
	target "10,000 pledges: under 2 ms of CPU each" "$per ms" "$(verdict "$per < 2")"
	target "10,000 pledges: at most 1.1x the cost per pledge of 400" "${grow}x ($per400 ms at 400)" "$(verdict "$grow <= 1.1")"
	target "10,000 pledges: under 64 MB peak memory" "$mb MB" "$(verdict "$mb < 64")"
	pc=$(field "$plan" 4)
	pmb=$(($(field "$plan" 5) / 1024))
	target "a plan of 100,000 actions: under 3 s of CPU" "$pc s ($(field "$plan" 1) s wall)" "$(verdict "$pc < 3")"
	target "a plan of 100,000 actions: under 300 MB peak memory" "$pmb MB" "$(verdict "$pmb < 300")"
else
	for t in "10,000 pledges: under 2 ms of CPU each" \
	         "10,000 pledges: at most 1.1x the cost per pledge of 400" \
	         "10,000 pledges: under 64 MB peak memory" \
	         "a plan of 100,000 actions: under 3 s of CPU" \
	         "a plan of 100,000 actions: under 300 MB peak memory"; do
		target "$t" "not run (BENCH_LARGE=1)" ""
	done
fi
c=$(field "$mishto_corpus" 4)
f=$(field "$mishto_400" 1)
k=$(($(field "$mishto_400" 5) / 1024))
echo "earlier targets:"
target "content/ in under 0.2 s of CPU" "$c s" "$(verdict "$c < 0.2")"
target "400 pledges + form, PDF+HTML, in under 4 s" "$f s ($(field "$mishto_400" 4) s CPU)" "$(verdict "$f < 4")"
target "400 pledges: peak memory under 64 MB" "$k MB" "$(verdict "$k < 64")"
