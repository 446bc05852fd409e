package report

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// References give each activity a short number an auditor can write down
// and find again, such as MHWS-014: the organisation's short code (the
// initials of its name's significant words, at most four) and the activity's place among
// that organisation's activities in order of creation (created time, then
// id). The same register always gives the same numbers; a new activity
// takes the next number; deleting an activity (retiring does not) moves
// the numbers of those created after it, which a stored reference would
// avoid.
func references(reg *model.Register) map[uuid.UUID]string {
	codes := map[uuid.UUID]string{}
	used := map[string]int{}
	for _, o := range reg.Organisations {
		c := shortCode(o.Name)
		used[c]++
		if used[c] > 1 {
			c = fmt.Sprintf("%s%d", c, used[c])
		}
		codes[o.ID] = c
	}
	byOrg := map[uuid.UUID][]*model.Activity{}
	var orgOrder []uuid.UUID
	for i := range reg.Activities {
		a := &reg.Activities[i]
		if _, ok := byOrg[a.OrganisationID]; !ok {
			orgOrder = append(orgOrder, a.OrganisationID)
		}
		byOrg[a.OrganisationID] = append(byOrg[a.OrganisationID], a)
	}
	out := make(map[uuid.UUID]string, len(reg.Activities))
	for _, org := range orgOrder {
		acts := slices.Clone(byOrg[org])
		slices.SortStableFunc(acts, func(x, y *model.Activity) int {
			if c := x.CreatedAt.Compare(y.CreatedAt); c != 0 {
				return c
			}
			return strings.Compare(x.ID.String(), y.ID.String())
		})
		code, ok := codes[org]
		if !ok {
			code = "ORG"
		}
		for i, a := range acts {
			out[a.ID] = fmt.Sprintf("%s-%03d", code, i+1)
		}
	}
	return out
}

// minorWords are left out of an organisation's initials.
var minorWords = map[string]bool{"and": true, "of": true, "the": true, "for": true, "in": true, "&": true, "ltd": true, "limited": true, "plc": true, "cic": true}

// shortCode is the initials of a name's significant words, upper case,
// at most four letters: "Mental Health and Wellbeing Service" is MHWS. A
// one-word name gives its first four letters.
func shortCode(name string) string {
	var initials []rune
	words := strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '&' })
	var sig []string
	for _, w := range words {
		if !minorWords[strings.ToLower(w)] {
			sig = append(sig, w)
		}
	}
	if len(sig) == 1 {
		r := []rune(strings.ToUpper(sig[0]))
		return string(r[:min(4, len(r))])
	}
	for _, w := range sig {
		if isAcronym(w) {
			initials = append(initials, []rune(w)...)
			continue
		}
		initials = append(initials, unicode.ToUpper([]rune(w)[0]))
	}
	if len(initials) == 0 {
		return "ORG"
	}
	return string(initials[:min(4, len(initials))])
}

// isAcronym: a word already in capitals, such as NHS, is kept whole.
func isAcronym(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2
}
