#!/bin/sh
# The links of the published site: builds the site of content/ as it is
# published (mishto site --public) and reads every .html page of it with
# xmllint: the href of <a>, <area> and <link>, the src of <script>,
# <img> and <iframe>, the action of <form>. A relative link names a file
# of the site (its #fragment an id of that page); nothing published is a
# placeholder (# or an empty href) or javascript:; every page links back
# to the index; the site has a 404 page; no file of it is left unlinked.
# Absolute http(s):, mailto: and // links are counted, not fetched (no
# network). Speaks TAP.
# Usage: sh tests/links.sh path/to/mishto [SITE]
# With SITE (a folder), the site already built there is checked instead.
M=${1:-build/mishto}
case $M in /*) ;; *) M=$(pwd)/$M ;; esac
SITE_ARG=${2:-}
case $SITE_ARG in /* | '') ;; *) SITE_ARG=$(pwd)/$SITE_ARG ;; esac
cd "$(dirname "$0")/.." || exit 2
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
failed=0
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; [ -n "$2" ] && printf '%s\n' "$2" | sed 's/^/# /'; }
skip() { n=$((n + 1)); echo "ok $n - # SKIP $1"; }
note() { printf '%s\n' "$1" | sed 's/^/# /'; }
# "1 page", "2 pages"
pl() { if [ "$1" -eq 1 ]; then echo "$1 $2"; else echo "$1 ${3:-${2}s}"; fi; }

if ! command -v xmllint > /dev/null 2>&1; then
	echo "1..0 # SKIP xmllint (libxml2-utils) is not installed"
	exit 0
fi

# bytes, not characters: names are compared and percent-decoded as bytes
LC_ALL=C
export LC_ALL
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
TAB=$(printf '\t')

# ---- the site
if [ -n "$SITE_ARG" ]; then
	site=$SITE_ARG
	skip "the site builds (checking the site in $site)"
else
	site=$tmp/site
	if "$M" site --public -w -o "$site" content/*.xml content/*/*.xml > "$tmp/site.out" 2> "$tmp/site.err"; then
		ok "the site builds"
	else
		not_ok "the site builds" "$(head -20 "$tmp/site.err")"
		echo "1..$n"
[ "$failed" -eq 0 ]
		exit 1
	fi
fi

# ---- what is in it: files, folders, pages; each page's links and ids
(cd "$site" && find . -type f) | sed 's|^\./||' | sort > "$tmp/files"
(cd "$site" && find . -type d) | sed 's|^\./||; s|^\.$||' > "$tmp/dirs"
grep -E '\.html?$' "$tmp/files" > "$tmp/pages"
: > "$tmp/links"
: > "$tmp/ids"
# xmllint prints each attribute of a node set on a line of its own as
# ` name="value"`, the value escaped (&amp; &lt; &gt; &quot; &#10; ...);
# the awk below takes those escapes back
while IFS= read -r p; do
	for spec in a:href area:href link:href script:src img:src iframe:src form:action; do
		el=${spec%%:*}
		at=${spec#*:}
		xmllint --html --xpath "//$el/@$at" "$site/$p" 2> /dev/null |
		    sed -n "s/^ $at=\"\\(.*\\)\"\$/\\1/p" |
		    while IFS= read -r v; do printf '%s\t%s\t%s\n' "$p" "$el" "$v"; done >> "$tmp/links"
	done
	xmllint --html --xpath '//@id | //a/@name' "$site/$p" 2> /dev/null |
	    sed -n 's/^ [a-z]*="\(.*\)"$/\1/p' |
	    while IFS= read -r v; do printf '%s\t%s\n' "$p" "$v"; done >> "$tmp/ids"
done < "$tmp/pages"

# Each link, one record a line (TAB-separated):
#   BROKEN page value why     a relative link to no file of the site
#   FRAG page value target    a #fragment that is no id of its page
#   FRAGSKIP page value       a #fragment of a page that is not HTML
#   PLACEHOLDER page value el "#" or an empty link
#   JS page value el          javascript:
#   EXT page value scheme     http(s):, mailto:, //host (not fetched)
#   OTHER page value scheme   any other scheme (listed)
#   LINK page el target       a relative link to a file of the site
#   FRAGOK page value         a #fragment found
awk -F "$TAB" -v OFS="$TAB" '
function hexv(c) { return index("0123456789abcdef", tolower(c)) - 1 }
function utf8(cp) {
	if (cp < 128) return sprintf("%c", cp)
	if (cp < 2048) return sprintf("%c%c", 192 + int(cp / 64), 128 + cp % 64)
	if (cp < 65536) return sprintf("%c%c%c", 224 + int(cp / 4096), 128 + int(cp / 64) % 64, 128 + cp % 64)
	return sprintf("%c%c%c%c", 240 + int(cp / 262144), 128 + int(cp / 4096) % 64, 128 + int(cp / 64) % 64, 128 + cp % 64)
}
# the escapes xmllint writes in an attribute value
function unescape(s,   out, i, j, e, cp, k) {
	out = ""
	while ((i = index(s, "&")) > 0) {
		out = out substr(s, 1, i - 1)
		s = substr(s, i)
		j = index(s, ";")
		if (j == 0) break
		e = substr(s, 2, j - 2)
		if (e == "amp") out = out "&"
		else if (e == "lt") out = out "<"
		else if (e == "gt") out = out ">"
		else if (e == "quot") out = out "\""
		else if (e == "apos") out = out "\047"
		else if (e ~ /^#[xX][0-9a-fA-F]+$/) {
			cp = 0
			for (k = 3; k <= length(e); k++) cp = cp * 16 + hexv(substr(e, k, 1))
			out = out utf8(cp)
		} else if (e ~ /^#[0-9]+$/) out = out utf8(substr(e, 2) + 0)
		else { out = out "&"; s = substr(s, 2); continue }
		s = substr(s, j + 1)
	}
	return out s
}
function pct(s,   out, i, h) {
	out = ""
	while ((i = index(s, "%")) > 0) {
		out = out substr(s, 1, i - 1)
		h = substr(s, i + 1, 2)
		if (h ~ /^[0-9a-fA-F][0-9a-fA-F]$/) {
			out = out sprintf("%c", hexv(substr(h, 1, 1)) * 16 + hexv(substr(h, 2, 1)))
			s = substr(s, i + 3)
		} else {
			out = out "%"
			s = substr(s, i + 1)
		}
	}
	return out s
}
FILENAME == ARGV[1] { isfile[$0] = 1; next }
FILENAME == ARGV[2] { isdir[$0] = 1; next }
FILENAME == ARGV[3] { id[$1, unescape($2)] = 1; next }
{
	page = $1; el = $2
	v = unescape($3)
	# what a browser does first: leading and trailing blanks go, and
	# tabs and newlines inside
	gsub(/^[ \t\n\r\f]+/, "", v)
	gsub(/[ \t\n\r\f]+$/, "", v)
	gsub(/[\t\n\r]/, "", v)
	shown = v
	if (v == "" || v == "#") { print "PLACEHOLDER", page, shown, el; next }
	if (v ~ /^[A-Za-z][A-Za-z0-9+.-]*:/) {
		scheme = tolower(substr(v, 1, index(v, ":") - 1))
		if (scheme == "javascript") print "JS", page, shown, el
		else if (scheme == "http" || scheme == "https" || scheme == "mailto") print "EXT", page, shown, scheme
		else print "OTHER", page, shown, scheme
		next
	}
	if (substr(v, 1, 2) == "//") { print "EXT", page, shown, "//"; next }
	frag = ""; hasfrag = 0
	if ((i = index(v, "#")) > 0) { frag = substr(v, i + 1); v = substr(v, 1, i - 1); hasfrag = 1 }
	if ((i = index(v, "?")) > 0) v = substr(v, 1, i - 1)
	why = ""
	if (v == "")
		target = page
	else {
		dir = page
		sub(/[^\/]*$/, "", dir)
		if (substr(v, 1, 1) == "/") path = substr(v, 2)
		else path = dir v
		ns = split(path, seg, "/")
		depth = 0; isdirref = 0
		for (k = 1; k <= ns; k++) {
			s = pct(seg[k])
			if (s == "" || s == ".") { isdirref = (k == ns); continue }
			if (s == "..") {
				if (depth == 0) { why = "leaves the site folder"; break }
				depth--; isdirref = (k == ns); continue
			}
			if (index(s, "/")) why = "a name with an encoded /"
			st[++depth] = s; isdirref = 0
		}
		target = ""
		for (k = 1; k <= depth; k++) target = target (k > 1 ? "/" : "") st[k]
		if (isdirref || target == "") target = target (target == "" ? "" : "/") "index.html"
		else if (target in isdir) target = target "/index.html"
	}
	if (why == "" && !(target in isfile)) why = "no file " target
	if (why != "") { print "BROKEN", page, shown, why; next }
	print "LINK", page, el, target
	if (!hasfrag || frag == "") next
	if (target !~ /\.html?$/) { print "FRAGSKIP", page, shown; next }
	if ((target, frag) in id || (target, pct(frag)) in id || tolower(frag) == "top")
		print "FRAGOK", page, shown
	else
		print "FRAG", page, shown, target
}' "$tmp/files" "$tmp/dirs" "$tmp/ids" "$tmp/links" > "$tmp/rec"

count() { grep -c "^$1$TAB" "$tmp/rec"; }
# "page: value" for the records of one kind ([ELEMENT] when not <a>,
# and what is wrong when $2 says which field tells it)
list() {
	awk -F "$TAB" -v k="$1" -v f="${2:-0}" '$1 == k {
		v = ($3 == "" ? "\"\" (empty)" : $3)
		if ($1 == "PLACEHOLDER" || $1 == "JS") { if ($4 != "a") v = v " (<" $4 ">)" }
		else if (f) v = v "  (" $f ")"
		print $2 ": " v
	}' "$tmp/rec"
}
npages=$(wc -l < "$tmp/pages")
nlinks=$(wc -l < "$tmp/links")
note "$(pl "$npages" page), $(pl "$nlinks" "link or reference" "links and references") read"

# ---- relative links
nrel=$(($(count LINK) + $(count BROKEN)))
nbroken=$(count BROKEN)
d="every relative link of the site resolves to a file of the site"
if [ "$nbroken" -eq 0 ]; then
	ok "$d"
	note "$(pl "$nrel" "relative link"), all resolve"
else
	not_ok "$d" "broken: $nbroken of $(pl "$nrel" "relative link"):
$(list BROKEN 4)"
fi

# ---- fragments
nfrag=$(($(count FRAGOK) + $(count FRAG)))
nbadfrag=$(count FRAG)
d="every #fragment names an id of its page"
if [ "$nbadfrag" -eq 0 ]; then
	ok "$d"
	note "$(pl "$nfrag" "link") with a #fragment, all found"
else
	not_ok "$d" "not found (no such id, nor <a name>, in the page named): $nbadfrag of $(pl "$nfrag" "#fragment"):
$(list FRAG)"
fi
nfs=$(count FRAGSKIP)
[ "$nfs" -gt 0 ] && note "$(pl "$nfs" "#fragment") of a PDF or other file not HTML, not read:
$(list FRAGSKIP)"

# ---- placeholders and javascript:
nph=$(count PLACEHOLDER)
njs=$(count JS)
d="no placeholder (#) or javascript: link is published"
if [ "$nph" -eq 0 ] && [ "$njs" -eq 0 ]; then
	ok "$d"
else
	phpages=$(awk -F "$TAB" '$1 == "PLACEHOLDER" || $1 == "JS" { print $2 }' "$tmp/rec" | sort -u | wc -l)
	not_ok "$d" "$(pl "$nph" "placeholder link") (# or empty) and $(pl "$njs" "javascript: link"), on $(pl "$phpages" page):
$(list PLACEHOLDER; list JS)"
fi

# ---- links out: counted, not fetched
next_=$(count EXT)
if [ "$next_" -gt 0 ]; then
	note "$(pl "$next_" "absolute link") not fetched (no network): $(awk -F "$TAB" '$1 == "EXT" { c[$4]++ } END { split("https http mailto //", o, " "); for (i = 1; i <= 4; i++) if (c[o[i]]) printf "%s%d %s", (n++ ? ", " : ""), c[o[i]], o[i] }' "$tmp/rec"); $(awk -F "$TAB" '$1 == "EXT" { print $3 }' "$tmp/rec" | sort -u | wc -l) distinct:"
	note "$(awk -F "$TAB" '$1 == "EXT" { print "  " $3 }' "$tmp/rec" | sort | uniq -c | sed 's/^ *\([0-9]*\) \(.*\)/\2 (x\1)/')"
fi
nother=$(count OTHER)
[ "$nother" -gt 0 ] && note "$(pl "$nother" "link") of other schemes (not checked):
$(list OTHER 4)"

# ---- each kind of page links back to the index
# A document's page is NAME.html, NAME its id; its kind, the name of the
# root element; a plan's progress report, NAME-progress.html.
: > "$tmp/kinds"
for f in content/*.xml content/*/*.xml; do
	[ -f "$f" ] || continue
	root=$(xmllint --nonet --xpath 'name(/*)' "$f" 2> /dev/null)
	name=$(xmllint --nonet --xpath 'string(/*/@id)' "$f" 2> /dev/null)
	[ -n "$name" ] || name=$(basename "$f" .xml)
	[ -n "$root" ] || continue
	grep -qxF "$name.html" "$tmp/pages" && printf '%s\t%s\n' "$root" "$name.html" >> "$tmp/kinds"
	[ "$root" = action-plan ] && grep -qxF "$name-progress.html" "$tmp/pages" &&
	    printf '%s\t%s\n' progress "$name-progress.html" >> "$tmp/kinds"
done
grep -qxF signatories.html "$tmp/pages" && printf '%s\t%s\n' register signatories.html >> "$tmp/kinds"
# pages of no kind above (the index and the 404 page aside)
cut -f2 "$tmp/kinds" | sort -u > "$tmp/kinded"
grep -vxF -e index.html -e 404.html "$tmp/pages" | sort | comm -23 - "$tmp/kinded" |
    while IFS= read -r p; do printf '%s\t%s\n' other "$p"; done >> "$tmp/kinds"
# the pages that have an <a> (or <area>) to the site's index.html
awk -F "$TAB" '$1 == "LINK" && ($3 == "a" || $3 == "area") && $4 == "index.html" { print $2 }' "$tmp/rec" | sort -u > "$tmp/home"

label() {
	case $1 in
	pledge-form) echo "the pledge form's page" ;;
	translation) echo "every translation's page" ;;
	pledge) echo "every signed pledge's page" ;;
	guidance) echo "every guidance page" ;;
	action-plan) echo "every action plan's page" ;;
	progress) echo "every progress report's page" ;;
	minutes) echo "every page of minutes" ;;
	register) echo "the register's page (signatories.html)" ;;
	other) echo "every other page" ;;
	*) echo "every $1 page" ;;
	esac
}
known="pledge-form translation pledge guidance action-plan progress minutes register"
extra=$(cut -f1 "$tmp/kinds" | sort -u |
    awk -v known="$known other" 'BEGIN { n = split(known, a, " "); for (i = 1; i <= n; i++) k[a[i]] = 1 } !($0 in k)')
for k in $known $extra other; do
	d="$(label "$k") links back to the index (index.html)"
	awk -F "$TAB" -v k="$k" '$1 == k { print $2 }' "$tmp/kinds" | sort -u > "$tmp/these"
	total=$(wc -l < "$tmp/these")
	if [ "$total" -eq 0 ]; then
		[ "$k" = other ] || skip "$d: no page of this kind in the site"
		continue
	fi
	comm -23 "$tmp/these" "$tmp/home" > "$tmp/nohome"
	miss=$(wc -l < "$tmp/nohome")
	if [ "$miss" -eq 0 ]; then
		ok "$d"
	else
		not_ok "$d" "without a link (<a href>) to index.html: $miss of $(pl "$total" page):
$(sed 's/$/: no link to index.html/' "$tmp/nohome")"
	fi
done

# ---- the 404 page
d="the site has a 404.html page"
if [ -s "$site/404.html" ]; then
	ok "$d"
else
	not_ok "$d" "no 404.html among the $(pl "$(wc -l < "$tmp/files")" file) of the site"
fi

# ---- no orphans: every file is linked from some page but its own (the
# index and the 404 page aside; a .csv that nothing links is a note)
awk -F "$TAB" '$1 == "LINK" && $2 != $4 { print $4 }' "$tmp/rec" | sort -u > "$tmp/linked"
comm -23 "$tmp/files" "$tmp/linked" | grep -vxF -e index.html -e 404.html > "$tmp/orphans"
grep '\.csv$' "$tmp/orphans" > "$tmp/orphan-csv"
grep -v '\.csv$' "$tmp/orphans" > "$tmp/orphan-rest"
d="every file of the site is linked from some page (index.html and 404.html aside)"
if [ -s "$tmp/orphan-rest" ]; then
	not_ok "$d" "linked from no page: $(wc -l < "$tmp/orphan-rest") of the $(pl "$(wc -l < "$tmp/files")" file) of the site:
$(cat "$tmp/orphan-rest")"
else
	ok "$d"
fi
[ -s "$tmp/orphan-csv" ] && note "CSV files linked from no page: $(tr '\n' ' ' < "$tmp/orphan-csv")"

echo "1..$n"
[ "$failed" -eq 0 ]
