package pgstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/ropadesk/ropadesk/model"
)

// pageSorts are the sort keys the server can order by itself, from the
// columns it keeps (or, for the business function, the body): ASCII
// letters folded and bytes compared (COLLATE "C"), as SQLite's NOCASE
// does, whatever the database's own collation.
var pageSorts = map[model.SortKey]string{
	model.SortName:             fold("a.name"),
	model.SortOrganisation:     fold("o.name"),
	model.SortBusinessFunction: fold("coalesce(a.body::json->>'business_function', '')"),
	model.SortStatus:           `a.status COLLATE "C"`,
}

func fold(col string) string {
	return `translate(` + col + `, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') COLLATE "C"`
}

// pageable reports whether the server can find f's page alone: no search
// words and no filter that needs the rules (verdicts, findings, dues).
func pageable(f model.ActivityFilter) bool {
	_, sorted := pageSorts[f.Sort]
	return (sorted || f.Sort == "") && strings.TrimSpace(f.Query) == "" &&
		!f.HasSpecial && !f.NDOPApplies && !f.ReviewOverdue && !f.HasProblems
}

// listPage is ListActivities for a pageable filter: the server counts,
// orders and cuts the page, and only the page's bodies are read and
// summarised, so the first page of 10,000 activities does not read them
// all.
func (db *DB) listPage(ctx context.Context, f model.ActivityFilter, now time.Time) ([]model.ActivitySummary, int, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback(ctx)
	var where []string
	var args []any
	if f.OrganisationID != uuid.Nil {
		args = append(args, f.OrganisationID)
		where = append(where, fmt.Sprintf("a.organisation_id = $%d", len(args)))
	}
	if f.Status != "" {
		args = append(args, string(f.Status))
		where = append(where, fmt.Sprintf("a.status = $%d", len(args)))
	}
	if f.Role != "" {
		args = append(args, string(f.Role))
		where = append(where, fmt.Sprintf("a.body::json->>'role' = $%d", len(args)))
	}
	cond := ""
	if len(where) > 0 {
		cond = "WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := tx.QueryRow(ctx, `SELECT count(*) FROM activities a `+cond, args...).Scan(&total); err != nil {
		return nil, 0, db.readErr(fmt.Errorf("list activities: %w", err))
	}
	dir := "ASC"
	if f.Desc {
		dir = "DESC"
	}
	order := pageSorts[f.Sort]
	if order == "" {
		order = pageSorts[model.SortName]
	}
	keys := []string{order + " " + dir}
	if order != pageSorts[model.SortName] {
		keys = append(keys, pageSorts[model.SortName]+" "+dir)
	}
	keys = append(keys, `a.id::text COLLATE "C" `+dir)
	// The ids of the page first, ordered and cut by the server without
	// carrying bodies through the sort; then only those bodies.
	q := `SELECT a.id FROM activities a JOIN organisations o ON o.id = a.organisation_id ` +
		cond + ` ORDER BY ` + strings.Join(keys, ", ")
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	if f.Offset > 0 {
		q += fmt.Sprintf(" OFFSET %d", f.Offset)
	}
	rows, err := tx.Query(ctx, q, args...)
	if err != nil {
		return nil, 0, db.readErr(fmt.Errorf("list activities: %w", err))
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[uuid.UUID])
	if err != nil {
		return nil, 0, db.readErr(fmt.Errorf("list activities: %w", err))
	}
	orgs, err := loadOrganisations(ctx, tx)
	if err != nil {
		return nil, 0, db.readErr(err)
	}
	byID := map[uuid.UUID]*model.Organisation{}
	for i := range orgs {
		byID[orgs[i].ID] = &orgs[i]
	}
	place := make(map[uuid.UUID]int, len(ids))
	for i, id := range ids {
		place[id] = i
	}
	page := make([]model.ActivitySummary, len(ids))
	rows, err = tx.Query(ctx, `SELECT a.body, `+revisionOf("a.id")+` FROM activities a WHERE a.id = ANY($1)`, ids)
	if err != nil {
		return nil, 0, db.readErr(fmt.Errorf("list activities: %w", err))
	}
	defer rows.Close()
	for rows.Next() {
		var body string
		var a model.Activity
		if err := rows.Scan(&body, &a.Revision); err != nil {
			return nil, 0, db.readErr(fmt.Errorf("list activities: %w", err))
		}
		if err := json.Unmarshal([]byte(body), &a); err != nil {
			return nil, 0, fmt.Errorf("list activities: %w", err)
		}
		page[place[a.ID]] = summarise(&a, byID[a.OrganisationID], now)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, db.readErr(fmt.Errorf("list activities: %w", err))
	}
	return page, total, nil
}
