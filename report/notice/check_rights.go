package notice

import (
	"regexp"
	"strings"

	"github.com/ropadesk/ropadesk/model"
)

var rightRes = map[model.Right]*regexp.Regexp{
	model.RightAccess:                regexp.MustCompile(`(?i)right of access|access to (a copy of )?(your|the) (personal )?(information|data)|request access|subject access|copy of (the|your) (personal )?(information|data)`),
	model.RightRectification:         regexp.MustCompile(`(?i)rectif|correct (or update )?(your|the|any)|change or complete|inaccurate`),
	model.RightErasure:               regexp.MustCompile(`(?i)erasure|\bdelet|\berase`),
	model.RightRestriction:           regexp.MustCompile(`(?i)restrict|limit (how|the processing|the use)`),
	model.RightPortability:           regexp.MustCompile(`(?i)portab|machine[- ]readable`),
	model.RightObject:                regexp.MustCompile(`(?i)right to object|\bobject (to|where)`),
	model.RightObjectDirectMarketing: regexp.MustCompile(`(?i)direct marketing`),
	model.RightAutomatedDecisions:    regexp.MustCompile(`(?i)automated`),
}

var (
	withdrawRe  = regexp.MustCompile(`(?i)withdraw.*consent|consent.*withdraw`)
	icoRe       = regexp.MustCompile(`(?i)information commissioner|\bico\b|supervisory authority|ico\.org\.uk`)
	complainRe  = regexp.MustCompile(`(?i)\bcomplain (to|about)\b|make a complaint|your complaint|complaints? (procedure|policy|process)|to complain`)
	marketingRe = regexp.MustCompile(`(?i)marketing|newsletter|promot|fundrais`)
)

func (c *checker) rights() {
	for _, r := range model.Rights {
		re, ok := rightRes[r.Code]
		if !ok {
			continue
		}
		var with []string
		for i := range c.s.Activities {
			a := &c.s.Activities[i]
			for _, ans := range model.DeriveRights(a) {
				if ans.Right == r.Code && ans.Available {
					with = append(with, a.Name)
				}
			}
		}
		if r.Code == model.RightObjectDirectMarketing {
			// Always available, but a notice needs to bring it up only
			// where there is direct marketing (Art 21(4)).
			with = nil
			for _, a := range c.s.Activities {
				if marketingRe.MatchString(a.Name + " " + a.Description + " " + strings.Join(a.Purposes, " ")) {
					with = append(with, a.Name)
				}
			}
		}
		s, named := c.find(re)
		switch {
		case len(with) > 0 && named:
			c.covered(11, "", r.Label, s, "Available for "+countOf(with, len(c.s.Activities))+"; the notice explains it.")
		case len(with) > 0:
			c.gap(11, Required, "", r.Label, "", "Available for "+countOf(with, len(c.s.Activities))+", but the notice does not tell people about it.")
		case named && r.Code != model.RightObjectDirectMarketing && r.Code != model.RightAutomatedDecisions:
			c.gap(11, Advisable, "", r.Label, s, "The notice offers this right, but the lawful bases recorded give it for no activity of the audience.")
		}
	}
	var consent []string
	for _, a := range c.s.Activities {
		if a.HasBasis(model.BasisConsent) {
			consent = append(consent, a.Name)
		}
	}
	if len(consent) == 0 {
		c.na(12, "No activity of the audience relies on consent.")
	} else if s, ok := c.find(withdrawRe); ok {
		c.covered(12, "", "", s, "Consent is relied on by "+joinAnd(consent)+"; the notice says it can be withdrawn.")
	} else {
		c.gap(12, Required, "", "", "", "Consent is relied on by "+joinAnd(consent)+", but the notice never says consent can be withdrawn.")
	}
	if s, ok := c.find(icoRe); ok {
		c.covered(13, "", "", s, "Tells people they can complain to the Information Commissioner.")
	} else {
		c.gap(13, Required, "", "", "", "The notice never mentions the right to complain to the Information Commissioner's Office.")
	}
}

func countOf(acts []string, total int) string {
	if len(acts) == total {
		if total == 1 {
			return "the audience's one activity"
		}
		return "all " + itoaWords(total) + " activities"
	}
	return joinAnd(acts)
}

var sourceRe = regexp.MustCompile(`(?i)\b(from|refer|third part|other sources|obtain|receive)`)

func (c *checker) sources() {
	any := false
	var saysSource []bool
	for i := range c.units {
		saysSource = append(saysSource, sourceRe.MatchString(c.plain[i]) || sourceRe.MatchString(c.units[i].lead))
	}
	for _, a := range c.s.Activities {
		other := fromElsewhere(&a)
		if len(other) == 0 {
			continue
		}
		any = true
		found, by := "", ""
		for _, src := range other {
			st := stems(c.strip(src))
			for i := range c.units {
				if !saysSource[i] {
					continue
				}
				if n, w := overlap(st, c.sets[i]); n >= need(st) && n > 0 {
					found, by = c.units[i].text, "Says the data comes from "+strings.Join(w, ", ")+"… (\""+src+"\")."
					break
				}
			}
			if found != "" {
				break
			}
		}
		if found != "" {
			c.covered(14, a.Name, "", found, by)
		} else {
			c.gap(14, Required, a.Name, "", "", "Data comes from "+joinAnd(other)+", but the notice does not say where it gets information from.")
		}
	}
	if !any {
		c.na(14, "All the audience's data comes from the people themselves.")
	}
}

var requirementRe = regexp.MustCompile(`(?i)(have|need|required|obliged|must) to (provide|give)|if you (do not|don't|choose not to|refuse to) (provide|give|share)|you do not have to|is optional|without (it|this|that|them|your information)\b.*\b(cannot|can't|unable|not be able)`)

func (c *checker) requirement() {
	for _, a := range c.s.Activities {
		p := a.ProvisionRequirement
		if p.Kind == "" {
			c.gap(15, Advisable, a.Name, "", "", "The register does not record whether people must provide this data, so the notice cannot be checked; record it in the activity.")
			continue
		}
		class := Required
		if p.Kind == model.RequirementVoluntary {
			class = Advisable
		}
		if s, ok := c.find(requirementRe); ok {
			c.covered(15, a.Name, "", s, "The register records: "+model.LabelOf(model.RequirementKinds, p.Kind)+"; the notice says whether people must provide data.")
		} else {
			c.gap(15, class, a.Name, "", "", "The register records: "+model.LabelOf(model.RequirementKinds, p.Kind)+", but the notice does not say whether people must provide the data or what happens if they do not.")
		}
	}
}

var automatedRe = regexp.MustCompile(`(?i)automated|profiling`)

func (c *checker) automated() {
	any := false
	for _, a := range c.s.Activities {
		if !a.AutomatedDecisions.Exists {
			continue
		}
		any = true
		if s, ok := c.find(automatedRe); ok {
			c.covered(16, a.Name, "", s, "The activity makes automated decisions; the notice mentions them.")
		} else {
			c.gap(16, Required, a.Name, "", "", "The activity makes automated decisions, but the notice never mentions automated decision-making.")
		}
	}
	if !any {
		c.na(16, "No activity of the audience makes automated decisions.")
	}
}

func (c *checker) complaints() {
	for i, p := range c.plain {
		if complainRe.MatchString(p) && !icoRe.MatchString(p) {
			c.covered(17, "", "", c.units[i].text, "Tells people how to complain to the organisation.")
			return
		}
	}
	c.gap(17, Required, "", "", "", "The notice does not say how to complain to the organisation itself (required from 19 June 2026).")
}

var ndopRe = regexp.MustCompile(`(?i)national data opt[- ]?out|\bndop\b`)

func (c *checker) ndop() {
	var applies []string
	all := false
	for _, o := range c.s.Organisations {
		all = all || (o.NDOPAllPatients && o.NDOPInScope)
	}
	for i := range c.s.Activities {
		a := &c.s.Activities[i]
		if model.AssessNDOP(a, orgOf(c.s, a)).Verdict == model.VerdictApplies {
			applies = append(applies, a.Name)
		}
	}
	s, named := c.find(ndopRe)
	why := "The opt-out applies to " + joinAnd(applies)
	if len(applies) == 0 {
		why = "The organisation applies the opt-out to all its patients"
	}
	switch {
	case (len(applies) > 0 || all) && named:
		c.covered(18, "", "", s, why+"; the notice describes it.")
	case len(applies) > 0 || all:
		c.gap(18, Required, "", "", "", why+", but the notice does not mention the national data opt-out.")
	case named:
		c.gap(18, Advisable, "", "", s, "The notice describes the national data opt-out, but no activity of the audience is assessed as one it applies to.")
	default:
		c.na(18, "The national data opt-out applies to no activity of the audience.")
	}
}
