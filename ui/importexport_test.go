package ui_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/ui"
)

func TestOpenExample(t *testing.T) {
	u, w := newApp(t)
	u.OpenExample()
	ui.Settle(u)
	if u.Register() == nil {
		t.Fatal("the example register did not open")
	}
	want := len(exchange.Example().Activities)
	if got := u.Main().List().Total(); got != want || want == 0 {
		t.Fatalf("list shows %d activities, want the example's %d", got, want)
	}
	if u.Main().Current().String() == "00000000-0000-0000-0000-000000000000" {
		t.Error("no activity opened in the editor")
	}
	if w.Title() != "Example register.ropa — ROPA Desk" {
		t.Errorf("title = %q", w.Title())
	}
}

func TestExport(t *testing.T) {
	u, w := newApp(t)
	u.OpenExample()
	ui.Settle(u)
	dir := t.TempDir()
	for _, tc := range []struct {
		ext   string
		magic []byte
	}{
		{".pdf", []byte("%PDF-")},
		{".xlsx", []byte("PK\x03\x04")},
		{".csv", []byte("\xef\xbb\xbf")},
		{".json", []byte("{")},
	} {
		t.Run(tc.ext[1:], func(t *testing.T) {
			path := filepath.Join(dir, "export"+tc.ext)
			u.Export(tc.ext, path)
			ui.Settle(u)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(data, tc.magic) {
				t.Fatalf("%s starts %q", tc.ext, data[:min(len(data), 16)])
			}
			overlayButton(t, w, "OK") // "Export finished"
		})
	}
	t.Run("JSONReadsBack", func(t *testing.T) {
		f, err := os.Open(filepath.Join(dir, "export.json"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		r, err := exchange.ReadJSON(f)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Activities) != len(exchange.Example().Activities) {
			t.Errorf("JSON holds %d activities", len(r.Activities))
		}
	})
	entries, _ := os.ReadDir(dir)
	if len(entries) != 4 {
		t.Errorf("export left %d files in the folder, want 4 (no temporary files)", len(entries))
	}
}

func TestImportPreview(t *testing.T) {
	// A JSON file of the example register to import.
	src := filepath.Join(t.TempDir(), "example.json")
	var buf bytes.Buffer
	if err := exchange.WriteJSON(&buf, exchange.Example(), exchange.Example().Activities[0].UpdatedAt); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(src, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}

	u, w := newApp(t)
	start(t, u, filepath.Join(t.TempDir(), "empty.ropa"))
	reg := u.Register()
	count := func() int {
		_, n, err := reg.ListActivities(context.Background(), model.ActivityFilter{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}

	t.Run("Cancel", func(t *testing.T) {
		u.PreviewImport(src)
		ui.Settle(u)
		overlayButton(t, w, "Cancel")
		ui.Settle(u)
		if n := count(); n != 0 {
			t.Fatalf("cancelled import wrote %d activities", n)
		}
	})
	t.Run("Import", func(t *testing.T) {
		u.PreviewImport(src)
		ui.Settle(u)
		overlayButton(t, w, "Import")
		ui.Settle(u)
		want := len(exchange.Example().Activities)
		if n := count(); n != want {
			t.Fatalf("register holds %d activities after import, want %d", n, want)
		}
		if u.Main().List().Total() != want {
			t.Errorf("list shows %d", u.Main().List().Total())
		}
	})
	t.Run("ReimportChangesNothing", func(t *testing.T) {
		u.PreviewImport(src)
		ui.Settle(u)
		// Nothing to apply: the preview only offers Close.
		overlayButton(t, w, "Close")
	})
}

func TestExportCancel(t *testing.T) {
	// Large enough that the PDF takes far longer than pressing Cancel.
	path, _ := seed(t, 2000)
	u, w := newApp(t)
	start(t, u, path)
	dir := t.TempDir()
	out := filepath.Join(dir, "review.pdf")
	u.Export(".pdf", out)
	overlayButton(t, w, "Cancel")
	ui.Settle(u)
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("cancelled export left %s (%v)", out, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("cancelled export left %d files", len(entries))
	}
	if top := w.Canvas().Overlays().Top(); top != nil {
		t.Errorf("a dialog is still showing after cancel: %T", top)
	}
}
