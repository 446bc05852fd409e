package model

import (
	"fmt"
	"time"

	"github.com/google/uuid"
)

// This file holds the register-level checks behind the Data Security and
// Protection Toolkit (docs/domain/dspt.md): suppliers' agreements and
// certifications, information asset owners, activities whose systems are
// not recorded, the yearly sign-off (1.1.2) and the ICO registration
// (1.1.3). They look across the register, so CheckRegister runs them after
// the per-activity checks.

// Finding codes of the DSPT checks.
const (
	CodeAgreementEnded        = "agreement_ended"
	CodeAgreementEndingSoon   = "agreement_ending_soon"
	CodeCertificationExpired  = "certification_expired"
	CodeAssetWithoutOwner     = "asset_without_owner"
	CodeSystemsNotRecorded    = "systems_not_recorded"
	CodeNoAssetRegister       = "no_asset_register"
	CodeSignOffOverdue        = "sign_off_overdue"
	CodeNoICORegistration     = "no_ico_registration"
	agreementWarningDays      = 90
	signOffIntervalMonths     = 12
	signOffIntervalMonthsWord = "twelve"
)

// CheckDSPT runs the register-level DSPT checks. Findings about an asset or
// a supplier carry its id and a field path into the register's JSON
// ("suppliers[2].ends_on"); findings about an activity carry the activity.
func CheckDSPT(r *Register, now time.Time) []Finding {
	var out []Finding
	add := func(f Finding, format string, args ...any) {
		f.FieldLabel = FieldLabel(f.Field)
		f.Message = fmt.Sprintf(format, args...)
		out = append(out, f)
	}
	today := dayOf(now)

	for i := range r.Suppliers {
		s := &r.Suppliers[i]
		base := Finding{SupplierID: s.ID, Supplier: s.Name}
		if !s.EndsOn.IsZero() && s.Agreement != AgreementNone {
			ends := dayOf(s.EndsOn)
			f := base
			f.Field = indexed("suppliers", i) + ".ends_on"
			switch {
			case ends.Before(today):
				f.Code, f.Severity = CodeAgreementEnded, SeverityWarning
				if s.Role == SupplierProcessor {
					// Processing by a processor without a written
					// contract breaks Art 28(3).
					f.Severity = SeverityError
				}
				add(f, "The %s with %s ended on %s: renew it, or record in %q when processing stopped (DSPT 10.2.1; UK GDPR Art 28(3)).",
					agreementWord(s.Agreement), s.Name, day(s.EndsOn), FieldLabel("suppliers.ends_on"))
			case !ends.After(today.AddDate(0, 0, agreementWarningDays)):
				f.Code, f.Severity = CodeAgreementEndingSoon, SeverityWarning
				add(f, "The %s with %s ends on %s, within %d days: plan its renewal and record the new end date in %q (DSPT 10.2.1).",
					agreementWord(s.Agreement), s.Name, day(s.EndsOn), agreementWarningDays, FieldLabel("suppliers.ends_on"))
			}
		}
		for j, c := range s.Certifications {
			if c.Expires.IsZero() || !dayOf(c.Expires).Before(today) {
				continue
			}
			f := base
			f.Code, f.Severity = CodeCertificationExpired, SeverityWarning
			f.Field = indexed("suppliers", i) + indexed(".certifications", j) + ".expires"
			add(f, "%s's certification %q expired on %s: ask for the renewed certificate and record its expiry in %q (DSPT 10.2.2).",
				s.Name, c.Name, day(c.Expires), FieldLabel("suppliers.certifications.expires"))
		}
	}

	for i := range r.InformationAssets {
		x := &r.InformationAssets[i]
		if blank(x.Owner) {
			add(Finding{Severity: SeverityWarning, Code: CodeAssetWithoutOwner, AssetID: x.ID, Asset: x.Name,
				Field: indexed("information_assets", i) + ".owner"},
				"The information asset %q has no information asset owner: name the person responsible in %q (DSPT 1.1.2; CAF A3.a).",
				x.Name, FieldLabel("information_assets.owner"))
		}
	}

	out = append(out, checkSystemsRecorded(r)...)
	if f, ok := checkSignOffAge(r, now); ok {
		out = append(out, f)
	}
	out = append(out, checkICORegistration(r)...)
	return out
}

// checkSystemsRecorded: DSPT 1.1.2 column 9 asks which systems process each
// activity's data. Once the register keeps information assets, each
// activity in use should be linked to one; a register with activities but
// no assets at all gets one finding, not one per activity, because the
// whole asset register is what is missing.
func checkSystemsRecorded(r *Register) []Finding {
	linked := map[uuid.UUID]bool{}
	for i := range r.InformationAssets {
		for _, id := range r.InformationAssets[i].ActivityIDs {
			linked[id] = true
		}
	}
	var out []Finding
	inUse := 0
	for i := range r.Activities {
		a := &r.Activities[i]
		if a.Status == StatusRetired {
			continue
		}
		inUse++
		if len(r.InformationAssets) == 0 || linked[a.ID] {
			continue
		}
		out = append(out, Finding{Severity: SeverityWarning, Code: CodeSystemsNotRecorded, ActivityID: a.ID, Activity: a.Name,
			Field: "information_assets", FieldLabel: FieldLabel("information_assets"),
			Message: fmt.Sprintf("No information asset is linked to this activity, so the register does not say which systems process its data: link them in %q (DSPT 1.1.2; 7.1.1).", FieldLabel("information_assets"))})
	}
	if len(r.InformationAssets) == 0 && inUse > 0 {
		out = append(out, Finding{Severity: SeverityWarning, Code: CodeNoAssetRegister,
			Field: "information_assets", FieldLabel: FieldLabel("information_assets"),
			Message: fmt.Sprintf("The register records no information assets, so it does not say which systems process its %d %s: add the systems and link them to the activities (DSPT 1.1.2 asks for an information asset register beside the record of processing).", inUse, pick(inUse, "activity", "activities"))})
	}
	return out
}

// checkSignOffAge: DSPT 1.1.2 asks for the record to be approved by the
// management team at least once in the last twelve months. A register
// never signed off is flagged once its oldest activity is twelve months old
// (a new register has a year to get there, as a new activity has for its
// first review).
func checkSignOffAge(r *Register, now time.Time) (Finding, bool) {
	var last time.Time
	for _, c := range r.ReviewCycles {
		if c.SignOff != nil && c.SignOff.Date.After(last) {
			last = c.SignOff.Date
		}
	}
	f := Finding{Severity: SeverityWarning, Code: CodeSignOffOverdue, Field: "review_cycles.sign_off", FieldLabel: FieldLabel("review_cycles.sign_off")}
	if !last.IsZero() {
		if !now.After(addMonths(last, signOffIntervalMonths)) {
			return Finding{}, false
		}
		f.Message = fmt.Sprintf("The register was last signed off on %s, more than %s months ago: review it and have it approved again (DSPT 1.1.2).", day(last), signOffIntervalMonthsWord)
		return f, true
	}
	var oldest time.Time
	for i := range r.Activities {
		if c := r.Activities[i].CreatedAt; !c.IsZero() && (oldest.IsZero() || c.Before(oldest)) {
			oldest = c
		}
	}
	if oldest.IsZero() || !now.After(addMonths(oldest, signOffIntervalMonths)) {
		return Finding{}, false
	}
	f.Message = fmt.Sprintf("The register has never been signed off, and its first activity was recorded on %s, more than %s months ago: run a review cycle and have it approved (DSPT 1.1.2).", day(oldest), signOffIntervalMonthsWord)
	return f, true
}

// checkICORegistration: an organisation that is a controller for any
// activity pays the data protection fee and has a registration number
// (DSPT 1.1.3).
func checkICORegistration(r *Register) []Finding {
	controller := map[uuid.UUID]bool{}
	for i := range r.Activities {
		a := &r.Activities[i]
		if a.Role == RoleController || a.Role == RoleJointController {
			controller[a.OrganisationID] = true
		}
	}
	var out []Finding
	for i := range r.Organisations {
		o := &r.Organisations[i]
		if !controller[o.ID] || !blank(o.ICORegistration) {
			continue
		}
		out = append(out, Finding{Severity: SeverityWarning, Code: CodeNoICORegistration, OrganisationID: o.ID, Organisation: o.Name,
			Field: indexed("organisations", i) + ".ico_registration", FieldLabel: FieldLabel("organisations.ico_registration"),
			Message: fmt.Sprintf("%s is a controller but the register has no ICO registration number for it: enter it in %q, or pay the data protection fee if it has none (DSPT 1.1.3).", o.Name, FieldLabel("organisations.ico_registration"))})
	}
	return out
}

func agreementWord(k AgreementKind) string {
	if k == AgreementDataSharing {
		return "data-sharing agreement"
	}
	return "contract"
}

// dayOf is t's calendar day in UTC, so a contract ending today has not
// ended.
func dayOf(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
