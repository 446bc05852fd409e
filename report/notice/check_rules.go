package notice

import (
	"regexp"
	"slices"
	"strings"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
)

func (c *checker) categories() {
	recorded := map[model.SpecialCategory][]string{}
	var criminal []string
	for _, a := range c.s.Activities {
		for _, k := range a.SpecialCategories {
			recorded[k] = append(recorded[k], a.Name)
		}
		if a.CriminalOffenceData {
			criminal = append(criminal, a.Name)
		}
	}
	named := map[model.SpecialCategory]string{}
	namedCriminal := ""
	for i, p := range c.plain {
		cats, crim := exchange.RecogniseSpecial([]string{p})
		for _, k := range cats {
			if _, ok := named[k]; !ok {
				named[k] = c.units[i].text
			}
		}
		if crim && namedCriminal == "" {
			namedCriminal = c.units[i].text
		}
	}
	for _, o := range model.SpecialCategories {
		acts, rec := recorded[o.Code]
		s, nam := named[o.Code]
		switch {
		case rec && nam:
			c.covered(7, "", o.Label, s, "Processed by "+joinAnd(acts)+"; the notice mentions it.")
		case rec:
			c.gap(7, Required, "", o.Label, "", "Special category processed by "+joinAnd(acts)+", but the notice never mentions it.")
		case nam:
			c.gap(7, Advisable, "", o.Label, s, "The notice names this special category, but no activity of the audience records it.")
		}
	}
	switch {
	case len(criminal) > 0 && namedCriminal == "":
		c.gap(7, Required, "", "Criminal offence data", "", "Processed by "+joinAnd(criminal)+", but the notice never mentions criminal convictions or offences.")
	case len(criminal) > 0:
		c.covered(7, "", "Criminal offence data", namedCriminal, "Processed by "+joinAnd(criminal)+"; the notice mentions it.")
	}
	// The ordinary categories, activity by activity: required where the
	// data comes from elsewhere (Art 14(1)(d)), advisable otherwise.
	for _, a := range c.s.Activities {
		found, by := "", ""
		for _, d := range a.PersonalData {
			st := stems(c.strip(d))
			if t, w := c.bestMatch(st, need(st)); t != "" && len(st) > 0 {
				found, by = t, "Mentions "+strings.Join(w, ", ")+"… of \""+d+"\"."
				break
			}
		}
		switch {
		case len(a.PersonalData) == 0:
			continue
		case found != "":
			c.covered(7, a.Name, "", found, by)
		case len(fromElsewhere(&a)) > 0:
			c.gap(7, Required, a.Name, "", "", "Some of this data comes from elsewhere, so the notice must say what it is; no sentence matches any of the activity's categories of personal data.")
		default:
			c.gap(7, Advisable, a.Name, "", "", "No sentence matches any of the activity's categories of personal data.")
		}
	}
}

var shareRe = regexp.MustCompile(`(?i)\b(share|sharing|disclose|disclosure|pass (it|your|information|data) (on|to)|recipients?)\b`)

func (c *checker) recipients() {
	var all []string
	for _, a := range c.s.Activities {
		all = append(all, a.Recipients...)
		all = append(all, a.JointControllers...)
		if len(a.Recipients) == 0 && len(a.JointControllers) == 0 {
			continue
		}
		found, by := "", ""
		var missing []string
		for _, r := range a.Recipients {
			st := stems(c.strip(r))
			if t, w := c.bestMatch(st, need(st)); t != "" && len(st) > 0 {
				if found == "" {
					found, by = t, "Names "+strings.Join(w, ", ")+"… of \""+r+"\"."
				}
			} else {
				missing = append(missing, r)
			}
		}
		if len(a.Recipients) > 0 {
			switch {
			case found == "":
				c.gap(8, Required, a.Name, "", "", "None of the activity's recipients is named: "+joinAnd(a.Recipients)+".")
			case len(missing) > 0:
				c.covered(8, a.Name, "", found, by+" Not named: "+joinAnd(missing)+".")
			default:
				c.covered(8, a.Name, "", found, by)
			}
		}
		var jcMissing []string
		jcFound := ""
		for _, j := range a.JointControllers {
			n := strings.ToLower(normalise(j))
			hit := ""
			for _, u := range c.units {
				if strings.Contains(u.low, n) {
					hit = u.text
					break
				}
			}
			if hit == "" {
				jcMissing = append(jcMissing, j)
			} else if jcFound == "" {
				jcFound = hit
			}
		}
		switch {
		case len(a.JointControllers) == 0:
		case len(jcMissing) > 0:
			c.gap(8, Required, a.Name, "Joint controllers", jcFound, "The notice does not name the joint controllers "+joinAnd(jcMissing)+".")
		default:
			c.covered(8, a.Name, "Joint controllers", jcFound, "Names all "+itoaWords(len(a.JointControllers))+" joint controllers.")
		}
	}
	// A list of recipients in the notice that the register does not have.
	allStems := make([][]string, len(all))
	for i, r := range all {
		allStems[i] = stems(c.strip(r))
	}
	for _, u := range c.units {
		if !u.bullet || !shareRe.MatchString(u.lead) {
			continue
		}
		st := stems(c.strip(u.text))
		known := slices.ContainsFunc(allStems, func(r []string) bool {
			n, _ := overlap(st, toSet(r))
			return n >= need(st) && n > 0
		})
		if !known && len(st) > 0 {
			c.gap(8, Advisable, "", u.text, u.text, "The notice lists this recipient, but no activity of the audience records it.")
		}
	}
}

func toSet(s []string) map[string]bool {
	m := map[string]bool{}
	for _, w := range s {
		m[w] = true
	}
	return m
}

var transferRe = regexp.MustCompile(`(?i)outside the (uk|united kingdom|eea)|abroad|overseas|international organisation|third countr|transfer\w* (\w+ ){0,4}(outside|abroad|overseas|countr)`)

func (c *checker) transfers() {
	any := false
	for _, a := range c.s.Activities {
		if len(a.Transfers) == 0 {
			continue
		}
		any = true
		var dests []string
		for _, t := range a.Transfers {
			dests = append(dests, t.Destination)
		}
		s, ok := c.find(transferRe)
		if !ok {
			for _, d := range dests {
				head, _, _ := strings.Cut(strings.ToLower(d), " (")
				if s, ok = c.find(regexp.MustCompile(`\b` + regexp.QuoteMeta(head) + `\b`)); ok {
					break
				}
			}
		}
		if ok {
			c.covered(9, a.Name, "", s, "Transfers to "+joinAnd(dests)+"; the notice mentions transfers.")
		} else {
			c.gap(9, Required, a.Name, "", "", "Transfers to "+joinAnd(dests)+", but the notice never mentions sending information outside the UK.")
		}
	}
	if !any {
		c.na(9, "No activity of the audience records a transfer outside the UK.")
	}
}

var (
	retentionRe = regexp.MustCompile(`(?i)\b(retain|retention|kept|keep (it|your|personal|this|the|information|data|records)|hold (your|it|the|this)\b.*\bfor\b|how long|deleted|destroy)`)
	vagueRe     = regexp.MustCompile(`(?i)as long as (is )?(reasonable|necessary|needed|required|reasonable and necessary)|no longer than (is )?necessary|no longer needed|until (it is )?no longer`)
	periodRe    = regexp.MustCompile(`(?i)\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty)[ -](years?|months?|weeks?|days?)\b|\buntil (you|the person) (unsubscribe|ask)`)
)

func (c *checker) retention() {
	var specific, vague, criteria []int
	for i, u := range c.units {
		switch {
		case periodRe.MatchString(u.text) && (retentionRe.MatchString(u.text) || retentionRe.MatchString(u.lead)):
			specific = append(specific, i)
		case vagueRe.MatchString(u.text):
			vague = append(vague, i)
		case retentionRe.MatchString(u.text):
			criteria = append(criteria, i)
		}
	}
	for _, a := range c.s.Activities {
		// The sentence that says this activity's retention: one sharing
		// the words of what the register records for it.
		st := stems(c.strip(a.Retention))
		hit := -1
		for _, group := range [][]int{specific, criteria} {
			for _, i := range group {
				if n, _ := overlap(st, c.sets[i]); len(st) > 0 && n >= need(st) {
					hit = i
					break
				}
			}
			if hit >= 0 {
				break
			}
		}
		switch {
		case hit >= 0:
			c.covered(10, a.Name, "", c.units[hit].text, "Matches the retention the register records.")
		case len(specific) > 0:
			c.gap(10, Advisable, a.Name, "", c.units[specific[0]].text, "The notice gives retention periods, but none matches this activity's; the register records: "+quote(a.Retention))
		case len(vague) > 0:
			c.gap(10, Advisable, a.Name, "", c.units[vague[0]].text, "Retention is described only vaguely; the register records: "+quote(a.Retention))
		case len(criteria) > 0:
			c.gap(10, Advisable, a.Name, "", c.units[criteria[0]].text, "The notice speaks of keeping information but gives no period; the register records: "+quote(a.Retention))
		default:
			c.gap(10, Required, a.Name, "", "", "The notice never says how long information is kept.")
		}
	}
}
