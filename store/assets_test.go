package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// TestMigrateSchema1KeepsEverything opens testdata/schema1.ropa — the
// example register written by ROPA Desk at schema 1 (commit 6ac7d63, before
// information assets), with the annual review signed off — and checks that
// the migration to schema 2 keeps every organisation and activity exactly
// as schema1.json (that version's own JSON export) has them, that the
// history still verifies and that the signed-off PDF's fingerprint in the
// receipt still matches.
func TestMigrateSchema1KeepsEverything(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.ropa")
	b, err := os.ReadFile("testdata/schema1.ropa")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if v := userVersion(t, path); v != 1 {
		t.Fatalf("the fixture is at schema %d, want 1", v)
	}
	db, err := openNoLock(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if ro := db.ReadOnly(); ro != "" {
		t.Fatalf("opened read-only: %s", ro)
	}

	var want struct {
		Organisations []model.Organisation `json:"organisations"`
		Activities    []model.Activity     `json:"activities"`
	}
	wb, err := os.ReadFile("testdata/schema1.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(wb, &want); err != nil {
		t.Fatal(err)
	}
	r, err := db.Register(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Activities) != len(want.Activities) || len(want.Activities) != 19 || len(r.Organisations) != len(want.Organisations) {
		t.Fatalf("after migrating: %d organisations, %d activities; want %d, %d", len(r.Organisations), len(r.Activities), len(want.Organisations), len(want.Activities))
	}
	got := map[uuid.UUID][]byte{}
	for i := range r.Activities {
		got[r.Activities[i].ID], _ = json.Marshal(&r.Activities[i])
	}
	for i := range want.Activities {
		w, _ := json.Marshal(&want.Activities[i])
		if !bytes.Equal(got[want.Activities[i].ID], w) {
			t.Errorf("activity %q changed in the migration:\n got %s\nwant %s", want.Activities[i].Name, got[want.Activities[i].ID], w)
		}
	}
	for i := range want.Organisations {
		w, _ := json.Marshal(&want.Organisations[i])
		g, _ := json.Marshal(r.Organisation(want.Organisations[i].ID))
		if !bytes.Equal(g, w) {
			t.Errorf("organisation %q changed in the migration", want.Organisations[i].Name)
		}
	}
	if len(r.InformationAssets) != 0 || len(r.Suppliers) != 0 {
		t.Errorf("a migrated register has %d assets and %d suppliers", len(r.InformationAssets), len(r.Suppliers))
	}
	checkVerifies(t, db)
	checkReceipt(t, db, r)

	// The new tables work in the migrated file, and adding to them leaves
	// the signed-off cycle's evidence as it was.
	asset := &model.InformationAsset{Name: "Clinical record system", Owner: "Head of Clinical Services", ActivityIDs: []uuid.UUID{r.Activities[0].ID}}
	if err := db.SaveAsset(ctx, asset); err != nil {
		t.Fatal(err)
	}
	checkVerifies(t, db)
	checkReceipt(t, db, r)
	db.Close()
	if v := userVersion(t, path); v != 3 {
		t.Errorf("after migrating the register is at schema %d, want 3", v)
	}
}

func userVersion(t *testing.T, path string) int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v int
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func checkVerifies(t *testing.T, db *store.DB) {
	t.Helper()
	res, err := db.VerifyHistory(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK() {
		t.Errorf("history does not verify: %+v", res.Problems)
	}
}

func checkReceipt(t *testing.T, db *store.DB, r *model.Register) {
	t.Helper()
	var rec store.Receipt
	b, err := os.ReadFile("testdata/schema1.receipt.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		t.Fatal(err)
	}
	fp, head, err := db.SignedOffFingerprint(context.Background(), rec.CycleID)
	if err != nil {
		t.Fatal(err)
	}
	if fp != rec.Fingerprint || head != rec.HistoryHead {
		t.Errorf("signed-off fingerprint %s (head %s), receipt says %s (head %s)", fp, head, rec.Fingerprint, rec.HistoryHead)
	}
}

func TestAssetHistory(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	org := mustOrg(t, db, "MHWS")
	a := mustActivity(t, db, minimal(org.ID, "Counselling"))

	x := &model.InformationAsset{Name: "Clinical record system", Software: "Carenotes", Criticality: model.CriticalityCritical,
		Impact: model.Impact{Confidentiality: model.ImpactHigh}, ActivityIDs: []uuid.UUID{a.ID}}
	if err := db.SaveAsset(ctx, x); err != nil {
		t.Fatal(err)
	}
	if x.ID == uuid.Nil || x.CreatedAt.IsZero() {
		t.Fatalf("saved asset has id %v, created %v", x.ID, x.CreatedAt)
	}
	created := x.CreatedAt
	x.Owner = "Head of Clinical Services"
	if err := db.SaveAsset(ctx, x); err != nil {
		t.Fatal(err)
	}
	if !x.CreatedAt.Equal(created) {
		t.Errorf("an update moved the creation time from %v to %v", created, x.CreatedAt)
	}
	// Saving it unchanged records nothing.
	if err := db.SaveAsset(ctx, x); err != nil {
		t.Fatal(err)
	}
	h, err := db.History(ctx, x.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 3 || h[0].Action != store.ActionCreate || h[0].Entity != store.EntityAsset ||
		h[1].Action != store.ActionUpdate || h[1].Field != "owner" || h[1].New != `"Head of Clinical Services"` ||
		h[2].Field != "updated_at" {
		t.Fatalf("history of the asset: %+v", h)
	}
	r, err := db.Register(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.InformationAssets) != 1 || r.InformationAssets[0].Owner != x.Owner || !r.InformationAssets[0].Links(a.ID) {
		t.Fatalf("register holds %+v", r.InformationAssets)
	}
	checkVerifies(t, db)

	if err := db.SaveAsset(ctx, &model.InformationAsset{Name: "  "}); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("an asset without a name: %v", err)
	}
	if err := db.DeleteAsset(ctx, x.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteAsset(ctx, x.ID); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("deleting it twice: %v", err)
	}
	checkVerifies(t, db)
	if h, _ := db.History(ctx, x.ID); len(h) != 4 || h[3].Action != store.ActionDelete {
		t.Errorf("history after delete: %+v", h)
	}
}

// TestAssetEditedOutsideIsFound: a row of the new tables changed behind the
// store's back is named by the history check, as activities are.
func TestAssetEditedOutsideIsFound(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	s := &model.Supplier{Name: "Stripe Payments UK", Role: model.SupplierProcessor}
	if err := db.SaveSupplier(ctx, s); err != nil {
		t.Fatal(err)
	}
	path := db.Path()
	db.Close()
	rawExec(t, path, `UPDATE suppliers SET body = replace(body, 'Stripe', 'Strype')`)
	db, err := openNoLock(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	res, err := db.VerifyHistory(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 1 || res.Problems[0].EntityID != s.ID {
		t.Fatalf("problems: %+v", res.Problems)
	}
}

func TestApplyAssetsAndSuppliers(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	org := mustOrg(t, db, "MHWS")
	a := mustActivity(t, db, minimal(org.ID, "Payments"))
	at := time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	sup := model.Supplier{ID: uuid.New(), Name: "Stripe Payments UK", Role: model.SupplierProcessor, Agreement: model.AgreementContract,
		EndsOn: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC), Certifications: []model.Certification{{Name: "PCI DSS Level 1", Expires: time.Date(2027, 5, 1, 0, 0, 0, 0, time.UTC)}},
		ActivityIDs: []uuid.UUID{a.ID}, CreatedAt: at, UpdatedAt: at}
	ch := model.Changes{Suppliers: []model.Supplier{sup},
		InformationAssets: []model.InformationAsset{{Name: "Payment platform", SupplierIDs: []uuid.UUID{sup.ID}, ActivityIDs: []uuid.UUID{a.ID}}}}
	if err := db.Apply(ctx, ch); err != nil {
		t.Fatal(err)
	}
	r, err := db.Register(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Suppliers) != 1 || len(r.InformationAssets) != 1 {
		t.Fatalf("register holds %d suppliers and %d assets", len(r.Suppliers), len(r.InformationAssets))
	}
	g, _ := json.Marshal(r.Suppliers[0])
	w, _ := json.Marshal(sup)
	if !bytes.Equal(g, w) {
		t.Errorf("supplier after Apply:\n got %s\nwant %s", g, w)
	}
	// Applying the same again is an update that changes nothing.
	ch.InformationAssets[0].ID = r.InformationAssets[0].ID
	ch.InformationAssets[0].CreatedAt, ch.InformationAssets[0].UpdatedAt = r.InformationAssets[0].CreatedAt, r.InformationAssets[0].UpdatedAt
	head, _ := db.HistoryHead(ctx)
	if err := db.Apply(ctx, ch); err != nil {
		t.Fatal(err)
	}
	if h, _ := db.HistoryHead(ctx); h != head {
		t.Error("applying the same assets and suppliers again wrote history")
	}
	bad := model.Changes{Suppliers: []model.Supplier{{Name: "No role"}}}
	if err := db.Apply(ctx, bad); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("a supplier without a role: %v", err)
	}
	checkVerifies(t, db)
}

// TestDeleteActivityUnlinks: deleting an activity removes it from the
// assets and suppliers linked to it, with history, so no link dangles.
func TestDeleteActivityUnlinks(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	org := mustOrg(t, db, "MHWS")
	a := mustActivity(t, db, minimal(org.ID, "Payments"))
	b := mustActivity(t, db, minimal(org.ID, "Refunds"))
	x := &model.InformationAsset{Name: "Payment platform", ActivityIDs: []uuid.UUID{a.ID, b.ID}}
	s := &model.Supplier{Name: "Example Payments", Role: model.SupplierProcessor, ActivityIDs: []uuid.UUID{a.ID}}
	if err := db.SaveAsset(ctx, x); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveSupplier(ctx, s); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteActivity(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	r, err := db.Register(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ids := r.InformationAssets[0].ActivityIDs; len(ids) != 1 || ids[0] != b.ID {
		t.Errorf("asset links after delete: %v", ids)
	}
	if ids := r.Suppliers[0].ActivityIDs; len(ids) != 0 {
		t.Errorf("supplier links after delete: %v", ids)
	}
	h, _ := db.History(ctx, s.ID)
	unlinked := false
	for _, e := range h {
		unlinked = unlinked || (e.Action == store.ActionUpdate && e.Field == "activity_ids")
	}
	if !unlinked {
		t.Errorf("the supplier's history does not record the unlinking: %+v", h)
	}
	checkVerifies(t, db)
}

// A register of schema 1 opened read-only is not migrated (nothing is
// written to a register a reading command opens), so it has no asset or
// supplier tables: reading and verifying it still work, with none of them.
func TestSchema1ReadOnlyWithoutMigrating(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.ropa")
	b, err := os.ReadFile("testdata/schema1.ropa")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := store.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r, err := db.Register(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Activities) == 0 || len(r.InformationAssets) != 0 || len(r.Suppliers) != 0 {
		t.Fatalf("read %d activities, %d assets, %d suppliers", len(r.Activities), len(r.InformationAssets), len(r.Suppliers))
	}
	v, err := db.VerifyHistory(ctx)
	if err != nil || !v.OK() {
		t.Fatalf("verify: %+v %v", v.Problems, err)
	}
	if got := userVersion(t, path); got != 1 {
		t.Errorf("reading migrated the register to schema %d", got)
	}
}
