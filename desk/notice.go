package desk

import (
	"context"
	"path/filepath"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/report/notice"
)

// NoticeCheck is a published privacy notice read from a file and checked
// against the register: what `ropactl notice check` prints and the GUI's
// check screen shows, and what recording it for the annual review stores.
type NoticeCheck struct {
	// Organisation is the organisation or partnership, as the register
	// spells it; Audience the audience code or the DPO's own name.
	Organisation, Audience string
	// Source is where the notice came from: the file's name, or the web
	// address the DPO gave.
	Source   string
	Text     string
	Coverage *notice.Coverage
	// Current is the notice recorded for the same organisation and
	// audience when the check was made (nil: none). Recording replaces it,
	// and is refused if another has been recorded since.
	Current *model.PublishedNotice
}

// NoticeFile is a published notice read from a file, not yet checked.
type NoticeFile struct {
	// Source is where the notice came from: the web address the DPO
	// gave, as typed, or else the file's name.
	Source string
	Text   string
}

// ReadNotice reads the published notice at path, refusing an empty,
// binary, non-UTF-8 or oversized file with a message saying so. It is
// read before the register is opened for recording, so a bad file never
// leads to a write (not even a schema upgrade). source, when not blank, is
// where the notice is published.
func ReadNotice(path, source string) (NoticeFile, error) {
	text, err := notice.ReadNoticeFile(path)
	if err != nil {
		return NoticeFile{}, err
	}
	if strings.TrimSpace(source) == "" {
		source = filepath.Base(path)
	}
	return NoticeFile{Source: source, Text: text}, nil
}

// Recordable says why the notice cannot be recorded (its text is larger
// than a register records), nil when it can. A front end asks before it
// opens the register for writing, so such a file writes nothing.
func (f NoticeFile) Recordable() error {
	if n := len(f.Text); n > model.MaxPublishedNoticeText {
		return model.Errorf(model.EINVALID, "The notice %s has %d KB of text, more than the %d KB a recorded notice may have; a privacy notice is a few pages, so check that the file is the notice itself. Nothing was recorded.",
			f.Source, n>>10, model.MaxPublishedNoticeText>>10)
	}
	return nil
}

// CheckNotice checks the notice against r for org (an organisation or a
// partnership) and audience ("" for every activity the organisation
// controls). It changes nothing.
func CheckNotice(r *model.Register, org, audience string, f NoticeFile) (*NoticeCheck, error) {
	s, err := notice.Select(r, org, audience)
	if err != nil {
		return nil, err
	}
	c := &NoticeCheck{Organisation: s.Name, Audience: model.AudienceCode(s.Audience), Source: f.Source, Text: f.Text,
		Coverage: notice.Check(s, f.Source, f.Text)}
	want := model.PublishedNotice{Organisation: c.Organisation, Audience: c.Audience}
	for _, n := range model.CurrentNotices(r.PublishedNotices, time.Time{}) {
		if n.SameNotice(&want) {
			c.Current = &n
			break
		}
	}
	return c, nil
}

// RecordNotice records the checked notice in the register, so that the
// annual-review PDF prints its coverage ("Privacy notice coverage") and a
// sign-off freezes it. Nothing else in the register changes. recorded is
// false when the notice recorded already has exactly this text and source
// (nothing is written); rec is the notice as the register holds it.
func RecordNotice(ctx context.Context, reg Register, c *NoticeCheck) (rec model.PublishedNotice, recorded bool, err error) {
	if why := reg.ReadOnly(); why != "" {
		return rec, false, model.Errorf(model.EREADONLY, "%s", why)
	}
	if err := (NoticeFile{Source: c.Source, Text: c.Text}).Recordable(); err != nil {
		return rec, false, err
	}
	rec = model.PublishedNotice{Organisation: c.Organisation, Audience: c.Audience, Source: c.Source, Text: c.Text}
	replaces := uuid.Nil
	if c.Current != nil {
		replaces = c.Current.ID
	}
	recorded, err = reg.RecordNotice(ctx, &rec, replaces)
	if err != nil {
		return rec, false, err
	}
	c.Coverage.Recorded = &notice.Recorded{At: rec.RecordedAt, By: rec.RecordedBy, SHA256: rec.SHA256}
	return rec, recorded, nil
}
