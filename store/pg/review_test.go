package pgstore_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/ropadesk/ropadesk/desk"
	"github.com/ropadesk/ropadesk/internal/pgtest"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/report"
)

// TestReviewCycleOnTheServer: the annual review done on a shared register
// through the application layer, as on a file: a cycle started, every
// activity marked, signed off with the gaps acknowledged; the chain then
// verifies, the cycle's PDF carries the fingerprint the server recorded
// for the frozen copy, and the closed cycle refuses another mark.
func TestReviewCycleOnTheServer(t *testing.T) {
	ctx := context.Background()
	_, shared, _ := exampleOnBoth(t, pgtest.Start(t), t.TempDir())

	started := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	cycle, err := desk.StartReview(ctx, shared, "Annual review 2026", 12, started)
	if err != nil {
		t.Fatalf("start a review on the server: %v", err)
	}
	reg, err := shared.Register(ctx)
	if err != nil {
		t.Fatal(err)
	}
	acts := make([]*model.Activity, len(reg.Activities))
	for i := range reg.Activities {
		acts[i] = &reg.Activities[i]
	}
	if err := desk.MarkReviewed(ctx, shared, cycle, acts, model.Review{Date: started.AddDate(0, 0, 19), Reviewer: "Dana DPO", Outcome: model.OutcomeNoChange}); err != nil {
		t.Fatalf("mark every activity reviewed: %v", err)
	}
	gaps, err := shared.SignOffGaps(ctx, cycle.ID)
	if err != nil {
		t.Fatal(err)
	}
	if gaps.Unreviewed != 0 {
		t.Errorf("after marking all %d activities, %d are unreviewed", len(acts), gaps.Unreviewed)
	}
	s := model.SignOff{By: "Dana DPO", Role: "Data Protection Officer", Date: started.AddDate(0, 0, 29),
		Statement: "Complete and accurate.", ApprovingBody: "Board of Trustees", Reference: "Minute 2026/41"}
	if gaps.OpenErrors > 0 {
		s.Acknowledgement = "The open errors are known and scheduled for the next quarter."
	}
	if err := desk.SignOff(ctx, shared, cycle, s); err != nil {
		t.Fatalf("sign off on the server: %v", err)
	}
	if cycle.SignOff == nil || cycle.SignOff.EnteredBy == "" {
		t.Fatalf("the signed-off cycle as the server keeps it: %+v", cycle.SignOff)
	}
	if res, err := shared.VerifyHistory(ctx); err != nil || !res.OK() {
		t.Fatalf("verify after the sign-off: %+v, %v", res.Problems, err)
	}
	fp, _, err := shared.SignedOffFingerprint(ctx, cycle.ID)
	if err != nil {
		t.Fatal(err)
	}
	var pdf bytes.Buffer
	if err := desk.Export(ctx, shared, desk.PDF, &pdf, desk.ExportOptions{Now: started.AddDate(0, 1, 0), Cycle: cycle}); err != nil {
		t.Fatalf("the cycle's PDF from the server: %v", err)
	}
	if got, ok := report.ExtractFingerprint(pdf.Bytes()); !ok || got != fp {
		t.Errorf("the PDF's fingerprint is %q (%v), the server recorded %q", got, ok, fp)
	}
	err = shared.MarkReviewed(ctx, cycle.ID, acts[0].ID, model.Review{Date: started.AddDate(0, 1, 0), Reviewer: "Dana DPO", Outcome: model.OutcomeNoChange})
	if model.ErrorCode(err) != model.ECONFLICT {
		t.Errorf("a mark in the signed-off cycle: %v, want a refusal", err)
	}
}
