package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

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

// timeDependent are the findings that appear with the passing of time
// alone, so an activity's stored count of them may lag behind today's.
var timeDependent = map[string]bool{
	model.CodeReviewOverdue:       true,
	model.CodeNDOPReassessmentDue: true,
}

// checkDerived recomputes what the store derives from the bodies — the
// list columns of activities and organisations, and the search index —
// and reports every value that differs, naming the entity and the column.
// These copies are what the list, the filters and search show; an edit to
// them alone would make the screen disagree with the record and the PDF.
func checkDerived(ctx context.Context, tx *sql.Tx, problem func(k entityKey, format string, args ...any)) error {
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
	rows, err = tx.QueryContext(ctx, `
		SELECT seq, id, organisation_id, name, business_function, role, status, has_special,
			special_categories, lawful_bases, ndop_verdict, last_review, errors, warnings,
			created_at, updated_at, body
		FROM activities`)
	if err != nil {
		return fmt.Errorf("verify list columns: %w", err)
	}
	defer rows.Close()
	t := now()
	for rows.Next() {
		var (
			seq                                 int64
			id, orgID, name, bf, role, status   string
			special, bases, verdict, lastReview string
			created, updated                    string
			hasSpecial, errs, warns             int
			body                                []byte
		)
		if err := rows.Scan(&seq, &id, &orgID, &name, &bf, &role, &status, &hasSpecial, &special, &bases,
			&verdict, &lastReview, &errs, &warns, &created, &updated, &body); err != nil {
			return fmt.Errorf("verify list columns: %w", err)
		}
		uid, _ := uuid.Parse(id)
		k := entityKey{EntityActivity, uid}
		var a model.Activity
		if err := json.Unmarshal(body, &a); err != nil {
			problem(k, "The record of the activity %q cannot be read: it was changed outside ROPA Desk.", name)
			continue
		}
		org := orgs[a.OrganisationID]
		p := project(&a, org)
		flag := 0
		if p.hasSpecial {
			flag = 1
		}
		cols := []struct{ col, got, want string }{
			{"organisation_id", orgID, a.OrganisationID.String()},
			{"name", name, a.Name},
			{"business_function", bf, a.BusinessFunction},
			{"role", role, string(a.Role)},
			{"status", status, string(a.Status)},
			{"has_special", fmt.Sprint(hasSpecial), fmt.Sprint(flag)},
			{"special_categories", special, p.special},
			{"lawful_bases", bases, p.bases},
			{"ndop_verdict", verdict, p.verdict},
			{"last_review", lastReview, p.lastReview},
			{"created_at", created, formatTime(a.CreatedAt)},
			{"updated_at", updated, formatTime(a.UpdatedAt)},
		}
		for _, c := range cols {
			if c.got != c.want {
				problem(k, "The activity %q: the list column %s says %q but its record says %q; the column was changed outside ROPA Desk.", a.Name, c.col, c.got, c.want)
			}
		}
		// The stored counts were right when saved; findings that come
		// with time alone may have appeared since, so the count may lie
		// between those that do not depend on the date and all of today's.
		var minE, maxE, minW, maxW int
		for _, f := range model.CheckActivity(&a, org, t) {
			switch f.Severity {
			case model.SeverityError:
				maxE++
				if !timeDependent[f.Code] {
					minE++
				}
			case model.SeverityWarning:
				maxW++
				if !timeDependent[f.Code] {
					minW++
				}
			}
		}
		if errs < minE || errs > maxE {
			problem(k, "The activity %q: the list column errors says %d but its record has %d errors; the column was changed outside ROPA Desk.", a.Name, errs, maxE)
		}
		if warns < minW || warns > maxW {
			problem(k, "The activity %q: the list column warnings says %d but its record has %d warnings; the column was changed outside ROPA Desk.", a.Name, warns, maxW)
		}

		orgName := ""
		if org != nil {
			orgName = org.Name
		}
		want := [8]string{a.Name, a.BusinessFunction, a.Description, strings.Join(a.Purposes, "\n"),
			strings.Join(a.DataSubjects, "\n"), strings.Join(a.PersonalData, "\n"),
			strings.Join(a.Recipients, "\n"), orgName}
		got, ok := index[seq]
		if !ok {
			problem(k, "The activity %q is missing from the search index: it was removed outside ROPA Desk, so searches cannot find it.", a.Name)
			continue
		}
		delete(index, seq)
		for i, col := range indexColumns {
			if got[i] != want[i] {
				problem(k, "The activity %q: the search index column %s says %q but its record says %q; the index was changed outside ROPA Desk.", a.Name, col, got[i], want[i])
			}
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("verify list columns: %w", err)
	}
	for seq, got := range index {
		problem(entityKey{EntityActivity, uuid.Nil}, "The search index has an entry (row %d, %q) for no activity in the register: it was added outside ROPA Desk.", seq, got[0])
	}
	return nil
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
