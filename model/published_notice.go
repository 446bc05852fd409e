package model

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
)

// PublishedNotice is a privacy notice as the organisation published it,
// recorded in the register once the DPO has checked it against the
// register. Recording it makes it part of the register's state: it enters
// the change history, the fingerprint and a signed-off cycle's frozen copy,
// so the annual-review PDF can print its coverage and `ropactl verify
// --pdf` can make that PDF again. A recorded notice is never changed; a
// newer one for the same organisation and audience replaces it in the PDF.
type PublishedNotice struct {
	ID uuid.UUID `json:"id"`
	// Organisation is the organisation's or partnership's name, as the
	// register spelt it when the notice was recorded.
	Organisation string `json:"organisation"`
	// Audience is the audience code or the DPO's own audience name; empty
	// means every activity the organisation controls.
	Audience string `json:"audience,omitempty"`
	// Source is where the notice came from as the DPO gave it: a file
	// name or a web address.
	Source string `json:"source"`
	// Text is the notice's text as the checker read it (an HTML page's
	// tags stripped, Windows-1252 decoded), byte for byte.
	Text string `json:"text"`
	// SHA256 is the lowercase hex SHA-256 of Text.
	SHA256     string    `json:"sha256"`
	RecordedAt time.Time `json:"recorded_at"`
	RecordedBy string    `json:"recorded_by"`
}

// MaxPublishedNoticeText bounds a recorded notice's text. The seed notices
// are 9 and 12 KB; a notice a hundred times longer is not one, and every
// frozen copy of the register carries the text again.
const MaxPublishedNoticeText = 1 << 20

var hexDigest = regexp.MustCompile(`^[0-9a-f]{64}$`)

// TextDigest is the lowercase hex SHA-256 of a notice's text.
func TextDigest(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// Validate reports what stops the notice being recorded. Field paths are
// relative to the notice ("sha256").
func (n *PublishedNotice) Validate() error {
	var v ValidationErrors
	if blank(n.Organisation) {
		v.add("organisation", "Say which organisation or partnership the published notice is for.")
	}
	if blank(n.Source) {
		v.add("source", "Say where the published notice came from: its file name or web address.")
	}
	switch {
	case strings.TrimSpace(n.Text) == "":
		v.add("text", "The published notice has no text.")
	case len(n.Text) > MaxPublishedNoticeText:
		v.add("text", "The published notice's text is %d KB, more than the %d KB a notice may be; a privacy notice is a few pages.", len(n.Text)>>10, MaxPublishedNoticeText>>10)
	case !utf8.ValidString(n.Text):
		v.add("text", "The published notice's text is not UTF-8 text.")
	case strings.IndexByte(n.Text, 0) >= 0:
		v.add("text", "The published notice's text contains a NUL character, so it is not text.")
	case !hexDigest.MatchString(n.SHA256):
		v.add("sha256", "The published notice needs the SHA-256 of its text, 64 lowercase hexadecimal digits.")
	case n.SHA256 != TextDigest(n.Text):
		v.add("sha256", "The SHA-256 recorded for the published notice is not that of its text: the text was changed after it was recorded.")
	}
	if n.RecordedAt.IsZero() {
		v.add("recorded_at", "The published notice needs the time it was recorded.")
	}
	if blank(n.RecordedBy) {
		v.add("recorded_by", "The published notice needs the name of whoever recorded it.")
	}
	return v.orNil()
}

// SameNotice reports whether n and o are recorded for the same
// organisation and audience (compared as a person would: case and an
// audience's label or code ignored).
func (n *PublishedNotice) SameNotice(o *PublishedNotice) bool {
	return strings.EqualFold(strings.TrimSpace(n.Organisation), strings.TrimSpace(o.Organisation)) &&
		strings.EqualFold(AudienceCode(n.Audience), AudienceCode(o.Audience))
}

// CurrentNotices returns, for each organisation and audience, the notice
// recorded last on or before until (all of them when until is zero), in
// the order of notices (the store's: by when recorded). It is what the
// annual-review PDF prints the coverage of.
func CurrentNotices(notices []PublishedNotice, until time.Time) []PublishedNotice {
	var out []PublishedNotice
	for _, n := range notices {
		if !until.IsZero() && n.RecordedAt.After(until) {
			continue
		}
		replaced := false
		for i := range out {
			if out[i].SameNotice(&n) {
				if !n.RecordedAt.Before(out[i].RecordedAt) {
					out[i] = n
				}
				replaced = true
				break
			}
		}
		if !replaced {
			out = append(out, n)
		}
	}
	return out
}
