package exchange

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/ropadesk/ropadesk/model"
)

// This file holds the recognisers for the free text DPOs type into the ICO
// template: lists, yes/no answers, Article 6 bases, Article 9 conditions,
// Schedule 1 paragraphs and special categories. Each recogniser returns what
// it understood and the pieces it did not, so the importer can report them.

// cleanCell normalises line endings and trims the cell, which is how every
// cell is compared and stored.
func cleanCell(s string) string {
	// Most cells have no carriage return: one scan for it, not two
	// replacements, on every cell of a 10,000-row import.
	if strings.IndexByte(s, '\r') < 0 {
		return strings.TrimSpace(s)
	}
	return strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"))
}

var bullet = regexp.MustCompile(`^(?:[•\-\*·–—▪◦►]+|\d{1,2}[.)]|\([a-z0-9]\))\s+`)

// stripBullet removes a leading bullet or list number from an item.
func stripBullet(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "•") || strings.HasPrefix(s, "·") || strings.HasPrefix(s, "▪") {
		_, rest, _ := strings.Cut(s, " ")
		if rest == "" {
			rest = strings.TrimLeft(s, "•·▪")
		}
		return strings.TrimSpace(rest)
	}
	return strings.TrimSpace(bullet.ReplaceAllString(s, ""))
}

// isNone reports whether a whole cell says there is nothing to record.
func isNone(s string) bool {
	switch strings.Trim(strings.ToLower(strings.TrimSpace(s)), ".") {
	case "n/a", "na", "none", "nil", "not applicable", "-", "–", "—", "no", "none.":
		return true
	}
	return false
}

// splitList splits a list cell on new lines, semicolons and commas (but not
// commas inside brackets, as in "Health data (diagnoses, medication)"),
// dropping bullets and empty items.
func splitList(s string) []string {
	s = cleanCell(s)
	if s == "" || isNone(s) {
		return nil
	}
	var items []string
	var b strings.Builder
	depth := 0
	flush := func() {
		if item := stripBullet(b.String()); item != "" {
			items = append(items, item)
		}
		b.Reset()
	}
	for _, r := range s {
		switch {
		case r == '(' || r == '[':
			depth++
		case (r == ')' || r == ']') && depth > 0:
			depth--
		case r == '\n' || ((r == ';' || r == ',') && depth == 0):
			flush()
			depth = 0
			continue
		}
		b.WriteRune(r)
	}
	flush()
	return items
}

// renderList writes a list one item per line, which Excel shows wrapped.
func renderList(items []string) string { return strings.Join(items, "\n") }

// listRoundTrips reports whether renderList then splitList gives items
// back exactly; when not, the exporter adds them to the exact-lists column.
func listRoundTrips(items []string) bool {
	return slices.Equal(splitList(renderList(items)), items)
}

// parseYesNo reads a yes/no answer. ok is false for text it cannot read;
// a nil answer with ok means the cell says it is not known or not
// applicable (or is empty).
func parseYesNo(s string) (v *bool, ok bool) {
	n := strings.ToLower(cleanCell(s))
	n = strings.TrimRight(n, ".!")
	yes, no := true, false
	switch n {
	case "", "n/a", "na", "not applicable", "tbc", "tbd", "unknown", "not known", "?", "-", "not yet decided", "undecided":
		return nil, true
	case "y", "yes", "true", "✓", "✔", "x", "1":
		return &yes, true
	case "n", "no", "false", "✗", "✘", "0", "none", "never", "not required":
		return &no, true
	}
	word := n
	if i := strings.IndexFunc(n, func(r rune) bool { return !(r >= 'a' && r <= 'z') }); i >= 0 {
		word = n[:i]
	}
	switch word {
	case "yes":
		return &yes, true
	case "no":
		return &no, true
	case "not":
		for _, w := range []string{"applicable", "known", "decided", "sure", "yet"} {
			if strings.Contains(n, w) {
				return nil, true
			}
		}
		return &no, true
	}
	return nil, false
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

func yesNoPtr(b *bool) string {
	if b == nil {
		return ""
	}
	return yesNo(*b)
}

// Article 6(1): "6(1)(c)", "Art 6 1 e", "6.1.f".
var (
	art6Ref = regexp.MustCompile(`(?i)\b6\s*[.(\s]*1\s*[.)\s]*\(?\s*([a-f])\b`)
	art9Ref = regexp.MustCompile(`(?i)\b9\s*[.(\s]*2\s*[.)\s]*\(?\s*([a-j])\b`)
	// Art 6(1)(ea), recognised legitimate interest (DUAA 2025): "6(1)(ea)",
	// "Art 6 1 ea", the words, or the abbreviation RLI.
	art6EA   = regexp.MustCompile(`(?i)\b6\s*[.(\s]*1\s*[.)\s]*\(?\s*ea\b`)
	rliWords = regexp.MustCompile(`(?i)\brecogni[sz]ed\s+legitimate\s+interests?\b|\bRLI\b`)
)

var basisWords = []struct {
	words []string
	basis model.LawfulBasis
}{
	{[]string{"legitimate interest"}, model.BasisLegitimateInterests},
	{[]string{"legal obligation", "legal duty", "statutory obligation", "statutory duty", "required by law"}, model.BasisLegalObligation},
	{[]string{"vital interest"}, model.BasisVitalInterests},
	{[]string{"public task", "official authority", "public interest", "public function"}, model.BasisPublicTask},
	{[]string{"contract"}, model.BasisContract},
	{[]string{"consent"}, model.BasisConsent},
}

// RecogniseBases returns every Article 6 basis text names, by reference
// ("6(1)(c)") or by words ("legal obligation"), in the order of
// model.LawfulBases.
func RecogniseBases(text string) []model.LawfulBasis {
	found := map[model.LawfulBasis]bool{}
	for _, m := range art6Ref.FindAllStringSubmatch(text, -1) {
		found[model.LawfulBases[strings.ToLower(m[1])[0]-'a'].Code] = true
	}
	if art6EA.MatchString(text) || rliWords.MatchString(text) {
		found[model.BasisRecognisedLegitimateInterest] = true
	}
	// The words of (ea) contain those of (f): take them out first, so that
	// "recognised legitimate interest" is not also read as (f).
	low := strings.ToLower(rliWords.ReplaceAllString(text, " "))
	for _, bw := range basisWords {
		for _, w := range bw.words {
			if strings.Contains(low, w) {
				found[bw.basis] = true
			}
		}
	}
	var out []model.LawfulBasis
	for _, o := range model.LawfulBases {
		if found[o.Code] {
			out = append(out, o.Code)
		}
	}
	return out
}

var art9Words = []struct {
	words []string
	cond  model.Article9Condition
}{
	{[]string{"explicit consent"}, model.Art9ExplicitConsent},
	{[]string{"employment", "social security", "social protection"}, model.Art9EmploymentSocialSecurity},
	{[]string{"vital interest"}, model.Art9VitalInterests},
	{[]string{"not-for-profit", "not for profit"}, model.Art9NotForProfit},
	{[]string{"made public", "manifestly"}, model.Art9MadePublic},
	{[]string{"legal claim", "judicial"}, model.Art9LegalClaims},
	{[]string{"substantial public interest"}, model.Art9SubstantialPublicInterest},
	{[]string{"public health"}, model.Art9PublicHealth},
	{[]string{"archiving", "research", "statistic"}, model.Art9ArchivingResearch},
	// Checked on the text without "public health", so that the one does
	// not also count as the other.
	{[]string{"health", "social care", "medical", "medicine"}, model.Art9HealthSocialCare},
}

// RecogniseConditions returns every Article 9(2) condition text names, in
// the order of model.Article9Conditions.
func RecogniseConditions(text string) []model.Article9Condition {
	found := map[model.Article9Condition]bool{}
	for _, m := range art9Ref.FindAllStringSubmatch(text, -1) {
		found[model.Article9Conditions[strings.ToLower(m[1])[0]-'a'].Code] = true
	}
	low := strings.ToLower(text)
	low = strings.ReplaceAll(low, "public health", "public-hlth")
	for _, cw := range art9Words {
		for _, w := range cw.words {
			if cw.cond == model.Art9PublicHealth {
				w = "public-hlth"
			}
			if strings.Contains(low, w) {
				found[cw.cond] = true
			}
		}
	}
	var out []model.Article9Condition
	for _, o := range model.Article9Conditions {
		if found[o.Code] {
			out = append(out, o.Code)
		}
	}
	return out
}

// claimParts splits a bases or conditions cell into its claims: one per
// line, and a line without a reason (no colon) further on semicolons.
func claimParts(text string) []string {
	var parts []string
	for line := range strings.SplitSeq(cleanCell(text), "\n") {
		if strings.Contains(line, ":") {
			parts = append(parts, stripBullet(line))
			continue
		}
		for p := range strings.SplitSeq(line, ";") {
			if p = stripBullet(p); p != "" {
				parts = append(parts, p)
			}
		}
	}
	return parts
}

// reasonOf returns the text after the first colon of a claim.
func reasonOf(part string) string {
	_, after, ok := strings.Cut(part, ":")
	if !ok {
		return ""
	}
	return strings.TrimSpace(after)
}

// ParseBases reads an Article 6 cell into claims, each with the reason
// written after a colon ("Contract (Art 6(1)(b)): to pay staff"). It returns
// the parts in which it recognised no basis.
func ParseBases(text string) (claims []model.BasisClaim, unknown []string) {
	for _, part := range claimParts(text) {
		head, _, _ := strings.Cut(part, ":")
		bases := RecogniseBases(head)
		if len(bases) == 0 {
			unknown = append(unknown, part)
			continue
		}
		for _, b := range bases {
			claims = addClaim(claims, b, reasonOf(part))
		}
	}
	return claims, unknown
}

func addClaim(claims []model.BasisClaim, b model.LawfulBasis, reason string) []model.BasisClaim {
	for i := range claims {
		if claims[i].Basis == b {
			if reason != "" && claims[i].Reason != reason {
				claims[i].Reason = strings.TrimPrefix(claims[i].Reason+"; "+reason, "; ")
			}
			return claims
		}
	}
	return append(claims, model.BasisClaim{Basis: b, Reason: reason})
}

// RenderBases writes claims as ParseBases reads them.
func RenderBases(claims []model.BasisClaim) string {
	lines := make([]string, len(claims))
	for i, c := range claims {
		lines[i] = withReason(model.LabelOf(model.LawfulBases, c.Basis)+" ("+citeOf(model.LawfulBases, c.Basis)+")", c.Reason)
	}
	return strings.Join(lines, "\n")
}

// ParseConditions reads an Article 9 cell as ParseBases reads Article 6.
func ParseConditions(text string) (claims []model.ConditionClaim, unknown []string) {
	for _, part := range claimParts(text) {
		head, _, _ := strings.Cut(part, ":")
		conds := RecogniseConditions(head)
		if len(conds) == 0 {
			unknown = append(unknown, part)
			continue
		}
		for _, c := range conds {
			i := slices.IndexFunc(claims, func(cc model.ConditionClaim) bool { return cc.Condition == c })
			if i < 0 {
				claims = append(claims, model.ConditionClaim{Condition: c, Reason: reasonOf(part)})
			} else if r := reasonOf(part); r != "" && claims[i].Reason != r {
				claims[i].Reason = strings.TrimPrefix(claims[i].Reason+"; "+r, "; ")
			}
		}
	}
	return claims, unknown
}

// RenderConditions writes claims as ParseConditions reads them.
func RenderConditions(claims []model.ConditionClaim) string {
	lines := make([]string, len(claims))
	for i, c := range claims {
		lines[i] = withReason(model.LabelOf(model.Article9Conditions, c.Condition)+" ("+citeOf(model.Article9Conditions, c.Condition)+")", c.Reason)
	}
	return strings.Join(lines, "\n")
}

func withReason(s, reason string) string {
	if reason == "" {
		return s
	}
	return s + ": " + reason
}

// citeOf shortens a citation for a cell: "UK GDPR Art 6(1)(b)" → "Art 6(1)(b)".
func citeOf[T ~string](opts []model.Option[T], code T) string {
	for _, o := range opts {
		if o.Code == code {
			return strings.TrimPrefix(o.Cite, "UK GDPR ")
		}
	}
	return string(code)
}

var (
	paraRef = regexp.MustCompile(`(?i)\b(?:paragraphs?|paras?\.?|§|¶)\s*(\d{1,3}(?:\s*(?:,|and|&|/|or)\s*\d{1,3})*)`)
	number  = regexp.MustCompile(`\d{1,3}`)
)

var schedule1Words = []struct {
	word string
	para int
}{
	{"employment", 1},
	{"health or social care", 2},
	{"health and social care", 2},
	{"social care", 2},
	{"public health", 3},
	{"research", 4},
	{"archiving", 4},
	{"statutory", 6},
	{"equality", 8},
	{"unlawful acts", 10},
	{"regulatory requirement", 12},
	{"fraud", 14},
	{"counselling", 17},
	{"economic well-being", 19},
	{"safeguarding", 18},
	{"insurance", 20},
	{"pension", 21},
}

// ParseSchedule1 reads the DPA 2018 Schedule 1 conditions a cell names, by
// paragraph number ("Sch 1 Part 1 para 2", "paragraphs 10 and 18") or, when
// it gives none, by the condition's words. bad lists paragraph numbers that
// are not conditions.
func ParseSchedule1(text string) (conds []model.Schedule1Condition, bad []string) {
	add := func(p int) {
		code := model.Schedule1Condition("sch1_para" + strconv.Itoa(p))
		if !model.Known(model.Schedule1Conditions, code) {
			why := fmt.Sprintf("Schedule 1 has no condition in paragraph %d", p)
			if p == 5 {
				why = "Schedule 1 paragraph 5 is the appropriate policy document requirement, not a condition"
			}
			bad = append(bad, why)
			return
		}
		if !slices.Contains(conds, code) {
			conds = append(conds, code)
		}
	}
	for _, m := range paraRef.FindAllStringSubmatch(text, -1) {
		for _, n := range number.FindAllString(m[1], -1) {
			p, _ := strconv.Atoi(n)
			add(p)
		}
	}
	if len(conds) > 0 || len(bad) > 0 {
		return conds, bad
	}
	low := strings.ToLower(text)
	for _, o := range model.Schedule1Conditions {
		label := strings.ToLower(o.Label)
		if !strings.Contains(label, "(") && strings.Contains(low, label) {
			p, _ := strconv.Atoi(strings.TrimPrefix(string(o.Code), "sch1_para"))
			add(p)
		}
	}
	if len(conds) > 0 {
		return conds, bad
	}
	for _, w := range schedule1Words {
		if strings.Contains(low, w.word) {
			if w.para == 18 && slices.Contains(conds, "sch1_para19") {
				continue
			}
			add(w.para)
			if w.word == "health or social care" || w.word == "health and social care" {
				break
			}
		}
	}
	return conds, bad
}

// RenderSchedule1 writes one condition a line, "Schedule 1 para 2 – Health or
// social care purposes", which ParseSchedule1 reads back by its number.
func RenderSchedule1(conds []model.Schedule1Condition) string {
	lines := make([]string, len(conds))
	for i, c := range conds {
		lines[i] = fmt.Sprintf("Schedule 1 para %s – %s", strings.TrimPrefix(string(c), "sch1_para"), model.LabelOf(model.Schedule1Conditions, c))
	}
	return strings.Join(lines, "\n")
}

// RecogniseSpecial returns the special categories and whether criminal-
// offence data is named in the categories of personal data, in the order of
// model.SpecialCategories, using the vocabulary of vocabulary.tsv.
func RecogniseSpecial(items []string) (cats []model.SpecialCategory, criminal bool) {
	rep := ClassifyCategories(items)
	return rep.Special, rep.Criminal
}

var progressWords = []struct {
	words []string
	p     model.DPIAProgress
}{
	{[]string{"not started", "not yet started", "to do", "todo", "planned", "not begun"}, model.DPIANotStarted},
	{[]string{"in progress", "ongoing", "underway", "under way", "started", "draft", "in review", "drafting"}, model.DPIAInProgress},
	{[]string{"complete", "done", "signed off", "approved", "finished", "finalised", "finalized"}, model.DPIACompleted},
}

// ParseDPIAProgress reads how far a DPIA has got. ok is false for text it
// cannot place; "" with ok means the cell says nothing or "not applicable".
func ParseDPIAProgress(text string) (p model.DPIAProgress, ok bool) {
	low := strings.ToLower(cleanCell(text))
	if low == "" || isNone(low) || strings.Contains(low, "not required") || strings.Contains(low, "not applicable") {
		return "", true
	}
	for _, pw := range progressWords {
		for _, w := range pw.words {
			if strings.Contains(low, w) {
				return pw.p, true
			}
		}
	}
	return "", false
}

const significantPhrase = " – solely automated, with legal or similarly significant effects"

// RenderAutomated writes automated decision-making as ParseAutomated reads it.
func RenderAutomated(a model.AutomatedDecisions) string {
	if a == (model.AutomatedDecisions{}) {
		return ""
	}
	s := yesNo(a.Exists)
	if a.SignificantEffects {
		s += significantPhrase
	}
	return withReason(s, a.Description)
}

// ParseAutomated reads column Q. Text that is neither yes nor no but
// describes something is taken as "yes", with the text as the description.
func ParseAutomated(text string) model.AutomatedDecisions {
	t := cleanCell(text)
	if t == "" {
		return model.AutomatedDecisions{}
	}
	var a model.AutomatedDecisions
	head, desc, hasColon := strings.Cut(t, ":")
	if !hasColon {
		head, desc = t, ""
	}
	if strings.Contains(strings.ToLower(head), "significant effect") {
		a.SignificantEffects = true
		head = strings.Replace(head, significantPhrase, "", 1)
	}
	v, ok := parseYesNo(head)
	switch {
	case ok && v != nil:
		a.Exists = *v
		if !hasColon {
			// "Yes, credit scoring": the rest of the words describe it.
			word := strings.IndexFunc(head, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') })
			if word > 0 {
				desc = strings.TrimLeft(head[word:], " ,–-.;")
			}
		}
	case ok:
		// Not applicable or not known: nothing exists to describe.
	default:
		a.Exists = true
		desc = t
	}
	a.Description = strings.TrimSpace(desc)
	return a
}
