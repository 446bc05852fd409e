package exchange_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
)

func recordedNotice(org, text string) model.PublishedNotice {
	return model.PublishedNotice{ID: uuid.Must(uuid.NewV7()), Organisation: org, Audience: model.AudienceServiceUsers,
		Source: "https://example.org/privacy-notice", Text: text, SHA256: model.TextDigest(text),
		RecordedAt: time.Date(2026, 6, 1, 9, 30, 0, 0, time.UTC), RecordedBy: "Zoë Ní Bhriain"}
}

// TestJSONNoticesRoundTrip: recorded published notices come back from a
// document byte for byte (text with accents, quotes, "&" and line ends),
// and an import plan carries the new ones only.
func TestJSONNoticesRoundTrip(t *testing.T) {
	r := exchange.Example()
	text := "Who we are & what we do\r\n“We keep records for 20 years.”\tZoë <b>\n"
	r.PublishedNotices = []model.PublishedNotice{recordedNotice(r.Organisations[0].Name, text)}
	first := mustWrite(t, r)
	if !bytes.Contains(first, []byte(`"published_notices": [`)) || !bytes.Contains(first, []byte(`"sha256": "`+model.TextDigest(text)+`"`)) {
		t.Fatal("the document lacks the published notice")
	}
	got, err := exchange.ReadJSON(bytes.NewReader(first))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.PublishedNotices) != 1 || got.PublishedNotices[0].Text != text {
		t.Fatalf("read back %+v", got.PublishedNotices)
	}
	if second := mustWrite(t, got); !bytes.Equal(first, second) {
		t.Fatalf("round trip changed the document:\n%s", firstDiff(first, second))
	}
	if ch := exchange.Plan(nil, exchange.FromRegister(got, "register.json")).Changes(); len(ch.PublishedNotices) != 1 {
		t.Errorf("plan into an empty register carries %d notices", len(ch.PublishedNotices))
	}
	if ch := exchange.Plan(got, exchange.FromRegister(got, "register.json")).Changes(); len(ch.PublishedNotices) != 0 {
		t.Errorf("plan into the same register carries %d notices", len(ch.PublishedNotices))
	}
	r.PublishedNotices = nil
	if bytes.Contains(mustWrite(t, r), []byte(`"published_notices"`)) {
		t.Error("a register without notices writes the key")
	}
}

// A notice whose text was edited in the file (its SHA-256 no longer that
// of its text), or that lacks what a record needs, is refused by name.
func TestReadJSONNoticeProblems(t *testing.T) {
	r := exchange.Example()
	edited := recordedNotice("MHWS", "The notice.")
	edited.Text = "The notice, edited."
	empty := recordedNotice("MHWS", "x")
	empty.Text, empty.RecordedBy = "", ""
	dup := recordedNotice("MHWS", "Another.")
	dup.ID = edited.ID
	r.PublishedNotices = []model.PublishedNotice{edited, empty, dup}
	_, err := exchange.ReadJSON(bytes.NewReader(mustWrite(t, r)))
	if model.ErrorCode(err) != model.EINVALID {
		t.Fatalf("want EINVALID, got %v", err)
	}
	msg := model.ErrorMessage(err)
	for _, want := range []string{
		"published_notices[0]", "is not that of its text",
		"published_notices[1]", "has no text", "whoever recorded it",
		"published_notices[2]", "is also the id of published_notices[0]",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
}
