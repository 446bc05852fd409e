package notice

import (
	"strings"

	"github.com/ropadesk/ropadesk/model"
)

// rightsSection explains in words the rights model.DeriveRights gives for
// the audience's activities: a right every activity gives is stated once; one
// only some give names them, so a reader is never promised a right that
// does not apply.
func rightsSection(b *builder, s *Scope, opt Options) {
	b.h2("Your rights")
	b.p("You have rights over your information. You can use them by contacting us (see \"Who we are\"); we will reply within one month and we do not charge a fee.")
	var all, some []string
	for _, r := range model.Rights {
		if r.Code == model.RightBeInformed {
			continue // this notice is that right
		}
		var with, without []string
		for i := range s.Activities {
			a := &s.Activities[i]
			for _, ans := range model.DeriveRights(a) {
				if ans.Right != r.Code {
					continue
				}
				if ans.Available {
					with = append(with, lowerFirst(a.Name))
				} else {
					without = append(without, lowerFirst(a.Name))
				}
			}
		}
		if len(with) == 0 {
			continue
		}
		phrase, ok := rightWords[r.Code]
		if !ok {
			phrase = "to " + strings.ToLower(r.Label)
		}
		if opt.Articles {
			if c := citeOf(model.Rights, r.Code, rightCites); c != "" {
				phrase += " (" + c + ")"
			}
		}
		if len(without) == 0 {
			all = append(all, "The right "+sentence(phrase))
		} else {
			some = append(some, "The right "+phrase+", for "+joinAnd(with)+".")
		}
	}
	b.list(append(all, some...))
	if len(some) > 0 {
		b.p("Some rights depend on why we use your information, so they apply only to the uses named above.")
	}
	var consent []string
	for _, a := range s.Activities {
		if a.HasBasis(model.BasisConsent) {
			consent = append(consent, lowerFirst(a.Name))
		}
	}
	if len(consent) > 0 {
		b.h2("Withdrawing your consent")
		b.p("Where we rely on your consent (" + joinAnd(consent) + "), you have the right to withdraw your consent at any time, by contacting us. Withdrawing it does not affect what we did before you withdrew it.")
	}
}

// ndopSection is written where any activity's opt-out verdict is "applies",
// or where the organisation applies the opt-out to all its patients
// (privacy-notices.md item 18; DSPT 1.2.4).
func ndopSection(b *builder, s *Scope) {
	var applies []string
	allPatients := false
	for _, o := range s.Organisations {
		if o.NDOPAllPatients && o.NDOPInScope {
			allPatients = true
		}
	}
	for i := range s.Activities {
		a := &s.Activities[i]
		if model.AssessNDOP(a, orgOf(s, a)).Verdict == model.VerdictApplies {
			applies = append(applies, lowerFirst(a.Name))
		}
	}
	if len(applies) == 0 && !allPatients {
		return
	}
	b.h2("The national data opt-out")
	b.p("The national data opt-out lets you choose to stop your confidential patient information being used for research and planning, beyond your own individual care and treatment.")
	if len(applies) > 0 {
		b.p("We check and respect your choice before we use your information for: " + joinAnd(applies) + ".")
	}
	if allPatients {
		b.p("We apply the opt-out to everyone we care for, whether the NHS or you pay for your care.")
	}
	b.p("You can set or change your choice at any time on the NHS website (nhs.uk/your-nhs-data-matters), through the NHS App, or by phone. Your choice does not affect your care.")
}

func orgOf(s *Scope, a *model.Activity) *model.Organisation {
	for i := range s.Organisations {
		if s.Organisations[i].ID == a.OrganisationID {
			return &s.Organisations[i]
		}
	}
	return nil
}

func complaints(b *builder, s *Scope) {
	b.h2("How to complain to us")
	var procs []string
	orgs := involved(s)
	for _, o := range orgs {
		if p := strings.TrimSpace(o.ComplaintsProcedure); p != "" {
			if len(orgs) > 1 {
				p = o.Name + ": " + p
			}
			procs = append(procs, sentence(p))
		}
	}
	switch {
	case len(procs) == 0:
		b.p("If you want to complain about how we use your information, please contact us. [The register does not record the organisation's complaints procedure; add it before publishing.]")
	case len(procs) == 1:
		b.p(procs[0])
	default:
		b.p("If you want to complain about how your information has been used:")
		b.list(procs)
	}
	b.h2("How to complain to the Information Commissioner")
	b.p("If you are not happy with how we have handled your information or your complaint, you have the right to complain to the Information Commissioner's Office (ICO), the UK regulator for data protection: ico.org.uk/make-a-complaint, telephone 0303 123 1113.")
}
