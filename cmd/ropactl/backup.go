package main

import (
	"context"
	"fmt"

	"github.com/ropadesk/ropadesk/desk"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
	pgstore "github.com/ropadesk/ropadesk/store/pg"
)

func init() {
	register(&command{
		name:    "backup",
		args:    "REGISTER [--dir DIR] | backup list REGISTER | backup keep REGISTER [--daily N] [--weekly N]",
		summary: "back up a register, list its backups, or say how many are kept",
		usage: `
Writes a consistent copy of REGISTER (SQLite's VACUUM INTO, synced to disk
and checked with quick_check before it gets its final name) into the
register's backups folder: "NAME backups" beside the register, the same
folder the desktop app uses. It works while the app has the register open.

"backup list REGISTER" lists the backups in that folder, newest first, with
their time, size, and whether they pass SQLite's quick check.

"backup keep REGISTER" prints how many days and weeks of backups the
rotation keeps; with --daily N (3 to 366) or --weekly N (1 to 520) it
changes that. A change is recorded in the register's change history (and
so checked by verify); a value out of range is refused and changes nothing.
It takes the register's lock, so it fails while the app has it open.

Flags:
  --dir DIR   write the backup into DIR instead

Examples:
  ropactl backup clinic.ropa
  ropactl backup clinic.ropa --dir /mnt/offsite
  ropactl backup list clinic.ropa
  ropactl backup keep clinic.ropa --daily 14 --weekly 8
`,
		run: runBackup,
	})
	register(&command{
		name:    "restore",
		args:    "REGISTER BACKUP",
		summary: "put a backup in place of a register",
		usage: `
Replaces REGISTER with BACKUP, after checking that BACKUP is a sound
register. The current REGISTER is first backed up itself (as a
"before-restore" backup in its backups folder), so a restore can be undone.
The register must not be open in ROPA Desk: close it first. A backup of
another register (its change history began elsewhere) is refused unless
--another-register is given.

Flags:
  --another-register   replace REGISTER even with a backup of another register

Examples:
  ropactl backup list clinic.ropa
  ropactl restore clinic.ropa "clinic backups/clinic-20261123T040102Z.ropa"
`,
		run: runRestore,
	})
}

func runBackup(e *env, args []string) error {
	if len(args) > 0 && args[0] == "list" {
		return runBackupList(e, args[1:])
	}
	if len(args) > 0 && args[0] == "keep" {
		return runBackupKeep(e, args[1:])
	}
	fs := newFlags(e)
	dir := fs.String("dir", "", "")
	pos, err := parse(fs, args, 1)
	if err != nil {
		return err
	}
	db, err := openStore(e, pos[0], false)
	if err != nil {
		return err
	}
	defer db.Close()
	p, err := db.Backup(e.ctx, *dir)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, p)
	return nil
}

func runBackupList(e *env, args []string) error {
	fs := newFlags(e)
	pos, err := parse(fs, args, 1)
	if err != nil {
		return err
	}
	if pgstore.IsConnString(pos[0]) {
		return sharedOnly("Listing backups", "its backups are register files in the folder 'ropactl backup' printed, which 'ropactl verify FILE' checks one by one")
	}
	list, err := store.ListBackups(store.DefaultBackupDir(pos[0]))
	if err != nil {
		return err
	}
	if len(list) == 0 {
		fmt.Fprintf(e.stderr, "There are no backups in %s.\n", store.DefaultBackupDir(pos[0]))
		return nil
	}
	for _, b := range list {
		state := "ok"
		if !b.OK {
			state = "DAMAGED: " + b.Problem
		}
		reason := b.Reason
		if reason == "" {
			reason = "-"
		}
		fmt.Fprintf(e.stdout, "%s\t%d\t%s\t%s\t%s\n", b.Time.Format("2006-01-02T15:04:05Z"), b.Size, reason, state, b.Path)
	}
	return nil
}

func runRestore(e *env, args []string) error {
	fs := newFlags(e)
	another := fs.Bool("another-register", false, "")
	pos, err := parse(fs, args, 2)
	if err != nil {
		return err
	}
	if pgstore.IsConnString(pos[0]) {
		return model.Errorf(model.EINVALID, "A backup is not restored over a shared register: copy it into a new, empty database with 'ropactl copy BACKUP CONNECTION' (or restore the database's pg_dump with pg_restore).")
	}
	done, err := desk.Restore(e.ctx, registerFiles{}, pos[0], pos[1], desk.RestoreOptions{AnotherRegister: *another})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "Restored %s from %s; the file it replaced is kept in %s.\n", done.Register, done.Backup, done.KeptIn)
	return nil
}

// registerFiles is the store's register files as desk.Restore needs them.
type registerFiles struct{}

var _ desk.RegisterFiles = registerFiles{}

func (registerFiles) ReplaceWithBackup(ctx context.Context, registerPath, backupPath string, another bool) error {
	return store.RestoreWith(ctx, registerPath, backupPath, store.RestoreOptions{AnotherRegister: another})
}

func (registerFiles) BackupDir(registerPath string) string {
	return store.DefaultBackupDir(registerPath)
}

// runBackupKeep prints or changes the backup rotation settings.
func runBackupKeep(e *env, args []string) error {
	fs := newFlags(e)
	daily := fs.String("daily", "", "")
	weekly := fs.String("weekly", "", "")
	pos, err := parse(fs, args, 1)
	if err != nil {
		return err
	}
	if pgstore.IsConnString(pos[0]) {
		return model.Errorf(model.EINVALID, "A shared register has no backup rotation of its own: its server's administrator keeps its backups (pg_dump), and 'ropactl backup CONNECTION' writes a checked snapshot to a file when asked.")
	}
	if *daily == "" && *weekly == "" {
		db, err := openRegister(e, pos[0])
		if err != nil {
			return err
		}
		defer db.Close()
		d, w := db.RotationSettings(e.ctx)
		fmt.Fprintf(e.stdout, "daily\t%d\nweekly\t%d\n", d, w)
		return nil
	}
	db, err := openWriter(e, pos[0])
	if err != nil {
		return err
	}
	defer db.Close()
	for _, s := range []struct{ key, value string }{{store.SettingKeepDaily, *daily}, {store.SettingKeepWeekly, *weekly}} {
		if s.value == "" {
			continue
		}
		if err := db.SetSetting(e.ctx, s.key, s.value); err != nil {
			return err
		}
	}
	d, w := db.RotationSettings(e.ctx)
	fmt.Fprintf(e.stderr, "Backups of %s: the newest of each of the last %d days and of the %d weeks before are kept.\n", pos[0], d, w)
	return nil
}
