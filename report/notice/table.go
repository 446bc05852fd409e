package notice

import (
	"fmt"
	"io"
	"strings"
)

// ResultText is a finding's result in words: "covered", "REQUIRED gap",
// "ADVISABLE gap" or "not applicable".
func (f Finding) ResultText() string {
	switch f.Result {
	case Covered:
		return "covered"
	case Gap:
		return f.Class + " gap"
	}
	return "not applicable"
}

// About is what the finding is about: the activity, the subject, or both.
func (f Finding) About() string {
	switch {
	case f.Activity != "" && f.Subject != "":
		return f.Activity + ": " + f.Subject
	case f.Activity != "":
		return f.Activity
	case f.Subject != "":
		return f.Subject
	}
	return "the notice"
}

// WriteTable prints the coverage as a table a DPO reads down: one row per
// finding, the sentence that covers it (or why not) indented beneath.
func (c *Coverage) WriteTable(w io.Writer) error {
	fmt.Fprintf(w, "Privacy notice %s checked against the register: %s, notice for %s (%d activities).\n\n", c.Notice, c.Organisation, strings.ToLower(c.Audience), len(c.Activities))
	// Fixed columns rather than a tabwriter: the quoted sentence and the
	// reason run on beneath each row and must not widen the table.
	row := func(n, item, about, result string) {
		fmt.Fprintf(w, "%-3s %-40s %-50s %s\n", n, item, about, result)
	}
	row("#", "Item", "For", "Result")
	for _, f := range c.Findings {
		row(fmt.Sprint(f.Item), f.Title, clip(f.About(), 50), f.ResultText())
		if f.Sentence != "" {
			fmt.Fprintf(w, "      \u201c%s\u201d\n", f.Sentence)
		}
		fmt.Fprintf(w, "      %s\n", f.Why)
	}
	_, err := fmt.Fprintf(w, "\n%d REQUIRED gaps, %d ADVISABLE gaps.\n", c.Required, c.Advisable)
	return err
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
