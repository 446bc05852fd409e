# Windows and macOS targets, included from the Makefile. Everything here
# runs on Linux: mingw-w64 cross-compiles, wixl builds the MSI, Wine runs
# the Windows tests and the installer smoke test. See README.md, "Windows".
#
#   make build-windows    dist/windows/ropa.exe (GUI subsystem, icon, version, manifest) and ropactl.exe
#   make test-windows     model, store, exchange, report, cmd/ropactl tests built for Windows, run under Wine
#   make package-windows  dist/windows/ROPA-Desk-VERSION.msi (per user, Start menu, .ropa association)
#   make smoke-windows    install the MSI under Wine, open a register, screenshot, uninstall
#   make purego-darwin    every non-GUI package builds for macOS (amd64 and arm64)
#   make package-macos    on a Mac only: ROPA Desk.app with the .ropa association
# Signing: SIGN_PFX=… or SIGN_CERT=… SIGN_KEY=… [SIGN_PASS=…] on build/package-windows.

WINDOWS_DIST ?= dist/windows

.PHONY: build-windows test-windows package-windows smoke-windows purego-darwin package-macos

build-windows:
	GO=$(GO) ./scripts/windows/build.sh $(WINDOWS_DIST)

test-windows:
	GO=$(GO) ./scripts/windows/test-wine.sh

package-windows: build-windows
	./scripts/windows/package.sh $(WINDOWS_DIST)

smoke-windows: package-windows
	./scripts/windows/smoke-msi.sh

# macOS: the GUI needs Apple's SDK, so only a Mac builds it; the rest is
# pure Go and must keep building for darwin.
purego-darwin:
	GOOS=darwin GOARCH=arm64 CGO_ENABLED=0 $(GO) build $(PURE_PACKAGES)
	GOOS=darwin GOARCH=amd64 CGO_ENABLED=0 $(GO) build $(PURE_PACKAGES)
	GOOS=darwin GOARCH=arm64 CGO_ENABLED=0 $(GO) vet $(PURE_PACKAGES)

package-macos:
	./scripts/macos/build.sh
