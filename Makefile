# 综治台账 — every task a developer or CI needs. `make run` and `make test`
# install what they need on Debian 12 (apt, the pinned Wails CLI, npm).

SHELL := /bin/bash
GO    ?= go
WAILS_VERSION := v2.15.0
WAILS := $(shell $(GO) env GOPATH)/bin/wails
SUDO  := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
TAGS  := webkit2_41
ARTEFACTS ?= $(CURDIR)/artefacts
export ZONGZHI_ARTEFACTS := $(ARTEFACTS)

# Debian packages: building the window (GTK/WebKitGTK), a CJK font for it,
# and what the tests drive: Xvfb + screenshot, chromium, poppler.
APT_BUILD := build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev fonts-wqy-microhei
APT_TEST  := xvfb xauth xdotool imagemagick chromium poppler-utils

.PHONY: run build serve test bench simulate fuzz deps-build deps-test deps-bench wails frontend frontend-deps go-test no-gui-deps frontend-test e2e desktop-smoke clean

run: build
	./build/bin/zongzhi

build: deps-build wails frontend
	$(WAILS) build -s -skipbindings -tags $(TAGS) -o zongzhi
	@test -x build/bin/zongzhi

# The headless server with the UI in a browser: http://127.0.0.1:8765
serve: frontend
	$(GO) run ./backend/cmd/zongzhid serve --ui frontend/dist

test: deps-build deps-test no-gui-deps go-test frontend-test e2e desktop-smoke
	@echo "== all tests passed"

# More sync simulation seeds than `make test` runs: make simulate SEEDS=10000
SEEDS ?= 1000
simulate:
	ZONGZHI_SIM_SEEDS=$(SEEDS) $(GO) test -count=1 -timeout 0 ./backend/sync/ -run TestSimulation

# Fuzz the sync package decoder (seed corpus in backend/sync/testdata/fuzz).
FUZZTIME ?= 60s
fuzz:
	$(GO) test ./backend/sync/ -run '^$$' -fuzz FuzzPackage -fuzztime $(FUZZTIME)
	$(GO) test ./backend/sync/ -run '^$$' -fuzz FuzzBody -fuzztime $(FUZZTIME)

# Figures with their baselines from the same run (see backend/bench). The
# ledger-vs-LibreOffice, 50k-row import and county-scale figures are
# minutes long (the county's population alone takes ~2 min to write): once each.
SLOW_BENCH := LedgerPDFvsLibreOffice|ExcelImport50kRows|County
bench: deps-bench
	$(GO) test -run '^$$' -bench . -skip '$(SLOW_BENCH)' -benchtime 5x ./backend/bench/
	$(GO) test -run '^$$' -bench '$(SLOW_BENCH)' -benchtime 1x -timeout 60m ./backend/bench/
	$(GO) test -run '^$$' -bench . -benchtime 20x ./backend/report/...

define apt_install
	@missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "== installing Debian packages: $$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps-build:
	$(call apt_install,$(APT_BUILD))

deps-test:
	$(call apt_install,$(APT_TEST))

# Only `make bench` needs these: LibreOffice as the baseline the ledger PDF
# is measured against (headless Calc, no GUI), pdfinfo to count pages.
deps-bench:
	$(call apt_install,libreoffice-calc-nogui poppler-utils)

# Pinned: the module proxy's @latest wrongly answers v2.9.2.
wails:
	@[ -x $(WAILS) ] && $(WAILS) version 2>/dev/null | grep -q $(WAILS_VERSION) || \
		$(GO) install github.com/wailsapp/wails/v2/cmd/wails@$(WAILS_VERSION)

frontend/node_modules/.package-lock.json: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund

frontend-deps: frontend/node_modules/.package-lock.json

frontend: frontend-deps
	cd frontend && npm run build

# backend/ must build and test without any GUI library.
no-gui-deps:
	@if $(GO) list -deps ./backend/... | grep -q wailsapp; then \
		echo "backend/ imports Wails:"; $(GO) list -deps ./backend/... | grep wailsapp; exit 1; fi
	@echo "== backend/ has no Wails dependency"

go-test:
	mkdir -p $(ARTEFACTS)
	$(GO) vet ./backend/... ./app/... .
	ZONGZHI_SIM_SEEDS=500 $(GO) test -count=1 -timeout 30m ./backend/...

frontend-test: frontend-deps
	cd frontend && npm run typecheck && npm run test:unit

e2e: frontend
	mkdir -p $(ARTEFACTS)
	$(GO) build -o $(ARTEFACTS)/zongzhid ./backend/cmd/zongzhid
	cd frontend && ZONGZHI_BIN=$(ARTEFACTS)/zongzhid npm run test:e2e

# The real desktop binary under Xvfb: the window must load the UI.
desktop-smoke: build
	mkdir -p $(ARTEFACTS)
	bash .ci/desktop-smoke build/bin/zongzhi $(ARTEFACTS)

clean:
	rm -rf build/bin frontend/node_modules $(ARTEFACTS)
	find frontend/dist -mindepth 1 ! -name .keep -delete
