package report

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// TestReferencesStable: in a real register, deleting an activity, moving
// one to another organisation and back, and adding one renumber no other
// activity; the same register gives the same numbers; and a signed-off
// cycle's PDF made after the deletion is the same bytes as before it.
func TestReferencesStable(t *testing.T) {
	ctx := context.Background()
	db, err := store.Create(ctx, filepath.Join(t.TempDir(), "refs.ropa"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ex := exchange.Example()
	if err := db.Apply(ctx, model.Changes{Organisations: ex.Organisations, Activities: ex.Activities}); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
	signed := model.ReviewCycle{Name: "Annual review 2025", StartedAt: day.AddDate(0, -1, 0), IntervalMonths: 12}
	if err := db.CreateCycle(ctx, &signed); err != nil {
		t.Fatal(err)
	}
	if err := db.SignOff(ctx, signed.ID, model.SignOff{By: "Zoë Ní Bhriain", Role: "Data Protection Officer", Date: day, Statement: "Complete and accurate.", Acknowledgement: "The first cycle."}); err != nil {
		t.Fatal(err)
	}
	refsNow := func() (Input, map[string]string) {
		t.Helper()
		in, err := BuildInput(ctx, db, Options{Today: testAsAt})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for id, ref := range references(in.Register, in.Entries) {
			out[id.String()] = ref
		}
		return in, out
	}
	signedPDF := func() []byte {
		t.Helper()
		in, err := BuildInput(ctx, db, Options{CycleID: signed.ID, Today: testAsAt})
		if err != nil {
			t.Fatal(err)
		}
		return render(t, in)
	}
	in, before := refsNow()
	if len(in.Entries) != len(ex.Activities) {
		t.Fatalf("the history gave %d entries for %d activities", len(in.Entries), len(ex.Activities))
	}
	if _, again := refsNow(); !equalRefs(before, again) {
		t.Fatalf("the same register gave different references:\n%v\n%v", before, again)
	}
	seen := map[string]bool{}
	for _, r := range before {
		if seen[r] {
			t.Fatalf("reference %s is given twice: %v", r, before)
		}
		seen[r] = true
	}
	oldSigned := signedPDF()

	// Delete the first activity of the organisation with the most, so
	// that later ones would move up if the numbers were places in today's
	// list.
	org := ex.Activities[0].OrganisationID
	var victim, mover *model.Activity
	for i := range ex.Activities {
		if a := &ex.Activities[i]; a.OrganisationID == org {
			if victim == nil {
				victim = a
			} else if mover == nil {
				mover = a
			}
		}
	}
	if mover == nil || len(ex.Organisations) < 2 {
		t.Fatal("the example needs two activities in one organisation and a second organisation")
	}
	if err := db.DeleteActivity(ctx, victim.ID); err != nil {
		t.Fatal(err)
	}
	// Move one away and back: it keeps its old number.
	other := ex.Organisations[1].ID
	if other == org {
		other = ex.Organisations[0].ID
	}
	for _, to := range []model.Activity{{OrganisationID: other}, {OrganisationID: org}} {
		a, err := db.Activity(ctx, mover.ID)
		if err != nil {
			t.Fatal(err)
		}
		a.OrganisationID = to.OrganisationID
		if err := db.UpdateActivity(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	added := ex.Activities[1]
	added.ID = uuid.Nil
	added.Name = "A new activity"
	added.OrganisationID = org
	if err := db.CreateActivity(ctx, &added); err != nil {
		t.Fatal(err)
	}
	in, after := refsNow()
	for id, ref := range before {
		if id == victim.ID.String() {
			if _, ok := after[id]; ok {
				t.Errorf("the deleted activity still has a reference")
			}
			continue
		}
		if after[id] != ref {
			t.Errorf("activity %s was %s and is now %s after a deletion", id, ref, after[id])
		}
	}
	newRef := after[added.ID.String()]
	if seen[newRef] || !strings.HasPrefix(newRef, strings.SplitN(before[mover.ID.String()], "-", 2)[0]+"-") {
		t.Errorf("the new activity got %s, which is not a new number in its organisation (had %v)", newRef, before)
	}
	text := squash(pdfText(t, render(t, in)))
	if !strings.Contains(text, newRef+" · ") {
		t.Errorf("the PDF does not print the new activity's reference %s", newRef)
	}
	// The changes section lists the deleted activity under the number it
	// had.
	if i := strings.Index(text, "ACTIVITIES DELETED (1)"); i < 0 || !strings.Contains(text[i:min(i+300, len(text))], before[victim.ID.String()]+" "+firstWords(activityTitle(victim), 2)) {
		t.Errorf("the changes section does not list the deleted activity as %s", before[victim.ID.String()])
	}
	if !bytes.Equal(oldSigned, signedPDF()) {
		t.Error("the signed-off cycle's PDF changed after a later deletion")
	}
}

func equalRefs(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
