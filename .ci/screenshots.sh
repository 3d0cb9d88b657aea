#!/usr/bin/env bash
# Screenshots of the real desktop app (GL driver) under Xvfb, on the demo
# authority: every screen to docs/screenshots/*.png. Fails when a capture is
# blank. Also reports launch-to-first-drawn-overview time.
#
# Usage: .ci/screenshots.sh [output folder]   (default docs/screenshots)
# Needs: Go, and (installed here when run as root) the GL build packages,
# Xvfb, ImageMagick and xdotool.
set -euo pipefail

cd "$(dirname "$0")/.."
out="${1:-docs/screenshots}"
mkdir -p "$out"

packages="libgl1-mesa-dev libx11-dev pkg-config libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev xvfb xauth imagemagick xdotool"
need=0
for cmd in xvfb-run import convert xdotool pkg-config; do
	command -v "$cmd" >/dev/null 2>&1 || need=1
done
if [ "$need" = 1 ]; then
	if [ "$(id -u)" = 0 ]; then
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		# shellcheck disable=SC2086
		apt-get install -y -qq $packages >/dev/null
	else
		echo "screenshots: install these first: $packages" >&2
		exit 1
	fi
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
bin="$tmp/permanence"
echo "screenshots: building the desktop app (GL driver)…"
go build -tags migrated_fynedo,tour -o "$bin" "${PERMANENCE_MAIN:-.}"

export LANG=en_US.UTF-8
export FYNE_SCALE=1

# tour runs the app under its own Xvfb and captures each screen it reports.
# Arguments: a name for the log, then the app's arguments.
tour() {
	local name="$1"
	shift
	cat >"$tmp/tour.sh" <<'EOF'
#!/usr/bin/env bash
set -euo pipefail
out="$1"; log="$2"; shift 2
coproc APP { "$@" 2>"$log.stderr"; }
fail=0
while IFS= read -r line <&"${APP[0]}"; do
	echo "$line" >>"$log"
	case "$line" in
	ready:*)
		echo "screenshots: $line"
		if [ -n "${ONLY_READY:-}" ]; then eval "exec ${APP[1]}>&-"; fi
		;;
	"tour: done") break ;;
	tour:*)
		[ -n "${ONLY_READY:-}" ] && continue
		shot="${line#tour: }"
		if [ -n "${ONLY_SHOTS:-}" ] && [[ " $ONLY_SHOTS " != *" $shot "* ]]; then
			echo next >&"${APP[1]}"
			continue
		fi
		shot="$shot${SUFFIX:-}"
		sleep 1.2
		import -window root "$out/$shot.png"
		# Crop the screen to the app's window (presentation mode fills it).
		win=$(xdotool search --onlyvisible --name 'Permanence panel' 2>/dev/null | tail -1 || true)
		if [ -n "$win" ]; then
			eval "$(xdotool getwindowgeometry --shell "$win")"
			if [ "${WIDTH:-0}" -gt 100 ] && [ "${HEIGHT:-0}" -gt 100 ]; then
				convert "$out/$shot.png" -crop "${WIDTH}x${HEIGHT}+${X}+${Y}" +repage "$out/$shot.png"
			fi
		fi
		sd=$(convert "$out/$shot.png" -format '%[fx:standard_deviation]' info:)
		if awk -v sd="$sd" 'BEGIN { exit !(sd < 0.02) }'; then
			echo "screenshots: $shot.png is blank (standard deviation $sd)" >&2
			fail=1
		else
			echo "screenshots: $shot.png (standard deviation $sd)"
		fi
		echo next >&"${APP[1]}"
		;;
	esac
done
wait "$APP_PID" || true
exit $fail
EOF
	chmod +x "$tmp/tour.sh"
	export ONLY_READY ONLY_SHOTS SUFFIX
	timeout 300 xvfb-run -a -s '-screen 0 1920x1080x24' "$tmp/tour.sh" "$out" "$tmp/$name.log" "$@"
}

# The light theme (what most council laptops use) for every screen.
export FYNE_THEME=light
# An empty store opens on the welcome view.
tour welcome "$bin" --db "$tmp/empty.db" --tour
# First run with --demo loads the demo authority, then tours every screen.
tour demo "$bin" --db "$tmp/demo.db" --demo --tour
# A few screens in the dark theme too.
FYNE_THEME=dark SUFFIX=-dark ONLY_SHOTS="overview celebrations present-court" tour dark "$bin" --db "$tmp/demo.db" --tour
# Launch time with the demo already stored: start, first drawn overview, quit.
ONLY_READY=1 tour launch "$bin" --db "$tmp/demo.db" --tour | sed 's/^screenshots: /screenshots: second launch, /'
rm -f "$out"/*.stderr
echo "screenshots: written to $out"
