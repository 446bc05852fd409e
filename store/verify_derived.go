package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// currentCycles adds each review cycle, as the register holds it, to
// current: its columns and full sign-off, and the digest of its frozen
// copy, which the history recorded at sign-off. So a sign-off rewritten,
// backdated, removed or added, and a frozen copy edited, all show as the
// cycle differing from its history.
func currentCycles(ctx context.Context, tx *sql.Tx, current map[entityKey]*jsonBody) error {
	cycles, err := loadCycles(ctx, tx, "")
	if err != nil {
		return fmt.Errorf("verify history: %w", err)
	}
	for _, c := range cycles {
		var snap sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT snapshot FROM review_cycles WHERE id = ?`, c.ID.String()).Scan(&snap); err != nil {
			return fmt.Errorf("verify history: read review cycle %q: %w", c.Name, err)
		}
		rec := cycleRecord{ReviewCycle: c}
		if snap.Valid {
			rec.SnapshotSHA256 = digest(snap.String)
		}
		raw, err := json.Marshal(rec)
		if err != nil {
			return fmt.Errorf("verify history: %w", err)
		}
		current[entityKey{EntityCycle, c.ID}] = &jsonBody{raw: raw}
	}
	return nil
}

// checkEnteredBy reports a sign-off whose "entered by" and "entered at"
// are not the user and time of the history entry recording it: the
// sign-off says who entered it, and the history is the witness.
func checkEnteredBy(e *HistoryEntry, bad func(string, ...any)) {
	var s model.SignOff
	if json.Unmarshal([]byte(e.New), &s) != nil {
		bad("History entry %d records a sign-off that cannot be read: it was altered outside ROPA Desk.", e.Seq)
		return
	}
	if s.EnteredBy != e.User || !s.EnteredAt.Equal(e.At) {
		bad("History entry %d records a sign-off entered by %q at %s, but the entry itself was written by %q at %s: it was altered outside ROPA Desk.",
			e.Seq, s.EnteredBy, s.EnteredAt.Format(time.RFC3339), e.User, e.At.Format(time.RFC3339))
	}
}

// fieldWords names the fields of a review cycle that differ in words; an
// activity's or organisation's fields keep their JSON names, which are
// the names of the JSON format.
func fieldWords(kind string, fields []string) []string {
	if kind != EntityCycle {
		return fields
	}
	words := map[string]string{
		"sign_off":        "the sign-off",
		"snapshot_sha256": "the frozen copy of the register made at sign-off",
		"name":            "the name",
		"started_at":      "the start date",
		"interval_months": "the review interval",
	}
	out := make([]string, len(fields))
	for i, f := range fields {
		if w, ok := words[f]; ok {
			out[i] = w
		} else {
			out[i] = f
		}
	}
	return out
}

// checkDerived recomputes what the store derives from the bodies — the
// list columns of activities and organisations, and the search index —
// and reports every value that differs, naming the entity and the column.
// These copies are what the list, the filters and search show; an edit to
// them alone would make the screen disagree with the record and the PDF.
func checkDerived(ctx context.Context, tx *sql.Tx, stored []activityRow, problem func(k entityKey, format string, args ...any)) error {
	orgs := map[uuid.UUID]*model.Organisation{}
	rows, err := tx.QueryContext(ctx, `SELECT id, name, created_at, updated_at, body FROM organisations`)
	if err != nil {
		return fmt.Errorf("verify list columns: %w", err)
	}
	for rows.Next() {
		var id, name, created, updated string
		var body []byte
		if err := rows.Scan(&id, &name, &created, &updated, &body); err != nil {
			rows.Close()
			return fmt.Errorf("verify list columns: %w", err)
		}
		uid, _ := uuid.Parse(id)
		k := entityKey{EntityOrganisation, uid}
		var o model.Organisation
		if err := json.Unmarshal(body, &o); err != nil {
			problem(k, "The record of the organisation %q cannot be read: it was changed outside ROPA Desk.", name)
			continue
		}
		orgs[uid] = &o
		for _, c := range []struct{ col, got, want string }{
			{"name", name, o.Name},
			{"created_at", created, formatTime(o.CreatedAt)},
			{"updated_at", updated, formatTime(o.UpdatedAt)},
		} {
			if c.got != c.want {
				problem(k, "The organisation %q: the list column %s says %q but its record says %q; the column was changed outside ROPA Desk.", o.Name, c.col, c.got, c.want)
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("verify list columns: %w", err)
	}

	index, err := readIndex(ctx, tx)
	if err != nil {
		return err
	}
	// Decoding the bodies and running the checks is most of the work and
	// needs nothing but the row, so it is shared among the processors;
	// the problems are then reported in the rows' order.
	found := make([][]derivedProblem, len(stored))
	t := now()
	var wg sync.WaitGroup
	next := make(chan int)
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				found[i] = stored[i].check(orgs, index, t)
			}
		}()
	}
	for i := range stored {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, ps := range found {
		for _, p := range ps {
			problem(p.k, "%s", p.msg)
		}
		delete(index, stored[i].seq)
	}
	for seq, got := range index {
		problem(entityKey{EntityActivity, uuid.Nil}, "The search index has an entry (row %d, %q) for no activity in the register: it was added outside ROPA Desk.", seq, got[0])
	}
	return nil
}

// readActivityRows reads every activity's row as stored.
func readActivityRows(ctx context.Context, tx *sql.Tx) ([]activityRow, error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT seq, id, organisation_id, name, business_function, role, status, has_special,
			special_categories, lawful_bases, ndop_verdict, last_review, errors, warnings,
			created_at, updated_at, body
		FROM activities`)
	if err != nil {
		return nil, fmt.Errorf("verify history: read activities: %w", err)
	}
	defer rows.Close()
	var stored []activityRow
	for rows.Next() {
		var r activityRow
		if err := rows.Scan(&r.seq, &r.id, &r.orgID, &r.name, &r.bf, &r.role, &r.status, &r.hasSpecial, &r.special, &r.bases,
			&r.verdict, &r.lastReview, &r.errs, &r.warns, &r.created, &r.updated, &r.body); err != nil {
			return nil, fmt.Errorf("verify history: read activities: %w", err)
		}
		stored = append(stored, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("verify history: read activities: %w", err)
	}
	return stored, nil
}

// activityRow is an activity's row as stored: its list columns and body.
type activityRow struct {
	seq                                 int64
	id, orgID, name, bf, role, status   string
	special, bases, verdict, lastReview string
	created, updated                    string
	hasSpecial, errs, warns             int
	body                                []byte
}

type derivedProblem struct {
	k   entityKey
	msg string
}

// check recomputes the row's list columns and search entry from its body
// and says what differs. It only reads orgs and index.
func (r *activityRow) check(orgs map[uuid.UUID]*model.Organisation, index map[int64][8]string, t time.Time) []derivedProblem {
	uid, _ := uuid.Parse(r.id)
	k := entityKey{EntityActivity, uid}
	var out []derivedProblem
	add := func(format string, args ...any) {
		out = append(out, derivedProblem{k, fmt.Sprintf(format, args...)})
	}
	var a model.Activity
	if err := json.Unmarshal(r.body, &a); err != nil {
		add("The record of the activity %q cannot be read: it was changed outside ROPA Desk.", r.name)
		return out
	}
	org := orgs[a.OrganisationID]
	p := projectWithout(&a, org)
	flag := 0
	if p.hasSpecial {
		flag = 1
	}
	cols := []struct{ col, got, want string }{
		{"organisation_id", r.orgID, a.OrganisationID.String()},
		{"name", r.name, a.Name},
		{"business_function", r.bf, a.BusinessFunction},
		{"role", r.role, string(a.Role)},
		{"status", r.status, string(a.Status)},
		{"has_special", fmt.Sprint(r.hasSpecial), fmt.Sprint(flag)},
		{"special_categories", r.special, p.special},
		{"lawful_bases", r.bases, p.bases},
		{"ndop_verdict", r.verdict, p.verdict},
		{"last_review", r.lastReview, p.lastReview},
		{"created_at", r.created, formatTime(a.CreatedAt)},
		{"updated_at", r.updated, formatTime(a.UpdatedAt)},
	}
	for _, c := range cols {
		if c.got != c.want {
			add("The activity %q: the list column %s says %q but its record says %q; the column was changed outside ROPA Desk.", a.Name, c.col, c.got, c.want)
		}
	}
	// The stored counts leave out the findings that come with time alone
	// (model.DateDependent); a register whose projections predate that
	// (version 2, not yet refreshed because it is open read-only) counted
	// the NDOP reassessment as it stood at save time, so the count may lie
	// between those that do not depend on the date and all of today's.
	var minE, maxE, minW, maxW int
	for _, f := range model.CheckActivity(&a, org, t) {
		if f.Code == model.CodeReviewOverdue {
			continue // never stored: the list works it out when asked
		}
		switch f.Severity {
		case model.SeverityError:
			maxE++
			if !model.DateDependent(f.Code) {
				minE++
			}
		case model.SeverityWarning:
			maxW++
			if !model.DateDependent(f.Code) {
				minW++
			}
		}
	}
	if r.errs < minE || r.errs > maxE {
		add("The activity %q: the list column errors says %d but its record has %d errors; the column was changed outside ROPA Desk.", a.Name, r.errs, maxE)
	}
	if r.warns < minW || r.warns > maxW {
		add("The activity %q: the list column warnings says %d but its record has %d warnings; the column was changed outside ROPA Desk.", a.Name, r.warns, maxW)
	}

	orgName := ""
	if org != nil {
		orgName = org.Name
	}
	want := [8]string{a.Name, a.BusinessFunction, a.Description, strings.Join(a.Purposes, "\n"),
		strings.Join(a.DataSubjects, "\n"), strings.Join(a.PersonalData, "\n"),
		strings.Join(a.Recipients, "\n"), orgName}
	got, ok := index[r.seq]
	if !ok {
		add("The activity %q is missing from the search index: it was removed outside ROPA Desk, so searches cannot find it.", a.Name)
		return out
	}
	for i, col := range indexColumns {
		if got[i] != want[i] {
			add("The activity %q: the search index column %s says %q but its record says %q; the index was changed outside ROPA Desk.", a.Name, col, got[i], want[i])
		}
	}
	return out
}

var indexColumns = [8]string{"name", "business_function", "description", "purposes",
	"data_subjects", "personal_data", "recipients", "organisation"}

func readIndex(ctx context.Context, tx *sql.Tx) (map[int64][8]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT rowid, `+strings.Join(indexColumns[:], ", ")+` FROM activities_fts`)
	if err != nil {
		return nil, fmt.Errorf("verify search index: %w", err)
	}
	defer rows.Close()
	out := map[int64][8]string{}
	for rows.Next() {
		var seq int64
		var v [8]sql.NullString
		if err := rows.Scan(&seq, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]); err != nil {
			return nil, fmt.Errorf("verify search index: %w", err)
		}
		var s [8]string
		for i := range v {
			s[i] = v[i].String
		}
		out[seq] = s
	}
	return out, rows.Err()
}
