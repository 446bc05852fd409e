package desk_test

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/ropadesk/ropadesk/desk"
	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

const (
	mhws     = "Mental Health and Well Being Services Ltd"
	mhwsSeed = "../report/notice/testdata/mhws-privacy-notice.txt"
)

func exportJSON(t *testing.T, db desk.Register) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := desk.Export(context.Background(), db, desk.JSON, &buf, desk.ExportOptions{Now: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestCheckThenRecordNotice: checking changes nothing in the register;
// recording adds the notice and nothing else; a check made before another
// notice was recorded for the same organisation and audience is refused
// as stale; and the notice survives a JSON export imported into a new
// register.
func TestCheckThenRecordNotice(t *testing.T) {
	ctx := context.Background()
	db := example(t)
	f, err := desk.ReadNotice(mhwsSeed, "")
	if err != nil {
		t.Fatal(err)
	}
	before := exportJSON(t, db)
	head, _ := db.HistoryHead(ctx)
	r, _ := db.Register(ctx)
	chk, err := desk.CheckNotice(r, mhws, "Service users", f)
	if err != nil {
		t.Fatal(err)
	}
	stale, _ := desk.CheckNotice(r, mhws, "service_users", f)
	if h, _ := db.HistoryHead(ctx); h != head || !bytes.Equal(exportJSON(t, db), before) {
		t.Fatal("checking a notice changed the register")
	}
	if chk.Source != "mhws-privacy-notice.txt" || chk.Audience != model.AudienceServiceUsers || chk.Current != nil || chk.Coverage.Required == 0 {
		t.Fatalf("check: source %q audience %q current %v required %d", chk.Source, chk.Audience, chk.Current, chk.Coverage.Required)
	}
	rec, recorded, err := desk.RecordNotice(ctx, db, chk)
	if err != nil || !recorded || rec.Text != f.Text || chk.Coverage.Recorded == nil {
		t.Fatalf("record: %v, recorded %v", err, recorded)
	}
	after, _ := db.Register(ctx)
	r.PublishedNotices = after.PublishedNotices
	if !bytes.Equal(mustJSON(t, r), mustJSON(t, after)) {
		t.Error("recording a notice changed more than the register's notices")
	}
	// The same text again, from a fresh check, writes nothing.
	fresh, _ := desk.CheckNotice(after, mhws, "service_users", f)
	if fresh.Current == nil || fresh.Current.ID != rec.ID {
		t.Fatalf("a fresh check does not see the recorded notice: %+v", fresh.Current)
	}
	if _, recorded, err := desk.RecordNotice(ctx, db, fresh); err != nil || recorded {
		t.Fatalf("recording the same notice again: %v, recorded %v", err, recorded)
	}
	stale.Text += "\nA later edit.\n"
	if _, _, err := desk.RecordNotice(ctx, db, stale); model.ErrorCode(err) != model.ECONFLICT {
		t.Fatalf("a stale record: %v", err)
	}

	// Exported as JSON and imported into a new register, the notice is
	// there byte for byte, and the history verifies.
	path := filepath.Join(t.TempDir(), "register.json")
	if err := desk.ExportFile(ctx, db, desk.JSON, path, desk.ExportOptions{Now: time.Now()}); err != nil {
		t.Fatal(err)
	}
	other, err := store.Create(ctx, filepath.Join(t.TempDir(), "other.ropa"))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	imp, err := desk.PreviewImport(ctx, other, path, exchange.PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := desk.ApplyImport(ctx, other, imp); err != nil {
		t.Fatal(err)
	}
	got, _ := other.Register(ctx)
	if len(got.PublishedNotices) != 1 || got.PublishedNotices[0].Text != f.Text || got.PublishedNotices[0].ID != rec.ID {
		t.Fatalf("imported notices: %d", len(got.PublishedNotices))
	}
	if v, err := other.VerifyHistory(ctx); err != nil || !v.OK() {
		t.Fatalf("verify after import: %v %+v", err, v.Problems)
	}
}

func mustJSON(t *testing.T, r *model.Register) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := exchange.WriteJSON(&buf, r, time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
