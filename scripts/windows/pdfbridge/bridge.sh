#!/bin/sh
# The Linux half of pdfbridge (see main.go): runs the poppler tool named in
# DIR/args with the rest of DIR/args as its arguments, Windows paths turned
# into Linux ones through $WINEPREFIX/dosdevices, and leaves DIR/stdout,
# DIR/stderr and, last, DIR/status for the Windows half to collect.
set -u
unix() { # C:\users\x\a.pdf -> $WINEPREFIX/dosdevices/c:/users/x/a.pdf
	case $1 in
	[A-Za-z]:\\*)
		drive=$(printf %s "$1" | cut -c1 | tr 'A-Z' 'a-z')
		rest=$(printf %s "$1" | cut -c3- | tr '\\' '/')
		printf '%s' "$WINEPREFIX/dosdevices/$drive:$rest" ;;
	*) printf '%s' "$1" ;;
	esac
}
dir=$(unix "$1")
set --
# Arguments are NUL-separated; read back one per line, which is safe for
# these tools' arguments (flags and paths, none with a newline).
while IFS= read -r a; do
	set -- "$@" "$(unix "$a")"
done <<EOF2
$(tr '\0' '\n' <"$dir/args")
EOF2
tool=$1
shift
case $tool in pdftotext | pdfinfo | qpdf | fix-qdf) ;; *) echo "pdfbridge: no tool $tool" >"$dir/stderr"; echo 2 >"$dir/status"; exit 0 ;; esac
"$tool" "$@" >"$dir/stdout" 2>"$dir/stderr"
echo $? >"$dir/status.part"
mv "$dir/status.part" "$dir/status"
