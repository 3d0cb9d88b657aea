#!/usr/bin/env bash
# .ci/linux-package.sh: the Linux desktop package and `make install`.
#
# Builds `make linux-package` (the fyne tool's tar.xz) and checks it holds
# the binary, the .desktop file and the icon; installs it with
# `make install PREFIX=<a folder with a space>` as a desktop user would
# (~/.local by default), checks that the .desktop file validates
# (desktop-file-validate), names the installed binary, the icon and the
# Office menu, that the installed binary runs, and that `make uninstall`
# takes it all away again.
#
# Needs Go; installs (as root) desktop-file-utils and xz-utils when missing.
set -euo pipefail

cd "$(dirname "$0")/.."
t0=$(date +%s)
say() { printf 'linux-package: %s [%ds]\n' "$*" $(($(date +%s) - t0)); }
fail() {
	printf 'linux-package: FAIL: %s\n' "$*" >&2
	exit 1
}

need=""
for p in desktop-file-utils xz-utils; do dpkg -s "$p" >/dev/null 2>&1 || need="$need $p"; done
if [ -n "$need" ]; then
	if [ "$(id -u)" = 0 ]; then
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		# shellcheck disable=SC2086
		apt-get install -y -qq --no-install-recommends $need >/dev/null
	else
		fail "install these first:$need"
	fi
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

make --no-print-directory linux-package >"$tmp/make.log" 2>&1 || {
	tail -40 "$tmp/make.log" >&2
	fail "make linux-package"
}
tarball=dist/permanence-linux-amd64.tar.xz
tar -tJf "$tarball" >"$tmp/list.txt"
for want in 'bin/permanence$' 'share/applications/uk.org.permanence.panel.desktop$' 'share/pixmaps/uk.org.permanence.panel.png$' '/Makefile$'; do
	grep -q "$want" "$tmp/list.txt" || fail "$tarball holds no $want"
done
say "make linux-package: $(du -h "$tarball" | cut -f1)"

prefix="$tmp/home dir/.local"
make --no-print-directory install PREFIX="$prefix" >"$tmp/install.log" 2>&1 || {
	cat "$tmp/install.log" >&2
	fail "make install"
}
desktop="$prefix/share/applications/uk.org.permanence.panel.desktop"
icon="$prefix/share/icons/hicolor/512x512/apps/uk.org.permanence.panel.png"
[ -x "$prefix/bin/permanence" ] || fail "no executable $prefix/bin/permanence"
[ -f "$desktop" ] || fail "no $desktop"
desktop-file-validate "$desktop" || fail "the .desktop file does not validate"
grep -qx "Exec=\"$prefix/bin/permanence\"" "$desktop" || fail "the .desktop file runs something else: $(grep ^Exec "$desktop")"
grep -qx 'Icon=uk.org.permanence.panel' "$desktop" || fail "the .desktop file names another icon"
grep -qx 'Name=Permanence panel' "$desktop" || fail "the .desktop file has another name"
grep -q '^Categories=.*Office;' "$desktop" || fail "the .desktop file puts the app in no Office menu"
file "$icon" | grep -q 'PNG image data, 512 x 512' || fail "the icon is not a 512×512 PNG: $(file "$icon")"
"$prefix/bin/permanence" help 2>/dev/null | grep -q 'permanence import' || fail "the installed binary does not run"
say "make install: .desktop file valid, in the Office menu, icon and binary in place"

make --no-print-directory uninstall PREFIX="$prefix" >/dev/null
left=$(find "$prefix" -type f ! -name mimeinfo.cache | head -5)
[ -z "$left" ] || fail "make uninstall left: $left"
say "make uninstall removed them; passed"
