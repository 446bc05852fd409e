package exchange_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

func exampleXLSX(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := exchange.WriteXLSX(&buf, exchange.Example()); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func exampleCSV(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := exchange.WriteCSV(&buf, exchange.Example()); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// bigCellXLSX returns a real workbook whose one data cell holds n bytes:
// excelize truncates what it writes to Excel's limit, so the cell is
// patched into the zip afterwards.
func bigCellXLSX(t testing.TB, n int) []byte {
	t.Helper()
	var small bytes.Buffer
	r := &model.Register{Organisations: exchange.Example().Organisations[:1], Activities: exchange.Example().Activities[:1]}
	r.Activities[0].Retention = "PLACEHOLDER"
	if err := exchange.WriteXLSX(&small, r); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(small.Bytes()), int64(small.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		data = bytes.Replace(data, []byte("PLACEHOLDER"), bytes.Repeat([]byte("x"), n), 1)
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func TestHostileInput(t *testing.T) {
	xlsx := exampleXLSX(t)
	csvOK := exampleCSV(t)
	lines := strings.SplitN(string(csvOK), "\r\n", 3)
	header := lines[0]
	for _, tc := range []struct {
		name  string
		read  func() (*exchange.Imported, error)
		wants []string // words the message must contain
	}{
		{"ErrTruncatedXLSX", func() (*exchange.Imported, error) {
			return exchange.ReadXLSX(bytes.NewReader(xlsx[:len(xlsx)/2]), "cut.xlsx")
		}, []string{"cut.xlsx", "not a readable Excel workbook"}},
		{"ErrNotXLSX", func() (*exchange.Imported, error) {
			return exchange.ReadXLSX(strings.NewReader("Business function,Purpose of processing\n"), "plain.xlsx")
		}, []string{"plain.xlsx", "not a readable Excel workbook"}},
		{"ErrEmptyXLSX", func() (*exchange.Imported, error) {
			return exchange.ReadXLSX(strings.NewReader(""), "empty.xlsx")
		}, []string{"empty.xlsx"}},
		{"ErrBigCellXLSX", func() (*exchange.Imported, error) {
			return exchange.ReadXLSX(bytes.NewReader(bigCellXLSX(t, 50<<20)), "big.xlsx")
		}, []string{"big.xlsx", "50.0 MiB", "at most 1 MiB"}},
		// Windows-1252 is read (see csv_encoding_test.go); UTF-8 read
		// as Windows-1252 on its way is refused.
		{"ErrMojibakeCSV", func() (*exchange.Imported, error) {
			return exchange.ReadCSV(strings.NewReader("Business function,Purpose of processing\nZo\u00c3\u00ab's team,Payroll\n"), "mojibake.csv")
		}, []string{"mojibake.csv", "row 2", "column A", "Business function", "Zoë's team", "CSV UTF-8"}},
		{"ErrRaggedCSV", func() (*exchange.Imported, error) {
			return exchange.ReadCSV(strings.NewReader("Business function,Purpose of processing\nHR,Payroll\nHR,Payroll,extra\n"), "ragged.csv")
		}, []string{"ragged.csv", "row 3", "3 cells", "has 2"}},
		{"ErrBigCellCSV", func() (*exchange.Imported, error) {
			return exchange.ReadCSV(strings.NewReader(header+"\r\nHR,"+strings.Repeat("y", 50<<20)+"\r\n"), "big.csv")
		}, []string{"big.csv", "row 2", "column B", "MiB"}},
		{"ErrNoHeadingsCSV", func() (*exchange.Imported, error) {
			return exchange.ReadCSV(strings.NewReader("a,b\n1,2\n"), "other.csv")
		}, []string{"other.csv", "headings"}},
		{"ErrWrongExtension", func() (*exchange.Imported, error) {
			return exchange.ReadFile("register.pdf")
		}, []string{"register.pdf", ".xlsx"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in, err := tc.read()
			if err == nil {
				t.Fatalf("accepted: %d activities", len(in.Activities))
			}
			if model.ErrorCode(err) != model.EINVALID {
				t.Errorf("code %q for %v", model.ErrorCode(err), err)
			}
			msg := model.ErrorMessage(err)
			for _, w := range tc.wants {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q lacks %q", msg, w)
				}
			}
		})
	}
	t.Run("OKBOM", func(t *testing.T) {
		if !bytes.HasPrefix(csvOK, []byte("\xef\xbb\xbf")) {
			t.Fatal("CSV does not start with a UTF-8 BOM")
		}
		in, err := exchange.ReadCSV(bytes.NewReader(csvOK), "bom.csv")
		if err != nil || len(in.Activities) != len(exchange.Example().Activities) {
			t.Fatalf("read with BOM: %v", err)
		}
	})
	t.Run("OKFormulaDefused", func(t *testing.T) {
		r := exchange.Example()
		r.Activities = r.Activities[:1]
		r.Activities[0].Retention = "=HYPERLINK(\"http://evil.example\")"
		r.Activities[0].SecurityMeasures = "'=already quoted"
		var buf bytes.Buffer
		if err := exchange.WriteCSV(&buf, r); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(buf.String(), ",\"=HYPERLINK") || !strings.Contains(buf.String(), "'=HYPERLINK") {
			t.Fatalf("formula not defused:\n%s", buf.String())
		}
		in, err := exchange.ReadCSV(&buf, "f.csv")
		if err != nil {
			t.Fatal(err)
		}
		a := in.Activities[0]
		if a.Retention != r.Activities[0].Retention || a.SecurityMeasures != "'=already quoted" {
			t.Fatalf("read back %q, %q", a.Retention, a.SecurityMeasures)
		}
	})
	t.Run("ErrTooLongForExcel", func(t *testing.T) {
		r := exchange.Example()
		r.Activities[1].Description = strings.Repeat("é", 40000)
		err := exchange.WriteXLSX(io.Discard, r)
		if model.ErrorCode(err) != model.EINVALID || !strings.Contains(model.ErrorMessage(err), r.Activities[1].Name) || !strings.Contains(model.ErrorMessage(err), "JSON") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("OKSemicolons", func(t *testing.T) {
		in, err := exchange.ReadCSV(strings.NewReader("Business function;Purpose of processing;Article 6 lawful basis for processing personal data\nHR;Payroll, pensions;6(1)(c)\n"), "semi.csv")
		if err != nil {
			t.Fatal(err)
		}
		a := in.Activities[0]
		if a.BusinessFunction != "HR" || len(a.Purposes) != 2 || !a.HasBasis(model.BasisLegalObligation) {
			t.Fatalf("read %+v", a.Activity)
		}
	})
	t.Run("ErrBadIDColumn", func(t *testing.T) {
		// A ROPA Desk column that is not what ROPA Desk wrote blocks.
		csv := "Business function,Purpose of processing,ROPA Desk: activity id,ROPA Desk: organisation\nHR,Payroll,not-a-uuid,Acme\n"
		in, err := exchange.ReadCSV(strings.NewReader(csv), "bad.csv")
		if err != nil {
			t.Fatal(err)
		}
		if !in.Blocking() {
			t.Fatalf("not blocking: %v", in.Problems)
		}
		p := in.Problems[0]
		if p.Row != 2 || p.Column != "C" || p.Text != "not-a-uuid" {
			t.Errorf("problem = %+v", p)
		}
	})
}

// mustStore creates a register file in a temporary directory.
func mustStore(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Create(context.Background(), filepath.Join(t.TempDir(), "test.ropa"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func registerJSON(t testing.TB, db *store.DB) string {
	t.Helper()
	r, err := db.Register(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return jsonOf(t, r)
}

// TestStoreRoundTrip imports exports into real register files: the example
// and a random register go XLSX → register file → XLSX → second register
// file and come out the same; importing the same file again changes
// nothing; and a hostile file leaves the register as it was.
func TestStoreRoundTrip(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		reg  *model.Register
	}{
		{"Example", exchange.Example()},
		{"Random", randomRegister(rand.New(rand.NewPCG(5, 6)), 3, 30)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			importInto := func(db *store.DB, data []byte) *exchange.ImportPlan {
				t.Helper()
				current, err := db.Register(ctx)
				if err != nil {
					t.Fatal(err)
				}
				in, err := exchange.ReadXLSX(bytes.NewReader(data), "file.xlsx")
				if err != nil {
					t.Fatal(err)
				}
				p := exchange.Plan(current, in)
				if p.Blocking() {
					t.Fatalf("blocking: %v", p.Problems)
				}
				if err := db.Apply(ctx, p.Changes()); err != nil {
					t.Fatal(err)
				}
				return p
			}
			var first bytes.Buffer
			if err := exchange.WriteXLSX(&first, tc.reg); err != nil {
				t.Fatal(err)
			}
			db1 := mustStore(t)
			importInto(db1, first.Bytes())
			r1, err := db1.Register(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(r1.Activities) != len(tc.reg.Activities) || len(r1.Organisations) != len(tc.reg.Organisations) {
				t.Fatalf("stored %d activities, %d organisations", len(r1.Activities), len(r1.Organisations))
			}
			var second bytes.Buffer
			if err := exchange.WriteXLSX(&second, r1); err != nil {
				t.Fatal(err)
			}
			db2 := mustStore(t)
			importInto(db2, second.Bytes())
			if a, b := registerJSON(t, db1), registerJSON(t, db2); a != b {
				t.Fatalf("register → XLSX → register differs: %s", diffLines(a, b))
			}

			before := registerJSON(t, db1)
			p := importInto(db1, first.Bytes())
			if len(p.Added)+len(p.Changed) != 0 {
				t.Fatalf("re-import: %d added, %d changed: %+v", len(p.Added), len(p.Changed), firstChange(p))
			}
			if after := registerJSON(t, db1); after != before {
				t.Fatalf("re-import changed the register: %s", diffLines(before, after))
			}

			for _, bad := range []string{"cut.xlsx", "mojibake.csv", "ragged.csv"} {
				path := filepath.Join(t.TempDir(), bad)
				var data []byte
				switch bad {
				case "cut.xlsx":
					data = first.Bytes()[:first.Len()/3]
				case "mojibake.csv":
					data = []byte("Business function,Purpose of processing\nZo\u00c3\u00ab's team,Payroll\n")
				default:
					data = []byte("Business function,Purpose of processing\nHR\n")
				}
				if err := os.WriteFile(path, data, 0o600); err != nil {
					t.Fatal(err)
				}
				if _, err := exchange.ReadFile(path); err == nil {
					t.Fatalf("%s accepted", bad)
				}
				if after := registerJSON(t, db1); after != before {
					t.Fatalf("%s changed the register", bad)
				}
			}
		})
	}
}
