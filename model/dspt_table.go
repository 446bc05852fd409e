package model

import (
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
)

// DSPTColumns are the minimum columns NHS England lists for DSPT evidence
// item 1.1.2 ("Additional information on evidence item 1.1.2";
// docs/domain/dspt.md), in its order. The XLSX export and the PDF's DSPT
// section print these headings over DSPTTable's rows.
var DSPTColumns = [13]string{
	"Purpose of processing",
	"Legal basis (Article 6 and Article 9)",
	"Categories of data subject and personal data",
	"Categories of recipients",
	"Where it is held, and whether it is transferred overseas",
	"Retained and disposed of in line with policies (or why not)",
	"Written data-sharing agreement or contract, and when it ends",
	"Sensitive information held, and why",
	"Systems or services that process it",
	"Impact of its loss, compromise or disclosure",
	"Software used to manage the data",
	"Information asset owner or person with overall responsibility",
	"Support and maintenance arrangements",
}

// DSPTRow is one activity as the 1.1.2 table shows it, with the assets and
// suppliers linked to it.
type DSPTRow struct {
	Activity *Activity
	Assets   []*InformationAsset
	Cells    [13]string
}

// DSPTTable is the 1.1.2 table: one row per activity not retired, in
// register order, each with its linked assets and suppliers. Cells are in
// words (labels, never codes); an empty cell means the register does not
// say.
func DSPTTable(r *Register) []DSPTRow {
	// Links are indexed once, so the table is linear in the register's
	// size rather than activities × assets.
	assetsOf := map[uuid.UUID][]*InformationAsset{}
	for j := range r.InformationAssets {
		x := &r.InformationAssets[j]
		for _, id := range x.ActivityIDs {
			assetsOf[id] = append(assetsOf[id], x)
		}
	}
	suppliersOf := map[uuid.UUID][]*Supplier{}
	for j := range r.Suppliers {
		s := &r.Suppliers[j]
		for _, id := range s.ActivityIDs {
			suppliersOf[id] = append(suppliersOf[id], s)
		}
	}
	var out []DSPTRow
	for i := range r.Activities {
		a := &r.Activities[i]
		if a.Status == StatusRetired {
			continue
		}
		assets := assetsOf[a.ID]
		out = append(out, DSPTRow{Activity: a, Assets: assets, Cells: dsptCells(a, assets, suppliersOf[a.ID])})
	}
	return out
}

func dsptCells(a *Activity, assets []*InformationAsset, sups []*Supplier) [13]string {
	var c [13]string
	c[0] = a.Name
	if len(a.Purposes) > 0 {
		c[0] += ": " + strings.Join(a.Purposes, "; ")
	}
	var bases []string
	for _, b := range a.LawfulBases {
		bases = append(bases, LabelOf(LawfulBases, b.Basis)+" ("+citeOf(LawfulBases, b.Basis)+")")
	}
	for _, k := range a.Article9Conditions {
		bases = append(bases, LabelOf(Article9Conditions, k.Condition)+" ("+citeOf(Article9Conditions, k.Condition)+")")
	}
	if a.Role == RoleProcessor {
		bases = append(bases, "Processor: the controllers' bases apply")
	}
	c[1] = strings.Join(bases, "; ")
	c[2] = joinNonEmpty(" | ", prefixed("Individuals: ", a.DataSubjects), prefixed("Data: ", a.PersonalData))
	c[3] = strings.Join(a.Recipients, "; ")

	var where []string
	for _, x := range assets {
		w := x.Name
		if place := joinNonEmpty(", ", []string{x.HostedAt, x.Country}); place != "" {
			w += " (" + place + ")"
		}
		where = append(where, w)
	}
	if len(where) == 0 {
		where = a.Locations
	}
	transfer := "No transfer outside the UK recorded"
	if len(a.Transfers) > 0 {
		var d []string
		for _, t := range a.Transfers {
			d = append(d, t.Destination)
		}
		transfer = "Transferred to " + strings.Join(d, "; ")
	}
	c[4] = joinNonEmpty(". ", []string{strings.Join(where, "; "), transfer})

	var ret []string
	if rc := RetentionClassByCode(a.RetentionClass); rc != nil {
		ret = append(ret, "Retention schedule: "+rc.Describe())
	}
	if !blank(a.Retention) {
		ret = append(ret, a.Retention)
	}
	if p := a.Paragraph41.RetainedPerPolicy; p != nil {
		if *p {
			ret = append(ret, "Retained and erased in line with the policy.")
		} else {
			ret = append(ret, "Not in line with the policy: "+a.Paragraph41.NotAdheringReason)
		}
	}
	c[5] = strings.Join(ret, " ")

	var agreements []string
	for _, s := range sups {
		t := s.Name + ": " + LabelOf(AgreementKinds, s.Agreement)
		if s.Agreement == "" {
			t = s.Name + ": agreement not recorded"
		}
		switch {
		case s.Agreement == AgreementNone:
		case s.EndsOn.IsZero():
			t += ", no fixed end date"
		default:
			t += ", ends " + day(s.EndsOn)
		}
		agreements = append(agreements, t)
	}
	if len(agreements) == 0 && !blank(a.ProcessorContractLink) {
		agreements = append(agreements, "Contract: "+a.ProcessorContractLink)
	}
	c[6] = strings.Join(agreements, "; ")

	var sens []string
	for _, k := range a.SpecialCategories {
		sens = append(sens, LabelOf(SpecialCategories, k))
	}
	if a.CriminalOffenceData {
		sens = append(sens, "Criminal-offence data")
	}
	if len(sens) > 0 {
		why := []string{}
		for _, k := range a.Article9Conditions {
			if !blank(k.Reason) {
				why = append(why, k.Reason)
			}
		}
		c[7] = strings.Join(sens, ", ")
		if len(why) > 0 {
			c[7] += ". Why: " + strings.Join(why, " ")
		}
	}

	var names, impact, software, support, owners []string
	for _, x := range assets {
		names = append(names, x.Name)
		if !x.Impact.IsZero() {
			impact = append(impact, fmt.Sprintf("%s: confidentiality %s, integrity %s, availability %s", x.Name,
				levelWord(x.Impact.Confidentiality), levelWord(x.Impact.Integrity), levelWord(x.Impact.Availability)))
		}
		if !blank(x.Software) {
			software = append(software, x.Software)
		}
		if !blank(x.SupportMaintenance) {
			support = append(support, x.Name+": "+x.SupportMaintenance)
		}
		if !blank(x.Owner) {
			owners = append(owners, x.Owner+" (IAO, "+x.Name+")")
		}
	}
	c[8] = strings.Join(names, "; ")
	c[9] = strings.Join(impact, "; ")
	c[10] = strings.Join(software, "; ")
	if !blank(a.Owner) {
		owners = append([]string{a.Owner + " (activity)"}, owners...)
	}
	c[11] = strings.Join(owners, "; ")
	c[12] = strings.Join(support, " ")
	return c
}

func levelWord(l ImpactLevel) string {
	if l == "" {
		return "not rated"
	}
	return strings.ToLower(LabelOf(ImpactLevels, l))
}

func citeOf[T ~string](opts []Option[T], code T) string {
	for _, o := range opts {
		if o.Code == code {
			return o.Cite
		}
	}
	return ""
}

func prefixed(p string, items []string) []string {
	if len(items) == 0 {
		return nil
	}
	return []string{p + strings.Join(items, "; ")}
}

func joinNonEmpty(sep string, parts ...[]string) string {
	var out []string
	for _, ps := range parts {
		for _, p := range ps {
			if !blank(p) {
				out = append(out, p)
			}
		}
	}
	return strings.Join(out, sep)
}

// DSPTEvidence is one line of the map from toolkit items to what in the
// register evidences them.
type DSPTEvidence struct {
	Item     string // "1.1.2", "CAF A3.a"
	Asks     string // what the item asks, in short
	Evidence string // what the register holds for it, with counts
	Gaps     string // what is missing, "" when nothing the register can see
}

// DSPTEvidenceMap says which register content evidences the toolkit items
// of docs/domain/dspt.md, as at now, with the gaps the checks found.
func DSPTEvidenceMap(r *Register, now time.Time) []DSPTEvidence {
	findings := CheckDSPT(r, now)
	count := func(codes ...string) int {
		n := 0
		for _, f := range findings {
			for _, c := range codes {
				if f.Code == c {
					n++
				}
			}
		}
		return n
	}
	inUse := 0
	for i := range r.Activities {
		if r.Activities[i].Status != StatusRetired {
			inUse++
		}
	}
	var lastSign *SignOff
	for i := range r.ReviewCycles {
		if s := r.ReviewCycles[i].SignOff; s != nil && (lastSign == nil || s.Date.After(lastSign.Date)) {
			lastSign = s
		}
	}

	var out []DSPTEvidence
	e := DSPTEvidence{Item: "1.1.2", Asks: "Record of processing activities and information asset register, reviewed and approved by the management team in the last twelve months",
		Evidence: fmt.Sprintf("%d %s in use and %d information %s, linked in the 1.1.2 sheet", inUse, pick(inUse, "activity", "activities"), len(r.InformationAssets), pick(len(r.InformationAssets), "asset", "assets"))}
	if lastSign != nil {
		e.Evidence += fmt.Sprintf("; last signed off on %s by %s", day(lastSign.Date), lastSign.By)
		if !blank(lastSign.ApprovingBody) {
			e.Evidence += " for " + lastSign.ApprovingBody
		}
	}
	e.Gaps = gapWords(count(CodeSignOffOverdue), "sign-off more than twelve months old or missing", "")
	e.Gaps = joinGaps(e.Gaps, gapWords(count(CodeSystemsNotRecorded, CodeNoAssetRegister), "activity without its systems recorded", "activities without their systems recorded"))
	out = append(out, e)

	var icos []string
	for _, o := range r.Organisations {
		if !blank(o.ICORegistration) {
			icos = append(icos, o.Name+" "+o.ICORegistration)
		}
	}
	out = append(out, DSPTEvidence{Item: "1.1.3", Asks: "The organisation's ICO registration is current",
		Evidence: "ICO registration numbers: " + orNone(strings.Join(icos, "; ")),
		Gaps:     gapWords(count(CodeNoICORegistration), "controller without an ICO registration number", "controllers without an ICO registration number")})

	applies, assessed, checked := 0, 0, 0
	for i := range r.Activities {
		a := &r.Activities[i]
		v := AssessNDOP(a, r.Organisation(a.OrganisationID)).Verdict
		if v != VerdictNotAssessed {
			assessed++
		}
		if v == VerdictApplies {
			applies++
			if a.NDOP.CheckMethod != "" {
				checked++
			}
		}
	}
	notAssessed := len(r.Activities) - assessed
	ndop := DSPTEvidence{Item: "1.2.4", Asks: "The national data opt-out: where it applies, opt-outs are checked",
		Evidence: fmt.Sprintf("National data opt-out assessed for %d of %d activities; it applies to %d, of which %d record how opt-outs are checked", assessed, len(r.Activities), applies, checked),
		Gaps: joinGaps(gapWords(notAssessed, "activity not assessed for the opt-out", "activities not assessed for the opt-out"),
			gapWords(applies-checked, "activity where the opt-out applies without saying how it is checked", "activities where the opt-out applies without saying how it is checked"))}
	out = append(out, ndop)

	classed, worded, none := 0, 0, 0
	for i := range r.Activities {
		a := &r.Activities[i]
		switch {
		case a.RetentionClass != "":
			classed++
		case !blank(a.Retention):
			worded++
		default:
			none++
		}
	}
	out = append(out, DSPTEvidence{Item: "1.4.1", Asks: "A retention schedule based on the NHS Records Management Code of Practice",
		Evidence: fmt.Sprintf("%d %s point to the shipped retention schedule (dated %s, %d classes); %d record their retention in words", classed, pick(classed, "activity", "activities"), RetentionScheduleDate, len(RetentionSchedule), worded),
		Gaps:     gapWords(none, "activity without a retention period", "activities without a retention period")})

	crit, deps, bc := 0, 0, 0
	for _, x := range r.InformationAssets {
		if x.Criticality != "" {
			crit++
		}
		if len(x.Dependencies) > 0 {
			deps++
		}
		if !blank(x.ContinuityNotes) {
			bc++
		}
	}
	out = append(out, DSPTEvidence{Item: "7.1.1, 7.1.5, 7.1.6", Asks: "Business continuity: which systems hold the data, their criticality and dependencies",
		Evidence: fmt.Sprintf("%d information %s: %d with a criticality, %d with dependencies, %d with business continuity notes", len(r.InformationAssets), pick(len(r.InformationAssets), "asset", "assets"), crit, deps, bc),
		Gaps:     gapWords(len(r.InformationAssets)-crit, "asset without a criticality", "assets without a criticality")})

	withAgreement := 0
	for _, s := range r.Suppliers {
		if s.Agreement != "" && s.Agreement != AgreementNone {
			withAgreement++
		}
	}
	sup := DSPTEvidence{Item: "10.1.2, 10.2.1, 10.2.2", Asks: "Suppliers handling personal data, with their contracts and end dates",
		Evidence: fmt.Sprintf("%d %s, %d with a written agreement recorded", len(r.Suppliers), pick(len(r.Suppliers), "supplier", "suppliers"), withAgreement)}
	sup.Gaps = joinGaps(gapWords(count(CodeAgreementEnded), "agreement ended", "agreements ended"),
		gapWords(count(CodeAgreementEndingSoon), "agreement ending within 90 days", "agreements ending within 90 days"),
		gapWords(count(CodeCertificationExpired), "certification expired", "certifications expired"),
		gapWords(len(r.Suppliers)-withAgreement, "supplier without a written agreement", "suppliers without a written agreement"))
	out = append(out, sup)

	noAdmin := 0
	for _, x := range r.InformationAssets {
		if blank(x.Administrator) {
			noAdmin++
		}
	}
	a3 := DSPTEvidence{Item: "CAF A3.a", Asks: "Asset management: a complete, current information asset register with owners and administrators appointed (no partial achievement)",
		Evidence: fmt.Sprintf("%d information %s with owners and administrators recorded", len(r.InformationAssets), pick(len(r.InformationAssets), "asset", "assets"))}
	a3.Gaps = joinGaps(gapWords(count(CodeAssetWithoutOwner), "asset without an owner", "assets without an owner"),
		gapWords(noAdmin, "asset without an administrator", "assets without an administrator"),
		gapWords(count(CodeSystemsNotRecorded, CodeNoAssetRegister), "activity without its systems recorded", "activities without their systems recorded"))
	if len(r.InformationAssets) == 0 {
		a3.Gaps = joinGaps("no information asset register", a3.Gaps)
	}
	out = append(out, a3)
	out = append(out, DSPTEvidence{Item: "CAF E2.c", Asks: "National data opt-out policy", Evidence: ndop.Evidence, Gaps: ndop.Gaps})
	return out
}

func gapWords(n int, one, many string) string {
	if n == 0 {
		return ""
	}
	if many == "" {
		return one
	}
	return fmt.Sprintf("%d %s", n, pick(n, one, many))
}

func joinGaps(parts ...string) string {
	return joinNonEmpty("; ", parts)
}

func orNone(s string) string {
	if s == "" {
		return "none recorded"
	}
	return s
}
