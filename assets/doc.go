// Package assets embeds what ROPA Desk ships besides code: the fonts the PDF
// is typeset in, the application icon and the translation files. It imports
// nothing of ROPA Desk's own, so every layer may use it.
package assets
