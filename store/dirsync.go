package store

import "github.com/ropadesk/ropadesk/internal/atomicfile"

// The store's renames into place and folder syncs are atomicfile's, the
// one implementation that knows each platform (Windows cannot sync a
// folder; it writes the rename through instead).
var (
	renameDurably = atomicfile.RenameDurably
	syncDir       = atomicfile.SyncDir
)
