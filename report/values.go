package report

import (
	"fmt"
	"strings"

	"github.com/ropadesk/ropadesk/model"
)

// activityValue prints one field of an activity, named by its JSON key, as
// the auditor reads it, for "old → new" in the changes section.
func activityValue(a *model.Activity, key string, reg *model.Register) string {
	list := func(items []string) string { return strings.Join(items, "; ") }
	switch key {
	case "organisation_id":
		return orgName(reg, a)
	case "role":
		return model.LabelOf(model.Roles, a.Role)
	case "status":
		return model.LabelOf(model.Statuses, a.Status)
	case "controllers_served":
		return list(a.ControllersServed)
	case "business_function":
		return a.BusinessFunction
	case "name":
		return a.Name
	case "description":
		return a.Description
	case "purposes":
		return list(a.Purposes)
	case "data_subjects":
		return list(a.DataSubjects)
	case "personal_data":
		return list(a.PersonalData)
	case "special_categories":
		return list(labels(model.SpecialCategories, a.SpecialCategories))
	case "criminal_offence_data":
		return yesNo(a.CriminalOffenceData)
	case "large_scale":
		return yesNo(a.LargeScale)
	case "lawful_bases":
		var out []string
		for _, b := range a.LawfulBases {
			out = append(out, reasoned(model.LabelOf(model.LawfulBases, b.Basis), b.Reason))
		}
		return list(out)
	case "article9_conditions":
		var out []string
		for _, c := range a.Article9Conditions {
			out = append(out, reasoned(model.LabelOf(model.Article9Conditions, c.Condition), c.Reason))
		}
		return list(out)
	case "schedule1_conditions":
		return list(labels(model.Schedule1Conditions, a.Schedule1Conditions))
	case "article10_basis":
		return a.Article10Basis
	case "paragraph41":
		p := a.Paragraph41
		var out []string
		if p.APDLink != "" {
			out = append(out, "policy document "+p.APDLink)
		}
		if p.Article6Explanation != "" {
			out = append(out, "Article 6: "+p.Article6Explanation)
		}
		if p.RetainedPerPolicy != nil {
			out = append(out, "retained per policy: "+yesNo(*p.RetainedPerPolicy))
		}
		if p.RetentionPolicyLink != "" {
			out = append(out, "retention policy "+p.RetentionPolicyLink)
		}
		return list(out)
	case "legitimate_interests":
		return a.LegitimateInterests
	case "lia_link":
		return a.LIALink
	case "consent_record_link":
		return a.ConsentRecordLink
	case "recipients":
		return list(a.Recipients)
	case "joint_controllers":
		return list(a.JointControllers)
	case "processor_contract_link":
		return a.ProcessorContractLink
	case "transfers":
		if len(a.Transfers) == 0 {
			return ""
		}
		return strings.ReplaceAll(strings.ReplaceAll(transfers(a.Transfers), bullet, ""), "\n", "; ")
	case "retention":
		return a.Retention
	case "security_measures":
		return a.SecurityMeasures
	case "sources":
		return list(a.Sources)
	case "locations":
		return list(a.Locations)
	case "automated_decisions":
		if !a.AutomatedDecisions.Exists {
			return "None"
		}
		return orDash(a.AutomatedDecisions.Description)
	case "dpia":
		s := answer(a.DPIA.Required)
		if a.DPIA.Progress != "" {
			s += ", " + model.LabelOf(model.DPIAProgresses, a.DPIA.Progress)
		}
		return "Required: " + s
	case "breach":
		if !a.Breach.Occurred {
			return "No breach recorded"
		}
		return strings.TrimSpace("Breach recorded " + a.Breach.Link)
	case "ndop":
		r := model.AssessNDOP(a, reg.Organisation(a.OrganisationID))
		return model.LabelOf(model.NDOPVerdicts, r.Verdict)
	case "right_overrides":
		var out []string
		for _, o := range a.RightOverrides {
			out = append(out, model.LabelOf(model.Rights, o.Right))
		}
		if len(out) == 0 {
			return "None"
		}
		return "Overridden: " + list(out)
	case "extra":
		var out []string
		for _, e := range a.Extra {
			out = append(out, e.Heading+": "+e.Value)
		}
		return list(out)
	}
	return "(changed)"
}

// organisationValue prints one field of an organisation, by JSON key.
func organisationValue(o *model.Organisation, key string) string {
	switch key {
	case "name":
		return o.Name
	case "partnership":
		return o.Partnership
	case "roles":
		return strings.Join(labels(model.Roles, o.Roles), ", ")
	case "ico_registration":
		return o.ICORegistration
	case "controller":
		return strings.ReplaceAll(contact(o.Controller), "\n", ", ")
	case "dpo":
		return strings.ReplaceAll(contact(o.DPO), "\n", ", ")
	case "representative":
		return strings.ReplaceAll(contact(o.Representative), "\n", ", ")
	case "ndop_in_scope":
		return yesNo(o.NDOPInScope)
	case "ndop_all_patients":
		return yesNo(o.NDOPAllPatients)
	case "public_authority":
		return yesNo(o.PublicAuthority)
	case "complaints_procedure":
		return o.ComplaintsProcedure
	}
	return "(changed)"
}

// organisationFields are an organisation's keys compared for changes, with
// their labels.
var organisationFields = []struct{ key, label string }{
	{"name", "Name"},
	{"partnership", "Partnership"},
	{"roles", "Roles"},
	{"ico_registration", "ICO registration"},
	{"controller", "Controller contact"},
	{"dpo", "Data protection officer"},
	{"representative", "Representative"},
	{"ndop_in_scope", "In scope of the national data opt-out"},
	{"ndop_all_patients", "Opt-out applied to private patients"},
	{"public_authority", "Public authority"},
	{"complaints_procedure", "Complaints procedure"},
}

// unlistedOrganisationFields change with every save or are the
// organisation's identity, so they are not listed as changes.
var unlistedOrganisationFields = []string{"id", "created_at", "updated_at"}

// clip keeps a changed value to a readable length in the changes table.
func clip(s string, n int) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) <= n {
		if len(r) == 0 {
			return "(empty)"
		}
		return string(r)
	}
	return fmt.Sprintf("%s… (%d characters)", strings.TrimSpace(string(r[:n])), len(r))
}
