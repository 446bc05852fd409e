package notice

import (
	"regexp"
	"slices"
	"strings"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
)

// Gap classes (privacy-notices.md): REQUIRED when the notice omits or
// misstates what the law requires, ADVISABLE when it says more than the
// register supports or is vague.
const (
	Required  = "REQUIRED"
	Advisable = "ADVISABLE"
)

// Result is one line of the coverage table.
type Result string

const (
	Covered       Result = "covered"
	Gap           Result = "gap"
	NotApplicable Result = "not_applicable"
)

// Finding is one row: a checklist item, for one activity or one subject
// (a basis, a special category, a right), covered or not, with the sentence
// of the notice that covers it and why.
type Finding struct {
	Item     int    `json:"item"`
	Title    string `json:"title"`
	Activity string `json:"activity,omitempty"`
	Subject  string `json:"subject,omitempty"`
	Result   Result `json:"result"`
	Class    string `json:"class,omitempty"`
	Sentence string `json:"sentence,omitempty"`
	Why      string `json:"why"`
}

// Coverage is the result of checking one published notice against the
// register: what the annual-review PDF prints as "Privacy notice coverage".
type Coverage struct {
	Organisation string    `json:"organisation"`
	Audience     string    `json:"audience"`
	Notice       string    `json:"notice"`
	Activities   []string  `json:"activities"`
	Findings     []Finding `json:"findings"`
	Required     int       `json:"required_gaps"`
	Advisable    int       `json:"advisable_gaps"`
	// Recorded is set when the notice checked is one recorded in the
	// register (CheckRecorded, `ropactl notice check --record`).
	Recorded *Recorded `json:"recorded,omitempty"`
	// Unchecked says why a recorded notice could not be checked.
	Unchecked string `json:"unchecked,omitempty"`
}

// ItemTitles are the 18 items of the ICO checklist, numbered as in
// privacy-notices.md.
var ItemTitles = [19]string{1: "Organisation's name and contact details", 2: "Representative", 3: "Data Protection Officer",
	4: "Purposes", 5: "Lawful basis", 6: "Legitimate interests", 7: "Categories of personal data", 8: "Recipients",
	9: "Transfers outside the UK", 10: "Retention", 11: "Rights", 12: "Right to withdraw consent",
	13: "Right to complain to the ICO", 14: "Source of the data", 15: "Statutory or contractual requirement",
	16: "Automated decision-making", 17: "Complaints procedure", 18: "National data opt-out"}

type checker struct {
	s     *Scope
	units []unit
	// plain is each unit with the organisations' names taken out, so that
	// "Mental Health and Well Being Services" is not read as health data.
	plain []string
	// sets are the stems of each plain unit, worked out once: every phrase
	// of the register is compared with every unit.
	sets  []map[string]bool
	names []string
	// found remembers find's answers: several rules ask the same question
	// once per activity, and a notice may be 5 MB.
	found map[*regexp.Regexp]int
	out   []Finding
}

func (c *checker) add(f Finding) {
	f.Title = ItemTitles[f.Item]
	f.Sentence = quote(f.Sentence)
	c.out = append(c.out, f)
}

func (c *checker) covered(item int, activity, subject, sentence, why string) {
	c.add(Finding{Item: item, Activity: activity, Subject: subject, Result: Covered, Sentence: sentence, Why: why})
}

func (c *checker) gap(item int, class, activity, subject, sentence, why string) {
	c.add(Finding{Item: item, Activity: activity, Subject: subject, Result: Gap, Class: class, Sentence: sentence, Why: why})
}

func (c *checker) na(item int, why string) {
	c.add(Finding{Item: item, Result: NotApplicable, Why: why})
}

// strip lowercases s and takes the organisations' names out, as plain is,
// so register text and notice text are compared on the same words.
func (c *checker) strip(s string) string {
	s = strings.ToLower(normalise(s))
	for _, n := range c.names {
		s = strings.ReplaceAll(s, n, " ")
	}
	return s
}

// find returns the first unit matching re, on the text with organisation
// names taken out.
func (c *checker) find(re *regexp.Regexp) (string, bool) {
	i, ok := c.found[re]
	if !ok {
		i = slices.IndexFunc(c.plain, re.MatchString)
		c.found[re] = i
	}
	if i < 0 {
		return "", false
	}
	return c.units[i].text, true
}

// Check compares a published notice's text with the register's activities
// in s, item by item of the ICO checklist. The rules are fixed and each
// finding says which it applied; nothing is sent anywhere.
func Check(s *Scope, noticeName, text string) *Coverage {
	c := &checker{s: s, units: units(text), found: map[*regexp.Regexp]int{}}
	var names []string
	for _, o := range s.Organisations {
		names = append(names, strings.ToLower(normalise(o.Name)))
		if o.Partnership != "" {
			names = append(names, strings.ToLower(o.Partnership))
		}
	}
	c.names = names
	for _, u := range c.units {
		c.plain = append(c.plain, c.strip(u.low))
		c.sets = append(c.sets, stemSet(c.plain[len(c.plain)-1]))
	}
	c.identity()
	c.purposes()
	c.bases()
	c.categories()
	c.recipients()
	c.transfers()
	c.retention()
	c.rights()
	c.sources()
	c.requirement()
	c.automated()
	c.complaints()
	c.ndop()
	slices.SortStableFunc(c.out, func(a, b Finding) int { return a.Item - b.Item })
	cov := &Coverage{Organisation: s.Name, Audience: s.AudienceName(), Notice: noticeName, Findings: c.out}
	for _, a := range s.Activities {
		cov.Activities = append(cov.Activities, a.Name)
	}
	for _, f := range c.out {
		switch f.Class {
		case Required:
			cov.Required++
		case Advisable:
			cov.Advisable++
		}
	}
	return cov
}

var (
	emailRe    = regexp.MustCompile(`[\w.+-]+@[\w-]+(\.[\w-]+)+`)
	phoneRe    = regexp.MustCompile(`\b0\d{2,4}[ -]?\d{3,4}[ -]?\d{3,4}\b`)
	postcodeRe = regexp.MustCompile(`(?i)\b[a-z]{1,2}\d[a-z\d]? ?\d[a-z]{2}\b`)
	dpoRe      = regexp.MustCompile(`(?i)data protection officer|\bdpo\b`)
)

func (c *checker) identity() {
	for _, o := range involved(c.s) {
		name := strings.ToLower(normalise(o.Name))
		var where string
		for _, u := range c.units {
			if strings.Contains(u.low, name) {
				where = u.text
				break
			}
		}
		if where == "" {
			c.gap(1, Required, "", o.Name, "", "The notice never names "+o.Name+".")
		} else {
			contact := ""
			for _, u := range c.units {
				if emailRe.MatchString(u.text) || phoneRe.MatchString(u.text) || postcodeRe.MatchString(u.text) {
					contact = u.text
					break
				}
			}
			if contact == "" {
				c.gap(1, Required, "", o.Name, where, "The notice names "+o.Name+" but gives no email address, telephone number or postal address to contact it.")
			} else {
				c.covered(1, "", o.Name, contact, "Names the organisation and gives contact details.")
			}
		}
		if !o.Representative.IsZero() {
			if s, ok := c.find(regexp.MustCompile(`(?i)\brepresentative\b.*\b(uk|eu)\b|` + regexp.QuoteMeta(strings.ToLower(o.Representative.Name)))); ok && o.Representative.Name != "" {
				c.covered(2, "", o.Name, s, "Names the representative.")
			} else {
				c.gap(2, Required, "", o.Name, "", "The register records a representative ("+nameOr(o.Representative, "unnamed")+") the notice does not name.")
			}
		}
		if !o.DPO.IsZero() {
			if s, ok := c.find(dpoRe); ok {
				c.covered(3, "", o.Name, s, "Tells people how to reach the Data Protection Officer.")
			} else {
				c.gap(3, Required, "", o.Name, "", "The register records a Data Protection Officer ("+nameOr(o.DPO, "unnamed")+") but the notice never mentions one.")
			}
		}
	}
	if !slices.ContainsFunc(c.s.Organisations, func(o model.Organisation) bool { return !o.Representative.IsZero() }) {
		c.na(2, "The register records no representative.")
	}
}

// bestMatch returns the unit sharing the most stems with want, needing at
// least need of them.
func (c *checker) bestMatch(want []string, need int) (text string, which []string) {
	best := 0
	for i := range c.units {
		n, w := overlap(want, c.sets[i])
		if n >= need && n > best {
			best, text, which = n, c.units[i].text, w
		}
	}
	return text, which
}

// need is how many of a phrase's stems one sentence must share to match
// it: two, or all of a shorter phrase, and at least half of a long one, so
// that "UK Health Security Agency (local health protection team)" is not
// found in a sentence about data security.
func need(stems []string) int { return max(min(2, len(stems)), (len(stems)+1)/2) }

func (c *checker) purposes() {
	for _, a := range c.s.Activities {
		phrases := append([]string{a.Name}, a.Purposes...)
		found, by := "", ""
		for _, p := range phrases {
			st := stems(c.strip(p))
			if len(st) == 0 {
				continue
			}
			if t, w := c.bestMatch(st, need(st)); t != "" {
				found, by = t, "Shares the words "+strings.Join(w, ", ")+"… with \""+p+"\"."
				break
			}
		}
		if found != "" {
			c.covered(4, a.Name, "", found, by)
		} else {
			c.gap(4, Required, a.Name, "", "", "No sentence of the notice shares enough words (two, and at least half of a long phrase) with the activity's name or any of its purposes.")
		}
	}
}

var liDetail = regexp.MustCompile(`(?i)legitimate interest`)

func (c *checker) bases() {
	recorded := map[model.LawfulBasis][]string{}
	conds := map[model.Article9Condition][]string{}
	for _, a := range c.s.Activities {
		for _, b := range a.LawfulBases {
			recorded[b.Basis] = append(recorded[b.Basis], a.Name)
		}
		for _, k := range a.Article9Conditions {
			conds[k.Condition] = append(conds[k.Condition], a.Name)
		}
	}
	named := map[model.LawfulBasis]string{}
	namedCond := map[model.Article9Condition]string{}
	for i, p := range c.plain {
		for _, b := range exchange.RecogniseBases(p) {
			if _, ok := named[b]; !ok {
				named[b] = c.units[i].text
			}
		}
		if strings.Contains(p, "recognised legitimate interest") {
			if _, ok := named[basisRLI]; !ok {
				named[basisRLI] = c.units[i].text
			}
		}
		for _, k := range exchange.RecogniseConditions(p) {
			if _, ok := namedCond[k]; !ok {
				namedCond[k] = c.units[i].text
			}
		}
	}
	var order []model.LawfulBasis
	for _, o := range model.LawfulBases {
		order = append(order, o.Code)
	}
	if !slices.Contains(order, basisRLI) {
		order = append(order, basisRLI)
	}
	for _, b := range order {
		label := model.LabelOf(model.LawfulBases, b)
		if b == basisRLI {
			label = "Recognised legitimate interest"
		}
		acts, rec := recorded[b]
		s, nam := named[b]
		switch {
		case rec && nam:
			c.covered(5, "", label, s, "Relied on by "+joinAnd(acts)+"; the notice names it.")
		case rec:
			c.gap(5, Required, "", label, "", "Relied on by "+joinAnd(acts)+", but the notice never names this basis.")
		case nam:
			c.gap(5, Advisable, "", label, s, "The notice names this basis, but no activity of the audience records it.")
		}
	}
	for _, o := range model.Article9Conditions {
		acts, rec := conds[o.Code]
		if !rec {
			continue
		}
		if s, ok := namedCond[o.Code]; ok {
			c.covered(5, "", "Article 9: "+o.Label, s, "Condition relied on by "+joinAnd(acts)+"; the notice's words point to it.")
		} else {
			c.gap(5, Advisable, "", "Article 9: "+o.Label, "", "Condition relied on by "+joinAnd(acts)+"; the ICO advises saying which condition allows the special category data, and the notice does not.")
		}
	}
	// Item 6: the interests themselves, not just the basis's name.
	var li []string
	for _, a := range c.s.Activities {
		if a.HasBasis(model.BasisLegitimateInterests) || a.HasBasis(basisRLI) {
			li = append(li, a.Name)
		}
	}
	if len(li) == 0 {
		c.na(6, "No activity of the audience relies on legitimate interests.")
		return
	}
	for _, u := range c.units {
		if liDetail.MatchString(u.text) && len(strings.Fields(u.text)) >= 10 {
			c.covered(6, "", "", u.text, "Relied on by "+joinAnd(li)+"; the notice says what the interests are.")
			return
		}
	}
	c.gap(6, Required, "", "", "", "Relied on by "+joinAnd(li)+", but no sentence says what the legitimate interests are.")
}
