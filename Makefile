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
# Go's default of 10 minutes a package. The slowest package, ui, takes about
# 2.5 minutes in unit.
UNIT_TIMEOUT ?= 8m
RACE_TIMEOUT ?= 15m

unit:
	$(GO) test -timeout $(UNIT_TIMEOUT) ./...

# Under -race the ui tests take some 12 minutes of one core: the detector
# slows Fyne's rendering about tenfold, and a package's tests run one after
# another in one process. So they run as two processes side by side, one a
# core: the tests RACE_SHARD matches and all the others (-skip of the same
# pattern), so every test runs in exactly one. The test binary is built
# first so that the two do not build it twice. Each shard's output is kept
# apart and printed whole, failures included.
RACE_SHARD := ^Test[A-G]

race:
	$(GO) test -race -count=1 -run '^$$' ./ui/...
	@d="$$(mktemp -d)"; \
	$(GO) test -race -timeout $(RACE_TIMEOUT) -run '$(RACE_SHARD)' ./ui/... >"$$d/1" 2>&1 & p=$$!; \
	$(GO) test -race -timeout $(RACE_TIMEOUT) -skip '$(RACE_SHARD)' ./ui/... >"$$d/2" 2>&1; s2=$$?; \
	wait $$p; s1=$$?; \
	echo "== race: tests matching $(RACE_SHARD)"; cat "$$d/1"; \
	echo "== race: the other tests"; cat "$$d/2"; \
	rm -rf "$$d"; test $$s1 -eq 0 && test $$s2 -eq 0

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
