package store

import (
	"maps"
	"regexp"
	"slices"
	"sync"

	"github.com/ropadesk/ropadesk/model"
)

// The editor's suggestions (values already used in a field of some
// activity), shared by the file's store and the shared register's
// (store/pg): which fields are asked for together, how they are sorted, and
// the cache that keeps them while nothing changes.

// suggestionField guards the JSON key spliced into a query.
var suggestionField = regexp.MustCompile(`^[a-z0-9_]+$`)

// CheckSuggestionField refuses a field name that is not a JSON key of an
// activity's shape.
func CheckSuggestionField(field string) error {
	if !suggestionField.MatchString(field) {
		return model.Errorf(model.EINVALID, "%q is not a field of an activity.", field)
	}
	return nil
}

// suggestionFields are the list fields (and business_function) the activity
// editor asks suggestions for each time it shows an activity. They are read
// together, in one pass over the activities' bodies: field by field, a
// register of 10,000 activities took some 400 ms of work per activity
// opened.
var suggestionFields = []string{"business_function", "controllers_served", "data_subjects", "joint_controllers",
	"locations", "personal_data", "purposes", "recipients", "sources"}

// SuggestionFieldsWith is the fields to read when field is asked for: all
// of the editor's at once if it is one of them, else field alone.
func SuggestionFieldsWith(field string) []string {
	if slices.Contains(suggestionFields, field) {
		return slices.Clone(suggestionFields)
	}
	return []string{field}
}

// SuggestionRows are query results of (field, value) rows: *sql.Rows and
// pgx.Rows both are.
type SuggestionRows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// CollectSuggestions gathers (field, value) rows into suggestions by
// field, in the rows' order; every field asked for is in the map, if only
// with an empty list.
func CollectSuggestions(fields []string, rows SuggestionRows) (map[string][]string, error) {
	found := make(map[string][]string, len(fields))
	for _, f := range fields {
		found[f] = []string{}
	}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		found[k] = append(found[k], v)
	}
	return found, rows.Err()
}

// CompareSuggestions orders suggestions as the file's store does in SQL
// (COLLATE NOCASE, then by bytes): ASCII letters without regard to case,
// ties by their bytes.
func CompareSuggestions(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		x, y := asciiLower(a[i]), asciiLower(b[i])
		if x != y {
			return int(x) - int(y)
		}
	}
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func asciiLower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// SuggestionCache keeps suggestions as they stood at a head of the change
// history. Every change to an activity appends to the history, so while
// the head stays the same the suggestions do.
type SuggestionCache struct {
	mu     sync.Mutex
	head   string
	fields map[string][]string
}

// Get returns the cached suggestions for field at head, if there are.
func (c *SuggestionCache) Get(head, field string) ([]string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fields == nil || c.head != head {
		return nil, false
	}
	v, ok := c.fields[field]
	return slices.Clone(v), ok
}

// Put keeps found (suggestions by field) as read at head.
func (c *SuggestionCache) Put(head string, found map[string][]string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fields == nil || c.head != head {
		c.head, c.fields = head, map[string][]string{}
	}
	maps.Copy(c.fields, found)
}
