package pgstore_test

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/ropadesk/ropadesk/internal/pgtest"
	"github.com/ropadesk/ropadesk/internal/synth"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// TestListSameAsFile: the same register as a file and on the server lists
// the same pages, for every sort key both ways, with and without filters
// (those the server pages alone and those worked out from every body).
func TestListSameAsFile(t *testing.T) {
	ctx := context.Background()
	srv := pgtest.Start(t)
	file, err := store.Create(ctx, filepath.Join(t.TempDir(), "r.ropa"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	r := synth.Register(240, 1)
	r.Activities[3].Name = "Café outreach for Zoë's Group"
	r.Activities[4].Description = "Naïve CAFE-style drop-in"
	if err := file.Apply(ctx, model.Changes{Organisations: r.Organisations, Activities: r.Activities}); err != nil {
		t.Fatal(err)
	}
	c, err := file.ReadCopy(ctx)
	if err != nil {
		t.Fatal(err)
	}
	shared := mustOpen(t, srv.Database(t))
	if err := shared.WriteCopy(ctx, c); err != nil {
		t.Fatal(err)
	}
	filters := map[string]model.ActivityFilter{
		"all":      {},
		"active":   {Status: model.Status("active")},
		"org":      {OrganisationID: r.Organisations[1].ID},
		"problems": {HasProblems: true},
		"special":  {HasSpecial: true},
		"query":    {Query: "care"},
		"accents":  {Query: "cafe"},
		"accented": {Query: "zoë gro"},
	}
	sorts := []model.SortKey{model.SortName, model.SortOrganisation, model.SortBusinessFunction, model.SortStatus, model.SortLastReview, model.SortUpdated}
	for name, base := range filters {
		for _, sk := range sorts {
			for _, desc := range []bool{false, true} {
				f := base
				f.Sort, f.Desc, f.Offset, f.Limit, f.Now = sk, desc, 7, 25, synth.Epoch
				want, wantN, err := file.ListActivities(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				got, gotN, err := shared.ListActivities(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				what := fmt.Sprintf("%s by %s (desc %v)", name, sk, desc)
				if wantN != gotN || !reflect.DeepEqual(want, got) {
					t.Errorf("%s: the file lists %d (%d on the page), the server %d (%d)", what, wantN, len(want), gotN, len(got))
					for i := range min(len(want), len(got)) {
						if !reflect.DeepEqual(want[i], got[i]) {
							t.Errorf("  row %d: file %+v\n  server %+v", i, want[i], got[i])
							break
						}
					}
				}
				if name == "all" && len(want) != 25 {
					t.Errorf("%s: a page of %d", what, len(want))
				}
				if name == "accents" && wantN != 2 {
					t.Errorf("%s: the file finds %d, not the two activities written with or without accents", what, wantN)
				}
			}
		}
	}
}
