#!/usr/bin/env bash
# Installs what ROPA Desk needs to build (and, with --test, to run its GUI
# tests) on Debian or Ubuntu, asking apt-get only for what is missing. On
# other systems it says what to install and carries on, so that a machine
# set up by hand is not blocked.
set -euo pipefail

# Fyne needs a C compiler and the OpenGL and X11 headers.
build_pkgs=(gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev
	libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev)
# The GUI smoke tests run the app on a virtual display, drive it, screenshot
# it and read the PDF it writes (poppler-utils); the evidence tests rewrite
# PDFs (qpdf); the Windows build and its tests cross-compile with mingw-w64
# and run under Wine, and the installer is built with wixl (msitools) and
# signed, when a certificate is given, with osslsigncode. The shared-register
# tests start throw-away PostgreSQL servers (initdb and pg_ctl, which Debian
# keeps in /usr/lib/postgresql/NN/bin).
test_pkgs=(xvfb xauth xdotool imagemagick poppler-utils qpdf
	mingw-w64 wine wine64 msitools wixl osslsigncode postgresql)

pkgs=("${build_pkgs[@]}")
if [[ "${1:-}" == "--test" ]]; then
	pkgs+=("${test_pkgs[@]}")
fi

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
	case "$(uname -s)" in
	Darwin)
		echo "install-deps: not Debian. On macOS install the Xcode command line tools (xcode-select --install);"
		echo "  for the GUI tests also: brew install imagemagick poppler" ;;
	MINGW* | MSYS* | CYGWIN*)
		echo "install-deps: not Debian. On Windows install a GCC toolchain such as MSYS2 MinGW-w64"
		echo "  (pacman -S mingw-w64-x86_64-gcc) and put it on PATH." ;;
	*)
		if command -v dnf >/dev/null 2>&1; then
			echo "install-deps: not Debian. On Fedora: sudo dnf install gcc pkgconf-pkg-config mesa-libGL-devel libX11-devel \\"
			echo "  libXcursor-devel libXrandr-devel libXinerama-devel libXi-devel libXxf86vm-devel"
			echo "  and for the GUI tests: xorg-x11-server-Xvfb xorg-x11-xauth xdotool ImageMagick poppler-utils"
		else
			echo "install-deps: unknown system. Install a C compiler, pkg-config and the OpenGL and X11 development"
			echo "  headers (see https://docs.fyne.io/started/); for the GUI tests also Xvfb, xauth, xdotool, ImageMagick and poppler."
		fi ;;
	esac
	echo "install-deps: continuing; the build will say if anything is still missing."
	exit 0
fi

missing=()
for p in "${pkgs[@]}"; do
	status="$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)"
	if [[ "$status" != "install ok installed" ]]; then
		missing+=("$p")
	fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
	exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=()
if [[ "$(id -u)" -ne 0 ]]; then
	if ! command -v sudo >/dev/null 2>&1; then
		echo "install-deps: not root and no sudo; as root run: apt-get install ${missing[*]}" >&2
		exit 1
	fi
	sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
