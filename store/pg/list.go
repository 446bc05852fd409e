package pgstore

import (
	"context"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/google/uuid"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/ropadesk/ropadesk/model"
)

// ListActivities returns one page of summaries matching f and the number
// matching, with the SQLite store's filters, sort keys, ties (name, then
// id) and prefix search ("care rec" finds "Care records"), so that `ropactl
// list` prints the same rows from either store. A shared register keeps no
// list columns or search index yet: the page is worked out from one
// snapshot with model's rules each time it is asked for: by the server
// for a page it can order and count alone (listPage), else from every
// body.
func (db *DB) ListActivities(ctx context.Context, f model.ActivityFilter) ([]model.ActivitySummary, int, error) {
	now := f.Now
	if now.IsZero() {
		now = time.Now()
	}
	if pageable(f) {
		return db.listPage(ctx, f, now)
	}
	r, err := db.Register(ctx)
	if err != nil {
		return nil, 0, err
	}
	words := queryWords(f.Query)
	if strings.TrimSpace(f.Query) != "" && len(words) == 0 {
		return []model.ActivitySummary{}, 0, nil // only punctuation: nothing matches it
	}
	type row struct {
		s       model.ActivitySummary
		updated time.Time
	}
	var rows []row
	for i := range r.Activities {
		a := &r.Activities[i]
		org := r.Organisation(a.OrganisationID)
		if (f.OrganisationID != uuid.Nil && a.OrganisationID != f.OrganisationID) ||
			(f.Role != "" && a.Role != f.Role) || (f.Status != "" && a.Status != f.Status) ||
			(f.HasSpecial && !a.HasSpecialCategoryData()) {
			continue
		}
		s := summarise(a, org, now)
		if (f.NDOPApplies && s.NDOPVerdict != model.VerdictApplies) || (f.ReviewOverdue && !s.ReviewOverdue) ||
			(f.HasProblems && s.Errors == 0 && s.Warnings == 0) {
			continue
		}
		if len(words) > 0 && !matchesAll(searchText(a, org), words) {
			continue
		}
		rows = append(rows, row{s: s, updated: a.UpdatedAt})
	}
	less := func(x, y *row) int {
		switch f.Sort {
		case model.SortOrganisation:
			return strings.Compare(foldASCII(x.s.Organisation), foldASCII(y.s.Organisation))
		case model.SortBusinessFunction:
			return strings.Compare(foldASCII(x.s.BusinessFunction), foldASCII(y.s.BusinessFunction))
		case model.SortStatus:
			return strings.Compare(string(x.s.Status), string(y.s.Status))
		case model.SortLastReview:
			return x.s.LastReview.Compare(y.s.LastReview)
		case model.SortUpdated:
			return x.updated.Compare(y.updated)
		}
		return 0
	}
	sort.SliceStable(rows, func(i, j int) bool {
		x, y := &rows[i], &rows[j]
		c := less(x, y)
		if c == 0 {
			c = strings.Compare(foldASCII(x.s.Name), foldASCII(y.s.Name))
		}
		if c == 0 {
			c = strings.Compare(x.s.ID.String(), y.s.ID.String())
		}
		if f.Desc {
			return c > 0
		}
		return c < 0
	})
	total := len(rows)
	start := min(max(f.Offset, 0), total)
	end := total
	if f.Limit > 0 {
		end = min(start+f.Limit, total)
	}
	out := make([]model.ActivitySummary, 0, end-start)
	for _, x := range rows[start:end] {
		out = append(out, x.s)
	}
	return out, total, nil
}

// summarise is the list row of a, as the SQLite store derives its list
// columns: findings counted without "review overdue", which is added
// when due on now, the day asked about.
func summarise(a *model.Activity, org *model.Organisation, now time.Time) model.ActivitySummary {
	s := model.ActivitySummary{
		ID: a.ID, OrganisationID: a.OrganisationID, Name: a.Name, BusinessFunction: a.BusinessFunction,
		Role: a.Role, Status: a.Status, SpecialCategories: a.SpecialCategories,
	}
	if org != nil {
		s.Organisation = org.Name
	}
	for _, b := range a.LawfulBases {
		s.LawfulBases = append(s.LawfulBases, b.Basis)
	}
	s.NDOPVerdict = model.AssessNDOP(a, org).Verdict
	if s.NDOPVerdict == "" {
		s.NDOPVerdict = model.VerdictNotAssessed
	}
	if rv := a.LastReview(); rv != nil {
		s.LastReview = rv.Date.UTC()
	}
	// The SQLite store counts the findings that do not depend on the day
	// when an activity is saved, and those that do (review overdue, NDOP
	// reassessment due) on the day asked about; the current time stands in
	// for the day of saving here.
	for _, fd := range model.CheckActivity(a, org, time.Now()) {
		if model.DateDependent(fd.Code) {
			continue
		}
		switch fd.Severity {
		case model.SeverityError:
			s.Errors++
		case model.SeverityWarning:
			s.Warnings++
		}
	}
	s.ReviewOverdue = model.ReviewOverdueAt(s.Status, model.ReviewDueAt(s.LastReview, a.CreatedAt, model.DefaultReviewInterval), now)
	if s.ReviewOverdue {
		s.Errors++ // the review_overdue finding, as the SQLite list counts it
	}
	var assessed time.Time
	if s.NDOPVerdict != model.VerdictNotInScope && s.NDOPVerdict != model.VerdictNotAssessed {
		assessed = a.NDOP.AssessedAt
	}
	s.NDOPReassessmentDue = !assessed.IsZero() && model.NDOPReassessmentDueAt(s.Role, s.Status, s.NDOPVerdict, model.NDOPDueAt(assessed), now)
	if s.NDOPReassessmentDue {
		s.Warnings++ // the ndop_reassessment_due finding, as the SQLite list counts it
	}
	return s
}

// queryWords splits what was typed into words as the SQLite store's
// search does (letters and digits; everything else separates), folded
// to lower case, accents removed.
func queryWords(q string) []string {
	// Accents removed, as the file's index does (remove_diacritics):
	// "cafe" finds "Café".
	if plain, _, err := transform.String(unaccent, q); err == nil {
		q = plain
	}
	return strings.FieldsFunc(strings.ToLower(q), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

var unaccent = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// searchText is what the SQLite store's search index holds of an
// activity: its name, function, description, purposes, data subjects,
// personal data, recipients and organisation.
func searchText(a *model.Activity, org *model.Organisation) []string {
	parts := []string{a.Name, a.BusinessFunction, a.Description, strings.Join(a.Purposes, "\n"),
		strings.Join(a.DataSubjects, "\n"), strings.Join(a.PersonalData, "\n"), strings.Join(a.Recipients, "\n")}
	if org != nil {
		parts = append(parts, org.Name)
	}
	return queryWords(strings.Join(parts, "\n"))
}

// matchesAll reports whether every query word begins some word of text.
func matchesAll(text, words []string) bool {
	for _, w := range words {
		found := false
		for _, t := range text {
			if strings.HasPrefix(t, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
