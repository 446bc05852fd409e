# ROPA Desk. Two commands matter:
#   make run    build and start the desktop app on your default register
#   make test   run every check and test
# Both first install missing build dependencies (Debian/Ubuntu: apt-get, with
# sudo when not root; elsewhere the script says what to install).

GO ?= go
GOBIN_DIR := $(shell $(GO) env GOPATH)/bin
STATICCHECK := $(GOBIN_DIR)/staticcheck
# Packages that must build without cgo (everything but the GUI).
PURE_PACKAGES := ./model ./store ./store/pg ./report ./exchange ./cmd/ropactl

.PHONY: all run test deps deps-test vet staticcheck fmt-check unit race smoke purego bench bench-gui package clean

all: test

deps:
	@./scripts/install-deps.sh

deps-test:
	@./scripts/install-deps.sh --test

# The GUI opens the default register in the app's data folder
# (~/.config/fyne/uk.org.ropadesk.app/register.ropa on Linux), creating it on
# first run. Started without -default, it reopens the last register instead.
run: deps
	$(GO) run ./cmd/ropa -default

test: deps-test vet staticcheck fmt-check purego purego-darwin unit race smoke test-windows smoke-windows
	@echo "make test: all checks passed"

vet:
	$(GO) vet ./...

# Pinned, so a new release's checks never break a build nobody changed.
STATICCHECK_VERSION := v0.8.2

$(STATICCHECK):
	$(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

staticcheck: $(STATICCHECK)
	$(STATICCHECK) ./...

fmt-check:
	@out="$$(gofmt -l $$(find . -name '*.go' -not -path './tmpdeps/*' -not -path '*/testdata/*'))"; \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

# model, store, report, exchange and the CLI are pure Go, and the model
# imports neither a database nor the GUI toolkit.
purego:
	CGO_ENABLED=0 $(GO) build $(PURE_PACKAGES)
	@if $(GO) list -deps ./model | grep -E 'fyne|sqlite'; then \
		echo "model must not import fyne or sqlite"; exit 1; fi

# Every go test has an explicit -timeout sized for a 2-core machine, so a
# hang fails in minutes with every goroutine's stack instead of waiting for
# Go's default of 10 minutes a package. The slowest packages take about
# 2.5 minutes (ui, unit) and 9 minutes (ui under -race) on such a machine.
UNIT_TIMEOUT ?= 8m
RACE_TIMEOUT ?= 15m

unit:
	$(GO) test -timeout $(UNIT_TIMEOUT) ./...

race:
	$(GO) test -race -timeout $(RACE_TIMEOUT) ./ui/...

# The smoke test is part of make test: a missing script is a failure.
smoke:
	./scripts/smoke.sh

# Peak memory and idle CPU of the real app with 10,000 activities; a missed
# target fails.
bench-gui:
	STRICT=1 ./scripts/gui-memory.sh

# Performance benchmarks at 10,000 activities, one core, median of COUNT
# runs, printed as one table with the targets (scripts/bench.sh).
bench:
	@COUNT=$${COUNT:-5} GO=$(GO) ./scripts/bench.sh

package: deps
	@command -v fyne >/dev/null || { echo "Install the fyne tool: go install fyne.io/tools/cmd/fyne@latest"; exit 1; }
	cd cmd/ropa && fyne package -os linux

clean:
	rm -f ropa ropactl
include mk/platforms.mk
