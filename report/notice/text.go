package notice

import (
	"regexp"
	"strings"
	"unicode"
)

// unit is one sentence, heading or list item of a published notice: the
// piece the checker quotes as the text that covers an item.
type unit struct {
	text string
	low  string // normalised for matching
	// lead is the line a list item belongs to ("At times we may need to
	// share your data with…"), empty for other units.
	lead   string
	bullet bool
}

var bulletPrefix = regexp.MustCompile(`^(?:[•\-\*·–—▪◦►]+|\d{1,2}[.)])\s+`)

// normalise folds typographic quotes, dashes and spacing, so that "Abbot’s"
// in a notice matches "Abbot's" in the register.
func normalise(s string) string {
	s = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "–", "-", "—", "-", "\u00a0", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// units splits text into lines, and lines into sentences.
func units(text string) []unit {
	var out []unit
	lead := ""
	for line := range strings.SplitSeq(strings.ReplaceAll(text, "\r", "\n"), "\n") {
		line = normalise(line)
		if line == "" {
			continue
		}
		if m := bulletPrefix.FindString(line); m != "" {
			item := strings.TrimSpace(line[len(m):])
			if item != "" {
				out = append(out, unit{text: item, low: strings.ToLower(item), lead: lead, bullet: true})
			}
			continue
		}
		ss := splitSentences(line)
		// A list belongs to the sentence that introduces it, the last one
		// of the line before it.
		lead = ss[len(ss)-1]
		for _, s := range ss {
			out = append(out, unit{text: s, low: strings.ToLower(s)})
		}
	}
	return out
}

// splitSentences breaks a line after ".", "!" or "?" followed by a space and
// a capital letter, which is where English sentences end ("e.g. other" does
// not end one).
func splitSentences(line string) []string {
	var out []string
	start := 0
	r := []rune(line)
	for i := 0; i < len(r)-2; i++ {
		if (r[i] == '.' || r[i] == '!' || r[i] == '?') && r[i+1] == ' ' && unicode.IsUpper(r[i+2]) {
			out = append(out, strings.TrimSpace(string(r[start:i+1])))
			start = i + 2
		}
	}
	if rest := strings.TrimSpace(string(r[start:])); rest != "" {
		out = append(out, rest)
	}
	return out
}

var stopWords = map[string]bool{}

func init() {
	for w := range strings.FieldsSeq("about after also and any are because been before being between both but can could data does each every for from have into its may more most must need needed only other others our ours out over own person people personal information provide provided providing service services some such than that the their them then there these they this those through under use used uses using very was were what when where which while who whom will with within would you your yours them make made keep kept help each user users") {
		stopWords[w] = true
	}
}

var wordRe = regexp.MustCompile(`[\p{L}\p{N}]+`)

// stems are the content words of s, each cut to its first five letters, so
// "treatment" meets "treatments" and "court" meets "courts".
func stems(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range wordRe.FindAllString(strings.ToLower(s), -1) {
		if len([]rune(w)) < 4 || stopWords[w] {
			continue
		}
		if r := []rune(w); len(r) > 5 {
			w = string(r[:5])
		}
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// overlap counts how many of want occur among the stems of have.
func overlap(want []string, have map[string]bool) (n int, which []string) {
	for _, w := range want {
		if have[w] {
			n++
			which = append(which, w)
		}
	}
	return n, which
}

func stemSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range stems(s) {
		m[w] = true
	}
	return m
}

// quote shortens a unit for a table cell.
func quote(s string) string {
	const max = 160
	if r := []rune(s); len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return s
}
