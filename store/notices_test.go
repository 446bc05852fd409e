package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

func noticeFor(org, audience, text string) *model.PublishedNotice {
	return &model.PublishedNotice{Organisation: org, Audience: audience, Source: "privacy.txt", Text: text}
}

// A recorded notice is part of the register's state: it is read back byte
// for byte, enters the history (so verify covers it and the fingerprint
// moves), and a replay of the history gives the register the store reads.
func TestRecordNotice(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	db.SetUser("Zoë Ní Bhriain")
	mustOrg(t, db, "MHWS")
	before, _ := db.Register(ctx)
	headBefore, _ := db.HistoryHead(ctx)
	text := "We keep your care records for 20 years.\r\nÀ bientôt — “quoted”\n"
	n := noticeFor("MHWS", "service_users", text)
	recorded, err := db.RecordNotice(ctx, n, uuid.Nil)
	if err != nil || !recorded {
		t.Fatalf("record: %v, recorded %v", err, recorded)
	}
	if n.ID == uuid.Nil || n.RecordedBy != "Zoë Ní Bhriain" || n.RecordedAt.IsZero() || n.SHA256 != model.TextDigest(text) {
		t.Fatalf("recorded notice %+v", n)
	}
	r, err := db.Register(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.PublishedNotices) != 1 || r.PublishedNotices[0].Text != text || r.PublishedNotices[0].ID != n.ID {
		t.Fatalf("read back %+v", r.PublishedNotices)
	}
	head, _ := db.HistoryHead(ctx)
	if model.Fingerprint(r, head) == model.Fingerprint(before, headBefore) {
		t.Error("recording a notice left the fingerprint as it was")
	}
	h, _ := db.History(ctx, n.ID)
	if len(h) != 1 || h[0].Entity != store.EntityNotice || h[0].Action != store.ActionCreate {
		t.Fatalf("history %+v", h)
	}
	checkVerifies(t, db)
	var last *model.Register
	if err := db.HistoryStates(ctx, func(_ store.HistoryEntry, s *model.Register) bool { last = s; return true }); err != nil {
		t.Fatal(err)
	}
	if model.Fingerprint(last, head) != model.Fingerprint(r, head) {
		t.Error("the replayed state differs from the register the store reads")
	}

	t.Run("SameTextWritesNothing", func(t *testing.T) {
		again := noticeFor("mhws", "Service users", text)
		recorded, err := db.RecordNotice(ctx, again, n.ID)
		if err != nil || recorded || again.ID != n.ID {
			t.Fatalf("recorded %v, %v, id %s", recorded, err, again.ID)
		}
		if h2, _ := db.HistoryHead(ctx); h2 != head {
			t.Error("recording the same text again wrote to the history")
		}
	})
	t.Run("SameTextNewSourceIsRecorded", func(t *testing.T) {
		moved := noticeFor("MHWS", "service_users", text)
		moved.Source = "https://www.mhws.example/privacy"
		recorded, err := db.RecordNotice(ctx, moved, n.ID)
		if err != nil || !recorded {
			t.Fatalf("recorded %v, %v", recorded, err)
		}
		n = moved
		head, _ = db.HistoryHead(ctx)
	})
	t.Run("ErrStaleRecord", func(t *testing.T) {
		// The DPO checked when no notice was recorded; one has been since.
		_, err := db.RecordNotice(ctx, noticeFor("MHWS", "service_users", "Another text."), uuid.Nil)
		wantCode(t, err, model.ECONFLICT)
		if !strings.Contains(model.ErrorMessage(err), "Zoë Ní Bhriain") {
			t.Errorf("message does not say who recorded it: %s", model.ErrorMessage(err))
		}
		if h2, _ := db.HistoryHead(ctx); h2 != head {
			t.Error("a refused record wrote to the history")
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for _, bad := range []*model.PublishedNotice{
			noticeFor("MHWS", "staff", "  \n"),
			noticeFor("", "staff", "Text."),
			noticeFor("MHWS", "staff", strings.Repeat("x", model.MaxPublishedNoticeText+1)),
			noticeFor("MHWS", "staff", "bad \xff bytes"),
			{Organisation: "MHWS", Text: "No source."},
		} {
			_, err := db.RecordNotice(ctx, bad, uuid.Nil)
			wantCode(t, err, model.EINVALID)
		}
		if h2, _ := db.HistoryHead(ctx); h2 != head {
			t.Error("a refused record wrote to the history")
		}
	})
	t.Run("Replace", func(t *testing.T) {
		newer := noticeFor("MHWS", "service_users", "The notice of 2027.")
		if _, err := db.RecordNotice(ctx, newer, n.ID); err != nil {
			t.Fatal(err)
		}
		r, _ := db.Register(ctx)
		cur := model.CurrentNotices(r.PublishedNotices, time.Time{})
		if len(r.PublishedNotices) != 3 || len(cur) != 1 || cur[0].ID != newer.ID {
			t.Fatalf("notices %d, current %+v", len(r.PublishedNotices), cur)
		}
		if old := model.CurrentNotices(r.PublishedNotices, n.RecordedAt); len(old) != 1 || old[0].ID != n.ID {
			t.Fatalf("as at the first record: %+v", old)
		}
		checkVerifies(t, db)
	})
}

// Sign-off freezes the notices recorded by then; one recorded later is not
// in the frozen copy.
func TestNoticeInSignedOffSnapshot(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	org := mustOrg(t, db, "MHWS")
	a := mustActivity(t, db, minimal(org.ID, "Care records"))
	first := noticeFor("MHWS", "", "The notice as published in 2026.")
	if _, err := db.RecordNotice(ctx, first, uuid.Nil); err != nil {
		t.Fatal(err)
	}
	c := &model.ReviewCycle{Name: "Annual review 2026"}
	if err := db.CreateCycle(ctx, c); err != nil {
		t.Fatal(err)
	}
	day := time.Now().UTC().Truncate(24 * time.Hour)
	if err := db.MarkReviewed(ctx, c.ID, a.ID, model.Review{Date: day, Reviewer: "Dana", Outcome: model.OutcomeNoChange}); err != nil {
		t.Fatal(err)
	}
	if err := db.SignOff(ctx, c.ID, model.SignOff{By: "Dana Scully", Role: "Data Protection Officer", Date: day, Statement: "Reviewed.",
		Acknowledgement: "Known gaps."}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.RecordNotice(ctx, noticeFor("MHWS", "", "The notice of 2027."), first.ID); err != nil {
		t.Fatal(err)
	}
	snap, err := db.CycleSnapshot(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(snap.PublishedNotices) != 1 || snap.PublishedNotices[0].ID != first.ID {
		t.Fatalf("frozen notices %+v", snap.PublishedNotices)
	}
	checkVerifies(t, db)
}

// A notice's body edited outside ROPA Desk is found by verify, naming it.
func TestNoticeEditedOutsideIsFound(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	mustOrg(t, db, "MHWS")
	n := noticeFor("MHWS", "staff", "We keep staff records for 6 years.")
	if _, err := db.RecordNotice(ctx, n, uuid.Nil); err != nil {
		t.Fatal(err)
	}
	res := verifyAfterEdit(t, db, `UPDATE published_notices SET body = replace(body, '6 years', '60 years')`)
	if len(res.Problems) != 1 || res.Problems[0].EntityID != n.ID || !strings.Contains(res.Problems[0].Message, "published privacy notice") || !strings.Contains(res.Problems[0].Message, "was changed outside ROPA Desk") {
		t.Fatalf("problems: %+v", res.Problems)
	}
}

// A notice's columns beside its body, edited outside ROPA Desk, would
// change which notice the PDF shows: verify names them.
func TestNoticeColumnsEditedOutsideAreFound(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	n := noticeFor("MHWS", "staff", "Staff notice.")
	if _, err := db.RecordNotice(ctx, n, uuid.Nil); err != nil {
		t.Fatal(err)
	}
	res := verifyAfterEdit(t, db, `UPDATE published_notices SET recorded_at = '2099-01-01T00:00:00.000000000Z'`)
	if len(res.Problems) != 1 || !strings.Contains(res.Problems[0].Message, "when it was recorded") {
		t.Fatalf("problems: %+v", res.Problems)
	}
}

// An import brings notices by id: a new one is recorded as it was, one the
// register holds identically changes nothing, and one that differs from
// the register's is refused, writing nothing.
func TestApplyNotices(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	at := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	n := model.PublishedNotice{ID: uuid.Must(uuid.NewV7()), Organisation: "MHWS", Audience: "staff", Source: "https://example.org/privacy",
		Text: "Staff notice.", SHA256: model.TextDigest("Staff notice."), RecordedAt: at, RecordedBy: "Dana Scully"}
	if err := db.Apply(ctx, model.Changes{PublishedNotices: []model.PublishedNotice{n}}); err != nil {
		t.Fatal(err)
	}
	head, _ := db.HistoryHead(ctx)
	if err := db.Apply(ctx, model.Changes{PublishedNotices: []model.PublishedNotice{n}}); err != nil {
		t.Fatal(err)
	}
	if h, _ := db.HistoryHead(ctx); h != head {
		t.Error("importing the same notice again wrote to the history")
	}
	changed := n
	changed.Text, changed.SHA256 = "Staff notice, edited.", model.TextDigest("Staff notice, edited.")
	wantCode(t, db.Apply(ctx, model.Changes{PublishedNotices: []model.PublishedNotice{changed}}), model.EINVALID)
	tampered := n
	tampered.Text = "Staff notice, edited."
	wantCode(t, db.Apply(ctx, model.Changes{PublishedNotices: []model.PublishedNotice{tampered}}), model.EINVALID)
	r, _ := db.Register(ctx)
	if len(r.PublishedNotices) != 1 || r.PublishedNotices[0].Text != "Staff notice." || !r.PublishedNotices[0].RecordedAt.Equal(at) || r.PublishedNotices[0].RecordedBy != "Dana Scully" {
		t.Fatalf("notices %+v", r.PublishedNotices)
	}
	checkVerifies(t, db)
}

// A register of schema 1 migrates to hold notices, and its history still
// verifies with one recorded; read-only, it is read with none.
func TestSchema1RecordsNoticeAfterMigrating(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.ropa")
	b, err := os.ReadFile("testdata/schema1.ropa")
	if err == nil {
		err = os.WriteFile(path, b, 0o600)
	}
	if err != nil {
		t.Fatal(err)
	}
	ro, err := store.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := ro.Register(ctx)
	ro.Close()
	if err != nil || len(r.PublishedNotices) != 0 {
		t.Fatalf("read-only schema 1: %v, %d notices", err, len(r.PublishedNotices))
	}
	db, err := openNoLock(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.RecordNotice(ctx, noticeFor(r.Organisations[0].Name, "service_users", "Our notice."), uuid.Nil); err != nil {
		t.Fatal(err)
	}
	checkVerifies(t, db)
	checkReceipt(t, db, r)
}

// verifyAfterEdit closes db, runs sql on its file as another program would,
// and verifies the register opened again.
func verifyAfterEdit(t *testing.T, db *store.DB, sql string) store.VerifyResult {
	t.Helper()
	path := db.Path()
	db.Close()
	rawExec(t, path, sql)
	db, err := openNoLock(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	res, err := db.VerifyHistory(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return res
}
