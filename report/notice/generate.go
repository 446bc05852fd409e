package notice

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ropadesk/ropadesk/model"
)

// Options change how a notice is written.
type Options struct {
	// Articles adds the UK GDPR article after each basis, condition and
	// right, for a DPO who wants them; the public notice leaves them out.
	Articles bool
}

// Document is a notice as headings, paragraphs and lists, rendered to
// Markdown or HTML by the same walk so both say the same thing.
type Document struct {
	Title  string
	Blocks []Block
}

// BlockKind is what a block is.
type BlockKind int

const (
	Heading    BlockKind = iota + 2 // a section: "##" in Markdown, <h2>
	Subheading                      // an activity: "###", <h3>
	Paragraph
	List
)

// Block is one heading, paragraph or list.
type Block struct {
	Kind  BlockKind
	Text  string
	Items []string
}

type builder struct{ doc Document }

func (b *builder) h2(t string) { b.doc.Blocks = append(b.doc.Blocks, Block{Kind: Heading, Text: t}) }
func (b *builder) h3(t string) { b.doc.Blocks = append(b.doc.Blocks, Block{Kind: Subheading, Text: t}) }
func (b *builder) p(t string)  { b.doc.Blocks = append(b.doc.Blocks, Block{Kind: Paragraph, Text: t}) }
func (b *builder) list(items []string) {
	b.doc.Blocks = append(b.doc.Blocks, Block{Kind: List, Items: items})
}

// Generate writes the draft notice for s: every item of the ICO checklist
// the register can fill, in plain English, grouped by purpose.
func Generate(s *Scope, opt Options) *Document {
	b := &builder{}
	b.doc.Title = "How " + s.Name + " uses your information"
	if s.Audience != "" {
		b.doc.Title = "Privacy notice for " + strings.ToLower(s.AudienceName()[:1]) + s.AudienceName()[1:] + ": how " + s.Name + " uses your information"
	}
	b.p("This notice explains what information " + s.Name + " holds about you, why, who we share it with, how long we keep it and what rights you have. It describes:")
	b.list(activityNames(s.Activities))
	whoWeAre(b, s)
	b.h2("Why we use your information")
	b.p("Each use of your information is described below: what we use it for, the information involved, why the law allows it, who sees it, where it comes from and how long we keep it.")
	for i := range s.Activities {
		activitySection(b, s, &s.Activities[i], opt)
	}
	specialSummary(b, s)
	rightsSection(b, s, opt)
	ndopSection(b, s)
	complaints(b, s)
	b.p("Last updated: " + lastUpdated(s).Format("2 January 2006") + ".")
	return &b.doc
}

func activityNames(acts []model.Activity) []string {
	out := make([]string, len(acts))
	for i, a := range acts {
		out[i] = a.Name
	}
	return out
}

func lowerFirst(s string) string {
	// Keep acronyms and names ("NHS", "Community Living Well") as written.
	if len(s) > 1 && strings.ToUpper(s[:2]) == s[:2] {
		return s
	}
	if w, _, _ := strings.Cut(s, " "); len(w) > 0 && w[0] >= 'A' && w[0] <= 'Z' {
		return strings.ToLower(s[:1]) + s[1:]
	}
	return s
}

func contactLine(c model.Contact) string {
	var parts []string
	if c.Address != "" {
		parts = append(parts, "by post at "+c.Address)
	}
	if c.Email != "" {
		parts = append(parts, "by email at "+c.Email)
	}
	if c.Telephone != "" {
		parts = append(parts, "by telephone on "+c.Telephone)
	}
	return joinAnd(parts)
}

// involved are the organisations of s that own an activity of the notice:
// a partnership's newsletter notice names the partner who sends it, not all six.
func involved(s *Scope) []model.Organisation {
	var out []model.Organisation
	for _, o := range s.Organisations {
		if slices.ContainsFunc(s.Activities, func(a model.Activity) bool { return a.OrganisationID == o.ID }) {
			out = append(out, o)
		}
	}
	return out
}

func whoWeAre(b *builder, s *Scope) {
	b.h2("Who we are")
	orgs := involved(s)
	switch {
	case s.Partnership && len(orgs) == len(s.Organisations):
		b.p(s.Name + " is a partnership of " + itoaWords(len(s.Organisations)) + " organisations. Each partner is responsible, as a controller, for the information it holds about you, and shares relevant information with the other partners. You can contact each of them:")
	case s.Partnership:
		var names []string
		for _, o := range orgs {
			names = append(names, o.Name)
		}
		b.p(s.Name + " is a partnership of " + itoaWords(len(s.Organisations)) + " organisations. " + joinAnd(names) + " " + map[bool]string{true: "is", false: "are"}[len(names) == 1] + " responsible, as the controller, for the information described in this notice. You can contact:")
	default:
		b.p(s.Name + " is responsible, as the controller, for the information described in this notice.")
	}
	var items []string
	for _, o := range orgs {
		line := o.Name
		if c := contactLine(o.Controller); c != "" {
			line += ": contact us " + c
		}
		items = append(items, sentence(line))
	}
	b.list(items)
	var reps, dpos []string
	for _, o := range orgs {
		if !o.Representative.IsZero() {
			reps = append(reps, sentence(o.Name+"'s representative is "+nameOr(o.Representative, "our representative")+withContact(o.Representative)))
		}
		if !o.DPO.IsZero() {
			dpos = append(dpos, sentence(o.Name+"'s Data Protection Officer is "+nameOr(o.DPO, "our Data Protection Officer")+withContact(o.DPO)))
		}
	}
	if len(reps) > 0 {
		b.h2("Our representative")
		b.list(reps)
	}
	if len(dpos) > 0 {
		b.h2("Our Data Protection Officer")
		b.p("You can contact our Data Protection Officer about anything in this notice:")
		b.list(dpos)
	}
}

func nameOr(c model.Contact, fallback string) string {
	if c.Name != "" {
		return c.Name
	}
	return fallback
}

func withContact(c model.Contact) string {
	if l := contactLine(c); l != "" {
		return ", who you can contact " + l
	}
	return ""
}

func itoaWords(n int) string {
	words := []string{"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"}
	if n < len(words) {
		return words[n]
	}
	return strconv.Itoa(n)
}

func activitySection(b *builder, s *Scope, a *model.Activity, opt Options) {
	title := a.Name
	if s.Partnership {
		title += " (" + orgName(s, a) + ")"
	}
	b.h3(title)
	if len(a.Purposes) > 0 {
		b.p("We use your information to:")
		b.list(sentences(a.Purposes))
	} else if a.Description != "" {
		b.p(sentence(a.Description))
	}
	if len(a.PersonalData) > 0 {
		b.p("The information we use:")
		b.list(sentences(a.PersonalData))
	}
	if len(a.SpecialCategories) > 0 || a.CriminalOffenceData {
		var cats []string
		for _, c := range a.SpecialCategories {
			cats = append(cats, specialPhrase(c))
		}
		if a.CriminalOffenceData {
			cats = append(cats, "criminal convictions and offences")
		}
		b.p("This includes more sensitive information (special category data) about your " + joinAnd(cats) + ".")
	}
	lawfulBasis(b, a, opt)
	sharing(b, a)
	if r := strings.TrimSpace(a.Retention); r != "" {
		b.p("How long we keep it: " + sentence(r))
	} else {
		b.p("How long we keep it: [the register does not record how long this information is kept; add the retention period before publishing].")
	}
	sources(b, a)
	if p := a.ProvisionRequirement; p.Kind != "" {
		t := "Do you have to give us this information? " + requirementWords[p.Kind]
		if c := strings.TrimSpace(p.Consequence); c != "" {
			t += " " + sentence(c)
		}
		b.p(t)
	}
	if ad := a.AutomatedDecisions; ad.Exists {
		t := "We make automated decisions, including profiling, in this activity"
		if d := strings.TrimSpace(ad.Description); d != "" {
			t += ": " + d
		}
		t = sentence(t)
		if ad.SignificantEffects {
			t += " These decisions are made without a person and can significantly affect you; you can ask for a person to review a decision, give your point of view and challenge it."
		}
		b.p(t)
	}
}

func orgName(s *Scope, a *model.Activity) string {
	for _, o := range s.Organisations {
		if o.ID == a.OrganisationID {
			return o.Name
		}
	}
	return s.Name
}

func sentences(items []string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = strings.TrimSpace(it)
	}
	return out
}

func lawfulBasis(b *builder, a *model.Activity, opt Options) {
	if len(a.LawfulBases) == 0 {
		b.p("Why the law allows this: [the register records no lawful basis for this activity; record it before publishing].")
		return
	}
	b.p("Why the law allows this: we use your information because")
	var items []string
	for _, c := range a.LawfulBases {
		t := basisPhrase(c.Basis, opt.Articles)
		switch {
		case c.Basis == model.BasisLegitimateInterests && strings.TrimSpace(a.LegitimateInterests) != "":
			t += ". Our legitimate interests are: " + sentence(a.LegitimateInterests)
		case c.Reason != "":
			t += ": " + sentence(c.Reason)
		default:
			t = sentence(t)
		}
		if c.Basis == model.BasisConsent {
			t += " You can withdraw your consent at any time."
		}
		items = append(items, t)
	}
	b.list(items)
	if len(a.Article9Conditions) > 0 {
		var conds []string
		for _, c := range a.Article9Conditions {
			conds = append(conds, conditionPhrase(c.Condition, opt.Articles))
		}
		b.p("For the more sensitive information, the law allows it because " + strings.Join(conds, "; and because ") + ".")
	}
}

func sharing(b *builder, a *model.Activity) {
	if len(a.Recipients) == 0 && len(a.JointControllers) == 0 {
		b.p("Who we share it with: we do not share this information with anyone outside our organisation.")
	} else {
		if len(a.Recipients) > 0 {
			b.p("Who we share it with:")
			b.list(sentences(a.Recipients))
		}
		if len(a.JointControllers) > 0 {
			b.p("We are jointly responsible for this information with " + joinAnd(a.JointControllers) + "; we share relevant information with them.")
		}
	}
	if len(a.Transfers) == 0 {
		return
	}
	var items []string
	for _, t := range a.Transfers {
		line := t.Destination
		if sg := strings.TrimSpace(t.Safeguard); sg != "" {
			line += ", protected by " + lowerFirst(sg)
		}
		items = append(items, sentence(line))
	}
	b.p("Some of this information is transferred outside the UK:")
	b.list(items)
}

// fromElsewhere returns the sources that are not the person themselves:
// where there are any, Article 14 applies and the notice says where the
// information comes from and what it is.
func fromElsewhere(a *model.Activity) []string {
	var out []string
	for _, src := range a.Sources {
		if !fromPerson(src, a.DataSubjects) {
			out = append(out, strings.TrimSpace(src))
		}
	}
	return out
}

func fromPerson(src string, subjects []string) bool {
	l := strings.ToLower(strings.TrimSpace(src))
	for _, w := range []string{"themselves", "the person", "yourself", "you "} {
		if strings.Contains(l, w) || l == "you" {
			return true
		}
	}
	for _, s := range subjects {
		ls := strings.ToLower(s)
		if strings.HasPrefix(ls, l) || strings.HasPrefix(l, ls) {
			return true
		}
		// "Website visitors' browsers" comes from the visitor.
		if head, _, _ := strings.Cut(ls, " ("); strings.HasPrefix(strings.TrimSuffix(l, "' browsers"), head) {
			return true
		}
	}
	return false
}

func sources(b *builder, a *model.Activity) {
	other := fromElsewhere(a)
	switch {
	case len(a.Sources) == 0:
		return
	case len(other) == 0:
		b.p("Where it comes from: you give us this information yourself.")
	case len(other) == len(a.Sources):
		b.p("Where it comes from: we do not collect this information from you; we receive it from:")
		b.list(other)
	default:
		b.p("Where it comes from: you give us some of this information yourself, and we receive the rest from:")
		b.list(other)
	}
}

func specialSummary(b *builder, s *Scope) {
	var cats []string
	for _, o := range model.SpecialCategories {
		for _, a := range s.Activities {
			if slices.Contains(a.SpecialCategories, o.Code) {
				cats = append(cats, specialPhrase(o.Code))
				break
			}
		}
	}
	if len(cats) == 0 {
		return
	}
	b.h2("The more sensitive information we hold")
	b.p("The law gives extra protection to some kinds of information (special category data). Of these, we hold information about your " + joinAnd(cats) + ", only for the uses described above.")
}

func lastUpdated(s *Scope) time.Time {
	var t time.Time
	for _, o := range s.Organisations {
		if o.UpdatedAt.After(t) {
			t = o.UpdatedAt
		}
	}
	for _, a := range s.Activities {
		if a.UpdatedAt.After(t) {
			t = a.UpdatedAt
		}
	}
	return t
}
