package report

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/internal/synth"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// auditRegister is the example register in a real store file after two
// review cycles: the first signed off, then changes by another user (an
// activity's retention, an organisation's ICO registration and DPO, an
// activity retired, one added), then a second cycle still open. It returns
// the PDF's input as the GUI and ropactl build it.
func auditRegister(t *testing.T) (Input, *model.Activity) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Create(ctx, filepath.Join(t.TempDir(), "audit.ropa"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.SetUser("Zoë Ní Bhriain")
	ex := exchange.Example()
	if err := db.Apply(ctx, model.Changes{Organisations: ex.Organisations, Activities: ex.Activities}); err != nil {
		t.Fatal(err)
	}
	// A setting changed before the previous sign-off is not listed.
	if err := db.SetSetting(ctx, store.SettingKeepDaily, "10"); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
	old := model.ReviewCycle{Name: "Annual review 2025", StartedAt: day.AddDate(0, -1, 0), IntervalMonths: 12}
	if err := db.CreateCycle(ctx, &old); err != nil {
		t.Fatal(err)
	}
	if err := db.SignOff(ctx, old.ID, model.SignOff{By: "Zoë Ní Bhriain", Role: "Data Protection Officer", Date: day, Statement: "Complete and accurate.", Acknowledgement: "The first cycle: activities are reviewed in the next."}); err != nil {
		t.Fatal(err)
	}
	db.SetUser("Alex Morgan")
	if err := db.SetSetting(ctx, store.SettingKeepDaily, "21"); err != nil {
		t.Fatal(err)
	}
	if err := db.SetSetting(ctx, store.SettingKeepWeekly, "12"); err != nil {
		t.Fatal(err)
	}
	a, err := db.Activity(ctx, ex.Activities[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	a.Retention = "Ten years after the last contact"
	if err := db.UpdateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}
	r, err := db.Activity(ctx, ex.Activities[2].ID)
	if err != nil {
		t.Fatal(err)
	}
	r.Status = model.StatusRetired
	if err := db.UpdateActivity(ctx, r); err != nil {
		t.Fatal(err)
	}
	o, err := db.Organisation(ctx, ex.Organisations[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	o.ICORegistration = "ZA765432"
	o.DPO.Name = "Priya Raman"
	o.ComplaintsProcedure = "Write to the Data Protection Officer, who answers within one month."
	if err := db.UpdateOrganisation(ctx, o); err != nil {
		t.Fatal(err)
	}
	cycle := model.ReviewCycle{Name: "Annual review 2026", StartedAt: day.AddDate(1, -1, 0), IntervalMonths: 12}
	if err := db.CreateCycle(ctx, &cycle); err != nil {
		t.Fatal(err)
	}
	in, err := BuildInput(ctx, db, Options{CycleID: cycle.ID, Today: testAsAt})
	if err != nil {
		t.Fatal(err)
	}
	return in, &ex.Activities[0]
}

func TestChangesSinceSignOff(t *testing.T) {
	in, changed := auditRegister(t)
	if in.PreviousCycle == nil || in.PreviousCycle.Name != "Annual review 2025" {
		t.Fatalf("BuildInput found previous cycle %+v, want Annual review 2025", in.PreviousCycle)
	}
	flat := squash(pdfText(t, render(t, in)))
	i := strings.Index(flat, titleChanges+" Compared")
	j := strings.Index(flat, titleFindings+" As at")
	if i < 0 || j < i {
		t.Fatalf("cannot find the changes section")
	}
	sec := flat[i:j]
	for _, want := range []string{
		"“Annual review 2025” on 30 June 2025 by Zoë Ní Bhriain", // the cycle compared with
		"Retention", firstWords(changed.Retention, 5), "→ Ten years after the last contact", // old → new
		"Alex Morgan",                    // who
		"ICO registration", "→ ZA765432", // organisation changes
		"Data protection officer", "Priya Raman",
		"Complaints procedure", "→ Write to the Data Protection",
		"ORGANISATIONS CHANGED (1)",
		"ACTIVITIES RETIRED (1)", "Payments for private services", "Active → Retired",
		"REGISTER SETTINGS CHANGED (2)", "Daily backups kept", "10 days → 21 days", // settings, old → new
		"Weekly backups kept", "The default → 12 weeks",
	} {
		if !strings.Contains(sec, want) {
			t.Errorf("changes section lacks %q:\n%s", want, sec)
		}
	}
	// Each organisation change names who made it and when.
	orgs := sec[strings.Index(sec, "ORGANISATIONS CHANGED"):]
	if n := strings.Count(orgs, "Alex Morgan, "); n < 3 {
		t.Errorf("the organisation's 3 changes name Alex Morgan %d times:\n%s", n, orgs)
	}
	if strings.Contains(sec, "→ 10 days") {
		t.Error("a setting changed before the previous sign-off is listed")
	}
	settings := sec[strings.Index(sec, "REGISTER SETTINGS CHANGED"):]
	if n := strings.Count(settings, "Alex Morgan, "); n != 2 {
		t.Errorf("the 2 setting changes name Alex Morgan %d times:\n%s", n, settings)
	}
	if !strings.Contains(flat, "1 retired") {
		t.Error("the executive summary does not count the changes")
	}
}

// TestOrganisationFieldsListed: every field of an organisation is either
// compared in the changes section, under a label, or deliberately left
// out, so a field added to the model cannot change unseen.
func TestOrganisationFieldsListed(t *testing.T) {
	listed := map[string]bool{}
	for _, f := range organisationFields {
		listed[f.key] = true
		if organisationValue(&model.Organisation{}, f.key) == "(changed)" {
			t.Errorf("organisationValue does not print %s", f.label)
		}
	}
	ty := reflect.TypeFor[model.Organisation]()
	for i := range ty.NumField() {
		name, _, _ := strings.Cut(ty.Field(i).Tag.Get("json"), ",")
		if name == "" || name == "-" || listed[name] || slices.Contains(unlistedOrganisationFields, name) {
			continue
		}
		t.Errorf("organisation field %q is neither compared in the changes section nor left out on purpose", name)
	}
}

var snakeRe = regexp.MustCompile(`(^|[^\w/.\-@])([a-z][a-z0-9]*(?:_[a-z0-9]+)+)($|[^\w/.\-@])`)

// TestNoRawKeys reads the whole text of the example's PDF (with changes)
// and of a synthetic register's, and finds no snake_case key: every value
// an auditor reads is a label.
func TestNoRawKeys(t *testing.T) {
	in, _ := auditRegister(t)
	seeded := Input{Register: synth.Register(120, 3), AsAt: testAsAt, HistoryHead: "ab"}
	for name, in := range map[string]Input{"Example": in, "Seeded": seeded} {
		t.Run(name, func(t *testing.T) {
			text := pdfText(t, render(t, in))
			for _, line := range strings.Split(text, "\n") {
				if m := snakeRe.FindStringSubmatch(line); m != nil {
					t.Errorf("raw key %q in the PDF: %q", m[2], strings.TrimSpace(line))
				}
			}
		})
	}
}

var (
	indexRefRe = regexp.MustCompile(`^\s*([A-Z0-9]{2,5}-\d{3})(\s|$)`)
	pageNumRe  = regexp.MustCompile(`\s{2,}(\d{1,4})\s*$`)
)

// TestIndexPages finds every activity in the index and checks that the
// page it gives is the page where that activity's record starts.
func TestIndexPages(t *testing.T) {
	for name, in := range map[string]Input{
		"Example": exampleInput(t, true),
		"Seeded":  {Register: synth.Register(150, 5), AsAt: testAsAt, HistoryHead: "ab"},
	} {
		t.Run(name, func(t *testing.T) {
			pages := strings.Split(pdfText(t, render(t, in)), "\f")
			refs := references(in.Register, in.Entries)
			got := map[string]int{}
			for _, p := range pages {
				if !strings.Contains(p, titleIndex) && !strings.Contains(p, "Last") {
					continue
				}
				// -layout may set a row's reference a line apart from
				// its other cells (a different type size), so the page
				// number is looked for at the far right of that line or
				// the next two.
				lines := strings.Split(p, "\n")
				width := 0
				for _, l := range lines {
					width = max(width, len([]rune(l)))
				}
				for i, l := range lines {
					m := indexRefRe.FindStringSubmatch(l)
					if m == nil {
						continue
					}
					if _, dup := got[m[1]]; dup {
						continue
					}
					for _, c := range lines[i:min(i+3, len(lines))] {
						if pm := pageNumRe.FindStringSubmatchIndex(c); pm != nil && len([]rune(c[:pm[2]])) > width*8/10 {
							got[m[1]], _ = strconv.Atoi(c[pm[2]:pm[3]])
							break
						}
					}
				}
			}
			for _, a := range in.Register.Activities {
				ref := refs[a.ID]
				n, ok := got[ref]
				if !ok {
					t.Errorf("the index does not list %s %q with a page:\n%s", ref, a.Name, linesWith(pages, ref))
					continue
				}
				if n < 1 || n > len(pages) {
					t.Errorf("%s: page %d is not in the document", ref, n)
					continue
				}
				// The activity's page opens with its meta line: the
				// reference then the organisation.
				if !strings.Contains(squash(pages[n-1]), ref+" · ") || !strings.Contains(squash(pages[n-1]), firstWords(activityTitle(&a), 3)) {
					t.Errorf("the index sends %s %q to page %d, which does not hold it", ref, a.Name, n)
				}
			}
		})
	}
}

// TestProcessorRecord: a processor's record cites Article 30(2) and
// leaves out the controller's sections.
func TestProcessorRecord(t *testing.T) {
	in := exampleInput(t, true)
	var proc *model.Activity
	for i := range in.Register.Activities {
		if in.Register.Activities[i].Role == model.RoleProcessor {
			proc = &in.Register.Activities[i]
		}
	}
	if proc == nil {
		t.Fatal("the example has no processor's record")
	}
	pages := strings.Split(pdfText(t, render(t, in)), "\f")
	ref := references(in.Register, in.Entries)[proc.ID]
	var page string
	for i, p := range pages {
		if strings.Contains(squash(p), ref+" · ") {
			page = squash(strings.Join(pages[i:min(i+2, len(pages))], " "))
			break
		}
	}
	if page == "" {
		t.Fatalf("no page holds the processor's record %s", ref)
	}
	// The record runs to the next activity's heading.
	end := strings.Index(page[1:], "Article 30 record")
	if end > 0 {
		page = page[:end]
	}
	for _, want := range []string{"PROCESSOR'S RECORD (ARTICLE 30(2))", "Controllers acted for (30(2)(a))", "Security measures (30(2)(d))"} {
		if !strings.Contains(page, want) {
			t.Errorf("processor's record lacks %q", want)
		}
	}
	for _, not := range []string{"Purposes (30(1)(b))", "Article 6 lawful bases", "RIGHTS OF INDIVIDUALS"} {
		if strings.Contains(page, not) {
			t.Errorf("processor's record prints the controller's %q", not)
		}
	}
}

// TestDraftOnEveryPage: until sign-off every page says DRAFT; a signed-off
// cycle's pages do not.
func TestDraftOnEveryPage(t *testing.T) {
	for _, signed := range []bool{false, true} {
		t.Run(fmt.Sprint("signed=", signed), func(t *testing.T) {
			pages := strings.Split(strings.TrimRight(pdfText(t, render(t, exampleInput(t, signed))), "\f"), "\f")
			for i, p := range pages {
				if has := strings.Contains(p, "DRAFT"); has == signed {
					t.Errorf("page %d: DRAFT shown = %v on a document signed = %v", i+1, has, signed)
				}
			}
		})
	}
}

// TestLinks: the contents, the index and the web addresses are links.
func TestLinks(t *testing.T) {
	pdf := string(render(t, exampleInput(t, true)))
	internal := strings.Count(pdf, "/Subtype /Link") - strings.Count(pdf, "/URI (")
	if want := 19 + 5; internal < want {
		t.Errorf("%d internal links, want at least %d (index rows and contents)", internal, want)
	}
	if !strings.Contains(pdf, "/URI (https://") {
		t.Error("no web address is a live link")
	}
}

func linesWith(pages []string, s string) string {
	var out []string
	for _, p := range pages {
		for _, l := range strings.Split(p, "\n") {
			if strings.Contains(l, s) {
				out = append(out, l)
			}
		}
	}
	return strings.Join(out, "\n")
}

// TestReproducibleWithChanges: a PDF with a changes section (history,
// previous cycle) is still the same bytes every time.
func TestReproducibleWithChanges(t *testing.T) {
	in, _ := auditRegister(t)
	a, b := render(t, in), render(t, in)
	if !bytes.Equal(a, b) {
		t.Fatal("two PDFs of the same register with changes differ")
	}
}
