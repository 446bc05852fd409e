package exchange

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Dates as a DPO's spreadsheet holds them: ROPA Desk's own RFC 3339 text,
// an ISO date, a UK date (02/12/2026, 2 December 2026) or an Excel date
// serial (a cell typed as a date, read as its number). Day before month
// always: ROPA Desk is for UK registers.

var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"02/01/2006 15:04:05",
	"02/01/2006 15:04",
	"02/01/2006",
	"2/1/2006",
	"02/01/06",
	"2/1/06",
	"02-01-2006",
	"02.01.2006",
	"2 January 2006",
	"2 Jan 2006",
	"2 January 2006 15:04",
	"2 Jan 2006 15:04",
	"Monday 2 January 2006",
	"Monday, 2 January 2006",
	"2-Jan-2006",
	"2-Jan-06",
	"January 2006",
}

// dateHint is how a message tells the DPO to write a date.
const dateHint = "write it as a date such as 2 December 2026, 02/12/2026 or 2026-12-02"

// parseDate reads s as a date (and time) in any of the forms above. A date
// without a time is midnight UTC.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	// "1st December 2026"
	s = ordinal.ReplaceAllString(s, "$1")
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return excelSerial(s)
}

var ordinal = regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th)\b`)

// excelSerial reads an Excel date serial: days since 1900 (with Excel's
// 1900 leap-year quirk), the fraction being the time of day. Only
// plausible dates (1900–9999) count, so a stray small number is not taken
// for a date.
func excelSerial(s string) (time.Time, bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 1 || f > 2958465 {
		return time.Time{}, false
	}
	t, err := excelize.ExcelDateToTime(f, false)
	if err != nil {
		return time.Time{}, false
	}
	// Excel stores times to the millisecond at best; round away the
	// floating-point dust.
	return t.Round(time.Millisecond).UTC(), true
}

// timeAt reads the date in row r, column c of the grid (0-based). ROPA
// Desk's own text is taken as it is; anything else is looked at as the
// workbook stores it first, because a cell typed as a date holds a serial
// that excelize prints in its US default form (mm-dd-yy).
func (g *grid) timeAt(r, c int) (t time.Time, ok bool) {
	s := cleanCell(g.cell(r, c))
	if s == "" {
		return time.Time{}, true
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, true
	}
	if g.raw != nil {
		if t, ok := excelSerial(g.raw(r, c)); ok {
			return t, true
		}
	}
	return parseDate(s)
}
