package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// signedRegister makes a register with two activities, a cycle reviewing
// both, signed off, then an edit after the sign-off.
func signedRegister(t *testing.T) (*store.DB, *model.ReviewCycle) {
	t.Helper()
	ctx := context.Background()
	db := mustOpen(t)
	db.SetUser("Dana Scully")
	org := mustOrg(t, db, "MHWS")
	care := fullActivity(org.ID)
	care.Name = "Care records"
	care.Retention = "20 years"
	mustActivity(t, db, care)
	mustActivity(t, db, minimal(org.ID, "Payroll"))
	c := &model.ReviewCycle{Name: "Annual review 2026", StartedAt: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)}
	if err := db.CreateCycle(ctx, c); err != nil {
		t.Fatal(err)
	}
	r, _ := db.Register(ctx)
	for _, a := range r.Activities {
		if err := db.MarkReviewed(ctx, c.ID, a.ID, model.Review{Date: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), Reviewer: "Dana Scully", Outcome: model.OutcomeNoChange}); err != nil {
			t.Fatal(err)
		}
	}
	s := model.SignOff{By: "Dana Scully", Role: "Data Protection Officer", ApprovingBody: "Board", Reference: "Minute 2026/41",
		Date: time.Date(2026, 5, 2, 0, 0, 0, 0, time.UTC), Statement: "Complete and accurate.", Acknowledgement: "Findings are on the action plan."}
	if err := db.SignOff(ctx, c.ID, s); err != nil {
		t.Fatal(err)
	}
	got, err := db.Cycle(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	return db, got
}

func TestSignOffIsChained(t *testing.T) {
	ctx := context.Background()
	db, c := signedRegister(t)
	s := c.SignOff
	if s.Role != "Data Protection Officer" || s.ApprovingBody != "Board" || s.Reference != "Minute 2026/41" || s.EnteredBy != "Dana Scully" || s.EnteredAt.IsZero() {
		t.Fatalf("sign-off = %+v", s)
	}
	head, ok, err := db.SignOffHead(ctx, c.ID)
	if err != nil || !ok || head.Field != "snapshot_sha256" || head.User != "Dana Scully" || !head.At.Equal(s.EnteredAt) {
		t.Fatalf("sign-off head %+v, %v, %v", head, ok, err)
	}
	if res, err := db.VerifyHistory(ctx); err != nil || !res.OK() {
		t.Fatalf("a register signed off in ROPA Desk does not verify: %+v %v", res.Problems, err)
	}

	// The receipt: beside the register, owner-only, the same bytes when
	// written again.
	path := store.ReceiptPath(db.Path(), c.Name)
	if !strings.HasSuffix(path, "test.ropa.signoff-annual-review-2026.json") {
		t.Fatalf("receipt path %s", path)
	}
	first, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Windows has no mode bits (Go reports 0666); there the folder's
	// access list, the user's own, keeps the receipt private.
	if fi, _ := os.Stat(path); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Fatalf("receipt mode %v", fi.Mode())
	}
	if _, err := db.WriteReceipt(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	again, _ := os.ReadFile(path)
	if string(first) != string(again) {
		t.Fatalf("receipt not deterministic:\n%s\n%s", first, again)
	}
	var r store.Receipt
	if err := json.Unmarshal(first, &r); err != nil || r.HistoryHead != head.Hash || r.HistorySeq != head.Seq || r.Fingerprint == "" {
		t.Fatalf("receipt %+v, %v", r, err)
	}
	fp, h, _ := db.SignedOffFingerprint(ctx, c.ID)
	snap, _ := db.CycleSnapshot(ctx, c.ID)
	if fp != r.Fingerprint || h != head.Hash || fp != model.Fingerprint(snap, head.Hash) {
		t.Fatal("the receipt's fingerprint is not the signed-off PDF's")
	}

	// The history replays the cycle and its sign-off: the last state is
	// the register as the store reads it.
	cur, _ := db.Register(ctx)
	var last *model.Register
	db.HistoryStates(ctx, func(_ store.HistoryEntry, r *model.Register) bool { last = r; return true })
	curJSON, _ := json.Marshal(cur)
	lastJSON, _ := json.Marshal(last)
	if string(curJSON) != string(lastJSON) {
		t.Fatalf("replayed register differs from the stored one:\n%s\n%s", lastJSON, curJSON)
	}
}

func TestSignOffGapsAndRefusals(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	org := mustOrg(t, db, "MHWS")
	care := mustActivity(t, db, minimal(org.ID, "Care records"))
	mustActivity(t, db, minimal(org.ID, "Payroll"))
	c := &model.ReviewCycle{Name: "Annual review 2026", StartedAt: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)}
	if err := db.CreateCycle(ctx, c); err != nil {
		t.Fatal(err)
	}
	reviewed := time.Date(2026, 5, 10, 0, 0, 0, 0, time.UTC)
	if err := db.MarkReviewed(ctx, c.ID, care.ID, model.Review{Date: reviewed, Reviewer: "Dana Scully", Outcome: model.OutcomeNoChange}); err != nil {
		t.Fatal(err)
	}
	g, err := db.SignOffGaps(ctx, c.ID)
	if err != nil || g.Unreviewed != 1 || !g.LatestReview.Equal(reviewed) {
		t.Fatalf("gaps %+v, %v", g, err)
	}
	s := model.SignOff{By: "Dana Scully", Role: "DPO", Statement: "Done.", Date: time.Date(2026, 5, 9, 0, 0, 0, 0, time.UTC)}
	err = db.SignOff(ctx, c.ID, s)
	wantCode(t, err, model.EINVALID)
	var v model.ValidationErrors
	if !errors.As(err, &v) || len(v.For("sign_off.date")) != 1 || len(v.For("sign_off.acknowledgement")) != 1 {
		t.Fatalf("refusal = %v", err)
	}
	if cur, _ := db.Cycle(ctx, c.ID); cur.SignOff != nil {
		t.Fatal("a refused sign-off was saved")
	}
	if res, _ := db.VerifyHistory(ctx); !res.OK() {
		t.Fatalf("a refused sign-off left a trace: %+v", res.Problems)
	}
}

// Each kind of state edited with plain SQL is found, and the problem names
// what was changed.
func TestVerifyDetectsTamperingWithEveryKindOfState(t *testing.T) {
	tests := []struct {
		name  string
		sql   string
		words []string
	}{
		{"ActivityBody", `UPDATE activities SET body = json_set(body, '$.retention', '2 years') WHERE name = 'Care records'`,
			[]string{`"Care records"`, "retention"}},
		{"ListColumnName", `UPDATE activities SET name = 'Renamed' WHERE name = 'Payroll'`,
			[]string{`"Payroll"`, "list column name", `"Renamed"`}},
		{"ListColumnStatus", `UPDATE activities SET status = 'retired' WHERE name = 'Payroll'`,
			[]string{`"Payroll"`, "status"}},
		{"ListColumnBases", `UPDATE activities SET lawful_bases = 'consent' WHERE name = 'Care records'`,
			[]string{`"Care records"`, "lawful_bases"}},
		{"ListColumnSpecial", `UPDATE activities SET has_special = 1 - has_special, special_categories = '' WHERE name = 'Care records'`,
			[]string{`"Care records"`, "has_special", "special_categories"}},
		{"ListColumnVerdict", `UPDATE activities SET ndop_verdict = 'not_applicable' WHERE name = 'Care records'`,
			[]string{`"Care records"`, "ndop_verdict"}},
		{"ListColumnErrors", `UPDATE activities SET errors = 0, warnings = 0 WHERE name = 'Payroll'`,
			[]string{`"Payroll"`, "errors"}},
		{"ListColumnTimestamp", `UPDATE activities SET updated_at = '2020-01-01T00:00:00.000000000Z' WHERE name = 'Payroll'`,
			[]string{`"Payroll"`, "updated_at"}},
		{"ListColumnOrganisation", `UPDATE organisations SET name = 'Other Trust'`,
			[]string{`"MHWS"`, "list column name"}},
		{"SearchIndexEdited", `UPDATE activities_fts SET description = 'nothing to see' WHERE name = 'Care records'`,
			[]string{`"Care records"`, "search index", "description"}},
		{"SearchIndexDeleted", `DELETE FROM activities_fts WHERE name = 'Payroll'`,
			[]string{`"Payroll"`, "missing from the search index"}},
		{"HistoryEntryDeleted", `DELETE FROM history WHERE seq = 3`,
			[]string{"entry 3 is missing"}},
		{"HistoryEntryRewritten", `UPDATE history SET new = replace(new, '20 years', '2 years') WHERE entity = 'activity' AND action = 'create' AND new LIKE '%20 years%'`,
			[]string{"altered"}},
		{"SignerRewritten", `UPDATE review_cycles SET signed_off_by = 'Jane Smith', statement = 'Chief Executive approves.'`,
			[]string{`"Annual review 2026"`, "the sign-off"}},
		{"SignOffBackdated", `UPDATE review_cycles SET signed_off_at = '2025-01-01T00:00:00.000000000Z'`,
			[]string{`"Annual review 2026"`, "the sign-off"}},
		{"SignOffRemoved", `UPDATE review_cycles SET signed_off_at = '', signed_off_by = '', statement = '', snapshot = NULL`,
			[]string{`"Annual review 2026"`, "the sign-off", "frozen copy"}},
		{"SignOffRoleRewritten", `UPDATE meta SET value = json_set(value, '$.role', 'Chief Executive') WHERE key LIKE 'sign_off:%'`,
			[]string{`"Annual review 2026"`, "the sign-off"}},
		{"FrozenCopyEdited", `UPDATE review_cycles SET snapshot = replace(snapshot, '20 years', '2 years')`,
			[]string{`"Annual review 2026"`, "frozen copy of the register made at sign-off"}},
		{"SignOffEnteredByRewritten", `UPDATE history SET user = 'Jane Smith' WHERE field = 'sign_off'`,
			[]string{"entered by \"Dana Scully\"", "written by \"Jane Smith\""}},
		{"CycleRenamed", `UPDATE review_cycles SET name = 'Annual review 2025'`,
			[]string{"the name"}},
		{"CycleInserted", `INSERT INTO review_cycles (id, name, started_at, interval_months, signed_off_by, signed_off_at, statement)
			VALUES ('0190f0f0-0000-7000-8000-000000000001', 'Annual review 2024', '2024-04-01T00:00:00.000000000Z', 12, 'Jane Smith', '2024-05-01T00:00:00.000000000Z', 'Backdated.')`,
			[]string{`"Annual review 2024"`, "no recorded history"}},
		{"CycleDeleted", `DELETE FROM review_cycles`,
			[]string{`"Annual review 2026"`, "not in the register"}},
		{"ReviewBackdated", `UPDATE activities SET body = json_set(body, '$.reviews[0].date', '2024-01-01T00:00:00Z') WHERE name = 'Payroll'`,
			[]string{`"Payroll"`, "reviews"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			db, _ := signedRegister(t)
			res, err := store.SQL(db).Exec(tt.sql)
			if err != nil {
				t.Fatal(err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				t.Fatalf("the tampering changed nothing: %s", tt.sql)
			}
			v, err := db.VerifyHistory(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if v.OK() {
				t.Fatal("tampering not detected")
			}
			var all []string
			for _, p := range v.Problems {
				all = append(all, p.Message)
			}
			msg := strings.Join(all, "\n")
			for _, w := range tt.words {
				if !strings.Contains(msg, w) {
					t.Errorf("problems do not mention %s:\n%s", w, msg)
				}
			}
		})
	}
}

// An overdue review is never in the stored error count (the list works it
// out on the day it is asked, model/due.go), so verify accepts a count
// without it; a count below the findings that do not depend on the date is
// tampering.
func TestVerifyAcceptsCountsThatTimeHasOvertaken(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	org := mustOrg(t, db, "MHWS")
	a := minimal(org.ID, "Old review")
	a.Reviews = []model.Review{{Date: time.Now().AddDate(-2, 0, 0), Reviewer: "Dana Scully", Outcome: model.OutcomeNoChange}}
	mustActivity(t, db, a)
	var errs int
	store.SQL(db).QueryRow(`SELECT errors FROM activities`).Scan(&errs)
	today := 0
	got, _ := db.Activity(ctx, a.ID)
	o, _ := db.Organisation(ctx, org.ID)
	overdue := false
	for _, f := range model.CheckActivity(got, o, time.Now()) {
		if f.Severity == model.SeverityError {
			today++
		}
		overdue = overdue || f.Code == model.CodeReviewOverdue
	}
	if !overdue || errs != today-1 || errs < 1 {
		t.Fatalf("stored errors %d, today's %d (overdue %v): the fixture needs an overdue review, left out of the stored count, and an error that does not depend on the date", errs, today, overdue)
	}
	if v, err := db.VerifyHistory(ctx); err != nil || !v.OK() {
		t.Fatalf("a stored count without the overdue review was flagged: %+v %v", v.Problems, err)
	}
	if _, err := store.SQL(db).Exec(`UPDATE activities SET errors = errors - 1`); err != nil {
		t.Fatal(err)
	}
	if v, _ := db.VerifyHistory(ctx); v.OK() {
		t.Fatal("an error count below the findings that do not depend on the date was accepted")
	}
}
