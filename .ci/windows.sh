#!/usr/bin/env bash
# .ci/windows.sh: the Windows package, built here and run under Wine.
#
#   1. `make windows` (once; Go's build cache makes a second build quick)
#      and the zip: exactly permanence.exe and README-Windows.txt (the
#      README's Windows section, CRLF), the icon and version of
#      FyneApp.toml in the .exe's resources.
#   2. Under Wine, in a prefix of its own: the README's Windows commands
#      (import, measures --json, export), verbatim but for the extract's
#      date, from a batch file in a folder with spaces, on a sample tracker
#      written by the Linux build; the figures must equal the Linux build's
#      byte for byte, the default store must be where the README says, CSV
#      files must have CRLF line ends, exit statuses must be 0/1/2, and a
#      store in a OneDrive folder or on a network share must be warned
#      about.
#   3. The app on the demo authority (a store the Linux build wrote) under
#      Xvfb: its window must draw (a non-blank screenshot).
#
# Wine 8 (Debian 12) lacks bcryptprimitives.dll's ProcessPrng, which Go
# programs call at start-up: .ci/wine/bcryptprimitives.c provides it. It is
# test scaffolding, built here into the test's Wine prefix, never shipped.
#
# Needs Go; installs (as root) mingw-w64, Wine, Xvfb, ImageMagick, xdotool,
# zip and icoutils when missing. Usage: .ci/windows.sh [--keep]
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
KEEP=${1:-}
t0=$(date +%s)
say() { printf 'windows: %s [%ds]\n' "$*" $(($(date +%s) - t0)); }
fail() {
	printf 'windows: FAIL: %s\n' "$*" >&2
	exit 1
}

packages="gcc-mingw-w64-x86-64 wine wine64 xvfb xauth imagemagick xdotool zip unzip icoutils"
need=""
for p in $packages; do dpkg -s "$p" >/dev/null 2>&1 || need="$need $p"; done
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
say "packages ready"

tmp=$(mktemp -d)
xvfb_pid=""
cleanup() {
	WINEPREFIX="$tmp/prefix" wineserver -k 2>/dev/null || true
	[ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
	if [ "$KEEP" = --keep ]; then echo "windows: kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

# ---- 1. The package ----------------------------------------------------------
build_start=$(date +%s)
make --no-print-directory windows >"$tmp/make.log" 2>&1 || {
	tail -40 "$tmp/make.log" >&2
	fail "make windows"
}
say "make windows took $(($(date +%s) - build_start))s"
zip="$ROOT/dist/permanence-windows-amd64.zip"
listing=$(LC_ALL=C unzip -Z1 "$zip" | sort | tr '\n' ' ')
[ "$listing" = "README-Windows.txt permanence.exe " ] || fail "the zip holds [$listing], want README-Windows.txt and permanence.exe only"
# A folder with spaces, as "Program Files" or a user's name may have.
app="$tmp/drive/Permanence panel"
mkdir -p "$app"
LC_ALL=C unzip -q "$zip" -d "$app"
exe="$app/permanence.exe"

# README-Windows.txt is the README's Windows section, every line CRLF.
readme_win="$app/README-Windows.txt"
[ "$(grep -c $'\r$' "$readme_win")" = "$(wc -l <"$readme_win")" ] || fail "README-Windows.txt has lines without CRLF"
diff <(tr -d '\r' <"$readme_win") <(sed -n '/^## Windows/,/^## /{/^## [^W]/!p}' README.md) >/dev/null ||
	fail "README-Windows.txt is not the README's Windows section"
grep -q 'permanence.exe import' "$readme_win" || fail "README-Windows.txt says nothing of the command line"

# The icon, name and version of FyneApp.toml.
version=$(sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
build=$(sed -n 's/^ *Build *= *\([0-9]*\)/\1/p' FyneApp.toml)
name=$(sed -n 's/^ *Name *= *"\(.*\)"/\1/p' FyneApp.toml)
LC_ALL=C wrestool -x --raw --type=16 "$exe" -o "$tmp/version.res" || fail "permanence.exe has no version resource"
strings -el "$tmp/version.res" >"$tmp/version.txt"
grep -qx "$version.$build" "$tmp/version.txt" || fail "version resource: want $version.$build, got: $(tr '\n' ' ' <"$tmp/version.txt")"
grep -qx "$name" "$tmp/version.txt" || fail "version resource: want the name $name, got: $(tr '\n' ' ' <"$tmp/version.txt")"
mkdir -p "$tmp/icons"
LC_ALL=C wrestool -x --type=14 "$exe" -o "$tmp/icons/"
ico=$(find "$tmp/icons" -name '*.ico' | head -1)
[ -n "$ico" ] || fail "permanence.exe has no icon"
LC_ALL=C icotool -x -o "$tmp/icons/" "$ico"
png=$(find "$tmp/icons" -name '*.png' | head -1)
[ -n "$png" ] || fail "permanence.exe's icon holds no image"
diffpx=$(compare -metric AE "$png" assets/icon.png null: 2>&1 || true)
[ "$diffpx" = 0 ] || fail "the .exe's icon is not assets/icon.png ($diffpx pixels differ)"
say "package: $(du -h "$zip" | cut -f1) zip, $(du -h "$exe" | cut -f1) .exe, version $version.$build, the app's icon"

# ---- 2. The command line under Wine -------------------------------------------
export WINEPREFIX="$tmp/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" WINEARCH=win64
wineboot -i >"$tmp/wineboot.log" 2>&1 || {
	cat "$tmp/wineboot.log" >&2
	fail "wineboot"
}
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$tmp/bcryptprimitives.dll" \
	.ci/wine/bcryptprimitives.c .ci/wine/bcryptprimitives.def -ladvapi32
cp "$tmp/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"
wine_user=$(wine cmd /c 'echo %USERNAME%' 2>/dev/null | tr -d '\r')
local_appdata="$WINEPREFIX/drive_c/users/$wine_user/AppData/Local"
say "Wine prefix ready ($(wine --version))"

lin="$tmp/permanence-linux"
go build -tags migrated_fynedo -o "$lin" .
say "Linux build ready"

# The sample: a tracker extract of ~450 children, written by the Linux
# build; its date (the demo's latest month end) goes into its name.
msg=$("$lin" demo --children 300 --seed 14 --out "$tmp/sample.csv" 2>>"$tmp/linux.err")
date_uk=$(sed -n 's/.* as at \([0-9/]*\) to .*/\1/p' <<<"$msg")
date=$(awk -F/ '{print $3"-"$2"-"$1}' <<<"$date_uk")
[ -n "$date" ] || fail "no date in: $msg"
extracts="$WINEPREFIX/drive_c/Panel extracts"
mkdir -p "$extracts" "$tmp/linux"
cp "$tmp/sample.csv" "$extracts/tracker-$date.csv"
cp "$tmp/sample.csv" "$tmp/linux/tracker-$date.csv"

# The README's Windows commands, verbatim but for the date, as a batch file
# (run where the zip was unpacked, as a user would), stopping at the first
# that fails.
sed -n '/^## Windows/,/^## /p' README.md | sed -n '/^```bat/,/^```/p' | grep '^permanence.exe ' >"$tmp/readme-commands.txt" ||
	fail "no permanence.exe commands in the README's Windows section"
{
	echo '@echo off'
	while IFS= read -r line; do
		printf '%s\r\nif errorlevel 1 exit /b 1\r\n' "${line//2026-03-31/$date}"
	done <"$tmp/readme-commands.txt"
} >"$app/readme.bat"
(cd "$app" && wine cmd /c readme.bat) >"$tmp/readme.out" 2>"$tmp/readme.err" || {
	cat "$tmp/readme.out" "$tmp/readme.err" >&2
	fail "the README's Windows commands failed under Wine"
}
rm "$app/readme.bat"
grep -q "tracker-$date.csv: imported as the extract of $date_uk" "$tmp/readme.out" || {
	cat "$tmp/readme.out" >&2
	fail "import did not say it imported the sample"
}
say "the README's $(wc -l <"$tmp/readme-commands.txt") Windows commands ran under Wine"

# The default store is where the README says: %LOCALAPPDATA%\permanence.
grep -q '%LOCALAPPDATA%\\permanence\\permanence.db' README.md || fail "the README does not say where the store lives"
[ -s "$local_appdata/permanence/permanence.db" ] || fail "no store in %LOCALAPPDATA%\\permanence after the README's import"
help=$(wine "$exe" help | tr -d '\r')
grep -qF 'AppData\Local\permanence\permanence.db' <<<"$help" || fail "help names another default store: $help"

# The same figures as the Linux build, byte for byte.
"$lin" import --db "$tmp/linux/panel.db" "$tmp/linux/tracker-$date.csv" >/dev/null 2>>"$tmp/linux.err"
"$lin" measures --db "$tmp/linux/panel.db" --json >"$tmp/linux/measures.json" 2>>"$tmp/linux.err"
"$lin" export --db "$tmp/linux/panel.db" --out "$tmp/linux/pack.xlsx" >/dev/null 2>>"$tmp/linux.err"
win_json="$extracts/measures-$date.json"
[ "$(grep -c . "$tmp/linux/measures.json")" -gt 50 ] || fail "the Linux build's measures are too few"
cmp -s "$win_json" "$tmp/linux/measures.json" || {
	diff "$win_json" "$tmp/linux/measures.json" | head -20 >&2
	fail "the Windows build's measures differ from the Linux build's"
}
say "measures --json: $(grep -c '": ' "$win_json") figures, identical to the Linux build's"

# The panel pack: a workbook with the same sheets and cells as Linux's
# (docProps, which hold the time it was written, aside).
win_pack="$extracts/pack-$date.xlsx"
LC_ALL=C unzip -tq "$win_pack" >/dev/null || fail "the Windows build's pack is not a workbook"
mkdir -p "$tmp/pack-win" "$tmp/pack-lin"
LC_ALL=C unzip -q "$win_pack" -d "$tmp/pack-win"
LC_ALL=C unzip -q "$tmp/linux/pack.xlsx" -d "$tmp/pack-lin"
# [Content_Types].xml lists the same parts in an order of excelize's maps.
diff -r -x docProps -x '\[Content_Types\].xml' "$tmp/pack-win" "$tmp/pack-lin" >"$tmp/pack.diff" &&
	cmp -s <(grep -o '<[^>]*>' "$tmp/pack-win/[Content_Types].xml" | sort) <(grep -o '<[^>]*>' "$tmp/pack-lin/[Content_Types].xml" | sort) || {
	head -c 2000 "$tmp/pack.diff" >&2
	fail "the Windows build's pack differs from the Linux build's"
}
say "export: the pack's $(find "$tmp/pack-win/xl/worksheets" -name '*.xml' | wc -l) sheets equal the Linux build's"

# CSV written on Windows: CRLF on every line.
wine "$exe" demo --children 20 --out 'C:\Panel extracts\demo out.csv' >/dev/null
csv="$extracts/demo out.csv"
[ "$(wc -l <"$csv")" -gt 20 ] && [ "$(grep -c $'\r$' "$csv")" = "$(wc -l <"$csv")" ] || fail "a CSV written on Windows has lines without CRLF"

# Exit statuses: 1 a problem with the input, 2 a usage error.
status=0
wine "$exe" import --db 'C:\Panel extracts\other.db' 'C:\Panel extracts\missing.csv' >/dev/null 2>"$tmp/missing.err" || status=$?
[ "$status" = 1 ] && grep -q 'missing.csv' "$tmp/missing.err" || fail "a missing file: status $status, $(cat "$tmp/missing.err")"
status=0
wine "$exe" frobnicate >/dev/null 2>&1 || status=$?
[ "$status" = 2 ] || fail "an unknown command: status $status, want 2"

# A store in a OneDrive folder, or on a network share, is warned about on
# standard error (and still used, when it can be opened).
onedrive="C:\\users\\$wine_user\\OneDrive - Northshire Council"
OneDrive="$onedrive" wine "$exe" settings --db "$onedrive\\Panel\\panel.db" >/dev/null 2>"$tmp/onedrive.err" ||
	fail "a store in OneDrive could not be used: $(cat "$tmp/onedrive.err")"
grep -qF "is in a folder that OneDrive syncs ($onedrive)" "$tmp/onedrive.err" || fail "no OneDrive warning: $(cat "$tmp/onedrive.err")"
timeout 120 wine "$exe" settings --db '\\fileserver\panel\permanence.db' >/dev/null 2>"$tmp/unc.err" || true
grep -qF 'is on a network share (\\fileserver\panel)' "$tmp/unc.err" || fail "no network share warning: $(cat "$tmp/unc.err")"
# With no standard output at all (as from Explorer): no crash, the status.
wine "$exe" help >&- 2>&- || fail "help with no standard output failed"
say "CRLF, exit statuses, OneDrive and network-share warnings"

# ---- 3. The app under Xvfb ------------------------------------------------------
"$lin" demo --db "$tmp/linux/demo.db" >/dev/null 2>>"$tmp/linux.err"
cp "$tmp/linux/demo.db" "$extracts/demo store.db"
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1366x800x24 -nolisten tcp >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
export DISPLAY=$display
sleep 1
wine "$exe" --db 'C:\Panel extracts\demo store.db' >"$tmp/app.out" 2>"$tmp/app.err" &
shot="$ROOT/build/windows/wine-app.png"
drawn=""
for _ in $(seq 1 90); do
	sleep 2
	# The main window's title is "Permanence panel", or "Permanence panel ·
	# AUTHORITY" once the store is read.
	win=$(xdotool search --onlyvisible --name '^Permanence panel' 2>/dev/null | tail -1 || true)
	[ -n "$win" ] || continue
	import -window root "$shot"
	eval "$(xdotool getwindowgeometry --shell "$win")"
	if [ "${WIDTH:-0}" -gt 100 ] && [ "${HEIGHT:-0}" -gt 100 ]; then
		convert "$shot" -crop "${WIDTH}x${HEIGHT}+${X}+${Y}" +repage "$shot"
	fi
	# The overview drawn: a window of many colours, not one flat fill.
	sd=$(convert "$shot" -format '%[fx:standard_deviation]' info:)
	colours=$(convert "$shot" -format '%k' info:)
	if awk -v sd="$sd" -v k="$colours" 'BEGIN { exit !(sd > 0.05 && k > 200) }'; then
		drawn="standard deviation $sd, $colours colours"
		break
	fi
done
[ -n "$drawn" ] || {
	tail -20 "$tmp/app.err" >&2
	fail "the app's window did not draw under Wine (last screenshot: $shot)"
}
[ -d "$extracts/backups" ] || fail "the app made no daily backup beside its store"
wineserver -k 2>/dev/null || true
say "the app drew its window under Wine ($drawn): $shot"
say "passed"
