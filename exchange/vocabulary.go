package exchange

import (
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/ropadesk/ropadesk/model"
)

// vocabularyData is the vocabulary the importer recognises categories of
// personal data by (vocabulary.tsv, whose header says how to extend it).
//
//go:embed vocabulary.tsv
var vocabularyData string

// Vocabulary categories that are not special categories.
const (
	vocabCriminal = "criminal_offence"
	vocabOrdinary = "ordinary"
)

// vocabGroup is one group of terms: "mental health" under health, say.
type vocabGroup struct {
	category string // a model.SpecialCategory code, vocabCriminal or vocabOrdinary
	label    string
	terms    []string
	re       *regexp.Regexp
}

// vocabulary is the parsed vocabulary, in the file's order.
var vocabulary = mustParseVocabulary(vocabularyData)

func mustParseVocabulary(data string) []*vocabGroup {
	v, err := parseVocabulary(data)
	if err != nil {
		panic(err)
	}
	return v
}

func parseVocabulary(data string) ([]*vocabGroup, error) {
	var groups []*vocabGroup
	byKey := map[string]*vocabGroup{}
	for n, line := range strings.Split(data, "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 || strings.TrimSpace(cols[2]) == "" {
			return nil, fmt.Errorf("vocabulary line %d: want category, group and term separated by tabs", n+1)
		}
		cat := cols[0]
		if cat != vocabCriminal && cat != vocabOrdinary && !model.Known(model.SpecialCategories, model.SpecialCategory(cat)) {
			return nil, fmt.Errorf("vocabulary line %d: %q is not a category", n+1, cat)
		}
		key := cat + "\t" + cols[1]
		g := byKey[key]
		if g == nil {
			g = &vocabGroup{category: cat, label: cols[1]}
			byKey[key] = g
			groups = append(groups, g)
		}
		g.terms = append(g.terms, strings.ToLower(strings.TrimSpace(cols[2])))
	}
	for _, g := range groups {
		alts := make([]string, len(g.terms))
		for i, t := range g.terms {
			alts[i] = termPattern(t)
		}
		re, err := regexp.Compile(`(?i)(?:^|[^\pL\pN])(?:` + strings.Join(alts, "|") + `)(?:$|[^\pL\pN])`)
		if err != nil {
			return nil, fmt.Errorf("vocabulary group %s: %w", g.label, err)
		}
		g.re = re
	}
	return groups, nil
}

// termPattern turns a term into a pattern matching whole words: the words
// separated by any spaces or hyphens, and a trailing * matching any ending.
func termPattern(t string) string {
	prefix := strings.HasSuffix(t, "*")
	t = strings.TrimSuffix(t, "*")
	words := strings.FieldsFunc(t, func(r rune) bool { return r == ' ' || r == '-' })
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	p := strings.Join(words, `[\s\-]+`)
	if prefix {
		p += `[\pL\pN]*`
	}
	return p
}

// CategoryMatch is one item of a categories cell and what the vocabulary
// read in it.
type CategoryMatch struct {
	Item string
	// Groups are the vocabulary groups the item matched, by their labels
	// ("mental health", "criminal records and offences").
	Groups []string
}

// CategoryReport is what the vocabulary made of a list of categories of
// personal data.
type CategoryReport struct {
	Special  []model.SpecialCategory
	Criminal bool
	// Matched lists the items the vocabulary placed in a special category
	// or criminal-offence data, with the groups that placed them.
	Matched []CategoryMatch
	// Unrecognised lists the items the vocabulary placed nowhere, not even
	// among ordinary personal data: the DPO should look at each, since one
	// may be special category data in words the vocabulary lacks.
	Unrecognised []string
}

// ClassifyCategories reads each item against the vocabulary.
func ClassifyCategories(items []string) CategoryReport {
	var rep CategoryReport
	found := map[model.SpecialCategory]bool{}
	for _, it := range items {
		var groups []string
		ordinary := false
		for _, g := range vocabulary {
			if !g.re.MatchString(it) {
				continue
			}
			switch g.category {
			case vocabOrdinary:
				ordinary = true
				continue
			case vocabCriminal:
				rep.Criminal = true
			default:
				found[model.SpecialCategory(g.category)] = true
			}
			if !slices.Contains(groups, g.label) {
				groups = append(groups, g.label)
			}
		}
		switch {
		case len(groups) > 0:
			rep.Matched = append(rep.Matched, CategoryMatch{Item: it, Groups: groups})
		case !ordinary && strings.TrimSpace(it) != "":
			rep.Unrecognised = append(rep.Unrecognised, it)
		}
	}
	for _, o := range model.SpecialCategories {
		if found[o.Code] {
			rep.Special = append(rep.Special, o.Code)
		}
	}
	return rep
}

// UnrecognisedMessage is the report of the items the vocabulary could not
// place, in words for the DPO, or "" when there are none.
func (r CategoryReport) UnrecognisedMessage() string {
	if len(r.Unrecognised) == 0 {
		return ""
	}
	q := make([]string, len(r.Unrecognised))
	for i, u := range r.Unrecognised {
		q[i] = fmt.Sprintf("%q", u)
	}
	return fmt.Sprintf("Could not tell whether %s %s special category or criminal-offence data: check, and tick the special categories in ROPA Desk if so (the text is kept).",
		strings.Join(q, ", "), map[bool]string{true: "is", false: "are"}[len(q) == 1])
}
