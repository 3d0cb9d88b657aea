# The permanence panel dashboard. `make demo` installs what a fresh Debian
# machine lacks and opens the app on the demo authority; `make test` runs
# every test headless (Fyne's software driver: no display needed).

GO        ?= $(shell command -v go 2>/dev/null || echo /usr/local/go/bin/go)
TAGS_APP  := migrated_fynedo
TAGS_TEST := ci,migrated_fynedo
SUDO      := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEMO_DB   ?= $(HOME)/.config/permanence/demo.db

# Debian packages: cgo for SQLite, X11/GL headers for Fyne's desktop driver.
BUILD_DEPS := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
              libxinerama-dev libxi-dev libxxf86vm-dev
# Only for the screenshot and spreadsheet checks.
CHECK_DEPS := xvfb xauth imagemagick xdotool libreoffice-calc-nogui poppler-utils python3 sqlite3 \
              fonts-liberation2 fonts-crosextra-carlito fonts-dejavu-core

.PHONY: demo deps check-deps build test vet bench screenshots check-exports ci clean \
        windows windows-deps linux-package install uninstall

demo: deps build
	./permanence --db "$(DEMO_DB)" --demo

deps:
	@missing=""; for p in $(BUILD_DEPS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends $$missing; fi

check-deps:
	@missing=""; for p in $(CHECK_DEPS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends $$missing; fi

build:
	$(GO) build -tags $(TAGS_APP) -o permanence .

test:
	$(GO) test -tags $(TAGS_TEST) ./...

STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

vet:
	gofmt -l . | tee /dev/stderr | (! read)
	$(GO) vet -tags $(TAGS_TEST) ./...
	$(GO) vet -tags $(TAGS_TEST),tour ./app/
	GOOS=windows $(GO) vet ./data/platform ./data/store ./data/papers ./data/export
	GOFLAGS=-tags=$(TAGS_TEST) $(GO) run $(STATICCHECK) ./...

bench:
	$(GO) test -tags $(TAGS_TEST) -run '^$$' -bench . -benchmem ./...

screenshots: deps check-deps
	bash .ci/screenshots.sh

check-exports: check-deps
	bash .ci/check-exports.sh

ci: test screenshots check-exports

clean:
	rm -f permanence
	rm -rf build dist

# ---- Packages ---------------------------------------------------------------
# The fyne tool writes the icon, name and version of FyneApp.toml into the
# packages. It is installed into build/bin at a fixed version with
# 'go install', not as a tool dependency in go.mod: fyne.io/tools v1.7.4
# requires a newer Fyne than the app is built with, and a tool dependency
# would raise the app's own Fyne version.
FYNE_TOOL := fyne.io/tools/cmd/fyne@v1.7.4
FYNE      := build/bin/fyne
VERSION   := $(shell sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
APP_ID    := $(shell sed -n 's/^ *ID *= *"\(.*\)"/\1/p' FyneApp.toml)
APP_NAME  := $(shell sed -n 's/^ *Name *= *"\(.*\)"/\1/p' FyneApp.toml)
WIN_CC    ?= x86_64-w64-mingw32-gcc
WIN_DEPS  := gcc-mingw-w64-x86-64 zip
WIN_ZIP   := dist/permanence-windows-amd64.zip
LINUX_TAR := dist/permanence-linux-amd64.tar.xz

$(FYNE):
	GOBIN="$(abspath build/bin)" $(GO) install $(FYNE_TOOL)

# stage copies the sources to build/DIR/src: the fyne tool writes files
# beside the main package while it builds (fyne.syso, the metadata), which
# must never land in the working tree (a Windows .syso there would break
# every Linux build of the main package). The path stays the same from one
# build to the next, so Go's build cache is reused.
define stage
	rm -rf build/$(1)/src && mkdir -p build/$(1)/src
	tar -cf - --exclude=./.git --exclude=./build --exclude=./dist --exclude='*.test' \
		--exclude='*.db' --exclude='*.db-wal' --exclude='*.db-shm' --exclude=./permanence . | tar -xf - -C build/$(1)/src
endef

windows-deps:
	@missing=""; for p in $(WIN_DEPS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends $$missing; fi

# The Windows package: permanence.exe (the app, and the command line when
# given a subcommand) with the icon, name and version of FyneApp.toml, and
# README-Windows.txt (the README's Windows section, CRLF), in a zip a user
# unpacks and runs. Cross-compiled with mingw-w64 (cgo, for SQLite and GL).
windows: windows-deps $(FYNE)
	$(call stage,windows)
	@# An existing --executable makes the fyne tool build once, with the
	@# resources, instead of twice.
	cd build/windows/src && touch permanence.exe && \
		CC=$(WIN_CC) GOOS=windows GOARCH=amd64 CGO_ENABLED=1 \
		"$(abspath $(FYNE))" package -os windows -release --executable permanence.exe
	rm -rf build/windows/pkg && mkdir -p build/windows/pkg dist
	mv "build/windows/src/$(APP_NAME).exe" build/windows/pkg/permanence.exe
	sed -n '/^## Windows/,/^## /{/^## [^W]/!p}' README.md | sed 's/$$/\r/' >build/windows/pkg/README-Windows.txt
	rm -f $(WIN_ZIP)
	cd build/windows/pkg && zip -q -X -9 "$(abspath $(WIN_ZIP))" permanence.exe README-Windows.txt
	rm -rf build/windows/src
	@ls -l $(WIN_ZIP)

# The Linux desktop package: the fyne tool's tar.xz (the binary, the
# .desktop file, the icon and a Makefile of its own).
linux-package: deps $(FYNE)
	$(call stage,linux)
	cd build/linux/src && rm -f permanence && "$(abspath $(FYNE))" package -os linux -release
	mkdir -p dist && mv "build/linux/src/$(APP_NAME).tar.xz" $(LINUX_TAR)
	rm -rf build/linux/src
	@ls -l $(LINUX_TAR)

# install puts the Linux package's binary, .desktop file and icon under
# PREFIX (default: your own ~/.local, no root needed), so that the app is in
# the desktop's menu. 'make install PREFIX=/usr/local' (as root) for every
# user of the machine.
PREFIX ?= $(HOME)/.local
install: linux-package
	rm -rf build/linux/root && mkdir -p build/linux/root
	tar -xJf $(LINUX_TAR) -C build/linux/root
	@usr=$$(dirname "$$(find build/linux/root -path '*/bin/permanence' -type f)")/..; \
	set -e; \
	install -Dm0755 "$$usr/bin/permanence" "$(DESTDIR)$(PREFIX)/bin/permanence"; \
	install -Dm0644 "$$usr/share/pixmaps/$(APP_ID).png" "$(DESTDIR)$(PREFIX)/share/icons/hicolor/512x512/apps/$(APP_ID).png"; \
	install -d "$(DESTDIR)$(PREFIX)/share/applications"; \
	sed -e 's|^Exec=permanence|Exec="$(PREFIX)/bin/permanence"|' "$$usr/share/applications/$(APP_ID).desktop" \
		>"$(DESTDIR)$(PREFIX)/share/applications/$(APP_ID).desktop"; \
	chmod 0644 "$(DESTDIR)$(PREFIX)/share/applications/$(APP_ID).desktop"
	-@command -v update-desktop-database >/dev/null && update-desktop-database -q "$(DESTDIR)$(PREFIX)/share/applications" || true
	-@command -v gtk-update-icon-cache >/dev/null && [ -f "$(DESTDIR)$(PREFIX)/share/icons/hicolor/index.theme" ] && \
		gtk-update-icon-cache -q "$(DESTDIR)$(PREFIX)/share/icons/hicolor" || true
	@echo "Installed $(APP_NAME) $(VERSION) in $(DESTDIR)$(PREFIX): it is in the desktop's menu (Office)."

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/permanence" "$(DESTDIR)$(PREFIX)/share/applications/$(APP_ID).desktop" \
		"$(DESTDIR)$(PREFIX)/share/icons/hicolor/512x512/apps/$(APP_ID).png"
