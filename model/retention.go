package model

import (
	_ "embed"
	"strconv"
	"strings"
)

// RetentionScheduleDate is the day the shipped retention schedule was last
// checked; the PDF and the DSPT export print it beside the classes.
const RetentionScheduleDate = "2 December 2026"

// RetentionClass is one row of the shipped retention schedule (DSPT 1.4.1:
// a retention schedule based on the NHS Records Management Code of
// Practice).
type RetentionClass struct {
	Code    string
	Class   string
	Period  string
	Trigger string
	Action  string
	Source  string
}

//go:embed retention_schedule.tsv
var retentionTSV string

// RetentionSchedule is the shipped schedule, in file order.
var RetentionSchedule = parseRetentionSchedule(retentionTSV)

func parseRetentionSchedule(text string) []RetentionClass {
	var out []RetentionClass
	for i, line := range strings.Split(text, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 6 {
			panic("model: retention_schedule.tsv line " + strconv.Itoa(i+1) + " has not 6 columns")
		}
		if f[0] == "code" {
			continue // heading
		}
		out = append(out, RetentionClass{f[0], f[1], f[2], f[3], f[4], f[5]})
	}
	return out
}

// RetentionClassByCode returns the class with code, or nil.
func RetentionClassByCode(code string) *RetentionClass {
	for i := range RetentionSchedule {
		if RetentionSchedule[i].Code == code {
			return &RetentionSchedule[i]
		}
	}
	return nil
}

// Describe is the class in one sentence: "Maternity records: 25 years
// (from: birth of the last child); review, and destroy if no longer needed
// (NHS Records Management Code of Practice 2021, Appendix II)."
func (c *RetentionClass) Describe() string {
	return c.Class + ": " + c.Period + " (from: " + lowerFirst(c.Trigger) + "); " + lowerFirst(c.Action) + " (" + c.Source + ")."
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
