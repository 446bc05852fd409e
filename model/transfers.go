package model

import (
	_ "embed"
	"fmt"
	"strings"
	"time"
)

// adequacyData is the dated list of countries covered by UK adequacy
// regulations (docs/domain/transfers.md). It is data, not code, because the
// Secretary of State adds and removes countries by regulations.
//
//go:embed adequacy.tsv
var adequacyData string

// AdequateCountry is one row of the adequacy list.
type AdequateCountry struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
	// Condition limits the coverage: "" for the whole country, "dpf" for
	// recipients certified under the UK Extension to the EU-US Data Privacy
	// Framework, "pipeda" for recipients subject to Canada's PIPEDA.
	Condition  string `json:"condition,omitempty"`
	Instrument string `json:"instrument"`
}

// AdequacyList is the adequacy list with its date and source.
type AdequacyList struct {
	AsOf      time.Time         `json:"as_of"`
	Source    string            `json:"source"`
	Countries []AdequateCountry `json:"countries"`
	byName    map[string]int
}

// Adequacy is the list shipped with this version of the rules.
var Adequacy = mustParseAdequacy(adequacyData)

func mustParseAdequacy(data string) *AdequacyList {
	l, err := parseAdequacy(data)
	if err != nil {
		panic(err)
	}
	return l
}

func parseAdequacy(data string) (*AdequacyList, error) {
	l := &AdequacyList{byName: map[string]int{}}
	for n, line := range strings.Split(data, "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		switch cols[0] {
		case "as_of":
			t, err := time.Parse("2006-01-02", strings.TrimSpace(cols[len(cols)-1]))
			if err != nil {
				return nil, fmt.Errorf("adequacy list line %d: date: %w", n+1, err)
			}
			l.AsOf = t
			continue
		case "source":
			l.Source = strings.TrimSpace(cols[len(cols)-1])
			continue
		}
		if len(cols) != 4 {
			return nil, fmt.Errorf("adequacy list line %d: want 4 tab-separated columns, got %d", n+1, len(cols))
		}
		c := AdequateCountry{Name: cols[0], Condition: cols[2], Instrument: cols[3]}
		if c.Condition != "" && c.Condition != "dpf" && c.Condition != "pipeda" {
			return nil, fmt.Errorf("adequacy list line %d: unknown condition %q", n+1, c.Condition)
		}
		for a := range strings.SplitSeq(cols[1], ",") {
			if a = strings.TrimSpace(a); a != "" {
				c.Aliases = append(c.Aliases, a)
			}
		}
		for _, name := range append([]string{c.Name}, c.Aliases...) {
			k := countryKey(name)
			if _, dup := l.byName[k]; dup {
				return nil, fmt.Errorf("adequacy list line %d: %q is listed twice", n+1, name)
			}
			l.byName[k] = len(l.Countries)
		}
		l.Countries = append(l.Countries, c)
	}
	if l.AsOf.IsZero() || l.Source == "" {
		return nil, fmt.Errorf("adequacy list: the as_of date and the source are required")
	}
	return l, nil
}

// countryKey is how a destination is compared with the list: the text before
// any bracket, comma, colon or dash ("Ireland (Azure, Dublin)" → "ireland"),
// lower case, without a leading "the" or dots. Only the whole name matches,
// so "North Korea" is not the Republic of Korea and "Northern Ireland" is
// not Ireland.
func countryKey(s string) string {
	s = strings.ToLower(s)
	if i := strings.IndexAny(s, "(,:;–—"); i >= 0 {
		s = s[:i]
	}
	if i := strings.Index(s, " - "); i >= 0 {
		s = s[:i]
	}
	s = strings.ReplaceAll(s, ".", "")
	s = strings.Join(strings.Fields(s), " ")
	return strings.TrimPrefix(s, "the ")
}

// Lookup returns the row covering destination, or nil.
func (l *AdequacyList) Lookup(destination string) *AdequateCountry {
	if i, ok := l.byName[countryKey(destination)]; ok {
		return &l.Countries[i]
	}
	return nil
}

// TransferAssessment is what the rules derive about one transfer.
type TransferAssessment struct {
	Destination string `json:"destination"`
	// Adequacy is true when the destination is covered by UK adequacy
	// regulations for this transfer, so no Art 46 safeguard is needed.
	Adequacy bool `json:"adequacy"`
	// Country is the adequacy list's name for the destination, when listed.
	Country string `json:"country,omitempty"`
	// NeedsSafeguard: an Art 46 safeguard or an Art 49 derogation must be
	// recorded.
	NeedsSafeguard bool   `json:"needs_safeguard"`
	Rule           string `json:"rule"`
}

// AssessTransfer says whether t is covered by adequacy regulations.
func AssessTransfer(t Transfer) TransferAssessment {
	dest := strings.TrimSpace(t.Destination)
	ta := TransferAssessment{Destination: dest}
	c := Adequacy.Lookup(dest)
	switch {
	case c == nil:
		ta.NeedsSafeguard = true
		ta.Rule = fmt.Sprintf("%s is not on the list of countries covered by UK adequacy regulations (as at %s), so an Art 46 safeguard (IDTA, UK Addendum, binding corporate rules) or an Art 49 derogation is needed, with a transfer risk assessment.", orThirdCountry(dest), day(Adequacy.AsOf))
	case c.Condition == "dpf" && !t.DPFCertified:
		ta.Country, ta.NeedsSafeguard = c.Name, true
		ta.Rule = fmt.Sprintf("The %s adequacy regulations cover only recipients certified under the UK Extension to the EU-US Data Privacy Framework; the recipient is not marked as certified, so an Art 46 safeguard or an Art 49 derogation is needed.", c.Name)
	default:
		ta.Country, ta.Adequacy = c.Name, true
		ta.Rule = fmt.Sprintf("%s is covered by UK adequacy regulations (%s), so no Art 46 safeguard is needed (DPA 2018 s17A).", c.Name, c.Instrument)
		switch c.Condition {
		case "dpf":
			ta.Rule += " The recipient is certified under the UK Extension to the EU-US Data Privacy Framework."
		case "pipeda":
			ta.Rule += " This holds for recipients subject to PIPEDA; a recipient outside it needs a safeguard."
		}
	}
	return ta
}

// AssessTransfers assesses each of the activity's transfers, in order.
func AssessTransfers(a *Activity) []TransferAssessment {
	out := make([]TransferAssessment, len(a.Transfers))
	for i, t := range a.Transfers {
		out[i] = AssessTransfer(t)
	}
	return out
}

func orThirdCountry(dest string) string {
	if dest == "" {
		return "The third country"
	}
	return dest
}
