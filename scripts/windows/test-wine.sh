#!/usr/bin/env bash
# Runs the pure-Go packages' tests built for Windows under Wine, so a
# Windows-only failure (like the directory sync that broke every backup)
# fails CI on Linux.
#
#   scripts/windows/test-wine.sh [PACKAGE...]   default: model store exchange report cmd/ropactl
#
# Each package is cross-compiled with `GOOS=windows go test -c` and its .exe
# run under wine64 in the package's folder, with -test.timeout. Prints one
# go-test-style line per package ("ok  pkg  12.3s" or "FAIL pkg") and every
# failing or skipped test, and exits 1 if any package fails.
#
# Three things Wine 8.0 (Debian 12) needs, each documented in
# scripts/windows/README.md:
#  1. bcryptprimitives.dll, which Wine 8 lacks and Go >= 1.24 loads at start-up
#     for ProcessPrng: built here from scripts/windows/shim/ with mingw-w64
#     and copied into the prefix's system32 (never shipped in the MSI).
#  2. Go's os.RemoveAll (used by t.TempDir's clean-up, never by the app)
#     deletes with FileDispositionInformationEx, which Wine 8 answers with
#     STATUS_NOT_IMPLEMENTED; Go falls back to the old call only for the
#     statuses real Windows gives. The test binaries are built with a
#     -overlay that adds STATUS_NOT_IMPLEMENTED to that fallback list,
#     patched from this machine's GOROOT at build time.
#  3. A UNC share: \\ropatest\share is mapped to a temporary folder through
#     the prefix's dosdevices/unc, and named in ROPA_TEST_UNC.
#
#  4. poppler (pdftotext, pdfinfo), which the report and ropactl tests read
#     their PDFs back with: there is no Windows build here, and Wine starts a
#     Linux program without giving the caller a handle or pipes. So
#     scripts/windows/pdfbridge is built as pdftotext.exe and pdfinfo.exe on
#     the test binaries' PATH; it runs the Linux tool through /bin/sh and
#     hands back its output and exit status (see its main.go).
# Set WINE_KEEP=1 to keep the work folder and logs, ROPA_WINEPREFIX to reuse
# an initialised prefix (faster locally), TEST_TIMEOUT for -test.timeout.
set -euo pipefail

cd "$(dirname "$0")/../.."
root=$PWD
GO=${GO:-go}
TIMEOUT=${TEST_TIMEOUT:-600s}

fail() { echo "test-wine: FAIL: $*" >&2; exit 1; }
for tool in wine x86_64-w64-mingw32-gcc "$GO"; do
	command -v "$tool" >/dev/null || fail "$tool is not installed (Debian: apt-get install wine wine64 gcc-mingw-w64-x86-64)"
done
wine=wine
[[ -x /usr/lib/wine/wine64 ]] && wine=/usr/lib/wine/wine64

packages=("$@")
[[ ${#packages[@]} -gt 0 ]] || packages=(model store exchange report cmd/ropactl)

work=$(mktemp -d)
cleanup() {
	[[ -n ${WINEPREFIX:-} && -z ${ROPA_WINEPREFIX:-} ]] && WINEPREFIX=$WINEPREFIX wineserver -k 2>/dev/null || true
	[[ -n ${WINE_KEEP:-} ]] && { echo "test-wine: work folder kept: $work"; return; }
	rm -rf "$work"
}
trap cleanup EXIT

export WINEDEBUG=-all WINEARCH=win64 WINEDLLOVERRIDES="mscoree,mshtml="
export WINEPREFIX=${ROPA_WINEPREFIX:-$work/prefix}
if [[ ! -f $WINEPREFIX/system.reg ]]; then
	echo "test-wine: creating a Wine prefix"
	timeout 300 "$wine" wineboot -i >"$work/wineboot.log" 2>&1 || { cat "$work/wineboot.log" >&2; fail "wineboot failed"; }
	timeout 120 wineserver -w || true
fi

echo "test-wine: building the bcryptprimitives.dll shim"
shim=$root/scripts/windows/shim
x86_64-w64-mingw32-gcc -O2 -Wall -Wextra -Werror -shared -static-libgcc \
	-o "$work/bcryptprimitives.dll" "$shim/bcryptprimitives.c" "$shim/bcryptprimitives.def" -lbcrypt ||
	fail "the shim did not build"
sys32=$WINEPREFIX/drive_c/windows/system32
# A newer Wine ships its own (a "builtin" stub in system32): use that.
if [[ -e $sys32/bcryptprimitives.dll ]] && grep -q 'Wine builtin DLL' "$sys32/bcryptprimitives.dll"; then
	echo "test-wine: this Wine has its own bcryptprimitives.dll: using it, not the shim"
else
	cp "$work/bcryptprimitives.dll" "$sys32/"
fi

overlay=()
at=$("$GO" env GOROOT)/src/internal/syscall/windows/at_windows.go
anchor='		STATUS_NOT_SUPPORTED:     // the file system'
if grep -qF "$anchor" "$at" && ! grep -q 'C0000002' "$at"; then
	sed "s|^$anchor|\t\tNTStatus(0xC0000002), // STATUS_NOT_IMPLEMENTED: Wine 8 has no FileDispositionInformationEx\n&|" \
		"$at" >"$work/at_windows.go"
	printf '{"Replace":{"%s":"%s"}}\n' "$at" "$work/at_windows.go" >"$work/overlay.json"
	overlay=(-overlay "$work/overlay.json")
else
	echo "test-wine: Go's deleteat fallback has changed shape: building without the Wine 8 overlay"
fi

mkdir -p "$work/unc-share" "$WINEPREFIX/dosdevices/unc/ropatest"
ln -sfn "$work/unc-share" "$WINEPREFIX/dosdevices/unc/ropatest/share"
export ROPA_TEST_UNC='\\ropatest\share'

echo "test-wine: building the poppler/qpdf bridge (pdftotext, pdfinfo, qpdf, fix-qdf)"
mkdir -p "$work/bridge"
GOOS=windows GOARCH=amd64 CGO_ENABLED=0 "$GO" build -o "$work/bridge/pdftotext.exe" ./scripts/windows/pdfbridge ||
	fail "the pdf bridge did not build"
for tool in pdfinfo qpdf fix-qdf; do # qpdf: the evidence tests re-save and edit PDFs
	cp "$work/bridge/pdftotext.exe" "$work/bridge/$tool.exe"
done
ln -s /bin/sh "$work/bridge/unixsh.exe"
winpath() { printf 'Z:%s' "${1//\//\\}"; }
export WINEPATH=$(winpath "$work/bridge")
export PDFBRIDGE_SH=$(winpath "$work/bridge/unixsh.exe")
export PDFBRIDGE_SCRIPT=$root/scripts/windows/pdfbridge/bridge.sh

failed=0
for pkg in "${packages[@]}"; do
	exe=$work/$(tr / _ <<<"$pkg").test.exe
	full=github.com/ropadesk/ropadesk/$pkg
	if ! GOOS=windows GOARCH=amd64 CGO_ENABLED=0 "$GO" test "${overlay[@]}" -c -o "$exe" "./$pkg" 2>"$work/build.log"; then
		cat "$work/build.log"
		echo "FAIL	$full [build failed]"
		failed=1
		continue
	fi
	args=(-test.v -test.timeout "$TIMEOUT")
	log=$work/$(tr / _ <<<"$pkg").log
	start=$(date +%s.%N)
	rc=0
	(cd "$pkg" && timeout 900 "$wine" "$exe" "${args[@]}") >"$log" 2>&1 || rc=$?
	secs=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
	grep -E '^\s*--- (FAIL|SKIP)' "$log" || true
	passed=$(grep -cE '^\s*--- PASS' "$log" || true)
	if [[ $rc -eq 0 ]] && grep -qx 'PASS' "$log"; then
		echo "ok  	$full	${secs}s	($passed passed)"
	else
		grep -E '^(panic|fatal error|FAIL|\*\*\*)|^\s+\S+_test\.go:[0-9]+:' "$log" | head -40 || true
		[[ $rc -eq 124 ]] && echo "(killed after 900 s)"
		echo "FAIL	$full	${secs}s	(exit $rc)"
		failed=1
	fi
	cp "$log" "$work/last.log"
done

[[ $failed -eq 0 ]] || fail "some Windows tests failed under Wine (WINE_KEEP=1 keeps the logs)"
echo "test-wine: all packages passed under Wine"
