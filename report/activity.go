package report

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ropadesk/ropadesk/model"
)

func activityTitle(a *model.Activity) string {
	if strings.TrimSpace(a.Name) == "" {
		return "Unnamed activity"
	}
	return a.Name
}

// activitySections prints every activity, grouped by organisation, each
// organisation opening with the Article 30(1)(a) contact details.
func (d *doc) activitySections() error {
	d.section(titleActivities)
	d.paragraph(stBody, "Each activity below shows every field of the Article 30 record, the lawful bases and "+
		"conditions relied on with their reasons, the rights individuals have, the national data opt-out "+
		"verdict and the activity's review. Fields left empty in the register are shown as “Not recorded”.")
	for gi, g := range d.groups {
		if gi > 0 {
			// A new organisation starts a new page, unless the last
			// activity's tail left most of this one empty: then it
			// follows after a gap, which spares the near-blank page
			// that held only the end of a record. orgStartRoom holds
			// the organisation's block and the start of its first
			// activity, so its heading is never left alone.
			if d.bottom()-d.pdf.GetY() < orgStartRoom {
				d.pdf.AddPage()
			} else {
				d.space(8)
			}
		} else {
			d.space(6)
		}
		d.organisationBlock(g)
		for _, a := range g.activities {
			if err := d.activity(a); err != nil {
				return err
			}
			if err := d.checkpoint(); err != nil {
				return err
			}
		}
	}
	return nil
}

// orgStartRoom is the room an organisation needs to start below the end
// of the previous one's last activity: its block (about 70 mm with its
// contacts) and its first activity's opening (activity's ensure).
const orgStartRoom = 150

func (d *doc) organisationBlock(g orgGroup) {
	d.ensure(60)
	d.entry(g.name, 1)
	d.use(stH2)
	d.pdf.SetX(marginLeft)
	d.heading(2, func() { d.pdf.MultiCell(contentW, lineHeight(stH2), g.name, "", "L", false) })
	d.space(1.5)
	o := g.org
	if o == nil {
		d.paragraph(stMissing, "These activities name an organisation that is not in the register.")
		return
	}
	if o.Partnership != "" {
		d.field("Partnership", o.Partnership)
	}
	d.field("Roles", strings.Join(labels(model.Roles, o.Roles), ", "))
	d.field("ICO registration", o.ICORegistration)
	d.field("Controller (Art 30(1)(a))", contact(o.Controller))
	d.field("Data protection officer", contact(o.DPO))
	if !o.Representative.IsZero() {
		d.field("Representative", contact(o.Representative))
	}
	scope := "Not in scope: the organisation does not provide or coordinate publicly funded health or adult social care in England."
	if o.NDOPInScope {
		scope = "In scope: provides or coordinates publicly funded health or adult social care in England."
		if o.NDOPAllPatients {
			scope += " Applied to private patients too, by the organisation's choice."
		}
	}
	d.field("National data opt-out", scope)
	d.space(3)
}

func contact(c model.Contact) string {
	var parts []string
	for _, s := range []string{c.Name, c.Address, c.Email, c.Telephone} {
		if strings.TrimSpace(s) != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "\n")
}

func (d *doc) activity(a *model.Activity) error {
	pdf := d.pdf
	// An activity starts with its title, its summary line and a few
	// fields on the same page, after its open findings; otherwise it
	// starts on the next page.
	d.ensure(min(55+7*float64(len(d.byActivity[a.ID])), 120))
	d.space(5)
	pdf.Bookmark(d.refs[a.ID]+" "+activityTitle(a), 2, -1)
	pdf.SetLink(d.actLinks[a.ID], -1, -1)
	d.actPage[a.ID] = pdf.PageNo()
	d.fill(colAccent)
	y := pdf.GetY()
	d.decor(func() { pdf.Rect(marginLeft, y, contentW, 0.8, "F") })
	pdf.SetY(y + 2.5)
	d.use(stH2)
	pdf.SetX(marginLeft)
	// An activity is the third level of the outline, under its
	// organisation.
	d.heading(3, func() { pdf.MultiCell(contentW, lineHeight(stH2), activityTitle(a), "", "L", false) })
	meta := []string{d.refs[a.ID], orgName(d.reg, a), model.LabelOf(model.Roles, a.Role), model.LabelOf(model.Statuses, a.Status)}
	if a.BusinessFunction != "" {
		meta = append([]string{a.BusinessFunction}, meta...)
	}
	d.paragraph(stSmall, strings.Join(meta, "  ·  "))
	d.space(1)
	d.openFindings(a)
	d.space(1)
	if a.Role == model.RoleProcessor {
		d.processorRecord(a)
		d.reviewBlock(a)
		d.extraColumns(a)
		return nil
	}

	d.subheading("Article 30 record", 20)
	d.field("Business function", a.BusinessFunction)
	d.field("Description", a.Description)
	d.field("Purposes (30(1)(b))", bullets(a.Purposes))
	if a.Role == model.RoleProcessor || len(a.ControllersServed) > 0 {
		d.field("Controllers served (30(2)(a))", bullets(a.ControllersServed))
	}
	if a.Role == model.RoleJointController || len(a.JointControllers) > 0 {
		d.field("Joint controllers (30(1)(a))", bullets(a.JointControllers))
	} else {
		d.notApplicable("Joint controllers (30(1)(a))", "Not applicable: not a joint controller")
	}
	d.field("Data subjects (30(1)(c))", bullets(a.DataSubjects))
	d.field("Personal data (30(1)(c))", bullets(a.PersonalData))
	d.field("Special-category data", noneIfEmpty(bullets(labels(model.SpecialCategories, a.SpecialCategories))))
	d.field("Criminal-offence data", yesNo(a.CriminalOffenceData))
	d.field("Large scale", yesNo(a.LargeScale))
	d.field("Recipients (30(1)(d))", bullets(a.Recipients))
	d.field("Transfers (30(1)(e))", transfers(a.Transfers))
	d.field("Retention (30(1)(f))", a.Retention)
	d.field("Security measures (30(1)(g))", a.SecurityMeasures)
	d.field("Sources of the data", bullets(a.Sources))
	d.field("Where the data is held", bullets(a.Locations))
	if a.ProcessorContractLink != "" {
		d.field("Processor contract (Art 28)", a.ProcessorContractLink)
	} else {
		d.notApplicable("Processor contract (Art 28)", "Not applicable: no processor recorded")
	}

	d.subheading("Lawful basis and conditions", 20)
	var bases []string
	for _, b := range a.LawfulBases {
		bases = append(bases, reasoned(withCite(model.LawfulBases, b.Basis), b.Reason))
	}
	d.field("Article 6 lawful bases", bullets(bases))
	if a.HasBasis(model.BasisLegitimateInterests) || a.LegitimateInterests != "" {
		d.field("Legitimate interests", a.LegitimateInterests)
		d.field("Legitimate interests assessment", a.LIALink)
	}
	if a.HasBasis(model.BasisConsent) || a.ConsentRecordLink != "" {
		d.field("Record of consent", a.ConsentRecordLink)
	}
	if a.HasSpecialCategoryData() || len(a.Article9Conditions) > 0 {
		var conds []string
		for _, c := range a.Article9Conditions {
			conds = append(conds, reasoned(withCite(model.Article9Conditions, c.Condition), c.Reason))
		}
		d.field("Article 9 conditions", bullets(conds))
	}
	if len(a.Schedule1Conditions) > 0 || a.HasSpecialCategoryData() || a.CriminalOffenceData {
		var sch []string
		for _, c := range a.Schedule1Conditions {
			sch = append(sch, withCite(model.Schedule1Conditions, c))
		}
		d.field("DPA 2018 Schedule 1", bullets(sch))
	}
	if a.CriminalOffenceData {
		d.field("Article 10 authority", a.Article10Basis)
	}
	// Paragraph 41 asks for an appropriate policy document only for the
	// Schedule 1 conditions that need one; elsewhere the block would be a
	// false gap.
	if p := a.Paragraph41; needsAPD(a.Schedule1Conditions) {
		d.field("Appropriate policy document", p.APDLink)
		d.field("How Article 6 is met (para 41(b))", p.Article6Explanation)
		d.field("Retained and erased per policy (para 41(c))", answer(p.RetainedPerPolicy))
		if p.RetainedPerPolicy != nil && !*p.RetainedPerPolicy {
			d.field("Why not", p.NotAdheringReason)
		}
		d.field("Retention and erasure policy", p.RetentionPolicyLink)
	}

	d.rightsTable(a)

	d.subheading("Automated decisions, DPIA and breaches", 20)
	adm := "None"
	if a.AutomatedDecisions.Exists {
		adm = a.AutomatedDecisions.Description
		if adm == "" {
			adm = "Yes (not described)"
		}
		if a.AutomatedDecisions.SignificantEffects {
			adm += "\nSolely automated with legal or similarly significant effects (Art 22)."
		}
	}
	d.field("Automated decision-making", adm)
	dpia := answer(a.DPIA.Required)
	if a.DPIA.Required == nil {
		dpia = "Not yet decided"
	}
	if a.DPIA.Progress != "" {
		dpia += "; " + model.LabelOf(model.DPIAProgresses, a.DPIA.Progress)
	}
	if a.DPIA.Link != "" {
		dpia += "\n" + a.DPIA.Link
	}
	d.field("DPIA required", dpia)
	breach := "No breach recorded"
	if a.Breach.Occurred {
		breach = "Yes"
		if a.Breach.Link != "" {
			breach += ": " + a.Breach.Link
		}
	}
	d.field("Personal data breach", breach)

	d.ndopBlock(a)
	d.reviewBlock(a)
	d.extraColumns(a)
	return nil
}

func (d *doc) extraColumns(a *model.Activity) {
	if len(a.Extra) > 0 {
		d.subheading("Other columns from the imported spreadsheet", 10)
		for _, e := range a.Extra {
			d.field(e.Heading, e.Value)
		}
	}
}

// processorRecord prints a processor's record (Art 30(2)): only what the
// processor must record. Lawful bases, rights and the opt-out decision are
// the controller's, in the controller's own record.
func (d *doc) processorRecord(a *model.Activity) {
	d.subheading("Processor's record (Article 30(2))", 40)
	org := d.reg.Organisation(a.OrganisationID)
	proc := ""
	if org != nil {
		proc = contact(org.Controller)
	}
	d.field("Processor (30(2)(a))", proc)
	d.field("Controllers acted for (30(2)(a))", bullets(a.ControllersServed))
	if org != nil && !org.DPO.IsZero() {
		d.field("Data protection officer (30(2)(a))", contact(org.DPO))
	}
	var what []string
	if a.Description != "" {
		what = append(what, a.Description)
	}
	if len(a.Purposes) > 0 {
		what = append(what, bullets(a.Purposes))
	}
	d.field("Processing carried out (30(2)(b))", strings.Join(what, "\n"))
	d.field("Transfers (30(2)(c))", transfers(a.Transfers))
	d.field("Security measures (30(2)(d))", a.SecurityMeasures)
	d.field("Processor contract (Art 28)", a.ProcessorContractLink)
	d.paragraph(stSmall, "The lawful basis, conditions, rights and opt-out decision for this processing are the "+
		"controller's and are recorded by the controller.")
}

// needsAPD reports whether any condition needs an appropriate policy
// document, and so the paragraph 41 answers.
func needsAPD(conds []model.Schedule1Condition) bool {
	return slices.ContainsFunc(conds, model.Schedule1Condition.NeedsAPD)
}

func noneIfEmpty(s string) string {
	if s == "" {
		return "None"
	}
	return s
}

func transfers(ts []model.Transfer) string {
	var out []string
	for _, t := range ts {
		s := t.Destination
		if t.Safeguard != "" {
			s += ": " + t.Safeguard
		} else {
			s += ": no safeguard recorded"
		}
		if t.Exceptional {
			s += " (exceptional transfer, Art 49(1))"
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		return "None"
	}
	return bullets(out)
}

// rightsTable names the rights individuals have in one line and, in a
// small table, only the rights whose answer differs from "available" or
// that the DPO overrode, each with the rule that gave the answer.
func (d *doc) rightsTable(a *model.Activity) {
	rights := model.DeriveRights(a)
	d.subheading("Rights of individuals", 12)
	if len(rights) == 0 {
		d.paragraph(stMissing, "The rights could not be derived for this activity.")
		return
	}
	var avail []string
	var rows [][]cell
	for _, r := range rights {
		name := model.LabelOf(model.Rights, r.Right)
		if r.Available && !r.Overridden {
			avail = append(avail, name)
			continue
		}
		ans := cell{text: "Not available", style: textStyle{sans, "B", 8, colMuted}}
		switch {
		case r.Available:
			ans = cell{text: "Available", style: textStyle{sans, "B", 8, colGreen}}
		case r.Answer == model.AnswerInPart:
			ans = cell{text: "In part", style: textStyle{sans, "B", 8, colInk}}
		case r.Answer == model.AnswerNotEngaged:
			ans = cell{text: "Not engaged", style: textStyle{sans, "B", 8, colMuted}}
		}
		why := publicRule(r.Rule)
		if r.Overridden {
			why = "Decided by the DPO: " + r.Reason
		}
		rows = append(rows, []cell{{text: withCite(model.Rights, r.Right), style: stTable}, ans, {text: why, style: stTable}})
	}
	if len(avail) > 0 {
		d.field("Available", strings.Join(avail, ", ")+".")
	}
	if len(rows) > 0 {
		d.table([]column{{"Right", 52, "L"}, {"Answer", 22, "L"}, {"Why", contentW - 74, "L"}}, rows)
	}
}

// publicRule drops the DPO-facing advice some rules end with ("override
// if it is on paper only"): the PDF prints the rule, not the editor's hint.
func publicRule(rule string) string {
	if i := strings.Index(rule, "; override"); i >= 0 {
		return rule[:i] + "."
	}
	return rule
}

func verdictStyle(v model.NDOPVerdict) textStyle {
	switch v {
	case model.VerdictBlocked, model.VerdictNotAssessed:
		return textStyle{sans, "B", 9.5, colRed}
	case model.VerdictApplies:
		return textStyle{sans, "B", 9.5, colAmber}
	}
	return textStyle{sans, "B", 9.5, colGreen}
}

func (d *doc) ndopBlock(a *model.Activity) {
	res := d.ndop[a]
	n := a.NDOP
	d.subheading("National data opt-out", 20)
	d.fieldCell("Verdict", cell{text: model.LabelOf(model.NDOPVerdicts, res.Verdict), style: verdictStyle(res.Verdict)})
	d.field("Reason", res.Reason)
	if len(res.Missing) > 0 {
		d.field("Still to record", bullets(ndopLabels(res.Missing)))
	}
	if n.Purpose != "" {
		d.field("Purpose", model.LabelOf(model.NDOPPurposes, n.Purpose))
	}
	if n.ConfidentialityBasis != "" {
		d.field("Confidentiality basis", model.LabelOf(model.ConfidentialityBases, n.ConfidentialityBasis))
	}
	if n.Evidence != "" {
		d.field("Evidence", n.Evidence)
	}
	if res.Verdict == model.VerdictApplies {
		check := model.LabelOf(model.OptOutCheckMethods, n.CheckMethod)
		if n.CheckMethod == "" {
			check = ""
		}
		d.field("How opt-outs are checked", check)
		d.field("Last checked", dateOrEmpty(n.LastChecked))
		d.field("Only returned NHS numbers used", yesNo(n.OnlyReturnedNumbers))
	}
	if res.Verdict == model.VerdictNotAssessed && res.AssessedBy == "" && res.AssessedAt.IsZero() {
		return
	}
	assessed := strings.TrimSpace(res.AssessedBy)
	if !res.AssessedAt.IsZero() {
		assessed = strings.TrimSpace(assessed + " on " + longDate(res.AssessedAt))
	}
	d.field("Assessed", assessed)
	if !res.DueAt.IsZero() {
		d.field("Assessment due again", longDate(res.DueAt))
	}
}

func dateOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return longDate(t)
}

func (d *doc) reviewBlock(a *model.Activity) {
	d.subheading("Review", 15)
	if c := d.in.Cycle; c != nil {
		r := cycleReview(a, c)
		if r == nil {
			d.fieldCell("In “"+c.Name+"”", cell{text: "NOT REVIEWED in this cycle", style: textStyle{sans, "B", 9.5, colRed}})
		} else {
			d.fieldCell("In “"+c.Name+"”", cell{text: model.LabelOf(model.ReviewOutcomes, r.Outcome), style: stBodyBold})
			d.field("Reviewer", r.Reviewer)
			d.field("Date", longDate(r.Date))
			ndop := "Not confirmed in this review"
			switch {
			case d.ndop[a].Verdict == model.VerdictNotAssessed:
				// A confirmation of an assessment that was never made
				// confirms nothing.
				ndop = "Not assessed, so nothing to confirm"
			case r.NDOPConfirmed:
				ndop = "Confirmed"
			}
			d.field("NDOP assessment", ndop)
			if r.Notes != "" {
				d.field("Notes", r.Notes)
			}
		}
	}
	last := "Never reviewed"
	if r := a.LastReview(); r != nil {
		last = fmt.Sprintf("%s by %s (%s)", longDate(r.Date), r.Reviewer, model.LabelOf(model.ReviewOutcomes, r.Outcome))
	}
	d.field("Last review", last)
	if due := model.NextReviewDue(a, d.interval); !due.IsZero() {
		st := stBody
		if model.ReviewOverdue(a, d.interval, d.asAt) {
			st = textStyle{sans, "B", 9.5, colRed}
		}
		d.fieldCell("Next review due", cell{text: longDate(due), style: st})
	}
}
