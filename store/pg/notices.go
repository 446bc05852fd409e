package pgstore

import (
	"context"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// RecordNotice is refused on a shared register for now: recorded notices
// need their own table, history kind and row-level policy here, which the
// first release of the shared store does not have. Refusing in words keeps
// desk's use case honest instead of dropping the notice.
func (db *DB) RecordNotice(ctx context.Context, n *model.PublishedNotice, replaces uuid.UUID) (bool, error) {
	return false, model.Errorf(model.EINVALID, "Recording a published notice is not available on a shared register yet: record it in a .ropa file, or check the notice without --record.")
}
