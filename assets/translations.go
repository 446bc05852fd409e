package assets

import "embed"

// Translations holds one JSON file per language, named for the locale
// (en-GB.json), in go-i18n's format: the English text is the message id, as
// lang.L uses it. The English (UK) file lists every string the GUI shows, so
// a translator starts from a complete catalogue; ui's tests keep it so.
//
//go:embed translations/*.json
var Translations embed.FS
