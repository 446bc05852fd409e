package ui_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/ui"
)

const mhwsSeedFile = "../report/notice/testdata/mhws-privacy-notice.txt"

// TestNoticeRecordForAnnualReview: the coverage dialog's "Record for the
// annual review" records the checked notice, with the web address typed,
// and nothing else; a check made before another notice was recorded for
// the same organisation and audience is refused in words, saying who
// recorded it.
func TestNoticeRecordForAnnualReview(t *testing.T) {
	ctx := context.Background()
	u, w, db := openExampleRegister(t)
	w.Resize(fyne.NewSize(1024, 760))
	reg, err := db.Register(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s := ui.NewNoticesScreen(u, reg)
	s.Widgets().Organisation.SetSelected(mhwsName)
	s.Widgets().Audience.SetSelected("Service users")
	before := sha256File(t, db.Path())
	s.CheckFile(mhwsSeedFile)
	ui.Settle(u)
	cov := overlay(t, w)
	if sha256File(t, db.Path()) != before {
		t.Fatal("checking a notice changed the register")
	}
	record := find(t, cov, func(b *widget.Button) bool { return b.Text == "Record for the annual review" })
	src := entryWithPlaceholder(t, w, "Where it is published")
	test.Type(src, "https://www.mhws.example/privacy")
	if dir := os.Getenv("ROPA_NOTICE_SHOT"); dir != "" {
		shot(t, w, filepath.Join(dir, "notice-check.png"))
	}
	test.Tap(record)
	ui.Settle(u)
	after, err := db.Register(ctx)
	if err != nil {
		t.Fatal(err)
	}
	seed, _ := os.ReadFile(mhwsSeedFile)
	if len(after.PublishedNotices) != 1 {
		t.Fatalf("%d notices recorded", len(after.PublishedNotices))
	}
	n := after.PublishedNotices[0]
	if n.Source != "https://www.mhws.example/privacy" || n.Text != string(seed) || n.Organisation != mhwsName || n.Audience != model.AudienceServiceUsers {
		t.Errorf("recorded %q for %q/%q, text equal %v", n.Source, n.Organisation, n.Audience, n.Text == string(seed))
	}
	find(t, cov, func(l *widget.Label) bool {
		return strings.HasPrefix(l.Text, "Recorded https://www.mhws.example/privacy for "+mhwsName)
	})
	after.PublishedNotices = nil
	if !equalJSON(t, reg, after) {
		t.Error("recording the notice changed more than the register's notices")
	}
	if v, err := db.VerifyHistory(ctx); err != nil || !v.OK() {
		t.Fatalf("verify: %v %+v", err, v.Problems)
	}

	// Another DPO records a newer notice; this screen's copy is older.
	other := &model.PublishedNotice{Organisation: mhwsName, Audience: model.AudienceServiceUsers, Source: "v2.txt", Text: "Our notice, version 2."}
	db.SetUser("Dana Scully")
	if _, err := db.RecordNotice(ctx, other, n.ID); err != nil {
		t.Fatal(err)
	}
	s.CheckFile(mhwsSeedFile)
	ui.Settle(u)
	test.Tap(find(t, overlay(t, w), func(b *widget.Button) bool { return b.Text == "Record for the annual review" }))
	ui.Settle(u)
	find(t, overlay(t, w), func(l *widget.Label) bool { return strings.Contains(l.Text, "was recorded by Dana Scully") })
	if all, _ := db.Register(ctx); len(all.PublishedNotices) != 2 {
		t.Errorf("a stale record wrote: %d notices", len(all.PublishedNotices))
	}
}

func equalJSON(t *testing.T, a, b *model.Register) bool {
	t.Helper()
	var x, y strings.Builder
	at := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	if err := exchange.WriteJSON(&x, a, at); err != nil {
		t.Fatal(err)
	}
	if err := exchange.WriteJSON(&y, b, at); err != nil {
		t.Fatal(err)
	}
	return x.String() == y.String()
}
