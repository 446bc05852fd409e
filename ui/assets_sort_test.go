package ui_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/ui"
)

// TestAssetAndSupplierListSort: the Assets list sorts by name, owner (no
// owner last) and criticality (most critical first, unrated last); the Suppliers list by
// name and by when the agreement ends (open-ended last). The records are
// saved to the SQLite file and read back by the screens.
func TestAssetAndSupplierListSort(t *testing.T) {
	u, _ := newApp(t)
	m := start(t, u, filepath.Join(t.TempDir(), "Register.ropa"))
	ctx := context.Background()
	reg := u.Register()
	for _, x := range []model.InformationAsset{
		{Name: "Website analytics", Owner: "Head of Digital", Criticality: model.CriticalityLow},
		{Name: "Clinical record system", Owner: "Director of Clinical Services", Criticality: model.CriticalityCritical},
		{Name: "Payroll system", Criticality: model.CriticalityMedium},
		{Name: "Online account platform", Owner: "Head of Digital", Criticality: model.CriticalityHigh},
	} {
		if err := reg.SaveAsset(ctx, &x); err != nil {
			t.Fatal(err)
		}
	}
	day := func(y int, mo time.Month, d int) time.Time { return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC) }
	for _, s := range []model.Supplier{
		{Name: "Analytics Co", Role: model.SupplierProcessor, EndsOn: day(2028, 1, 1)},
		{Name: "Bank", Role: model.SupplierProcessor},
		{Name: "Stripe Payments UK Ltd", Role: model.SupplierProcessor, EndsOn: day(2027, 3, 31)},
	} {
		if err := reg.SaveSupplier(ctx, &s); err != nil {
			t.Fatal(err)
		}
	}
	m.Reload()
	ui.Settle(u)

	assets := m.Assets()
	order := func(what string, got []string, want ...string) {
		t.Helper()
		if !slices.Equal(got, want) {
			t.Errorf("%s: the list shows %q, want %q", what, got, want)
		}
	}
	order("assets by name", assets.ListNames(), "Clinical record system", "Online account platform", "Payroll system", "Website analytics")
	assets.SortSelect().SetSelected("Owner")
	order("assets by owner", assets.ListNames(), "Clinical record system", "Online account platform", "Website analytics", "Payroll system")
	assets.SortSelect().SetSelected("Criticality")
	order("assets by criticality", assets.ListNames(), "Clinical record system", "Online account platform", "Payroll system", "Website analytics")
	// A search keeps the order chosen.
	ui.AssetSearch(assets).SetText("head of digital")
	order("found assets by criticality", assets.ListNames(), "Online account platform", "Website analytics")

	sups := m.Suppliers()
	order("suppliers by name", sups.ListNames(), "Analytics Co", "Bank", "Stripe Payments UK Ltd")
	sups.SortSelect().SetSelected("Agreement end")
	order("suppliers by agreement end", sups.ListNames(), "Stripe Payments UK Ltd", "Analytics Co", "Bank")
	sups.SortSelect().SetSelected("Name")
	order("suppliers by name again", sups.ListNames(), "Analytics Co", "Bank", "Stripe Payments UK Ltd")
}
