package exchange

import (
	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// readNotices reads the document's recorded published notices into reg:
// each must validate (its SHA-256 that of its text, so a text edited in
// the file is refused) and have an id of its own.
func readNotices(p *problems, env envelope, reg *model.Register) {
	ids := map[uuid.UUID]int{}
	for i, raw := range env.PublishedNotices {
		where := itemName("published_notices", i, raw)
		var n model.PublishedNotice
		if err := decodeStrict(raw, &n); err != nil {
			p.add("%s %s", where, describe(raw, err))
			continue
		}
		if err := n.Validate(); err != nil {
			p.add("%s: %s", where, model.ErrorMessage(err))
		}
		checkItemID(p, where, "published_notices", n.ID, ids, i)
		reg.PublishedNotices = append(reg.PublishedNotices, n)
	}
}
