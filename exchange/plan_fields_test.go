package exchange_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/internal/synth"
	"github.com/ropadesk/ropadesk/model"
)

// A CSV of a few columns writes only those fields, over the activity as it
// is when the import is applied, not as it was at the preview.
func TestPartialCSVWritesOnlyItsFields(t *testing.T) {
	reg := synth.Register(12, 5)
	reg.Activities[0].Extra = []model.ExtraField{{Heading: "Information asset owner", Value: "Zoë Ní Bhriain"}}
	a := reg.Activities[0]
	csv := "ROPA Desk: activity id,Business function,Purpose of processing,Retention schedule (if possible)\n" +
		a.ID.String() + "," + a.BusinessFunction + "," + strings.Join(a.Purposes, "; ") + ",Ten years\n"
	in, err := exchange.ReadCSV(strings.NewReader(csv), "partial.csv")
	if err != nil {
		t.Fatal(err)
	}
	plan := exchange.Plan(reg, in)
	if plan.Blocking() || len(plan.Changed) != 1 {
		t.Fatalf("changed %d, problems %v", len(plan.Changed), plan.Problems)
	}
	if ch := plan.Changed[0].Changes; len(ch) != 1 || ch[0].Field != "retention" {
		t.Fatalf("changes %+v, want retention only", ch)
	}

	// Meanwhile someone renames the activity, acknowledges a review and
	// retires another: the import must not revert any of it.
	current := *reg
	current.Activities = append([]model.Activity(nil), reg.Activities...)
	current.Activities[0].Name = "Renamed since the preview"
	current.Activities[0].Reviews = append(current.Activities[0].Reviews, model.Review{CycleID: reg.ReviewCycles[0].ID, Outcome: model.OutcomeNoChange, Reviewer: "DPO", Date: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	ch, probs := plan.Rebase(&current)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if len(ch.Activities) != 1 {
		t.Fatalf("%d activities to write", len(ch.Activities))
	}
	got := ch.Activities[0]
	if got.Retention != "Ten years" || got.Name != "Renamed since the preview" || len(got.Reviews) != len(current.Activities[0].Reviews) {
		t.Errorf("rebased activity: retention %q, name %q, %d reviews", got.Retention, got.Name, len(got.Reviews))
	}
	// Changes(), the whole copy from the preview, would have reverted them.
	if old := plan.Changes().Activities[0]; old.Name == got.Name {
		t.Errorf("the test does not tell a stale copy from a rebased one")
	}
	// The file's other organisations' activities are reported missing,
	// and nothing is retired without being asked.
	if len(plan.Missing) == 0 || len(plan.Retired) != 0 {
		t.Errorf("missing %d, retired %d", len(plan.Missing), len(plan.Retired))
	}
}

// The workbook names ROPA Desk and the register's as-at time, and the same
// register exports to the same bytes.
func TestXLSXProperties(t *testing.T) {
	reg := synth.Register(20, 2)
	var a, b bytes.Buffer
	if err := exchange.WriteXLSX(&a, reg); err != nil {
		t.Fatal(err)
	}
	// excelize writes its parts in map order: several tries catch it.
	for range 10 {
		b.Reset()
		if err := exchange.WriteXLSX(&b, reg); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Fatal("two exports of one register differ")
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	app, err := f.GetAppProps()
	if err != nil {
		t.Fatal(err)
	}
	var latest time.Time
	for _, x := range reg.Activities {
		if x.UpdatedAt.After(latest) {
			latest = x.UpdatedAt
		}
	}
	for _, c := range reg.ReviewCycles {
		if c.StartedAt.After(latest) {
			latest = c.StartedAt
		}
		if c.SignOff != nil && c.SignOff.Date.After(latest) {
			latest = c.SignOff.Date
		}
	}
	for _, o := range reg.Organisations {
		if o.UpdatedAt.After(latest) {
			latest = o.UpdatedAt
		}
	}
	want := latest.UTC().Format(time.RFC3339)
	if doc.Creator != "ROPA Desk" || doc.LastModifiedBy != "ROPA Desk" || app.Application != "ROPA Desk" {
		t.Errorf("creator %q, modified by %q, application %q", doc.Creator, doc.LastModifiedBy, app.Application)
	}
	if doc.Created != want || doc.Modified != want {
		t.Errorf("created %q, modified %q, want the register's as-at %q", doc.Created, doc.Modified, want)
	}
}
