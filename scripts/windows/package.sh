#!/usr/bin/env bash
# Builds ROPA Desk's Windows installer on Linux: an MSI made with wixl
# (Debian package wixl, from msitools) from scripts/windows/ropa.wxs, around
# the ropa.exe and ropactl.exe that build.sh made (built first if absent).
# Per-user install without administrator rights, Start-menu entry, .ropa
# association, uninstall from Settings › Apps. Signed when a certificate is
# given (scripts/windows/sign.sh).
#
#   scripts/windows/package.sh [OUTDIR]    writes OUTDIR/ROPA-Desk-VERSION.msi (default dist/windows)
set -euo pipefail

fail() { echo "package-windows: FAIL: $*" >&2; exit 1; }

cd "$(dirname "$0")/../.."
out=$(realpath -m "${1:-dist/windows}")
for tool in wixl convert; do
	command -v "$tool" >/dev/null || fail "$tool is not installed (Debian: apt-get install wixl imagemagick)"
done
# shellcheck source=scripts/windows/sign.sh
source scripts/windows/sign.sh

if [[ ! -f $out/ropa.exe || ! -f $out/ropactl.exe ]]; then
	scripts/windows/build.sh "$out"
fi
version=$(sed -n 's/^Version *= *"\([0-9.]*\)".*/\1/p' cmd/ropa/FyneApp.toml)
[[ -n $version ]] || fail "no Version in cmd/ropa/FyneApp.toml"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
convert assets/icon.png -background none -define icon:auto-resize=256,64,48,32,24,16 "$work/ropa.ico" ||
	fail "could not make the icon from assets/icon.png"

msi=$out/ROPA-Desk-$version.msi
# wixl takes only relative source paths: gather everything in one folder.
mkdir -p "$work/files"
cp "$out/ropa.exe" "$out/ropactl.exe" "$work/files/"
cp scripts/windows/ropa.wxs "$work/"
(cd "$work" && wixl --arch x64 -D Version="$version" -D SourceDir=files -D IconFile=ropa.ico \
	-o ropa.msi ropa.wxs) || fail "wixl could not build the MSI"
mv "$work/ropa.msi" "$msi"

# What a per-user MSI must hold, checked in the package itself.
command -v msiinfo >/dev/null || fail "msiinfo is not installed (Debian: apt-get install msitools)"
files=$(msiinfo export "$msi" File)
for f in ropa.exe ropactl.exe; do
	grep -q "	$f	" <<<"$files" || fail "the MSI has no $f"
done
msiinfo export "$msi" Shortcut | grep -q 'ROPA Desk' || fail "the MSI has no Start-menu shortcut"
msiinfo export "$msi" Registry | grep -q 'Software\\Classes\\\.ropa' || fail "the MSI does not associate .ropa"
props=$(msiinfo export "$msi" Property)
grep -qP '^MSIINSTALLPERUSER\t1' <<<"$props" && ! grep -qP '^ALLUSERS\t[12]' <<<"$props" ||
	fail "the MSI is not a per-user package"

sign_file "$msi"
echo "package-windows: $msi ($(du -h "$msi" | cut -f1))"
