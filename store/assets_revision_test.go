package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/model"
)

// TestAssetStaleSaveIsAConflict: two copies of one asset are read; the
// first is saved; the second, now stale, is refused (ECONFLICT) and the
// stored asset keeps the first copy's change. Read again, it saves.
func TestAssetStaleSaveIsAConflict(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	x := &model.InformationAsset{Name: "Clinical record system"}
	if err := db.SaveAsset(ctx, x); err != nil {
		t.Fatal(err)
	}
	if x.Revision == 0 {
		t.Fatal("a created asset has no revision")
	}
	mine, err := db.Asset(ctx, x.ID)
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := db.Asset(ctx, x.ID)
	if err != nil {
		t.Fatal(err)
	}
	if mine.Revision != x.Revision {
		t.Fatalf("read back at revision %d, saved at %d", mine.Revision, x.Revision)
	}
	theirs.Owner = "Caldicott Guardian"
	if err := db.SaveAsset(ctx, theirs); err != nil {
		t.Fatal(err)
	}
	mine.Software = "Carenotes"
	err = db.SaveAsset(ctx, mine)
	if model.ErrorCode(err) != model.ECONFLICT {
		t.Fatalf("a stale save gave %v, want a conflict", err)
	}
	if msg := model.ErrorMessage(err); !strings.Contains(msg, "Clinical record system") {
		t.Errorf("the conflict does not name the asset: %s", msg)
	}
	got, err := db.Asset(ctx, x.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Owner != "Caldicott Guardian" || got.Software != "" {
		t.Fatalf("after the refused save the asset holds owner %q, software %q", got.Owner, got.Software)
	}
	got.Software = "Carenotes"
	if err := db.SaveAsset(ctx, got); err != nil {
		t.Fatalf("a save from a fresh copy: %v", err)
	}

	// A copy of an asset deleted since is not silently added back.
	if err := db.DeleteAsset(ctx, x.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveAsset(ctx, got); model.ErrorCode(err) != model.ECONFLICT {
		t.Fatalf("saving a deleted asset's copy gave %v, want a conflict", err)
	}
}

func TestSupplierStaleSaveIsAConflict(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	s := &model.Supplier{Name: "Stripe Payments UK", Role: model.SupplierProcessor}
	if err := db.SaveSupplier(ctx, s); err != nil {
		t.Fatal(err)
	}
	mine, err := db.Supplier(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	s.Notes = "Renewed in March"
	if err := db.SaveSupplier(ctx, s); err != nil {
		t.Fatalf("saving the copy just saved: %v", err)
	}
	mine.DSPTOrgCode = "8JX12"
	if err := db.SaveSupplier(ctx, mine); model.ErrorCode(err) != model.ECONFLICT {
		t.Fatalf("a stale save gave %v, want a conflict", err)
	}
	all, err := db.Suppliers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 || all[0].Revision != s.Revision || all[0].DSPTOrgCode != "" {
		t.Fatalf("suppliers: %+v (want revision %d)", all, s.Revision)
	}
}
