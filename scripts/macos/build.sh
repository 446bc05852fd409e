#!/usr/bin/env bash
# Builds "ROPA Desk.app" on a Mac (the GUI needs Apple's SDK and Xcode's
# command-line tools, so it cannot be cross-built from Linux; `make
# purego-darwin` checks on Linux that everything but the GUI builds for
# macOS).
#
#   scripts/macos/build.sh [OUTDIR]      default dist/macos
#
# Needs: Go, Xcode command-line tools (xcode-select --install), and the
# fyne tool (go install fyne.io/tools/cmd/fyne@latest). Makes the app with
# `fyne package -os darwin` from cmd/ropa/FyneApp.toml, merges
# scripts/macos/document-types.plist into its Info.plist (the .ropa
# association) with PlistBuddy, adds ropactl beside the app's executable,
# and signs with MAC_SIGN_IDENTITY ("Developer ID Application: …") when
# given; otherwise signs ad hoc, which runs on the Mac that built it only.
# Notarisation (xcrun notarytool submit … --wait; xcrun stapler staple) is
# the organisation's step with its Apple account, described in README.md.
set -euo pipefail

fail() { echo "build-macos: FAIL: $*" >&2; exit 1; }

[[ $(uname -s) == Darwin ]] || fail "the macOS app can only be built on a Mac (it links Apple's Cocoa and OpenGL frameworks); on Linux run: make purego-darwin"
cd "$(dirname "$0")/../.."
GO=${GO:-go}
for tool in "$GO" fyne /usr/libexec/PlistBuddy codesign; do
	command -v "$tool" >/dev/null || fail "$tool is not installed (fyne: go install fyne.io/tools/cmd/fyne@latest; codesign: xcode-select --install)"
done
mkdir -p "${1:-dist/macos}"
out=$(cd "${1:-dist/macos}" && pwd)

arch=$("$GO" env GOARCH)
(cd cmd/ropa && fyne package -os darwin --release) || fail "fyne package -os darwin failed"
app="cmd/ropa/ROPA Desk.app"
[[ -d $app ]] || fail "fyne package made no $app"
rm -rf "$out/ROPA Desk.app"
mv "$app" "$out/"
app="$out/ROPA Desk.app"

plist="$app/Contents/Info.plist"
/usr/libexec/PlistBuddy -c "Merge scripts/macos/document-types.plist" "$plist" || fail "could not add the .ropa association to $plist"
/usr/libexec/PlistBuddy -c "Print :CFBundleDocumentTypes:0:CFBundleTypeExtensions:0" "$plist" | grep -qx ropa ||
	fail "Info.plist does not declare .ropa"

CGO_ENABLED=0 "$GO" build -trimpath -o "$app/Contents/MacOS/ropactl" ./cmd/ropactl || fail "ropactl did not build"

identity=${MAC_SIGN_IDENTITY:--}
[[ $identity == - ]] && echo "build-macos: no MAC_SIGN_IDENTITY: signing ad hoc (runs on this Mac only)"
codesign --force --deep --options runtime --timestamp=none --sign "$identity" "$app" || fail "codesign failed"
codesign --verify --deep --strict "$app" || fail "the signature does not verify"
echo "build-macos: $app ($arch)"
