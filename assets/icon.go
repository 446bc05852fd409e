package assets

import _ "embed"

// Icon is ROPA Desk's application icon, 256×256 PNG: a document with a
// shield and tick. It is drawn by assets/internal/iconmaker, so it can be
// redrawn rather than edited by hand:
//
//	go run ./assets/internal/iconmaker -out assets/icon.png
//
//go:embed icon.png
var Icon []byte
