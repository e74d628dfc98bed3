#!/bin/sh
# The man page (doc/mishto.1) and the bash completion (completion/mishto)
# held to the program they describe: mandoc finds nothing wrong in the
# page; every option, command and exit status `mishto --help` gives is in
# it; the completion offers the commands, the options and the rules that
# mishto has. Speaks TAP.
# Usage: sh tests/manpage.sh path/to/mishto
# Without mandoc the page is read through groff's nroff, and the lint test
# is skipped; without bash the completion's tests are.
M=${1:-build/mishto}
case $M in /*) ;; *) M=$(pwd)/$M ;; esac
cd "$(dirname "$0")/.." || exit 2
PAGE=doc/mishto.1
COMPLETION=completion/mishto
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; [ -n "$2" ] && printf '%s\n' "$2" | sed 's/^/# /'; }
skip() { n=$((n + 1)); echo "ok $n # SKIP $1"; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ---- what the program says of itself
"$M" --help > "$tmp/help" 2> /dev/null
# the usage: its lines up to the first empty one
sed -n '1,/^$/p' "$tmp/help" > "$tmp/usage"
# its options: each word starting with - ([-o DIR], [--diagnostics=human|
# json|github], [-Wno-RULE]), a placeholder after = or - dropped
# (-Werror=RULE: -Werror=; -Wno-RULE: -Wno-), a value after = too
# (--diagnostics=human: --diagnostics)
tr ' \t[]|' '\n\n\n\n\n' < "$tmp/usage" | grep '^-.' |
    sed -e 's/\([a-z][=-]\)[A-Z][A-Z.]*$/\1/' -e 's/=[a-z.][a-z.]*$//' |
    sort -u > "$tmp/options"
# its commands: the words after "mishto" in lower case (report progress,
# keep-form), up to the first that is not
awk '{ sub(/^usage:/, ""); if ($1 != "mishto") next; c = ""
       for (i = 2; i <= NF && $i ~ /^[a-z][a-z-]*$/; i++)
           c = c (c == "" ? "" : " ") $i
       if (c != "") print c }' "$tmp/usage" | sort -u > "$tmp/commands"
# its exit statuses: the numbers of its "Exit status:" paragraph
sed -n '/^Exit status:/,/^$/p' "$tmp/help" | tr -s ' \t,:;.' '\n' |
    grep -x '[0-9][0-9]*' | sort -u > "$tmp/statuses"

# ---- the page as a reader sees it, one paragraph a line (wide, so no
# option is broken at a line's end), bold and underlining taken out
BS=$(printf '\b')
if command -v mandoc > /dev/null 2>&1; then
	mandoc -Tascii -O width=1000 "$PAGE" > "$tmp/page.raw" 2> /dev/null
elif command -v nroff > /dev/null 2>&1; then
	GROFF_NO_SGR=1 nroff -mdoc -rLL=1000n -Tascii "$PAGE" > "$tmp/page.raw" 2> /dev/null
fi
if [ -s "$tmp/page.raw" ]; then
	sed "s/.$BS//g" "$tmp/page.raw" > "$tmp/page"
else
	rm -f "$tmp/page"
fi
# the text of one section of the page
section() { sed -n "/^$1\$/,/^[A-Z]/p" "$tmp/page" | sed '1d;$d'; }

# ---- the page
if command -v mandoc > /dev/null 2>&1; then
	# mandoc's word on its own database (missing, or older than the
	# manuals it lists) is about the machine, not the page
	mandoc -Tlint "$PAGE" 2>&1 | grep -v 'mandoc\.db' > "$tmp/lint"
	if [ -s "$tmp/lint" ]; then
		not_ok "mandoc -Tlint doc/mishto.1 prints nothing" "$(cat "$tmp/lint")"
	else
		ok "mandoc -Tlint doc/mishto.1 prints nothing"
	fi
else
	skip "mandoc is not installed"
fi

if [ ! -f "$tmp/page" ]; then
	skip "neither mandoc nor nroff is installed: the page cannot be read"
	skip "neither mandoc nor nroff is installed: the page cannot be read"
	skip "neither mandoc nor nroff is installed: the page cannot be read"
else
	# an option is there as a word of its own (-w is not -wide); one
	# that takes its value joined (-Wno-, -Werror=) as the start of one
	missing=
	if [ ! -s "$tmp/options" ]; then
		missing="(no option found in the usage of $M --help)"
	fi
	while read -r o; do
		case $o in
		*[=-]) re="(^|[^A-Za-z0-9-])$o" ;;
		*) re="(^|[^A-Za-z0-9-])$o(\$|[^A-Za-z0-9-])" ;;
		esac
		grep -Eq -e "$re" "$tmp/page" || missing="$missing $o"
	done < "$tmp/options"
	if [ -z "$missing" ]; then
		ok "every option of mishto --help is in the man page"
	else
		not_ok "every option of mishto --help is in the man page" "missing:$missing"
	fi

	section SYNOPSIS > "$tmp/synopsis"
	missing=
	[ -s "$tmp/commands" ] || missing="(no command found in the usage of $M --help)"
	while read -r c; do
		grep -Eq "(^| )mishto $c( |\$)" "$tmp/synopsis" || missing="$missing '$c'"
	done < "$tmp/commands"
	if [ -z "$missing" ]; then
		ok "every command of mishto --help is in the man page's SYNOPSIS"
	else
		not_ok "every command of mishto --help is in the man page's SYNOPSIS" "missing:$missing"
	fi

	section 'EXIT STATUS' > "$tmp/exit"
	missing=
	[ -s "$tmp/statuses" ] || missing="(no exit status found in $M --help)"
	while read -r s; do
		grep -Eq "^ +$s( |\$)" "$tmp/exit" || missing="$missing $s"
	done < "$tmp/statuses"
	if [ -z "$missing" ]; then
		ok "every exit status of mishto --help is in the man page's EXIT STATUS"
	else
		not_ok "every exit status of mishto --help is in the man page's EXIT STATUS" "missing:$missing"
	fi
fi

# ---- the completion, as bash calls it: the words of the line so far,
# the last one the word being completed; the `mishto` it runs is $M
if command -v bash > /dev/null 2>&1; then
	mkdir "$tmp/bin"
	ln -s "$M" "$tmp/bin/mishto"
	complete() {
		PATH="$tmp/bin:$PATH" bash -c '
			. "$0" || exit 2
			COMP_WORDS=("$@")
			COMP_CWORD=$(($# - 1))
			COMP_LINE="$*"
			COMP_POINT=${#COMP_LINE}
			COMPREPLY=()
			_mishto mishto "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
			printf "%s\n" "${COMPREPLY[@]}"' "$COMPLETION" "$@" 2> "$tmp/complete.err"
	}

	complete mishto '' > "$tmp/reply"
	missing=
	[ -s "$tmp/commands" ] || missing="(no command found in the usage of $M --help)"
	for c in $(cut -d' ' -f1 "$tmp/commands" | sort -u); do
		grep -qx -e "$c" "$tmp/reply" || missing="$missing $c"
	done
	if [ -z "$missing" ]; then
		ok "the completion offers every command of mishto --help for 'mishto <TAB>'"
	else
		not_ok "the completion offers every command of mishto --help for 'mishto <TAB>'" "missing:$missing; offered: $(tr '\n' ' ' < "$tmp/reply")$(cat "$tmp/complete.err")"
	fi

	complete mishto build --f > "$tmp/reply"
	if grep -qx -e '--format' "$tmp/reply"; then
		ok "the completion offers --format for 'mishto build --f<TAB>'"
	else
		not_ok "the completion offers --format for 'mishto build --f<TAB>'" "offered: $(tr '\n' ' ' < "$tmp/reply")$(cat "$tmp/complete.err")"
	fi

	# the rules a warning's level can be set for: the backquoted names
	# of `mishto rules`, in the rows whose level is warning
	"$M" rules 2> /dev/null |
	    awk -F'|' '{ l = $3; gsub(/ /, "", l) } l == "warning" { print $2 }' |
	    tr -s '`, ' '\n' | grep . | sed 's/^/-Wno-/' | sort -u > "$tmp/rules"
	complete mishto check -Wno- | sort -u > "$tmp/reply"
	if [ -s "$tmp/rules" ] && cmp -s "$tmp/rules" "$tmp/reply"; then
		ok "the completion offers the warnings' rules of mishto rules for 'mishto check -Wno-<TAB>'"
	else
		not_ok "the completion offers the warnings' rules of mishto rules for 'mishto check -Wno-<TAB>'" "$(diff "$tmp/rules" "$tmp/reply" | head -20; cat "$tmp/complete.err")"
	fi
else
	skip "bash is not installed"
	skip "bash is not installed"
	skip "bash is not installed"
fi

echo "1..$n"
