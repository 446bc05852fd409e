package model

import (
	"fmt"
	"net/mail"
	"strings"
)

func blank(s string) bool { return strings.TrimSpace(s) == "" }

func indexed(field string, i int) string { return fmt.Sprintf("%s[%d]", field, i) }

func checkEmail(v *ValidationErrors, field, addr string) {
	if blank(addr) {
		return
	}
	if _, err := mail.ParseAddress(addr); err != nil {
		v.add(field, "%q is not an email address.", addr)
	}
}

// Validate reports what stops the activity being saved: missing essentials
// and values outside the code lists. Gaps in compliance (a missing Article 9
// condition, say) are not validation errors but findings of the consistency
// checks, because a DPO must be able to save a draft that is not yet right.
func (a *Activity) Validate() error {
	var v ValidationErrors
	if blank(a.Name) {
		v.add("name", "The activity needs a name.")
	}
	if a.OrganisationID == [16]byte{} {
		v.add("organisation_id", "Choose the organisation whose activity this is.")
	}
	if !Known(Roles, a.Role) {
		v.add("role", "%s is not a role; choose controller, processor or joint controller.", quoteOrEmpty(string(a.Role)))
	}
	if !Known(Statuses, a.Status) {
		v.add("status", "%s is not a status; choose draft, active or retired.", quoteOrEmpty(string(a.Status)))
	}
	if a.RetentionClass != "" && RetentionClassByCode(a.RetentionClass) == nil {
		v.add("retention_class", "%q is not a class of the retention schedule; choose one from the list or leave it empty and describe the retention in words.", a.RetentionClass)
	}
	checkList(&v, "purposes", a.Purposes)
	checkList(&v, "data_subjects", a.DataSubjects)
	checkList(&v, "personal_data", a.PersonalData)
	checkList(&v, "recipients", a.Recipients)
	checkList(&v, "joint_controllers", a.JointControllers)
	checkList(&v, "controllers_served", a.ControllersServed)
	checkList(&v, "sources", a.Sources)
	checkList(&v, "locations", a.Locations)
	checkCodes(&v, "special_categories", SpecialCategories, a.SpecialCategories, "special category")
	checkCodes(&v, "schedule1_conditions", Schedule1Conditions, a.Schedule1Conditions, "Schedule 1 condition")

	seenBasis := map[LawfulBasis]bool{}
	for i, b := range a.LawfulBases {
		f := indexed("lawful_bases", i)
		switch {
		case !Known(LawfulBases, b.Basis):
			v.add(f+".basis", "%s is not an Article 6 lawful basis.", quoteOrEmpty(string(b.Basis)))
		case seenBasis[b.Basis]:
			v.add(f+".basis", "%s is listed twice.", LabelOf(LawfulBases, b.Basis))
		}
		seenBasis[b.Basis] = true
	}
	seenCond := map[Article9Condition]bool{}
	for i, c := range a.Article9Conditions {
		f := indexed("article9_conditions", i)
		switch {
		case !Known(Article9Conditions, c.Condition):
			v.add(f+".condition", "%s is not an Article 9(2) condition.", quoteOrEmpty(string(c.Condition)))
		case seenCond[c.Condition]:
			v.add(f+".condition", "%s is listed twice.", LabelOf(Article9Conditions, c.Condition))
		}
		seenCond[c.Condition] = true
	}
	for i, t := range a.Transfers {
		if blank(t.Destination) {
			v.add(indexed("transfers", i)+".destination", "Name the third country or international organisation.")
		}
		if t.SafeguardKind != "" && !Known(SafeguardKinds, t.SafeguardKind) {
			v.add(indexed("transfers", i)+".safeguard_kind", "%q is not a kind of transfer safeguard; choose adequacy regulations, an IDTA, the UK Addendum, binding corporate rules or an Article 49 derogation.", t.SafeguardKind)
		}
	}
	if c := a.RecognisedInterest.Condition; c != "" && !Known(Annex1Conditions, c) {
		v.add("recognised_interest.condition", "%q is not a condition in Annex 1 to the UK GDPR.", c)
	}
	if a.DPIA.Progress != "" && !Known(DPIAProgresses, a.DPIA.Progress) {
		v.add("dpia.progress", "%q is not a DPIA progress; choose not_started, in_progress or completed.", a.DPIA.Progress)
	}
	a.NDOP.validate(&v)
	a.validateNotice(&v)
	for i, o := range a.RightOverrides {
		f := indexed("right_overrides", i)
		if !Known(Rights, o.Right) {
			v.add(f+".right", "%s is not a data-subject right.", quoteOrEmpty(string(o.Right)))
		}
		if blank(o.Reason) {
			v.add(f+".reason", "Overriding a derived right needs a written reason.")
		}
		if o.Answer != "" && !Known(Answers, o.Answer) {
			v.add(f+".answer", "%q is not an answer; choose yes, no, in part or not engaged.", o.Answer)
		}
	}
	for i, r := range a.Reviews {
		r.validate(&v, indexed("reviews", i))
	}
	for i, e := range a.Extra {
		if blank(e.Heading) {
			v.add(indexed("extra", i)+".heading", "An extra column needs a heading.")
		}
	}
	return v.orNil()
}

func (n *NDOPAssessment) validate(v *ValidationErrors) {
	if n.Purpose != "" && !Known(NDOPPurposes, n.Purpose) {
		v.add("ndop.purpose", "%q is not an NDOP purpose.", n.Purpose)
	}
	if n.ConfidentialityBasis != "" && !Known(ConfidentialityBases, n.ConfidentialityBasis) {
		v.add("ndop.confidentiality_basis", "%q is not a basis for setting aside confidentiality.", n.ConfidentialityBasis)
	}
	if n.CheckMethod != "" && !Known(OptOutCheckMethods, n.CheckMethod) {
		v.add("ndop.check_method", "%q is not a way of checking opt-outs; choose mesh or gp_system.", n.CheckMethod)
	}
}

func (r *Review) validate(v *ValidationErrors, f string) {
	if r.Date.IsZero() {
		v.add(f+".date", "A review needs the date it was made.")
	}
	if blank(r.Reviewer) {
		v.add(f+".reviewer", "A review needs the name of the reviewer.")
	}
	if !Known(ReviewOutcomes, r.Outcome) {
		v.add(f+".outcome", "%s is not a review outcome; choose no change, changed or retired.", quoteOrEmpty(string(r.Outcome)))
	}
}

func checkList(v *ValidationErrors, field string, items []string) {
	for i, s := range items {
		if blank(s) {
			v.add(indexed(field, i), "This entry is empty; remove it or fill it in.")
		}
	}
}

func checkCodes[T ~string](v *ValidationErrors, field string, opts []Option[T], codes []T, what string) {
	seen := map[T]bool{}
	for i, c := range codes {
		switch {
		case !Known(opts, c):
			v.add(indexed(field, i), "%s is not a %s.", quoteOrEmpty(string(c)), what)
		case seen[c]:
			v.add(indexed(field, i), "%s is listed twice.", LabelOf(opts, c))
		}
		seen[c] = true
	}
}

func quoteOrEmpty(s string) string {
	if s == "" {
		return "An empty value"
	}
	return fmt.Sprintf("%q", s)
}
