package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// cycleRecord is a review cycle as the change history records it: the
// cycle's own JSON and the digest of the register copy frozen at its
// sign-off, so that the chain covers the frozen copy without holding it.
type cycleRecord struct {
	model.ReviewCycle
	SnapshotSHA256 string `json:"snapshot_sha256,omitempty"`
}

// signOffKey is the meta key holding a cycle's full sign-off as JSON. The
// review_cycles table has columns only for the signer, date and statement;
// the rest (role, approving body, acknowledgement, who entered it) lives
// here rather than in a new column, so that no migration is needed.
func signOffKey(id uuid.UUID) string { return "sign_off:" + id.String() }

// loadSignOffDetails fills the parts of c's sign-off that are not in the
// review_cycles columns. The columns win for what they hold.
func loadSignOffDetails(ctx context.Context, tx *sql.Tx, c *model.ReviewCycle) error {
	var raw string
	err := tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, signOffKey(c.ID)).Scan(&raw)
	if err == sql.ErrNoRows {
		return nil // signed off before sign-offs recorded more than three fields
	}
	if err != nil {
		return fmt.Errorf("read sign-off of %q: %w", c.Name, err)
	}
	var full model.SignOff
	if json.Unmarshal([]byte(raw), &full) != nil {
		// A mangled record is verify's to report; the columns still say
		// who signed and when.
		return nil
	}
	full.By, full.Date, full.Statement = c.SignOff.By, c.SignOff.Date, c.SignOff.Statement
	c.SignOff = &full
	return nil
}

func digest(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// SignOff closes the cycle and freezes a copy of the register as it stood;
// later edits do not change it. A zero date means now. The rules of
// model.CheckSignOff apply: s.Acknowledgement is needed when activities are
// unreviewed or errors open. The sign-off and the digest of the frozen copy
// enter the change history in the same transaction, and the receipt
// (ReceiptPath) is written beside the register once it is committed.
func (db *DB) SignOff(ctx context.Context, cycleID uuid.UUID, s model.SignOff) error {
	c, err := db.signOff(ctx, cycleID, s)
	if err != nil {
		return err
	}
	if _, err := db.WriteReceipt(ctx, cycleID); err != nil {
		return model.Errorf(model.EINTERNAL, "The review cycle %q is signed off, but its receipt could not be written beside the register (%s): %s. Run 'ropactl review receipt' to write it again.",
			c.Name, ReceiptPath(db.path, c.Name), model.ErrorMessage(err))
	}
	return nil
}

func (db *DB) signOff(ctx context.Context, cycleID uuid.UUID, s model.SignOff) (*model.ReviewCycle, error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c, err := findCycle(ctx, tx, "id = ?", cycleID.String())
	if err != nil {
		return nil, err
	}
	if c.SignOff != nil {
		return nil, model.Errorf(model.ECONFLICT, "The review cycle %q was already signed off by %s on %s.", c.Name, c.SignOff.By, c.SignOff.Date.Format("2 January 2006"))
	}
	at := now()
	if s.Date.IsZero() {
		s.Date = at
	}
	s.Date = s.Date.UTC()
	reg, err := loadRegister(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("sign off %q: %w", c.Name, err)
	}
	if err := model.CheckSignOff(c, &s, model.CycleGaps(reg, c, at), at); err != nil {
		return nil, err
	}
	w := newWriter(tx, db.currentUser())
	// Who entered the sign-off, and when, are what the history entry
	// records; the time is stored as the history stores it.
	s.EnteredBy = w.hist.user
	s.EnteredAt, _ = parseTime(formatTime(at))
	c.SignOff = &s
	if err := c.Validate(); err != nil {
		return nil, err
	}
	full, err := json.Marshal(s)
	if err != nil {
		return nil, fmt.Errorf("sign off %q: %w", c.Name, err)
	}
	if _, err = tx.ExecContext(ctx, `UPDATE review_cycles SET signed_off_by = ?, signed_off_at = ?, statement = ? WHERE id = ?`,
		s.By, formatTime(s.Date), s.Statement, cycleID.String()); err != nil {
		return nil, fmt.Errorf("sign off %q: %w", c.Name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)`, signOffKey(cycleID), string(full)); err != nil {
		return nil, fmt.Errorf("sign off %q: %w", c.Name, err)
	}
	if err := w.hist.append(ctx, at, EntityCycle, cycleID, ActionUpdate, "sign_off", "", string(full)); err != nil {
		return nil, err
	}
	// The snapshot is taken after the sign-off is written, so it records
	// the cycle as signed; its digest is chained right after.
	snapReg, err := loadRegister(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("sign off %q: %w", c.Name, err)
	}
	snap, err := json.Marshal(snapReg)
	if err != nil {
		return nil, fmt.Errorf("sign off %q: %w", c.Name, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE review_cycles SET snapshot = ? WHERE id = ?`, string(snap), cycleID.String()); err != nil {
		return nil, fmt.Errorf("sign off %q: %w", c.Name, err)
	}
	d, _ := json.Marshal(digest(string(snap)))
	if err := w.hist.append(ctx, at, EntityCycle, cycleID, ActionUpdate, "snapshot_sha256", "", string(d)); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sign off %q: %w", c.Name, err)
	}
	return c, nil
}

// SignOffHead returns the history entry that completed the cycle's
// sign-off (the digest of its frozen copy): its Hash is the chain head at
// sign-off, which the signed-off cycle's PDF fingerprint and receipt carry.
// ok is false for an open cycle, or one signed off by a version of ROPA
// Desk that did not chain sign-offs.
func (db *DB) SignOffHead(ctx context.Context, cycleID uuid.UUID) (e HistoryEntry, ok bool, err error) {
	rows, err := db.db.QueryContext(ctx, `
		SELECT seq, at, user, entity, entity_id, action, field, old, new, prev_hash, hash
		FROM history WHERE entity = ? AND entity_id = ? AND field = 'snapshot_sha256' ORDER BY seq DESC LIMIT 1`,
		EntityCycle, cycleID.String())
	if err != nil {
		return e, false, fmt.Errorf("read sign-off of %s: %w", cycleID, err)
	}
	defer rows.Close()
	if rows.Next() {
		e, _, err = scanEntry(rows)
		if err != nil {
			return e, false, fmt.Errorf("read sign-off of %s: %w", cycleID, err)
		}
		return e, true, nil
	}
	return e, false, rows.Err()
}

// SignedOffFingerprint is the fingerprint the PDF of a signed-off cycle
// carries: its frozen copy with the history head at sign-off ("" for a
// cycle signed off before sign-offs were chained).
func (db *DB) SignedOffFingerprint(ctx context.Context, cycleID uuid.UUID) (fp, head string, err error) {
	snap, err := db.CycleSnapshot(ctx, cycleID)
	if err != nil {
		return "", "", err
	}
	e, ok, err := db.SignOffHead(ctx, cycleID)
	if err != nil {
		return "", "", err
	}
	if ok {
		head = e.Hash
	}
	return model.Fingerprint(snap, head), head, nil
}

// Receipt is the small file written beside the register at sign-off, for
// the approver or auditor to keep: what the chain said when the cycle was
// signed off. Its content depends only on the sign-off, so writing it again
// gives the same bytes.
type Receipt struct {
	Format         string    `json:"format"`
	Register       string    `json:"register"`
	Cycle          string    `json:"cycle"`
	CycleID        uuid.UUID `json:"cycle_id"`
	SignedOffBy    string    `json:"signed_off_by"`
	Role           string    `json:"role,omitempty"`
	SignOffDate    string    `json:"sign_off_date"`
	HistorySeq     int64     `json:"history_seq"`
	HistoryHead    string    `json:"history_head"`
	SnapshotSHA256 string    `json:"snapshot_sha256"`
	Fingerprint    string    `json:"fingerprint"`
}

// ReceiptFormat names the receipt's layout.
const ReceiptFormat = "ropa-signoff-receipt-v1"

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// ReceiptPath is where the receipt of the cycle called cycleName is kept:
// beside the register, as REGISTER.signoff-<cycle>.json.
func ReceiptPath(registerPath, cycleName string) string {
	slug := strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(cycleName), "-"), "-")
	if slug == "" {
		slug = "cycle"
	}
	return registerPath + ".signoff-" + slug + ".json"
}

// SignOffReceipt builds the receipt of a cycle signed off with its
// sign-off chained (ENOTFOUND otherwise).
func (db *DB) SignOffReceipt(ctx context.Context, cycleID uuid.UUID) (*Receipt, error) {
	c, err := db.Cycle(ctx, cycleID)
	if err != nil {
		return nil, err
	}
	if c.SignOff == nil {
		return nil, model.Errorf(model.ENOTFOUND, "The review cycle %q is not signed off, so it has no receipt.", c.Name)
	}
	e, ok, err := db.SignOffHead(ctx, cycleID)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, model.Errorf(model.ENOTFOUND, "The review cycle %q was signed off by an earlier version of ROPA Desk, which did not record its sign-off in the history, so it has no receipt.", c.Name)
	}
	var snapDigest string
	if err := json.Unmarshal([]byte(e.New), &snapDigest); err != nil {
		return nil, fmt.Errorf("read sign-off of %q: %w", c.Name, err)
	}
	fp, _, err := db.SignedOffFingerprint(ctx, cycleID)
	if err != nil {
		return nil, err
	}
	return &Receipt{
		Format: ReceiptFormat, Register: filepath.Base(db.path), Cycle: c.Name, CycleID: c.ID,
		SignedOffBy: c.SignOff.By, Role: c.SignOff.Role, SignOffDate: c.SignOff.Date.Format("2006-01-02"),
		HistorySeq: e.Seq, HistoryHead: e.Hash, SnapshotSHA256: snapDigest, Fingerprint: fp,
	}, nil
}

// WriteReceipt writes the cycle's receipt to ReceiptPath, readable only by
// its owner (it says who signed what, and an insider who can rewrite it
// defeats its purpose), and returns the path.
func (db *DB) WriteReceipt(ctx context.Context, cycleID uuid.UUID) (string, error) {
	r, err := db.SignOffReceipt(ctx, cycleID)
	if err != nil {
		return "", err
	}
	out, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return "", fmt.Errorf("write receipt: %w", err)
	}
	path := ReceiptPath(db.path, r.Cycle)
	tmp, err := os.CreateTemp(filepath.Dir(path), ".receipt-*")
	if err != nil {
		return "", fmt.Errorf("write receipt %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(out, '\n')); err != nil {
		tmp.Close()
		return "", fmt.Errorf("write receipt %s: %w", path, err)
	}
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return "", fmt.Errorf("write receipt %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return "", fmt.Errorf("write receipt %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("write receipt %s: %w", path, err)
	}
	if err := renameDurably(tmp.Name(), path); err != nil {
		return "", fmt.Errorf("write receipt %s: %w", path, err)
	}
	return path, nil
}

// SignOffGaps says what the cycle lacks now — activities not reviewed in
// it, open errors, its latest review — so that a sign-off form can ask for
// the acknowledgement, and bound the date, before SignOff refuses.
func (db *DB) SignOffGaps(ctx context.Context, cycleID uuid.UUID) (model.SignOffGaps, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return model.SignOffGaps{}, err
	}
	defer tx.Rollback()
	c, err := findCycle(ctx, tx, "id = ?", cycleID.String())
	if err != nil {
		return model.SignOffGaps{}, err
	}
	reg, err := loadRegister(ctx, tx)
	if err != nil {
		return model.SignOffGaps{}, fmt.Errorf("read the gaps of %q: %w", c.Name, err)
	}
	return model.CycleGaps(reg, c, now()), nil
}
