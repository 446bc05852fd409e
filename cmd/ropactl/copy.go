package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
	pgstore "github.com/ropadesk/ropadesk/store/pg"
)

func init() {
	register(&command{
		name:    "copy",
		args:    "FROM TO",
		summary: "copy a register between a .ropa file and a shared register (PostgreSQL)",
		usage: `
Copies the register FROM into TO losslessly: every organisation and
activity byte for byte, and the whole change history with its own times,
users and hashes, so the copy verifies with the same chain head. Either
may be a register file (.ropa) or a shared register on PostgreSQL
(postgres://USER@HOST/DATABASE?sslmode=verify-full; the password comes
from PGPASSWORD or PGPASSFILE, never the command line). TO must be new: a
file that does not exist yet, or a database with no register in it.

After copying, both ends are verified (the history's hashes, its chain,
and that replaying it gives what each holds) and their fingerprints
compared; the copy is reported only when they agree.

A shared register does not keep review cycles, information assets,
suppliers or recorded privacy notices yet: a file holding any is not
copied to one.

Examples:
  ropactl copy clinic.ropa "postgres://dpo@db.trust.nhs.uk/ropa?sslmode=verify-full"
  ropactl copy "postgres://dpo@db.trust.nhs.uk/ropa" snapshot.ropa
`,
		run: runCopy,
	})
}

// copyStore is what copy needs of either store.
type copyStore interface {
	ReadCopy(ctx context.Context) (*store.Copy, error)
	WriteCopy(ctx context.Context, c *store.Copy) error
	VerifyHistory(ctx context.Context) (store.VerifyResult, error)
	Register(ctx context.Context) (*model.Register, error)
	HistoryHead(ctx context.Context) (string, error)
	Path() string
	Close() error
}

func runCopy(e *env, args []string) error {
	fs := newFlags(e)
	pos, err := parse(fs, args, 2)
	if err != nil {
		return err
	}
	from, to := pos[0], pos[1]
	src, err := openCopySource(e.ctx, from)
	if err != nil {
		return err
	}
	defer src.Close()
	c, err := src.ReadCopy(e.ctx)
	if err != nil {
		return err
	}
	if res, err := src.VerifyHistory(e.ctx); err != nil {
		return err
	} else if !res.OK() {
		return model.Errorf(model.EINVALID, "%s does not verify (%s), so it was not copied: run 'ropactl verify' on it to see what is wrong.", src.Path(), res.Problems[0].Message)
	}
	if len(c.Left) > 0 && pgstore.IsConnString(to) {
		return model.Errorf(model.EINVALID, "Nothing was copied: %s holds %s, which a shared register does not keep yet.", src.Path(), strings.Join(c.Left, ", "))
	}
	dst, err := openCopyTarget(e.ctx, to)
	if err != nil {
		return err
	}
	if err := dst.WriteCopy(e.ctx, c); err != nil {
		dst.Close()
		removeNewFile(to)
		return err
	}
	srcFP, srcHead, err := fingerprintOf(e.ctx, src)
	if err != nil {
		dst.Close()
		return err
	}
	dstFP, dstHead, err := fingerprintOf(e.ctx, dst)
	if err != nil {
		dst.Close()
		return err
	}
	res, err := dst.VerifyHistory(e.ctx)
	if err != nil {
		dst.Close()
		return err
	}
	if cerr := dst.Close(); cerr != nil {
		return fmt.Errorf("close %s: %w", to, cerr)
	}
	if !res.OK() || srcFP != dstFP || srcHead != dstHead {
		msg := "the fingerprints differ"
		if !res.OK() {
			msg = res.Problems[0].Message
		}
		if !pgstore.IsConnString(to) {
			removeNewFile(to)
			return model.Errorf(model.EINTERNAL, "The copy did not match %s (%s), so %s was removed again.", src.Path(), msg, to)
		}
		return model.Errorf(model.EINTERNAL, "The copy in %s does not match %s (%s); do not use it.", dstName(to), src.Path(), msg)
	}
	fmt.Fprintf(e.stdout, "Copied %d organisations, %d activities and %d history entries from %s to %s.\nBoth verify: history head %s, fingerprint %s.\n",
		len(c.Organisations), len(c.Activities), len(c.History), src.Path(), dstName(to), dstHead, dstFP)
	return nil
}

func openCopySource(ctx context.Context, from string) (copyStore, error) {
	if pgstore.IsConnString(from) {
		return pgstore.Open(ctx, from)
	}
	return store.OpenReadOnly(ctx, from)
}

func openCopyTarget(ctx context.Context, to string) (copyStore, error) {
	if pgstore.IsConnString(to) {
		db, err := pgstore.Open(ctx, to)
		if err != nil {
			return nil, err
		}
		if why := db.ReadOnly(); why != "" {
			db.Close()
			return nil, model.Errorf(model.EREADONLY, "%s", why)
		}
		return db, nil
	}
	db, err := store.Create(ctx, to)
	if err != nil {
		return nil, err
	}
	db.SetUser(userName())
	return db, nil
}

// removeNewFile removes a register file copy made and could not fill.
func removeNewFile(to string) {
	if !pgstore.IsConnString(to) {
		removeRegister(to)
	}
}

// dstName names the target for the report without a password.
func dstName(to string) string {
	if pgstore.IsConnString(to) {
		return pgstore.Redact(to)
	}
	return to
}

func fingerprintOf(ctx context.Context, s copyStore) (fp, head string, err error) {
	r, err := s.Register(ctx)
	if err != nil {
		return "", "", err
	}
	if head, err = s.HistoryHead(ctx); err != nil {
		return "", "", err
	}
	return model.Fingerprint(r, head), head, nil
}
