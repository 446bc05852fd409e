#!/usr/bin/env bash
# Cross-compiles ROPA Desk for 64-bit Windows on Linux with mingw-w64:
#   dist/windows/ropa.exe     the GUI (cgo, GUI subsystem: no console window),
#                             with icon, version resource and manifest
#   dist/windows/ropactl.exe  the command line (pure Go)
# and signs both when a certificate is given (scripts/windows/sign.sh).
#
#   scripts/windows/build.sh [OUTDIR]
#
# The resources come from scripts/windows/ropa.rc, compiled with
# x86_64-w64-mingw32-windres into cmd/ropa/rsrc_windows_amd64.syso for the
# duration of the build (generated, .gitignored, removed afterwards); the
# icon is made from assets/icon.png with ImageMagick; the version is
# FyneApp.toml's.
set -euo pipefail

fail() { echo "build-windows: FAIL: $*" >&2; exit 1; }

cd "$(dirname "$0")/../.."
GO=${GO:-go}
out=$(realpath -m "${1:-dist/windows}")
for tool in x86_64-w64-mingw32-gcc x86_64-w64-mingw32-windres convert "$GO"; do
	command -v "$tool" >/dev/null || fail "$tool is not installed (Debian: apt-get install gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 imagemagick)"
done
# shellcheck source=scripts/windows/sign.sh
source scripts/windows/sign.sh

version=$(sed -n 's/^Version *= *"\([0-9.]*\)".*/\1/p' cmd/ropa/FyneApp.toml)
build=$(sed -n 's/^Build *= *\([0-9]*\).*/\1/p' cmd/ropa/FyneApp.toml)
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "FyneApp.toml's Version '$version' is not MAJOR.MINOR.PATCH"
IFS=. read -r major minor patch <<<"$version"

work=$(mktemp -d)
syso=cmd/ropa/rsrc_windows_amd64.syso
trap 'rm -rf "$work" "$syso"' EXIT
mkdir -p "$out"

convert assets/icon.png -background none -define icon:auto-resize=256,64,48,32,24,16 "$work/ropa.ico" ||
	fail "could not make the icon from assets/icon.png"
cp scripts/windows/ropa.exe.manifest "$work/"
x86_64-w64-mingw32-windres -O coff --include-dir "$work" \
	-DVERSION_MAJOR="$major" -DVERSION_MINOR="$minor" -DVERSION_PATCH="$patch" -DVERSION_BUILD="${build:-0}" \
	-DVERSION_STR="\\\"$version\\\"" \
	-i scripts/windows/ropa.rc -o "$syso" || fail "windres could not compile scripts/windows/ropa.rc"

echo "build-windows: ropa.exe $version (cgo, mingw-w64, GUI subsystem)"
GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc CXX=x86_64-w64-mingw32-g++ \
	"$GO" build -trimpath -ldflags "-H windowsgui -s -w" -o "$out/ropa.exe" ./cmd/ropa ||
	fail "ropa.exe did not build"
echo "build-windows: ropactl.exe (pure Go)"
GOOS=windows GOARCH=amd64 CGO_ENABLED=0 "$GO" build -trimpath -ldflags "-s -w" -o "$out/ropactl.exe" ./cmd/ropactl ||
	fail "ropactl.exe did not build"

# The GUI subsystem (2) is what keeps a console window from opening.
subsystem=$(x86_64-w64-mingw32-objdump -p "$out/ropa.exe" | awk '/^Subsystem/ { print $2 }')
[[ $subsystem == 00000002 ]] || fail "ropa.exe has subsystem $subsystem, want 2 (Windows GUI)"
x86_64-w64-mingw32-objdump -h "$out/ropa.exe" | grep -q '\.rsrc' || fail "ropa.exe has no resources"

sign_file "$out/ropa.exe"
sign_file "$out/ropactl.exe"
echo "build-windows: $out/ropa.exe, $out/ropactl.exe"
