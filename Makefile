# Fairdesk: build, run, test and benchmark on Debian or Ubuntu.
#
#   make run     install what is missing, then build and start the app
#   make test    install what is missing, then vet, unit tests with -race,
#                a smoke run of the real window under Xvfb, and make package
#                (SKIP_PACKAGE=1 leaves the installers out)
#   make bench   install what is missing, then run `fairctl bench`
#   make build   bin/fairdesk and bin/fairctl
#   make package installers in dist/: the Linux archive and .deb, the Windows
#                .exe and its installer (on a Mac: the .app), then check
#                them (.ci/package-check: the installer under Wine, the .deb
#                installed, started, linted and purged)
#   make deps    only install what is missing (make test-deps: the test tools too)
#   make clean   remove bin/ and dist/
#
# The targets install missing Debian packages with apt-get, as root or through
# sudo. Go itself is not installed: see README.md.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# Go: the one on PATH, else the usual /usr/local/go.
ifeq ($(origin GO),undefined)
GO := $(shell command -v go 2>/dev/null || { test -x /usr/local/go/bin/go && echo /usr/local/go/bin/go; })
endif

# Fyne reads the language from LANGUAGE, LC_ALL, LC_MESSAGES or LANG, and
# logs "Error parsing user locale C" for a C.UTF-8 locale: name a language.
ifneq ($(filter C.%,$(or $(LC_ALL),$(LC_MESSAGES),$(LANG))),)
export LANGUAGE ?= en
endif

# FyneApp.toml sets [Migrations] fyneDo = true; `fyne build` turns that into
# this build tag, so plain `go build` must pass it too.
GUI_TAGS := migrated_fynedo

# FyneApp.toml is the one source of the version; `make build` writes it
# into the binary (fyne package does so itself, as app metadata).
APP_VERSION := $(shell sed -n 's/^ *Version *= *"\(.*\)".*/\1/p' FyneApp.toml)
APP_BUILD   := $(shell sed -n 's/^ *Build *= *\([0-9]*\).*/\1/p' FyneApp.toml)
GUI_LDFLAGS := -X 'main.version=$(APP_VERSION) (build $(APP_BUILD))'

# The fyne CLI for `make package`, installed into bin/tools (not committed).
FYNE_TOOLS_VERSION := v1.7.4
FYNE := bin/tools/fyne

# versitygw, an S3-compatible server the sync tests run on 127.0.0.1 to
# sync through a real bucket; installed into bin/tools (about 80 s, once).
VERSITYGW_VERSION := v1.8.0
VERSITYGW := bin/tools/versitygw

# Debian packages.
# To build (cgo for Fyne's OpenGL/GLFW driver) and to show Japanese names:
BUILD_PKGS := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev \
              libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev \
              fonts-ipafont-gothic
# To test: a virtual X server, screenshots, input, the sqlite3 CLI (benchmark
# reference), a notification daemon on a D-Bus session bus, and the programs
# that open our exports the way users' programs do: a calendar (khal) for the
# agenda, a vCard parser (python3-vobject) for the leads.
TEST_PKGS  := xvfb imagemagick xdotool sqlite3 dunst dbus poppler-utils zbar-tools \
              khal python3-vobject
# A spreadsheet (LibreOffice Calc) opens our CSV exports and workbooks and
# makes workbooks as organisers' do; installed without its recommended
# packages (GStreamer codecs), which took 51 s here (about 60 packages).
OFFICE_PKGS := libreoffice-calc
# To package: the Windows cross-compiler, xz for the Linux archive, file to
# check the artefacts, NSIS for the Windows installer and Wine to run it
# (install times here: 53 s, 12 s and 70 s), lintian for the .deb (52 s).
PACKAGE_PKGS := gcc-mingw-w64-x86-64 xz-utils file nsis wine lintian
# To benchmark: sqlite3 is the reference the figures are compared with; a
# virtual X server and input for the memory of the real window.
BENCH_PKGS := sqlite3 xvfb xdotool

# install_pkgs: install the packages in $(1) that dpkg does not report as
# installed, with one `apt-get update` first, passing apt-get the options
# in $(2); say what is installed.
define install_pkgs
missing=(); \
for p in $(1); do \
  status=$$(dpkg -s "$$p" 2>/dev/null | sed -n 's/^Status: //p') || true; \
  [ "$$status" = "install ok installed" ] || missing+=("$$p"); \
done; \
if [ $${#missing[@]} -eq 0 ]; then \
  echo "deps: all $(words $(1)) Debian packages are installed"; \
else \
  echo "deps: missing Debian packages: $${missing[*]}"; \
  cmd="DEBIAN_FRONTEND=noninteractive apt-get install -y $${missing[*]}"; \
  if [ "$$(id -u)" -eq 0 ]; then sudo=""; \
  elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
  else \
    echo "deps: not root and no sudo: as root, run:" >&2; \
    echo "  apt-get update && $$cmd" >&2; \
    exit 1; \
  fi; \
  echo "deps: $${sudo:+sudo }apt-get update"; \
  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -q; \
  echo "deps: $${sudo:+sudo }$$cmd"; \
  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=300 -o Dpkg::Use-Pty=0 $(2) "$${missing[@]}"; \
  echo "deps: installed $${missing[*]}"; \
fi
endef

.NOTPARALLEL:

.PHONY: help deps test-deps bench-deps go-check run build test vet unit smoke bench clean package package-deps package-check

help:
	@sed -n '3,14p' Makefile | sed 's/^# \{0,1\}//'

go-check:
	@if [ -z "$(GO)" ]; then \
	  echo "Go is not installed. Fairdesk needs Go $$(sed -n 's/^go //p' go.mod) or newer:" >&2; \
	  echo "  download it from https://go.dev/dl/, unpack it to /usr/local/go and add /usr/local/go/bin to PATH" >&2; \
	  exit 1; \
	fi
	@echo "deps: $$($(GO) version)"

deps: go-check
	@$(call install_pkgs,$(BUILD_PKGS))
	@echo "deps: go mod download" && $(GO) mod download

test-deps: go-check
	@$(call install_pkgs,$(BUILD_PKGS) $(TEST_PKGS))
	@$(call install_pkgs,$(OFFICE_PKGS),--no-install-recommends)
	@echo "deps: go mod download" && $(GO) mod download

bench-deps: go-check
	@$(call install_pkgs,$(BUILD_PKGS) $(BENCH_PKGS))
	@echo "deps: go mod download" && $(GO) mod download

# `go run` from the top folder, so Fyne also finds FyneApp.toml (name, ID, icon).
run: deps
	$(GO) run -tags $(GUI_TAGS) -ldflags "$(GUI_LDFLAGS)" ./cmd/fairdesk

build: deps
	@mkdir -p bin
	$(GO) build -tags $(GUI_TAGS) -ldflags "$(GUI_LDFLAGS)" -o bin/fairdesk ./cmd/fairdesk
	$(GO) build -o bin/fairctl ./cmd/fairctl

vet:
	$(GO) vet ./...
	$(GO) vet -tags ci ./...

# Tests that run fairctl as separate processes (and kill them) use a plain
# build: a race-instrumented child is too slow to kill fifty times. Then a
# few seconds of fuzzing of each decoder of files from the shared folder
# and of the workbook sheet reader (their seed corpora are in the packages'
# testdata/fuzz). The fyne CLI checks the macOS Info.plist it would write
# (cmd/fairdesk). With the race detector on a slow two-core machine
# data/sync took 15 minutes, Go's default limit, hence a longer one. The
# failing tests' lines are repeated at the end, from bin/unit.log.
FUZZ_TARGETS := data/sync:FuzzDecodeBatch data/sync:FuzzOpenSealed data/sheets:FuzzSheetRows
unit: $(FYNE) $(VERSITYGW)
	@mkdir -p bin
	$(GO) build -o bin/fairctl ./cmd/fairctl
	FAIRCTL_BIN="$(CURDIR)/bin/fairctl" FYNE_BIN="$(CURDIR)/$(FYNE)" VERSITYGW_BIN="$(CURDIR)/$(VERSITYGW)" $(GO) test -race -tags ci -timeout 40m ./... 2>&1 | tee bin/unit.log || { \
	  echo "unit: the failures, from bin/unit.log:" >&2; \
	  grep -P '^(--- FAIL|FAIL\s|panic:)|^\s+--- FAIL' bin/unit.log | head -n 40 >&2; exit 1; }
	for target in $(FUZZ_TARGETS); do \
	  $(GO) test -run '^$$' -fuzz "^$${target#*:}\$$" -fuzztime=5s ./$${target%%:*} || exit 1; \
	done

smoke:
	GO="$(GO)" GUI_TAGS="$(GUI_TAGS)" bash .ci/smoke

# All three stages run even when one fails, so one run shows every failure.
test: test-deps
	@failed=""; \
	for stage in vet unit smoke $(if $(filter 1,$(SKIP_PACKAGE)),,package); do \
	  $(MAKE) --no-print-directory $$stage || failed="$$failed $$stage"; \
	done; \
	if [ -n "$$failed" ]; then echo "make test: FAILED:$$failed" >&2; exit 1; fi; \
	echo "make test: vet, unit tests, smoke test$(if $(filter 1,$(SKIP_PACKAGE)),, and installers) passed"

# fairctl bench measures each figure beside a reference from the same run;
# its load step runs a one-minute check-in rush on 50 laptops syncing at
# once, through a bucket on versitygw and through a shared folder (about
# two minutes each); the benchmarks after it time the check-in desk, the
# reminder scheduler and a keystroke in the People search of the real
# screen, each at 100,000 people.
bench: bench-deps $(VERSITYGW)
	$(GO) run ./cmd/fairctl bench
	VERSITYGW_BIN="$(CURDIR)/$(VERSITYGW)" $(GO) run ./cmd/fairctl bench --only load
	GO="$(GO)" GUI_TAGS="$(GUI_TAGS)" bash .ci/bench-memory
	$(GO) test -run '^$$' -bench 'CheckInByBadge100k' -benchtime 2000x ./data
	$(GO) test -run '^$$' -bench 'SchedulerTick' -benchtime 200x ./data/notify
	$(GO) test -tags ci -run '^$$' -bench 'PeopleSearchKeystroke|PeopleListOpen' -benchtime 1x ./ui

package-deps: go-check
	@$(call install_pkgs,$(BUILD_PKGS) $(PACKAGE_PKGS) $(TEST_PKGS))
	@echo "deps: go mod download" && $(GO) mod download

$(FYNE):
	GOBIN="$(CURDIR)/bin/tools" $(GO) install fyne.io/tools/cmd/fyne@$(FYNE_TOOLS_VERSION)

$(VERSITYGW):
	GOBIN="$(CURDIR)/bin/tools" $(GO) install github.com/versity/versitygw/cmd/versitygw@$(VERSITYGW_VERSION)

# The installers, from the working tree as it is, into dist/; then checked.
package: package-deps $(FYNE)
	GO="$(GO)" FYNE="$(CURDIR)/$(FYNE)" bash .ci/package
	$(MAKE) --no-print-directory package-check

package-check:
	GO="$(GO)" GUI_TAGS="$(GUI_TAGS)" bash .ci/package-check

clean:
	rm -rf bin dist
