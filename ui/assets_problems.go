package ui

import (
	"context"
	"slices"
	"time"

	"fyne.io/fyne/v2/lang"
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// briefActivity is what the register-level checks read of an activity:
// the Problems screen keeps these, not whole activities, while it walks a
// large register.
func briefActivity(a *model.Activity) model.Activity {
	return model.Activity{ID: a.ID, Name: a.Name, OrganisationID: a.OrganisationID, Role: a.Role, Status: a.Status, CreatedAt: a.CreatedAt}
}

// checkRegisterLevel runs model.CheckDSPT over the organisations, review
// cycles, information assets and suppliers, with the activities in brief:
// contracts ending or ended, certifications expired, assets without an
// owner, activities linked to no asset, a sign-off older than twelve
// months and a missing ICO registration number.
func checkRegisterLevel(ctx context.Context, reg registerLevelSource, activities []model.Activity, now time.Time) ([]model.Finding, error) {
	r := &model.Register{Activities: activities}
	var err error
	if r.Organisations, err = reg.Organisations(ctx); err != nil {
		return nil, err
	}
	if r.ReviewCycles, err = reg.Cycles(ctx); err != nil {
		return nil, err
	}
	if r.InformationAssets, err = reg.Assets(ctx); err != nil {
		return nil, err
	}
	if r.Suppliers, err = reg.Suppliers(ctx); err != nil {
		return nil, err
	}
	return model.CheckDSPT(r, now), nil
}

// registerLevelSource is what the register-level checks read.
type registerLevelSource interface {
	Organisations(ctx context.Context) ([]model.Organisation, error)
	Cycles(ctx context.Context) ([]model.ReviewCycle, error)
	Assets(ctx context.Context) ([]model.InformationAsset, error)
	Suppliers(ctx context.Context) ([]model.Supplier, error)
}

// findingSubject is what a finding is about, in the list's first line.
func findingSubject(f model.Finding) string {
	for _, s := range []string{f.Activity, f.Asset, f.Supplier, f.Organisation} {
		if s != "" {
			return s
		}
	}
	return lang.L("The whole register")
}

// openRegisterLevel opens what a finding that is not about one activity
// is about: the asset or supplier at its record, the organisation, or the
// Review screen for the sign-off.
func (m *MainWindow) openRegisterLevel(f model.Finding) {
	switch {
	case f.AssetID != uuid.Nil:
		m.tabs.Select(m.assetsTab)
		m.assets.Open(f.AssetID, nil)
	case f.SupplierID != uuid.Nil:
		m.tabs.Select(m.suppliersTab)
		m.suppliers.Open(f.SupplierID, nil)
	case f.OrganisationID != uuid.Nil:
		m.tabs.Select(m.orgsTab)
		if i := slices.IndexFunc(m.orgs.orgs, func(o model.Organisation) bool { return o.ID == f.OrganisationID }); i >= 0 {
			m.orgs.list.Select(i)
		}
	case f.Code == model.CodeSignOffOverdue:
		m.ShowReview()
	case f.Code == model.CodeNoAssetRegister:
		m.tabs.Select(m.assetsTab)
	}
}
