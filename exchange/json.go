package exchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// The JSON document is a public contract: other people's scripts read it, so
// its identity and version are spelt out in the document itself.
const (
	// JSONFormat is the value of the document's "format" key.
	JSONFormat = "ropa-desk-register"
	// JSONVersion is the version this package writes and the only one it
	// reads. It goes up only when a change would make an older reader
	// misunderstand a document; adding an optional key does not change it.
	JSONVersion = 1
	// MaxJSONSize bounds what ReadJSON accepts, so that a wrong file (a disk
	// image, a log) fails quickly instead of exhausting memory. A register of
	// ten thousand fully filled activities is well under a tenth of this.
	MaxJSONSize = 64 << 20
)

// maxProblems caps how many problems one error message lists; a file that
// is wrong everywhere needs fixing at the source, not a thousand-line message.
const maxProblems = 20

// document is the JSON document as written. Key order here is the order in
// the file.
type document struct {
	Format        string               `json:"format"`
	Version       int                  `json:"version"`
	Organisations []model.Organisation `json:"organisations"`
	Activities    []activityOut        `json:"activities"`
	ReviewCycles  []model.ReviewCycle  `json:"review_cycles"`
	// The information asset register and the supplier list (DSPT 1.1.2,
	// 10.1.2); left out when empty, so a document of a register without
	// them is what it was before they existed.
	InformationAssets []model.InformationAsset `json:"information_assets,omitempty"`
	Suppliers         []model.Supplier         `json:"suppliers,omitempty"`
	// The published privacy notices recorded for the annual review;
	// left out when none, as above.
	PublishedNotices []model.PublishedNotice `json:"published_notices,omitempty"`
	Derived          registerDerived         `json:"derived"`
}

// activityOut is an activity as written: the model's own JSON, plus what the
// rules derive from it. Embedding keeps the activity's keys at the top level
// of the object.
type activityOut struct {
	model.Activity
	Derived activityDerived `json:"derived"`
}

// activityDerived is recomputed on every export and ignored on import: it is
// there for readers that do not implement the rules themselves.
type activityDerived struct {
	Rights []model.RightAnswer `json:"rights"`
	NDOP   model.NDOPResult    `json:"ndop"`
	// Transfers says, for each transfer in order, whether UK adequacy
	// regulations cover it and so whether a safeguard is needed.
	Transfers    []model.TransferAssessment `json:"transfers"`
	Findings     []model.Finding            `json:"findings"`
	Completeness completeness               `json:"completeness"`
}

type completeness struct {
	Filled int `json:"filled"`
	Total  int `json:"total"`
}

type registerDerived struct {
	// RulesVersion names the law the derived answers reflect.
	RulesVersion string        `json:"rules_version"`
	Adequacy     adequacyList  `json:"adequacy_list"`
	Summary      model.Summary `json:"summary"`
}

// adequacyList dates the list of adequate countries the transfer answers
// were worked out from.
type adequacyList struct {
	AsOf   string `json:"as_of"`
	Source string `json:"source"`
}

// WriteJSON writes r as a version 1 JSON document, with the derived results
// (rights, NDOP verdicts, findings, completeness, summary) worked out as at
// now. The document holds no clock time of its own, so the same register
// and now always give the same bytes.
func WriteJSON(w io.Writer, r *model.Register, now time.Time) error {
	doc := document{
		Format:        JSONFormat,
		Version:       JSONVersion,
		Organisations: nonNil(r.Organisations),
		Activities:    make([]activityOut, len(r.Activities)),
		ReviewCycles:  nonNil(r.ReviewCycles),

		InformationAssets: r.InformationAssets,
		Suppliers:         r.Suppliers,
		PublishedNotices:  r.PublishedNotices,
	}
	// The summary counts the same findings the activities carry, so each
	// activity is checked once for both.
	sum := model.NewSummary()
	for i := range r.Activities {
		a := &r.Activities[i]
		org := r.Organisation(a.OrganisationID)
		findings := model.CheckActivity(a, org, now)
		sum.Add(a, org, findings)
		filled, total := model.Completeness(a)
		doc.Activities[i] = activityOut{
			Activity: *a,
			Derived: activityDerived{
				Rights:       nonNil(model.DeriveRights(a)),
				NDOP:         model.AssessNDOP(a, org),
				Transfers:    nonNil(model.AssessTransfers(a)),
				Findings:     nonNil(findings),
				Completeness: completeness{Filled: filled, Total: total},
			},
		}
	}
	doc.Derived = registerDerived{
		RulesVersion: model.RulesVersion,
		Adequacy:     adequacyList{AsOf: model.Adequacy.AsOf.Format("2006-01-02"), Source: model.Adequacy.Source},
		Summary:      sum,
	}
	enc := json.NewEncoder(w)
	// DPOs read these files: "&" in "Health & Safety" should stay "&".
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write register as JSON: %w", err)
	}
	return nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// header is read leniently first, so that a document of another version is
// refused for its version rather than for keys this version does not know.
type header struct {
	Format  *string         `json:"format"`
	Version json.RawMessage `json:"version"`
}

// envelope is the strict shape of the top level. Items stay raw so that
// each can be decoded on its own and an error can name its index.
type envelope struct {
	Format        string            `json:"format"`
	Version       int               `json:"version"`
	Organisations []json.RawMessage `json:"organisations"`
	Activities    []json.RawMessage `json:"activities"`
	ReviewCycles  []json.RawMessage `json:"review_cycles"`
	// InformationAssets and Suppliers are optional: documents written
	// before they existed have neither.
	InformationAssets []json.RawMessage `json:"information_assets"`
	Suppliers         []json.RawMessage `json:"suppliers"`
	// PublishedNotices is optional too.
	PublishedNotices []json.RawMessage `json:"published_notices"`
	Derived          json.RawMessage   `json:"derived"`
}

// activityIn accepts an activity with its "derived" block, which is
// discarded: derived results are always recomputed from the data.
type activityIn struct {
	model.Activity
	Derived json.RawMessage `json:"derived"`
}

// ReadJSON reads a document written by WriteJSON (or by hand, or by another
// tool) and returns the register it describes. It is strict, because a key it
// silently dropped would be data lost: the format and version must match,
// unknown keys are refused, every organisation, activity and review cycle
// must validate, and every activity must belong to an organisation in the
// document. Errors meant for the user are *model.Error values naming where
// the problem is.
func ReadJSON(r io.Reader) (*model.Register, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxJSONSize+1))
	if err != nil {
		return nil, fmt.Errorf("read JSON register: %w", err)
	}
	if len(data) > MaxJSONSize {
		return nil, model.Errorf(model.EINVALID, "The file is larger than %d MiB, the most a ROPA Desk JSON register may be; it is probably not a register.", MaxJSONSize>>20)
	}
	if err := checkHeader(data); err != nil {
		return nil, err
	}

	var env envelope
	if err := decodeStrict(data, &env); err != nil {
		return nil, model.Errorf(model.EINVALID, "The register document %s.", describe(data, err))
	}

	var p problems
	reg := &model.Register{
		Organisations: make([]model.Organisation, 0, len(env.Organisations)),
		Activities:    make([]model.Activity, 0, len(env.Activities)),
		ReviewCycles:  make([]model.ReviewCycle, 0, len(env.ReviewCycles)),
	}
	orgIDs := map[uuid.UUID]int{}
	for i, raw := range env.Organisations {
		where := itemName("organisations", i, raw)
		var o model.Organisation
		if err := decodeStrict(raw, &o); err != nil {
			p.add("%s %s", where, describe(raw, err))
			continue
		}
		if err := o.Validate(); err != nil {
			p.add("%s: %s", where, model.ErrorMessage(err))
		}
		switch j, dup := orgIDs[o.ID]; {
		case o.ID == uuid.Nil:
			p.add("%s: id: Every organisation needs an id, so activities can refer to it.", where)
		case dup:
			p.add("%s: id: %s is also the id of organisations[%d].", where, o.ID, j)
		default:
			orgIDs[o.ID] = i
		}
		reg.Organisations = append(reg.Organisations, o)
	}

	actIDs := map[uuid.UUID]int{}
	for i, raw := range env.Activities {
		where := itemName("activities", i, raw)
		var in activityIn
		if err := decodeStrict(raw, &in); err != nil {
			p.add("%s %s", where, describe(raw, err))
			continue
		}
		a := in.Activity
		if err := a.Validate(); err != nil {
			p.add("%s: %s", where, model.ErrorMessage(err))
		}
		if _, ok := orgIDs[a.OrganisationID]; !ok && a.OrganisationID != uuid.Nil {
			p.add("%s: organisation_id: %s is not the id of any organisation in this document.", where, a.OrganisationID)
		}
		switch j, dup := actIDs[a.ID]; {
		case a.ID == uuid.Nil:
			p.add("%s: id: Every activity needs an id.", where)
		case dup:
			p.add("%s: id: %s is also the id of activities[%d].", where, a.ID, j)
		default:
			actIDs[a.ID] = i
		}
		reg.Activities = append(reg.Activities, a)
	}

	for i, raw := range env.ReviewCycles {
		where := itemName("review_cycles", i, raw)
		var c model.ReviewCycle
		if err := decodeStrict(raw, &c); err != nil {
			p.add("%s %s", where, describe(raw, err))
			continue
		}
		if err := c.Validate(); err != nil {
			p.add("%s: %s", where, model.ErrorMessage(err))
		}
		reg.ReviewCycles = append(reg.ReviewCycles, c)
	}
	readAssets(&p, env, reg, actIDs)
	readNotices(&p, env, reg)

	if err := p.err(); err != nil {
		return nil, err
	}
	return reg, nil
}

func checkHeader(data []byte) error {
	var h header
	if err := json.Unmarshal(data, &h); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) && typeErr.Field == "format" {
			return model.Errorf(model.EINVALID, "This is not a ROPA Desk register: \"format\" should be %q, but it is not a string.", JSONFormat)
		}
		return model.Errorf(model.EINVALID, "This is not a ROPA Desk register: the file %s.", describe(data, err))
	}
	if h.Format == nil {
		return model.Errorf(model.EINVALID, "This is not a ROPA Desk register: it has no \"format\" key (expected \"format\": %q).", JSONFormat)
	}
	if *h.Format != JSONFormat {
		return model.Errorf(model.EINVALID, "This is not a ROPA Desk register: \"format\" is %q, expected %q.", *h.Format, JSONFormat)
	}
	if h.Version == nil {
		return model.Errorf(model.EINVALID, "The register document has no \"version\" key (expected \"version\": %d).", JSONVersion)
	}
	var v int
	if err := json.Unmarshal(h.Version, &v); err != nil {
		return model.Errorf(model.EINVALID, "The register document's \"version\" is %s; expected the number %d.", truncate(string(h.Version), 40), JSONVersion)
	}
	if v != JSONVersion {
		hint := ""
		if v > JSONVersion {
			hint = " It was written by a newer ROPA Desk; update ROPA Desk to read it."
		}
		return model.Errorf(model.EINVALID, "The register document is version %d; this ROPA Desk reads version %d.%s", v, JSONVersion, hint)
	}
	return nil
}

// decodeStrict decodes exactly one JSON value from data into v, refusing
// unknown keys at any depth and anything after the value.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errTrailing
	}
	return nil
}

var errTrailing = errors.New("trailing data")

// describe turns a decoding error into the end of a sentence a DPO can act
// on ("has an unknown key \"colour\""), with the line and column where the
// decoder can say.
func describe(data []byte, err error) string {
	var (
		syntax  *json.SyntaxError
		typeErr *json.UnmarshalTypeError
	)
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return "is empty"
	case errors.Is(err, errTrailing), errors.As(err, &syntax) && strings.Contains(syntax.Error(), "after top-level value"):
		return "has more data after the end of the JSON document"
	case errors.Is(err, io.ErrUnexpectedEOF), err != nil && strings.Contains(err.Error(), "unexpected end of JSON input"):
		return "ends too early: it is not a complete JSON document (was it cut short?)"
	case errors.As(err, &syntax):
		line, col := position(data, syntax.Offset)
		return fmt.Sprintf("is not valid JSON at line %d, column %d: %s", line, col, syntax.Error())
	case errors.As(err, &typeErr):
		// The decoder names an embedded struct in the path; the document
		// has no such level.
		field := strings.TrimPrefix(typeErr.Field, "Activity.")
		if field == "" {
			return fmt.Sprintf("has a %s where a %s was expected", typeErr.Value, typeName(typeErr))
		}
		return fmt.Sprintf("has a %s in %q where a %s was expected", typeErr.Value, field, typeName(typeErr))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		key := strings.TrimPrefix(err.Error(), "json: unknown field ")
		return fmt.Sprintf("has an unknown key %s (check its spelling; ROPA Desk refuses keys it would otherwise drop)", key)
	default:
		// Values the model refuses while decoding, such as a malformed id
		// or date, say what was wrong in their own words.
		return "could not be read: " + strings.TrimPrefix(err.Error(), "json: ")
	}
}

func typeName(e *json.UnmarshalTypeError) string {
	if e.Type == nil {
		return "different value"
	}
	switch e.Type.Kind().String() {
	case "string":
		return "string"
	case "bool":
		return "true or false"
	case "slice", "array":
		return "list"
	case "struct", "map":
		return "JSON object"
	case "int", "int64", "float64":
		return "number"
	}
	return e.Type.String()
}

func position(data []byte, offset int64) (line, col int) {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	line, col = 1, 1
	for _, b := range data[:offset] {
		if b == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}

// itemName names an item of a list for an error message: its index, and
// its name when the item has one that can be read.
func itemName(list string, i int, raw json.RawMessage) string {
	var named struct {
		Name string `json:"name"`
	}
	if json.Unmarshal(raw, &named) == nil && strings.TrimSpace(named.Name) != "" {
		return fmt.Sprintf("%s[%d] (%q)", list, i, truncate(named.Name, 60))
	}
	return fmt.Sprintf("%s[%d]", list, i)
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// problems gathers everything wrong with a document, so that one attempt
// tells the DPO all they must fix.
type problems []string

func (p *problems) add(format string, args ...any) {
	*p = append(*p, fmt.Sprintf(format, args...))
}

func (p problems) err() error {
	switch {
	case len(p) == 0:
		return nil
	case len(p) == 1:
		return model.Errorf(model.EINVALID, "The register document cannot be imported: %s", p[0])
	}
	shown := p
	if len(shown) > maxProblems {
		shown = shown[:maxProblems]
	}
	msg := fmt.Sprintf("The register document cannot be imported; %d problems:\n  %s", len(p), strings.Join(shown, "\n  "))
	if len(p) > len(shown) {
		msg += fmt.Sprintf("\n  … and %d more.", len(p)-len(shown))
	}
	return model.Errorf(model.EINVALID, "%s", msg)
}
