package exchange

import (
	"os"
	"reflect"
	"testing"
)

func TestFindMergeRefs(t *testing.T) {
	for _, tc := range []struct {
		name string
		xml  string
		want []string
	}{
		{"OK", `<worksheet><sheetData><row r="1"><c r="A1"><v>mergeCell ref="Z9:Z10"</v></c></row></sheetData><mergeCells count="2"><mergeCell ref="A8:K8"/><mergeCell ref="A11:A12"/></mergeCells></worksheet>`, []string{"A8:K8", "A11:A12"}},
		{"Prefixed", `<x:worksheet><x:sheetData/></x:sheetData><x:mergeCells><x:mergeCell ref="B2:C3"/></x:mergeCells></x:worksheet>`, []string{"B2:C3"}},
		{"None", `<worksheet><sheetData></sheetData></worksheet>`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := findMergeRefs([]byte(tc.xml)); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("findMergeRefs = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestMergeRanges reads the committed messy workbook's merges straight
// from the package, as excelize would report them.
func TestMergeRanges(t *testing.T) {
	data, err := os.ReadFile("testdata/messy-ico.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	got, ok := mergeRanges(data, nil)
	if !ok {
		t.Fatal("package layout not followed")
	}
	want := map[string][]string{"Notes": nil, "ROPA 2024": {"A1:F1", "A9:K9", "L9:O9", "P9:Q9", "A11:A12", "A15:A16"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("mergeRanges = %q, want %q", got, want)
	}
}

// TestMergeRangesFromMemory: read from excelize's unzipped copy of each
// sheet, the ranges are those read by inflating the package again.
func TestMergeRangesFromMemory(t *testing.T) {
	data, err := os.ReadFile("testdata/messy-ico.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	f, closeWB, err := openWorkbook(data, "messy-ico.xlsx", ReadOptions{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer closeWB()
	used := 0
	got, ok := mergeRanges(data, func(name string) ([]byte, bool) {
		v, ok := f.Pkg.Load(name)
		b, isBytes := v.([]byte)
		if ok && isBytes {
			used++
		}
		return b, ok && isBytes
	})
	want, _ := mergeRanges(data, nil)
	if !ok || !reflect.DeepEqual(got, want) || used == 0 {
		t.Errorf("from memory (%d sheets) %q, %v; inflated again %q", used, got, ok, want)
	}
}
