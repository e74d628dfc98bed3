#!/bin/sh
# Builds every output mishto makes from content/ and the test fixtures into
# DIR, so two versions of the compiler can be compared file by file:
#     sh tools/snapshot.sh build/mishto /tmp/before   (old binary)
#     sh tools/snapshot.sh build/mishto /tmp/after    (new binary)
#     diff -r /tmp/before /tmp/after
# PDF, HTML, layout dumps and CSV; a4 and large print, translated and
# public editions, reports and the site. Not a test: a tool for a person
# who changes the layout or the backends and must explain every change.
set -u
M=${1:?usage: tools/snapshot.sh BINARY DIR}
D=${2:?usage: tools/snapshot.sh BINARY DIR}
cd "$(dirname "$0")/.." || exit 2
rm -rf "$D" && mkdir -p "$D" || exit 2
CONTENT=$(ls content/*.xml content/*/*.xml | grep -v /translations/)
fail=0
b() { # DIR COMMAND ARGS...: mishto COMMAND -w -o D/DIR ARGS, quietly
	sub=$1
	cmd=$2
	shift 2
	if [ "$cmd" = report ]; then cmd="report $1"; shift; fi
	mkdir -p "$D/$sub"
	# shellcheck disable=SC2086
	"$M" $cmd -w -o "$D/$sub" "$@" > /dev/null 2>> "$D/stderr.txt" ||
		{ echo "snapshot: failed: mishto $cmd $*" >&2; fail=1; }
}
for f in $CONTENT; do
	b a4 build --format pdf,html,layout "$f"
	b large-print build --layout large-print --format pdf,layout "$f"
	b public build --public --format pdf,html,layout "$f"
done
for t in content/translations/*.xml; do
	b translated build --format pdf,html,layout "$t"
done
b translated build --lang ro --format pdf,html,layout content/pledges/ashdown-borough.xml
b translated build --format pdf,html,layout content/la-pledge.xml tests/translation/la-pledge.sk.xml
b translated build --format pdf,html,layout content/minutes/working-group-2024-10-23.xml tests/translation/working-group-2024-10-23.pl.xml
b fixtures build --format pdf,html,layout tests/public/form-with-contacts.xml
b fixtures-public build --public --format pdf,html,layout tests/public/form-with-contacts.xml
# shellcheck disable=SC2046
b reports report signatories --as-of 2027-03-01 --format pdf,html,csv,layout content/la-pledge.xml tests/report/*.xml
b reports-public report signatories --public --format pdf,html,csv,layout content/la-pledge.xml $(ls content/pledges/*.xml)
b reports report progress --as-of 2027-01-31 --against tests/progress/plan-v1.xml --format pdf,html,layout tests/progress/plan-v2.xml
for p in content/plans/*.xml; do
	b reports report progress --as-of 2027-01-31 --format pdf,html,layout "$p"
done
# shellcheck disable=SC2086
b site site --public $CONTENT $(ls content/translations/*.xml)
exit $fail
