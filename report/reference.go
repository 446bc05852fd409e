package report

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// References give each activity a short number an auditor can write down
// and find again, such as MHWS-014: the organisation's short code (the
// initials of its name's significant words, at most four) and the
// activity's place among every activity that organisation has ever had.
//
// The place comes from the change history (Input.Entries: each time an
// activity was created in an organisation or moved into it, oldest
// first), so deleting or retiring an activity renumbers nothing, a new one
// takes the next number, and a PDF made again from an earlier state (a
// signed-off cycle, `ropactl verify --pdf`) gets the numbers it had: later
// history only adds later places. The history is the register's own, so
// no stored number, and no change to the file or the JSON format, is
// needed. An activity the history does not name (a register built without
// a store, or history lost by an older version) is numbered after those it
// names, in order of creation (created time, then id).
func references(reg *model.Register, entries []ActivityEntry) map[uuid.UUID]string {
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
	type key struct{ act, org uuid.UUID }
	place := map[key]int{}
	last := map[uuid.UUID]int{}
	for _, e := range entries {
		k := key{e.Activity, e.Organisation}
		if _, seen := place[k]; seen {
			continue // back in an organisation it left: its old number
		}
		last[e.Organisation]++
		place[k] = last[e.Organisation]
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
		next := last[org]
		for _, a := range acts {
			n, ok := place[key{a.ID, org}]
			if !ok {
				next++
				n = next
			}
			out[a.ID] = fmt.Sprintf("%s-%03d", code, n)
		}
	}
	return out
}

// ActivityEntry is one time an activity entered an organisation's record:
// it was created there, or moved there from another organisation.
type ActivityEntry struct {
	Activity, Organisation uuid.UUID
}

// activityEntry reads an ActivityEntry from one history entry, if it is
// one: an activity's creation (its whole JSON) or a change of its
// organisation_id.
func activityEntry(entity string, id uuid.UUID, action, field, newJSON string) (ActivityEntry, bool) {
	if entity != "activity" || newJSON == "" {
		return ActivityEntry{}, false
	}
	var org uuid.UUID
	switch {
	case action == "create":
		var a struct {
			OrganisationID uuid.UUID `json:"organisation_id"`
		}
		if json.Unmarshal([]byte(newJSON), &a) != nil {
			return ActivityEntry{}, false
		}
		org = a.OrganisationID
	case action == "update" && field == "organisation_id":
		if json.Unmarshal([]byte(newJSON), &org) != nil {
			return ActivityEntry{}, false
		}
	default:
		return ActivityEntry{}, false
	}
	return ActivityEntry{Activity: id, Organisation: org}, true
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
