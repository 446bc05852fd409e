package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/google/uuid"
	"modernc.org/sqlite"

	"github.com/ropadesk/ropadesk/model"
)

// sortColumns maps each sort key to its ORDER BY expression; anything else
// sorts by name. Ties always fall back to name and id so pages are stable.
var sortColumns = map[model.SortKey]string{
	model.SortName:             "a.name COLLATE NOCASE",
	model.SortOrganisation:     "o.name COLLATE NOCASE",
	model.SortBusinessFunction: "a.business_function COLLATE NOCASE",
	model.SortStatus:           "a.status",
	model.SortLastReview:       "a.last_review",
	model.SortUpdated:          "a.updated_at",
}

// ListActivities returns one page of summaries matching f, and the total
// number matching. Query is a prefix search over the activity's words
// ("care rec" finds "Care records"); Limit 0 means no limit.
func (db *DB) ListActivities(ctx context.Context, f model.ActivityFilter) ([]model.ActivitySummary, int, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()

	nowT := f.Now
	if nowT.IsZero() {
		nowT = time.Now()
	}
	at := formatTime(nowT.UTC())

	var where []string
	var args []any
	ftsOnly := false
	if q := ftsQuery(f.Query); q != "" {
		where = append(where, `a.seq IN (SELECT rowid FROM activities_fts WHERE activities_fts MATCH ?)`)
		args = append(args, q)
		ftsOnly = true
	} else if strings.TrimSpace(f.Query) != "" {
		// Only punctuation: nothing can match it.
		return []model.ActivitySummary{}, 0, nil
	}
	if f.OrganisationID != uuid.Nil {
		where = append(where, `a.organisation_id = ?`)
		args = append(args, f.OrganisationID.String())
	}
	if f.Role != "" {
		where = append(where, `a.role = ?`)
		args = append(args, string(f.Role))
	}
	if f.Status != "" {
		where = append(where, `a.status = ?`)
		args = append(args, string(f.Status))
	}
	if f.HasSpecial {
		where = append(where, `a.has_special = 1`)
	}
	if f.NDOPApplies {
		where = append(where, `a.ndop_verdict = ?`)
		args = append(args, string(model.VerdictApplies))
	}
	if f.ReviewOverdue {
		where = append(where, `ropa_review_overdue(a.status, a.last_review, a.created_at, ?)`)
		args = append(args, at)
	}
	if f.HasProblems {
		where = append(where, `(a.errors > 0 OR a.warnings > 0 OR ropa_review_overdue(a.status, a.last_review, a.created_at, ?)
			OR ropa_ndop_due(a.role, a.status, a.ndop_verdict, `+ndopAssessedAt+`, ?))`)
		args = append(args, at, at)
	}
	// The owner is read from the body, which has no list column of its
	// own (that would need a migration): the filter decodes every
	// activity's body, about as costly as a search of the whole text.
	if o := strings.TrimSpace(f.Owner); o != "" {
		where = append(where, `trim(coalesce(json_extract(a.body, '$.owner'), '')) = ? COLLATE NOCASE`)
		args = append(args, o)
	}
	if f.NoOwner {
		where = append(where, `trim(coalesce(json_extract(a.body, '$.owner'), '')) = ''`)
	}
	cond := ""
	if len(where) > 0 {
		cond = "WHERE " + strings.Join(where, " AND ")
	}

	// INDEXED BY: the covering index holds every column the list needs,
	// while a row holds the large body; left to itself the planner looks up
	// rows by rowid, which reads a page per activity.
	countQ := `SELECT count(*) FROM activities a INDEXED BY activities_list ` + cond
	if ftsOnly && len(where) == 1 {
		countQ = `SELECT count(*) FROM activities_fts WHERE activities_fts MATCH ?`
	}
	var total int
	if err := tx.QueryRowContext(ctx, countQ, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("list activities: %w", err)
	}

	order, ok := sortColumns[f.Sort]
	if !ok {
		order = sortColumns[model.SortName]
	}
	dir := "ASC"
	if f.Desc {
		dir = "DESC"
	}
	q := fmt.Sprintf(`
		SELECT a.id, a.organisation_id, o.name, a.name, a.business_function, a.role, a.status,
			a.special_categories, a.lawful_bases, a.ndop_verdict, a.last_review, a.errors, a.warnings,
			a.created_at, %s, coalesce(json_extract(a.body, '$.owner'), '')
		FROM activities a INDEXED BY activities_list JOIN organisations o ON o.id = a.organisation_id
		%s
		ORDER BY %s
		LIMIT ? OFFSET ?`, ndopAssessedAt, cond, orderBy(order, dir))
	limit := f.Limit
	if limit <= 0 {
		limit = -1
	}
	offset := max(f.Offset, 0)
	rows, err := tx.QueryContext(ctx, q, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list activities: %w", err)
	}
	defer rows.Close()
	out := []model.ActivitySummary{}
	for rows.Next() {
		var (
			s                        model.ActivitySummary
			id, orgID, special, lb   string
			role, status, verdict, r string
			created, assessed        string
		)
		if err := rows.Scan(&id, &orgID, &s.Organisation, &s.Name, &s.BusinessFunction, &role, &status,
			&special, &lb, &verdict, &r, &s.Errors, &s.Warnings, &created, &assessed, &s.Owner); err != nil {
			return nil, 0, fmt.Errorf("list activities: %w", err)
		}
		s.ID, _ = uuid.Parse(id)
		s.OrganisationID, _ = uuid.Parse(orgID)
		s.Role, s.Status, s.NDOPVerdict = model.Role(role), model.Status(status), model.NDOPVerdict(verdict)
		for _, c := range splitList(special) {
			s.SpecialCategories = append(s.SpecialCategories, model.SpecialCategory(c))
		}
		for _, b := range splitList(lb) {
			s.LawfulBases = append(s.LawfulBases, model.LawfulBasis(b))
		}
		s.LastReview, _ = parseTime(r)
		createdT, _ := parseTime(created)
		s.ReviewOverdue = reviewOverdue(s.Status, s.LastReview, createdT, nowT)
		if s.ReviewOverdue {
			s.Errors++ // the review_overdue finding, which is not stored
		}
		s.NDOPReassessmentDue = ndopDue(s.Role, s.Status, s.NDOPVerdict, assessed, nowT)
		if s.NDOPReassessmentDue {
			s.Warnings++ // the ndop_reassessment_due finding, not stored either
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("list activities: %w", err)
	}
	return out, total, nil
}

// reviewOverdue is model's one rule with the register's review interval,
// as the consistency checks apply it.
func reviewOverdue(status model.Status, lastReview, created, now time.Time) bool {
	return model.ReviewOverdueAt(status, model.ReviewDueAt(lastReview, created, model.DefaultReviewInterval), now)
}

// ndopAssessedAt is the date of an activity's NDOP assessment, read from
// its body only where the verdict leaves something to reassess (the rule
// says no for the others), so that a "Has problems" filter over a large
// register does not read every body. ” when there is none.
var ndopAssessedAt = fmt.Sprintf(`CASE WHEN a.ndop_verdict NOT IN ('', '%s', '%s')
		THEN coalesce(json_extract(a.body, '$.ndop.assessed_at'), '') ELSE '' END`,
	model.VerdictNotInScope, model.VerdictNotAssessed)

// ndopDue is model's one rule for an NDOP reassessment, on the list's
// columns and the assessment's date as its JSON holds it.
func ndopDue(role model.Role, status model.Status, verdict model.NDOPVerdict, assessedAt string, now time.Time) bool {
	if assessedAt == "" {
		return false
	}
	t, err := time.Parse(time.RFC3339Nano, assessedAt)
	if err != nil {
		return false
	}
	return model.NDOPReassessmentDueAt(role, status, verdict, model.NDOPDueAt(t), now)
}

// The list stores each activity's last review, not whether it is overdue
// (which changes with the day), and asks model's rules in SQL through
// ropa_review_overdue(status, last_review, created_at, now), so that the "Review
// overdue" and "Has problems" filters, the page and the count agree with
// the Problems screen and `ropactl check` on any date.
func init() {
	sqliteDriver.MustRegisterDeterministicScalarFunction("ropa_review_overdue", 4,
		func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			status, _ := args[0].(string)
			last, _ := args[1].(string)
			created, _ := args[2].(string)
			at, _ := args[3].(string)
			lastT, _ := parseTime(last)
			createdT, _ := parseTime(created)
			now, err := parseTime(at)
			if err != nil {
				return nil, fmt.Errorf("ropa_review_overdue: now %q: %w", at, err)
			}
			return reviewOverdue(model.Status(status), lastT, createdT, now), nil
		})
	// ropa_ndop_due(role, status, ndop_verdict, assessed_at, now): the
	// same for the NDOP reassessment, from the assessment's date.
	sqliteDriver.MustRegisterDeterministicScalarFunction("ropa_ndop_due", 5,
		func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			role, _ := args[0].(string)
			status, _ := args[1].(string)
			verdict, _ := args[2].(string)
			assessed, _ := args[3].(string)
			at, _ := args[4].(string)
			now, err := parseTime(at)
			if err != nil {
				return nil, fmt.Errorf("ropa_ndop_due: now %q: %w", at, err)
			}
			return ndopDue(model.Role(role), model.Status(status), model.NDOPVerdict(verdict), assessed, now), nil
		})
}

// orderBy orders by the sort column, then name and id, so that rows with
// equal keys keep a stable order from page to page.
func orderBy(col, dir string) string {
	name := sortColumns[model.SortName]
	if col == name {
		return fmt.Sprintf("%s %s, a.id %s", name, dir, dir)
	}
	return fmt.Sprintf("%s %s, %s %s, a.id %s", col, dir, name, dir, dir)
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// ftsQuery turns what the user typed into an FTS5 query: every word must
// match as a prefix. Each word is quoted, so FTS5 operators and punctuation
// in the user's text are plain text, never syntax.
func ftsQuery(text string) string {
	words := strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	terms := make([]string, 0, len(words))
	for _, w := range words {
		terms = append(terms, `"`+w+`"*`)
	}
	return strings.Join(terms, " ")
}

// Suggestions returns distinct values already used in a field of
// activities (a JSON key such as "data_subjects", "recipients" or
// "business_function"), sorted without regard to case.
func (db *DB) Suggestions(ctx context.Context, field string) ([]string, error) {
	if err := CheckSuggestionField(field); err != nil {
		return nil, err
	}
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var head int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM history`).Scan(&head); err != nil {
		return nil, fmt.Errorf("suggestions for %s: %w", field, err)
	}
	at := strconv.FormatInt(head, 10)
	if v, ok := db.suggestions.Get(at, field); ok {
		return v, nil
	}
	fields := SuggestionFieldsWith(field)
	found, err := readSuggestions(ctx, tx, fields)
	if err != nil {
		return nil, fmt.Errorf("suggestions for %s: %w", field, err)
	}
	db.suggestions.Put(at, found)
	return slices.Clone(found[field]), nil
}

// readSuggestions reads the distinct text values of fields (each a JSON
// array of text, or text) in every activity, sorted without regard to
// case, ties by their bytes. Every field asked for is in the map, if only
// with an empty list.
func readSuggestions(ctx context.Context, tx *sql.Tx, fields []string) (map[string][]string, error) {
	keys := make([]any, len(fields))
	for i, f := range fields {
		keys[i] = f
	}
	// A text value (business_function) is wrapped in an array, so that it
	// and the lists (arrays of text) are read alike.
	rows, err := tx.QueryContext(ctx, `
		SELECT DISTINCT f.key, j.value
		FROM activities a, json_each(a.body) f,
			json_each(CASE WHEN f.type IN ('array', 'object') THEN f.value ELSE json_array(f.value) END) j
		WHERE f.key IN (?`+strings.Repeat(", ?", len(fields)-1)+`)
			AND j.type = 'text' AND trim(j.value) <> ''
		ORDER BY f.key, j.value COLLATE NOCASE, j.value`, keys...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return CollectSuggestions(fields, rows)
}
