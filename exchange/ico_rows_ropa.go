package exchange

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// decodeROPA reads ROPA Desk's own column i, whose values are exact.
func (d *rowDecoder) decodeROPA(i int, ia *ImportedActivity, fields map[string]bool) {
	a := &ia.Activity
	ref := d.rd(i)
	txt := d.text(ref)
	bad := func(field, what string, err error) {
		d.problem(ref, model.SeverityError, field, "This is not %s: %v. ROPA Desk wrote this column; restore it from the export or clear the cell.", what, err)
	}
	jsonInto := func(field string, v any) {
		if txt == "" {
			return
		}
		dec := json.NewDecoder(strings.NewReader(txt))
		dec.DisallowUnknownFields()
		if err := dec.Decode(v); err != nil {
			bad(field, "valid JSON for "+field, err)
		}
	}
	yes := func(field string) bool {
		v, ok := parseYesNo(txt)
		if !ok {
			bad(field, "yes or no", fmt.Errorf("%q", txt))
		}
		return v != nil && *v
	}
	switch i {
	case rdActivityID:
		if id, err := uuid.Parse(txt); err != nil {
			bad("id", "an activity id", err)
		} else {
			a.ID = id
		}
	case rdOrganisationID:
		if id, err := uuid.Parse(txt); txt != "" && err != nil {
			bad("organisation_id", "an organisation id", err)
		} else {
			a.OrganisationID = id
		}
	case rdOrganisation:
		ia.Organisation = txt
	case rdRole:
		a.Role = model.Role(txt)
	case rdControllersServed:
		a.ControllersServed = splitList(txt)
	case rdName:
		a.Name = txt
	case rdStatus:
		a.Status = model.Status(txt)
	case rdDescription:
		a.Description = txt
	case rdOwner:
		a.Owner = txt
	case rdRetentionClass:
		a.RetentionClass = txt
	case rdSpecialCategories:
		a.SpecialCategories = splitCodes[model.SpecialCategory](txt)
	case rdCriminalOffence:
		a.CriminalOffenceData = yes("criminal_offence_data")
	case rdLargeScale:
		a.LargeScale = yes("large_scale")
	case rdLawfulBases:
		a.LawfulBases = nil
		jsonInto("lawful_bases", &a.LawfulBases)
	case rdArticle9:
		a.Article9Conditions = nil
		jsonInto("article9_conditions", &a.Article9Conditions)
	case rdSchedule1:
		a.Schedule1Conditions = splitCodes[model.Schedule1Condition](txt)
	case rdArticle10:
		a.Article10Basis = txt
	case rdParagraph41:
		a.Paragraph41 = model.Paragraph41{}
		jsonInto("paragraph41", &a.Paragraph41)
	case rdTransfers:
		a.Transfers = nil
		jsonInto("transfers", &a.Transfers)
	case rdAutomated:
		a.AutomatedDecisions = model.AutomatedDecisions{}
		jsonInto("automated_decisions", &a.AutomatedDecisions)
	case rdDPIA:
		a.DPIA = model.DPIA{}
		jsonInto("dpia", &a.DPIA)
	case rdNDOP:
		jsonInto("ndop", &a.NDOP)
	case rdRightOverrides:
		jsonInto("right_overrides", &a.RightOverrides)
	case rdReviews:
		jsonInto("reviews", &a.Reviews)
	case rdAudiences:
		a.Audiences = nil
		jsonInto("audiences", &a.Audiences)
	case rdProvisionRequirement:
		a.ProvisionRequirement = model.ProvisionRequirement{}
		jsonInto("provision_requirement", &a.ProvisionRequirement)
	case rdRecognisedInterest:
		a.RecognisedInterest = model.RecognisedInterest{}
		jsonInto("recognised_interest", &a.RecognisedInterest)
	case rdOutsidePublicTasks:
		a.OutsidePublicTasks = yes("outside_public_tasks")
	case rdExactLists:
		var m map[string][]string
		jsonInto("lists", &m)
		for _, lf := range listFields(a) {
			if items, ok := m[lf.Key]; ok {
				*lf.Items = items
				fields[lf.Key] = true
			}
		}
	case rdInformationAssets:
		ia.Links.Assets = true
		ia.AssetIDs = d.linkIDs(ref, txt, "information_assets")
	case rdSuppliers:
		ia.Links.Suppliers = true
		ia.SupplierIDs = d.linkIDs(ref, txt, "suppliers")
	case rdCreatedAt, rdUpdatedAt:
		t, ok := d.g.timeAt(d.row, d.l.at[ref])
		if !ok {
			d.problem(ref, model.SeverityError, ropaColumns[i].Fields[0], "This is not a date: %s, or clear the cell.", dateHint)
		}
		if i == rdCreatedAt {
			a.CreatedAt = t
		} else {
			a.UpdatedAt = t
		}
	}
}

// linkIDs reads a links cell: one record a line, its id first and then
// its name (for the person reading the sheet; the id is what counts).
func (d *rowDecoder) linkIDs(ref columnRef, txt, field string) []uuid.UUID {
	var out []uuid.UUID
	for line := range strings.SplitSeq(txt, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		first, _, _ := strings.Cut(line, " ")
		id, err := uuid.Parse(first)
		if err != nil {
			d.problem(ref, model.SeverityError, field, "The line %q does not start with the id of a record in the register. ROPA Desk wrote this column, one id and name a line; restore it from the export, or delete the line to unlink it.", line)
			continue
		}
		out = append(out, id)
	}
	return out
}

func splitCodes[T ~string](s string) []T {
	var out []T
	for p := range strings.SplitSeq(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, T(p))
		}
	}
	return out
}

// decodeExtras keeps the non-empty cells of unknown columns, in column
// order, before any original-text columns added while decoding.
func (d *rowDecoder) decodeExtras(a *model.Activity) {
	var ex []model.ExtraField
	for _, c := range d.l.unknown {
		if c >= len(d.cells) {
			continue
		}
		if v := cleanCell(d.cells[c]); v != "" {
			ex = append(ex, model.ExtraField{Heading: d.l.heading[c], Value: v})
		}
	}
	a.Extra = append(ex, a.Extra...)
}
