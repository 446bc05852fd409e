#!/usr/bin/env bash
# Smoke test of the Windows installer under Wine: installs the MSI per user
# (msiexec /i … /qn), checks the files, the Start-menu entry and the .ropa
# association, writes an example register with the installed ropactl.exe,
# opens it the way a double-click does (through the association), checks
# the window's title names the register, takes a screenshot, then
# uninstalls (msiexec /x … /qn) and checks everything is gone.
#
#   scripts/windows/smoke-msi.sh [MSI] [SCREENSHOT.png]
#
# MSI defaults to dist/windows/ROPA-Desk-VERSION.msi (built by package.sh
# if absent); with SCREENSHOT the screenshot is also copied there (that is
# how docs/windows-screenshot.png is made). Needs wine, Xvfb, xdotool and
# ImageMagick. Wine 8 lacks bcryptprimitives.dll, which Go's runtime loads,
# so the shim test-wine.sh uses is put into the prefix here too: it is
# never part of the MSI.
set -euo pipefail

fail() { echo "smoke-windows: FAIL: $*" >&2; exit 1; }

cd "$(dirname "$0")/../.."
root=$PWD
for tool in wine Xvfb xdotool import convert x86_64-w64-mingw32-gcc; do
	command -v "$tool" >/dev/null || fail "$tool is not installed"
done
version=$(sed -n 's/^Version *= *"\([0-9.]*\)".*/\1/p' cmd/ropa/FyneApp.toml)
msi=$(realpath -m "${1:-dist/windows/ROPA-Desk-$version.msi}")
[[ -f $msi ]] || scripts/windows/package.sh "$(dirname "$msi")"
[[ -f $msi ]] || fail "no MSI at $msi"
shot_copy=${2:+$(realpath -m "$2")}
wine=wine
[[ -x /usr/lib/wine/wine64 ]] && wine=/usr/lib/wine/wine64

work=$(mktemp -d)
xvfb_pid=""
cleanup() {
	[[ -n ${WINEPREFIX:-} ]] && wineserver -k 2>/dev/null || true
	[[ -n $xvfb_pid ]] && kill "$xvfb_pid" 2>/dev/null || true
	wait 2>/dev/null || true
	[[ -n ${SMOKE_KEEP:-} ]] && { echo "smoke-windows: work folder kept: $work"; return; }
	rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=scripts/xvfb.sh
source scripts/xvfb.sh
start_private_display "$work"
export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEARCH=win64 WINEDLLOVERRIDES="mscoree,mshtml="
echo "smoke-windows: creating a Wine prefix on $display"
timeout 300 "$wine" wineboot -i >"$work/wineboot.log" 2>&1 || { cat "$work/wineboot.log" >&2; fail "wineboot failed"; }
timeout 120 wineserver -w || true
shim=$root/scripts/windows/shim
x86_64-w64-mingw32-gcc -O2 -Wall -Werror -shared -static-libgcc -o "$work/bcryptprimitives.dll" \
	"$shim/bcryptprimitives.c" "$shim/bcryptprimitives.def" -lbcrypt || fail "the shim did not build"
grep -qs 'Wine builtin DLL' "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" ||
	cp "$work/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"

user=$(timeout 60 "$wine" cmd /c 'echo %USERNAME%' 2>/dev/null | tr -d '\r') || true
[[ -n $user ]] || fail "could not ask Wine for the user's name"
profile=$WINEPREFIX/drive_c/users/$user
appdir="$profile/AppData/Local/Programs/ROPA Desk"
lnk="$profile/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/ROPA Desk.lnk"

echo "smoke-windows: installing $(basename "$msi") per user"
cp "$msi" "$work/ropa.msi"
timeout 300 "$wine" msiexec /i 'Z:'"${work//\//\\}"'\ropa.msi' /qn /l*v 'Z:'"${work//\//\\}"'\install.log' ||
	{ iconv -f UTF-16LE -t UTF-8 "$work/install.log" 2>/dev/null | tail -30 >&2; fail "msiexec /i failed"; }
timeout 120 wineserver -w || true
for f in ropa.exe ropactl.exe; do
	[[ -f $appdir/$f ]] || fail "$f was not installed in $appdir"
done
[[ -f $lnk ]] || fail "no Start-menu entry at $lnk"
assoc=$(timeout 60 "$wine" reg query 'HKCU\Software\Classes\ROPADesk.Register\shell\open\command' 2>&1 | tr -d '\r') || true
[[ $assoc == *'ropa.exe" "%1"'* ]] || fail "the .ropa association is not registered: $assoc"
ext=$(timeout 60 "$wine" reg query 'HKCU\Software\Classes\.ropa' 2>&1 | tr -d '\r') || true
[[ $ext == *ROPADesk.Register* ]] || fail ".ropa does not point to ROPA Desk: $ext"
# Windows shows HKCU\Software\Classes in HKEY_CLASSES_ROOT, which is what
# Explorer and ShellExecute read; Wine 8 does not merge the two.
merged=yes
timeout 60 "$wine" reg query 'HKCR\.ropa' >/dev/null 2>&1 || merged=""
echo "smoke-windows: installed: ropa.exe, ropactl.exe, Start-menu entry, .ropa association"

register_dir="$profile/Documents"
mkdir -p "$register_dir"
timeout 120 "$wine" "$appdir/ropactl.exe" example 'C:\users\'"$user"'\Documents\Example.ropa' >"$work/ropactl.log" 2>&1 ||
	{ cat "$work/ropactl.log" >&2; fail "the installed ropactl.exe could not write the example register"; }
[[ -f $register_dir/Example.ropa ]] || fail "ropactl.exe example wrote no register"
echo "smoke-windows: example register written by the installed ropactl.exe"

doc='C:\users\'"$user"'\Documents\Example.ropa'
if [[ -n $merged ]]; then
	# "start" opens a document through its association, as Explorer does.
	echo "smoke-windows: opening Example.ropa through its association"
	"$wine" start "$doc" >"$work/ropa.log" 2>&1 &
else
	# What the association runs: the registered command with %1 filled in.
	echo "smoke-windows: this Wine does not merge per-user classes into HKEY_CLASSES_ROOT (Windows does):"
	echo "smoke-windows: running the association's registered command for Example.ropa instead"
	"$wine" "$appdir/ropa.exe" "$doc" >"$work/ropa.log" 2>&1 &
fi
window=""
for _ in $(seq 60); do
	window=$(xdotool search --name 'ROPA Desk' 2>/dev/null | head -n1) && [[ -n $window ]] && break
	sleep 1
done
[[ -n $window ]] || { cat "$work/ropa.log" >&2; fail "no window named 'ROPA Desk' appeared within 60 s"; }
title=""
for _ in $(seq 150); do
	title=$(xdotool getwindowname "$window" 2>/dev/null || true)
	[[ $title == *"Example.ropa"* ]] && break
	sleep 0.2
done
[[ $title == *"Example.ropa"* ]] || fail "window title is '$title', want it to name Example.ropa"
echo "smoke-windows: window title: $title"
sleep 4 # let the list and the editor draw

shot=$work/shot.png
import -window root "$shot" || fail "screenshot failed"
colours=$(convert "$shot" -format '%k' info:)
deviation=$(convert "$shot" -colorspace Gray -format '%[fx:standard_deviation]' info:)
echo "smoke-windows: screenshot has $colours colours, standard deviation $deviation"
(( colours > 50 )) || fail "screenshot looks blank: only $colours colours"
awk -v d="$deviation" 'BEGIN { exit !(d > 0.05) }' || fail "screenshot looks blank: standard deviation $deviation"
[[ -n $shot_copy ]] && cp "$shot" "$shot_copy" && echo "smoke-windows: screenshot copied to $shot_copy"

# Close the app as Windows does at uninstall time: end its processes.
timeout 60 "$wine" taskkill /im ropa.exe /f >/dev/null 2>&1 || true
timeout 60 wineserver -w || true

echo "smoke-windows: uninstalling"
timeout 300 "$wine" msiexec /x 'Z:'"${work//\//\\}"'\ropa.msi' /qn || fail "msiexec /x failed"
timeout 120 wineserver -w || true
[[ ! -e $appdir ]] || fail "uninstall left $appdir: $(ls -A "$appdir")"
[[ ! -e $lnk ]] || fail "uninstall left the Start-menu entry"
if timeout 60 "$wine" reg query 'HKCU\Software\Classes\.ropa' >/dev/null 2>&1; then
	fail "uninstall left the .ropa association"
fi
if timeout 60 "$wine" reg query 'HKCU\Software\ROPA Desk' >/dev/null 2>&1; then
	fail "uninstall left HKCU\\Software\\ROPA Desk"
fi
[[ -f $register_dir/Example.ropa ]] || fail "uninstall removed the user's register"
echo "smoke-windows: uninstalled: no program files, no Start-menu entry, no association left; the register is kept"
echo "smoke-windows: PASS"
