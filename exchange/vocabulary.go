package exchange

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"unicode"

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
	terms    []vocabTerm
}

// vocabTerm is a term as lower-case words; prefix: the last word matches
// any word it begins ("diagnos*").
type vocabTerm struct {
	words  []string
	prefix bool
}

// matches reports whether the term occurs in words, as whole words.
func (t vocabTerm) matches(words []string) bool {
	n := len(t.words)
	for i := 0; i+n <= len(words); i++ {
		ok := true
		for j, w := range t.words {
			got := words[i+j]
			if j == n-1 && t.prefix {
				ok = strings.HasPrefix(got, w)
			} else {
				ok = got == w
			}
			if !ok {
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func (g *vocabGroup) matches(words []string) bool {
	for _, t := range g.terms {
		if t.matches(words) {
			return true
		}
	}
	return false
}

// splitWords is how both terms and items are read: lower case, split at
// anything that is not a letter or digit, so "Self-harm" is "self harm".
func splitWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
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
		if len(cols) != 3 {
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
		term := strings.TrimSpace(cols[2])
		vt := vocabTerm{prefix: strings.HasSuffix(term, "*"), words: splitWords(strings.TrimSuffix(term, "*"))}
		if len(vt.words) == 0 {
			return nil, fmt.Errorf("vocabulary line %d: the term has no words", n+1)
		}
		g.terms = append(g.terms, vt)
	}
	return groups, nil
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
		words := splitWords(it)
		for _, g := range vocabulary {
			if !g.matches(words) {
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
