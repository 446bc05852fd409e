package ui_test

import (
	"context"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/desk"
	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/internal/uistore"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/ui"
)

// TestExportOrganisationGUI filters the list to one organisation, finds
// the export dialog offering it, and exports its PDF and workbook.
func TestExportOrganisationGUI(t *testing.T) {
	u, w := newApp(t)
	m := start(t, u, filepath.Join(t.TempDir(), "Register.ropa"))
	ex := exchange.Example()
	db := u.Register().(uistore.Register).DB
	if err := db.Apply(context.Background(), model.Changes{Organisations: ex.Organisations, Activities: ex.Activities}); err != nil {
		t.Fatal(err)
	}
	m.Reload()
	ui.Settle(u)
	const name = "Kensington and Chelsea Mind"
	var kcm model.Organisation
	for _, o := range ex.Organisations {
		if o.Name == name {
			kcm = o
		}
	}
	if !slices.Contains(m.List().OrganisationFilter().Options, name) {
		t.Fatalf("organisation filter offers %q", m.List().OrganisationFilter().Options)
	}
	m.List().OrganisationFilter().SetSelected(name)
	ui.Settle(u)
	if m.List().Total() != 3 {
		t.Fatalf("list filtered to %s shows %d activities, want 3", name, m.List().Total())
	}

	// File → Export… offers the organisation the list shows.
	for _, menu := range w.MainMenu().Items {
		for _, it := range menu.Items {
			if it.Label == "Export…" {
				it.Action()
			}
		}
	}
	got, opts := u.ExportDialogOrganisation()
	if got != name || len(opts) != len(ex.Organisations)+1 {
		t.Errorf("export dialog offers %q first among %q, want %q", got, opts, name)
	}
	maybeShot(t, w, "export-organisation.png")
	overlayButton(t, w, "Cancel")

	dir := t.TempDir()
	pdf := filepath.Join(dir, "kcm.pdf")
	u.ExportOrganisation(desk.PDF, kcm, pdf)
	ui.Settle(u)
	overlayButton(t, w, "OK")
	info, err := exec.Command("pdfinfo", pdf).Output()
	if err != nil {
		t.Fatalf("pdfinfo (poppler-utils) reads the PDF back: %v", err)
	}
	if !strings.Contains(strings.Join(strings.Fields(string(info)), " "), "Title: "+name+" — ") {
		t.Errorf("PDF information: %s\nwant the title to name %s alone", info, name)
	}

	xlsx := filepath.Join(dir, "kcm.xlsx")
	u.ExportOrganisation(desk.XLSX, kcm, xlsx)
	ui.Settle(u)
	overlayButton(t, w, "OK")
	im, err := exchange.ReadFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	if len(im.Organisations) != 1 || im.Organisations[0].Name != name || len(im.Activities) != 3 {
		t.Errorf("workbook holds %d organisations and %d activities", len(im.Organisations), len(im.Activities))
	}
}
