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

.PHONY: demo deps check-deps build test vet bench screenshots check-exports ci clean

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
