#!/bin/sh
# Installs the Debian packages mishto needs, or says how to.
# Usage: tools/deps.sh PACKAGE...
missing=""
for p in "$@"; do
	if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
	     grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "mishto: installing Debian packages:$missing"
	apt-get update -qq &&
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends $missing >/dev/null || {
		echo "mishto: apt-get could not install:$missing" >&2
		exit 1
	}
	exit 0
fi
echo "mishto: these Debian packages are missing:$missing" >&2
echo "Install them, then run make again:" >&2
echo "  sudo apt-get install$missing" >&2
exit 1
