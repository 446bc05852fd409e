package exchange

import (
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ropadesk/ropadesk/model"
)

// Sheet names of the DSPT evidence workbook.
const (
	SheetDSPT112      = "DSPT 1.1.2"
	SheetDSPTEvidence = "DSPT evidence map"
)

// WriteDSPT writes the DSPT evidence workbook: the 1.1.2 table with NHS
// England's 13 columns (model.DSPTColumns), one row per activity in use
// with its information assets and suppliers, and a sheet mapping the
// toolkit items the register evidences (model.DSPTEvidenceMap) as at now.
func WriteDSPT(w io.Writer, r *model.Register, now time.Time) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := writeDSPTSheets(f, r, now); err != nil {
		return fmt.Errorf("write DSPT workbook: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("write DSPT workbook: %w", err)
	}
	return nil
}

func writeDSPTSheets(f *excelize.File, r *model.Register, now time.Time) error {
	head, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#DCE6F1"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
	})
	if err != nil {
		return err
	}
	cell, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetDSPT112); err != nil {
		return err
	}
	// Row 1 says what the sheet is and when; row 2 holds the headings.
	title := fmt.Sprintf("Record of processing activities and information asset register (DSPT evidence item 1.1.2), as at %s", now.Format("2 January 2006"))
	if err := f.SetCellValue(SheetDSPT112, "A1", title); err != nil {
		return err
	}
	rows := [][]string{model.DSPTColumns[:]}
	for _, row := range model.DSPTTable(r) {
		rows = append(rows, row.Cells[:])
	}
	if err := fillSheet(f, SheetDSPT112, rows, 2, head, cell, 30); err != nil {
		return err
	}

	if _, err := f.NewSheet(SheetDSPTEvidence); err != nil {
		return err
	}
	ev := [][]string{{"Toolkit item", "What it asks", "What the register holds", "Gaps the register shows"}}
	for _, e := range model.DSPTEvidenceMap(r, now) {
		ev = append(ev, []string{e.Item, e.Asks, e.Evidence, e.Gaps})
	}
	return fillSheet(f, SheetDSPTEvidence, ev, 1, head, cell, 45)
}

// fillSheet writes rows from row first on, the first of them as headings.
func fillSheet(f *excelize.File, sheet string, rows [][]string, first, head, cell int, width float64) error {
	for i, row := range rows {
		style := cell
		if i == 0 {
			style = head
		}
		for j, v := range row {
			ref, err := excelize.CoordinatesToCellName(j+1, first+i)
			if err != nil {
				return err
			}
			// SetCellStr: a DPO's text such as "=SUM" or "0123" stays text.
			if err := f.SetCellStr(sheet, ref, v); err != nil {
				return err
			}
			if err := f.SetCellStyle(sheet, ref, ref, style); err != nil {
				return err
			}
		}
	}
	last, err := excelize.ColumnNumberToName(len(rows[0]))
	if err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "A", last, width); err != nil {
		return err
	}
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: first, TopLeftCell: fmt.Sprintf("A%d", first+1), ActivePane: "bottomLeft"})
}
