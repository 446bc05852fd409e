package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
	pgstore "github.com/ropadesk/ropadesk/store/pg"
)

func init() {
	register(&command{
		name:    "list",
		args:    "REGISTER [--json] [--org NAME] [--status S] [--query Q]",
		summary: "list the activities in a register",
		usage: `
Lists the register's activities as a table: name, organisation, business
function, status, special categories, Article 6 bases, national data opt-out
verdict and date of the last review (marked "overdue" when due).

Flags:
  --json       print a JSON array instead, for scripts
  --org NAME   only activities of this organisation (its exact name)
  --status S   only activities with this status: draft, active or retired
  --query Q    only activities matching the words Q (name, description,
               purposes, data, recipients…)

Examples:
  ropactl list demo.ropa
  ropactl list demo.ropa --org "Jobs in Mind" --status active
  ropactl list demo.ropa --query "care records" --json
`,
		run: runList,
	})
}

// listedActivity is one element of "list --json": the summary row under
// the JSON format's own key names.
type listedActivity struct {
	ID                uuid.UUID               `json:"id"`
	OrganisationID    uuid.UUID               `json:"organisation_id"`
	Organisation      string                  `json:"organisation"`
	Name              string                  `json:"name"`
	BusinessFunction  string                  `json:"business_function"`
	Role              model.Role              `json:"role"`
	Status            model.Status            `json:"status"`
	SpecialCategories []model.SpecialCategory `json:"special_categories"`
	LawfulBases       []model.LawfulBasis     `json:"lawful_bases"`
	NDOPVerdict       model.NDOPVerdict       `json:"ndop_verdict"`
	LastReview        string                  `json:"last_review,omitempty"`
	ReviewOverdue     bool                    `json:"review_overdue"`
	Errors            int                     `json:"errors"`
	Warnings          int                     `json:"warnings"`
}

func runList(e *env, args []string) error {
	fs := newFlags(e)
	asJSON := fs.Bool("json", false, "")
	orgName := fs.String("org", "", "")
	status := fs.String("status", "", "")
	query := fs.String("query", "", "")
	pos, err := parse(fs, args, 1)
	if err != nil {
		return err
	}
	f := model.ActivityFilter{Query: *query, Sort: model.SortOrganisation, Now: e.now}
	if *status != "" {
		f.Status = model.Status(*status)
		if !model.Known(model.Statuses, f.Status) {
			return usagef("--status %q is not a status; use draft, active or retired", *status)
		}
	}
	db, err := openStore(e, pos[0], false)
	if err != nil {
		return err
	}
	defer db.Close()
	if *orgName != "" {
		if f.OrganisationID, err = organisationID(e, db, *orgName); err != nil {
			return err
		}
	}
	rows, _, err := db.ListActivities(e.ctx, f)
	if err != nil {
		return fmt.Errorf("list activities in %s: %w", pgstore.Redact(pos[0]), err)
	}
	if *asJSON {
		out := make([]listedActivity, len(rows))
		for i, r := range rows {
			out[i] = listedActivity{
				ID: r.ID, OrganisationID: r.OrganisationID, Organisation: r.Organisation, Name: r.Name,
				BusinessFunction: r.BusinessFunction, Role: r.Role, Status: r.Status,
				SpecialCategories: nonNil(r.SpecialCategories), LawfulBases: nonNil(r.LawfulBases),
				NDOPVerdict: r.NDOPVerdict, LastReview: date(r.LastReview), ReviewOverdue: r.ReviewOverdue,
				Errors: r.Errors, Warnings: r.Warnings,
			}
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if len(rows) == 0 {
		fmt.Fprintln(e.stdout, "No activities match.")
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tORGANISATION\tFUNCTION\tSTATUS\tSPECIAL\tBASES\tNDOP\tLAST REVIEW")
	for _, r := range rows {
		review := date(r.LastReview)
		if review == "" {
			review = "never"
		}
		if r.ReviewOverdue {
			review += " (overdue)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
			cell(r.Name), cell(r.Organisation), cell(r.BusinessFunction), r.Status,
			joinCodes(r.SpecialCategories), joinCodes(r.LawfulBases), dash(string(r.NDOPVerdict)), review)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s.\n", plural(len(rows), "activity", "activities"))
	return nil
}

// organisationID finds an organisation by name, ignoring case, so that
// --org can be typed as the DPO knows it.
func organisationID(e *env, db registerStore, name string) (uuid.UUID, error) {
	orgs, err := db.Organisations(e.ctx)
	if err != nil {
		return uuid.Nil, fmt.Errorf("read organisations: %w", err)
	}
	names := make([]string, len(orgs))
	for i, o := range orgs {
		if strings.EqualFold(strings.TrimSpace(o.Name), strings.TrimSpace(name)) {
			return o.ID, nil
		}
		names[i] = fmt.Sprintf("%q", o.Name)
	}
	return uuid.Nil, model.Errorf(model.ENOTFOUND, "No organisation is called %q; the register has %s.", name, strings.Join(names, ", "))
}

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func joinCodes[T ~string](codes []T) string {
	if len(codes) == 0 {
		return "-"
	}
	s := make([]string, len(codes))
	for i, c := range codes {
		s[i] = string(c)
	}
	return strings.Join(s, ",")
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// cell keeps a table row on one line and its columns readable.
func cell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 48 {
		s = string(r[:47]) + "…"
	}
	return dash(s)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
