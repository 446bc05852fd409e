package store

// volumeKind says where a register lives, which decides its journal: SQLite's
// WAL needs shared memory between every process using the file, which a
// network file system cannot give, and its -wal file holds committed data
// until a checkpoint, which a removable drive pulled out (or a file copied
// without its -wal) loses. So on those volumes the store uses the rollback
// journal, as SQLite's own documentation advises.
type volumeKind int

const (
	volumeLocal volumeKind = iota
	volumeUnknown
	volumeNetwork
	volumeRemovable
)

// detectVolume is the detector for this OS; tests replace it to exercise
// the rollback-journal path on a local disk.
var detectVolume = volumeOf

// journalFor is the journal mode for a register at path, and the note the
// status bar shows about it ("" when there is nothing to say).
func journalFor(path string) (mode, note string) {
	switch detectVolume(path) {
	case volumeNetwork:
		return "DELETE", "Register on a network drive: using the rollback journal, and saving may be slower."
	case volumeRemovable:
		return "DELETE", "Register on a removable drive: using the rollback journal. Close ROPA Desk before removing the drive."
	}
	// Unknown is treated as local: WAL is what SQLite recommends for a
	// desktop app, and the lock file still keeps a second writer out.
	return "WAL", ""
}
