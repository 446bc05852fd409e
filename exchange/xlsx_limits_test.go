package exchange_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
)

// zipBomb returns a real workbook (the example's) whose first sheet is
// replaced by one that unzips to unzipped bytes; declared is what the zip's
// directory says it unzips to (a lying bomb declares less). The sheet is
// built from one deflated megabyte repeated, so making it is quick.
func zipBomb(t testing.TB, unzipped, declared uint64) []byte {
	t.Helper()
	chunk := bytes.Repeat([]byte("<c/>"), 1<<18) // 1 MiB
	var seg bytes.Buffer
	fw, _ := flate.NewWriter(&seg, flate.BestCompression)
	fw.Write(chunk)
	fw.Flush() // a self-contained, byte-aligned run of blocks
	var final bytes.Buffer
	fw2, _ := flate.NewWriter(&final, flate.BestCompression)
	fw2.Close() // the empty final block
	n := unzipped / uint64(len(chunk))
	crc := uint32(0)
	for range n {
		crc = crc32.Update(crc, crc32.IEEETable, chunk)
	}

	src, err := zip.NewReader(bytes.NewReader(exampleXLSX(t)), int64(len(exampleXLSX(t))))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range src.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			w, err := zw.CreateRaw(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, CRC32: crc,
				CompressedSize64: n*uint64(seg.Len()) + uint64(final.Len()), UncompressedSize64: declared})
			if err != nil {
				t.Fatal(err)
			}
			for range n {
				w.Write(seg.Bytes())
			}
			w.Write(final.Bytes())
			continue
		}
		if err := zw.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

var bomb = sync.OnceValue(func() []byte { return zipBomb(&testing.T{}, 1<<30, 1<<30) })

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func TestZipBombRefused(t *testing.T) {
	honest := bomb()
	lying := zipBomb(t, 1<<30, 1<<20)
	if len(honest) > 1<<20+64<<10 {
		t.Fatalf("the bomb is %d bytes, want about 1 MB", len(honest))
	}
	for _, tc := range []struct {
		name string
		data []byte
		want []string
	}{
		{"Declared", honest, []string{"bomb.xlsx", "256 MiB", "xl/worksheets/sheet1.xml"}},
		// The directory says 1 MiB: archive/zip stops at what it declared.
		{"Lying", lying, []string{"bomb.xlsx"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			var err error
			n := allocated(func() {
				_, err = exchange.ReadXLSXWith(bytes.NewReader(tc.data), "bomb.xlsx", exchange.ReadOptions{TempDir: dir})
			})
			if err == nil {
				t.Fatal("a 1 GiB zip bomb was accepted")
			}
			msg := model.ErrorMessage(err)
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q lacks %q", msg, w)
				}
			}
			if n > 100<<20 {
				t.Errorf("refusing the bomb allocated %d MiB, want under 100", n>>20)
			}
			t.Logf("%s: refused after allocating %.1f MiB: %s", tc.name, float64(n)/(1<<20), msg)
			if left, _ := os.ReadDir(dir); len(left) > 0 {
				t.Errorf("left in the temporary folder: %v", left)
			}
		})
	}
}

// plainWorkbook writes a one-sheet workbook of rows as a stream, quickly.
func plainWorkbook(t testing.TB, heads []string, rows int, cell string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	row := []any{}
	for _, h := range heads {
		row = append(row, h)
	}
	if err := sw.SetRow("A1", row); err != nil {
		t.Fatal(err)
	}
	for r := range rows {
		name, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(name, []any{cell, cell + " " + name}); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A workbook large enough (20 MiB unzipped) that excelize spools its sheet
// to disk: the spool goes in the caller's folder and is gone afterwards, on
// success and on failure.
func TestXLSXTempFilesCleaned(t *testing.T) {
	text := strings.Repeat("Payroll and pensions ", 24)
	heads := []string{"Business function", "Purpose of processing"}
	dir := t.TempDir()
	for _, tc := range []struct {
		name  string
		heads []string
		ok    bool
	}{{"Read", heads, true}, {"Refused", []string{"Something", "Else"}, false}} {
		data := plainWorkbook(t, tc.heads, 20_000, text)
		in, err := exchange.ReadXLSXWith(bytes.NewReader(data), "big.xlsx", exchange.ReadOptions{TempDir: dir})
		if tc.ok && (err != nil || len(in.Activities) != 20_000) {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if !tc.ok && err == nil {
			t.Fatalf("%s: a workbook without headings was read", tc.name)
		}
		if left, _ := os.ReadDir(dir); len(left) > 0 {
			t.Errorf("%s: left in the temporary folder: %v", tc.name, left)
		}
	}
	// A folder that cannot be made: the system's temporary folder is used.
	if _, err := exchange.ReadXLSXWith(bytes.NewReader(exampleXLSX(t)), "ex.xlsx", exchange.ReadOptions{TempDir: filepath.Join(dir, "missing", "deeper")}); err != nil {
		t.Fatal(err)
	}
}

func TestXLSXTooManyRows(t *testing.T) {
	data := plainWorkbook(t, []string{"Business function", "Purpose of processing"}, exchange.MaxSheetRows, "HR")
	_, err := exchange.ReadXLSX(bytes.NewReader(data), "many.xlsx")
	if err == nil || !strings.Contains(model.ErrorMessage(err), "more than 50000 rows") {
		t.Fatalf("err %v", err)
	}
}

func BenchmarkZipBomb(b *testing.B) {
	data := bomb()
	dir := b.TempDir()
	for b.Loop() {
		if _, err := exchange.ReadXLSXWith(bytes.NewReader(data), "bomb.xlsx", exchange.ReadOptions{TempDir: dir}); err == nil {
			b.Fatal("accepted")
		}
	}
}
