#!/bin/sh
# The schema as an editor uses it, in TAP. Every element and attribute of
# schema/mishto.rng has its documentation (what an editor shows on hover),
# and only the defines of a value's form have one of their own (mishto
# prints a define's documentation in messages as the form of a value);
# schema/mishto.rnc is what trang makes of schema/mishto.rng; the editor
# settings in editors/ are well-formed and name files that exist.
# Needs xmllint; trang and node (or python3) when there, else skipped.
# usage: sh tests/schema-docs.sh   (from anywhere in the repository)
cd "$(dirname "$0")/.." || exit 2
n=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mishto-schema-docs.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do printf '%s\n' "$l" | sed 's/^/# /'; done; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }

RNG=schema/mishto.rng
RNC=schema/mishto.rnc
S='namespace-uri()="http://relaxng.org/ns/structure/1.0"'
A='namespace-uri()="http://relaxng.org/ns/compatibility/annotations/1.0"'
# xmllint's answer to an XPath expression that gives a number or a string
xpath() { xmllint --nonet --xpath "$1" "$2" 2>/dev/null; }

# ---- every element and attribute starts with its documentation
DECL="//*[$S and (local-name()=\"element\" or local-name()=\"attribute\")]"
LACK="${DECL}[not(*[1][$A and local-name()=\"documentation\" and normalize-space()])]"
t="every element and attribute of $RNG starts with an a:documentation"
all=$(xpath "count($DECL)" "$RNG")
lack=$(xpath "count($LACK)" "$RNG")
if [ -n "$all" ] && [ "$all" -gt 0 ] && [ "$lack" = 0 ]; then
	ok "$t ($all of them)"
else
	names=
	i=1
	while [ "$i" -le "${lack:-0}" ]; do
		# "element title", "attribute xml:lang" (a <name> child's text)
		d="($LACK)[$i]"
		names="$names${names:+
}$(xpath "concat(local-name($d), ' ', $d/@name, substring('xml:', 1, 4 * ($d/*/@ns = 'http://www.w3.org/XML/1998/namespace')), $d/*[$S and local-name()=\"name\"])" "$RNG")"
		i=$((i + 1))
	done
	not_ok "$t" "${all:-no} elements and attributes found, ${lack:-?} without documentation:" "$names"
fi

# ---- a define's own documentation describes the form of a value
t="only the defines of a value's form (a <data>) have an a:documentation of their own"
DOCDEF="//*[$S and local-name()=\"define\"][*[$A and local-name()=\"documentation\"]]"
BAD="${DOCDEF}[not(*[$S and local-name()=\"data\"])]"
ndoc=$(xpath "count($DOCDEF)" "$RNG")
nbad=$(xpath "count($BAD)" "$RNG")
if [ -n "$ndoc" ] && [ "$ndoc" -gt 0 ] && [ "$nbad" = 0 ]; then
	ok "$t ($ndoc of them)"
else
	not_ok "$t" "${nbad:-?} other defines have one:$(xmllint --nonet --xpath "$BAD/@name" "$RNG" 2>&1 | sed 's/ name="\([^"]*\)"/ \1/' | tr '\n' ' ')" \
	    "(mishto would print it in messages as the form of a value)"
fi

# ---- the compact syntax is made from the XML syntax
t="$RNC is what trang makes of $RNG (trang -I rng -O rnc $RNG $RNC)"
if command -v trang > /dev/null 2>&1; then
	if trang -I rng -O rnc "$RNG" "$tmp/m.rnc" > "$tmp/trang.err" 2>&1 &&
	   cmp -s "$tmp/m.rnc" "$RNC"; then
		ok "$t"
	else
		not_ok "$t" "$(cat "$tmp/trang.err")" "$(diff "$RNC" "$tmp/m.rnc" 2>&1 | head -20)"
	fi
else
	skip "$t" "trang is not installed (apt-get install trang)"
fi

# ---- VS Code: the settings are JSON and name files that exist
JSON="editors/vscode/settings.json editors/vscode/extensions.json"
t="editors/vscode/settings.json and extensions.json are valid JSON"
if command -v node > /dev/null 2>&1; then
	# shellcheck disable=SC2086
	if node -e 'for (const f of process.argv.slice(1)) {
		try { JSON.parse(require("fs").readFileSync(f, "utf8")); }
		catch (e) { console.log(f + ": " + e.message); process.exitCode = 1; } }' $JSON > "$tmp/json.err" 2>&1; then
		ok "$t"
	else
		not_ok "$t" "$(cat "$tmp/json.err")"
	fi
elif command -v python3 > /dev/null 2>&1; then
	bad=
	for f in $JSON; do
		python3 -m json.tool "$f" > /dev/null 2> "$tmp/json.err" ||
			bad="$bad${bad:+
}$f: $(cat "$tmp/json.err")"
	done
	if [ -z "$bad" ]; then ok "$t"; else not_ok "$t" "$bad"; fi
else
	skip "$t" "neither node nor python3 is installed"
fi

# "pattern": "..." and "systemId": "..." of the file associations
values() {
	grep -o "\"$1\"[[:space:]]*:[[:space:]]*\"[^\"]*\"" editors/vscode/settings.json |
		sed 's/.*"\([^"]*\)"$/\1/'
}
# ${workspaceFolder} is the repository (the folder opened in VS Code)
t="every systemId of editors/vscode/settings.json names a file that exists"
ids=$(values systemId)
missing=
for id in $ids; do
	# shellcheck disable=SC2016
	f=$(printf '%s' "$id" | sed 's#^\${workspaceFolder}/##')
	[ -f "$f" ] || missing="$missing $id"
done
if [ -n "$ids" ] && [ -z "$missing" ]; then
	ok "$t ($(echo "$ids" | sort -u | tr '\n' ' ' | sed 's/ $//'))"
else
	not_ok "$t" "systemIds: $(echo "$ids" | tr '\n' ' ')" "missing:$missing"
fi

t="every pattern of editors/vscode/settings.json matches documents of the repository"
pats=$(values pattern)
unmatched=
for p in $pats; do
	# the shell's * and ** stand for the extension's (both match within
	# one folder here, enough to catch a misspelt folder)
	# shellcheck disable=SC2086
	set -- $p
	[ -e "$1" ] || unmatched="$unmatched $p"
done
if [ -n "$pats" ] && [ -z "$unmatched" ]; then
	ok "$t"
else
	not_ok "$t" "patterns: $(echo "$pats" | tr '\n' ' ')" "matching nothing:$unmatched"
fi

# ---- Emacs: the locating rules are well-formed and find the schema
RULES=editors/emacs/schemas.xml
L='namespace-uri()="http://thaiopensource.com/ns/locating-rules/1.0"'
t="$RULES is well-formed locating rules"
if xmllint --noout --nonet "$RULES" > "$tmp/rules.err" 2>&1 &&
   [ "$(xpath "count(/*[$L and local-name()=\"locatingRules\"])" "$RULES")" = 1 ]; then
	ok "$t"
else
	not_ok "$t" "$(cat "$tmp/rules.err")" "(the root must be locatingRules in the namespace http://thaiopensource.com/ns/locating-rules/1.0)"
fi

t="$RULES points mishto's namespace at $RNC"
ns=$(xpath 'string(/*/@ns)' "$RNG")
uri=$(xpath "string(/*[$L]/*[$L and local-name()=\"namespace\" and @ns=\"$ns\"]/@uri)" "$RULES")
# the file the uri names, as a path from the repository
at=$(cd "editors/emacs/$(dirname "$uri")" 2>/dev/null && pwd -P)/$(basename "$uri")
if [ -n "$ns" ] && [ -n "$uri" ] && [ -f "$at" ] &&
   [ "$at" = "$(pwd -P)/$RNC" ]; then
	ok "$t ($ns: $uri)"
else
	not_ok "$t" "the schema's namespace: '$ns'" "its rule's uri: '$uri' (relative to editors/emacs/)"
fi

echo "1..$n"
