package desk_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"

	"github.com/ropadesk/ropadesk/desk"
	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
)

// orgNamed is the example's organisation called name.
func orgNamed(t *testing.T, name string) model.Organisation {
	t.Helper()
	for _, o := range exchange.Example().Organisations {
		if o.Name == name {
			return o
		}
	}
	t.Fatalf("no organisation %q in the example", name)
	return model.Organisation{}
}

// TestExportOneOrganisation exports one of the example's seven
// organisations: the PDF's title names it alone, the workbook's
// organisation block and rows are it and its activities.
func TestExportOneOrganisation(t *testing.T) {
	ctx := context.Background()
	db := example(t)
	kcm := orgNamed(t, "Kensington and Chelsea Mind")
	other := "Mental Health and Well Being Services Ltd"
	dir := t.TempDir()
	opt := desk.ExportOptions{Now: time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC), Organisation: kcm.ID}

	t.Run("PDF", func(t *testing.T) {
		path := filepath.Join(dir, "kcm.pdf")
		if err := desk.ExportFile(ctx, db, desk.PDF, path, opt); err != nil {
			t.Fatal(err)
		}
		info, err := exec.Command("pdfinfo", path).Output()
		if err != nil {
			t.Fatalf("pdfinfo (poppler-utils) is needed to read the PDF back: %v", err)
		}
		var title string
		for _, l := range strings.Split(string(info), "\n") {
			if v, ok := strings.CutPrefix(l, "Title:"); ok {
				title = strings.TrimSpace(v)
			}
		}
		if !strings.HasPrefix(title, "Kensington and Chelsea Mind") || strings.Contains(title, "Community Living Well") {
			t.Errorf("PDF title %q, want it to name Kensington and Chelsea Mind alone", title)
		}
		out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(string(out)), " ")
		for _, a := range exchange.Example().Activities {
			switch {
			case a.OrganisationID == kcm.ID && !strings.Contains(text, a.Name):
				t.Errorf("PDF lacks %q, one of the organisation's activities", a.Name)
			case a.OrganisationID != kcm.ID && len(a.Name) > 12 && strings.Contains(text, a.Name) && !sharedName(a.Name, kcm.ID):
				t.Errorf("PDF shows %q, another organisation's activity", a.Name)
			}
		}
		if strings.Contains(text, other) {
			t.Errorf("PDF names %q", other)
		}
	})

	t.Run("XLSX", func(t *testing.T) {
		path := filepath.Join(dir, "kcm.xlsx")
		if err := desk.ExportFile(ctx, db, desk.XLSX, path, opt); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := f.GetRows(exchange.SheetTemplate)
		if err != nil {
			t.Fatal(err)
		}
		// The template's organisation block sits above the activities'
		// heading row.
		var block []string
		for _, r := range rows[:min(len(rows), 12)] {
			block = append(block, strings.Join(r, " "))
		}
		head := strings.Join(block, " | ")
		if !strings.Contains(head, "Kensington and Chelsea Mind") || strings.Contains(head, other) {
			t.Errorf("workbook's organisation block is %q, want Kensington and Chelsea Mind", head)
		}
		im, err := exchange.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if len(im.Organisations) != 1 || im.Organisations[0].Name != kcm.Name || len(im.Activities) != 3 {
			t.Errorf("workbook holds %d organisations (%v) and %d activities, want Kensington and Chelsea Mind and its 3", len(im.Organisations), im.Organisations, len(im.Activities))
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		o := opt
		o.Organisation = uuid.New()
		path := filepath.Join(dir, "none.json")
		err := desk.ExportFile(ctx, db, desk.JSON, path, o)
		if model.ErrorCode(err) != model.ENOTFOUND {
			t.Errorf("export of an unknown organisation: %v", err)
		}
		if _, err := os.Stat(path); !os.IsNotExist(err) {
			t.Error("a failed export left a file")
		}
	})
}

// sharedName reports whether another organisation's activity has the
// same name as one of org's (a partnership's members run the same
// service), so finding it in the PDF is no leak.
func sharedName(name string, org uuid.UUID) bool {
	for _, a := range exchange.Example().Activities {
		if a.OrganisationID == org && a.Name == name {
			return true
		}
	}
	return false
}
