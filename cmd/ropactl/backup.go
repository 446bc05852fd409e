package main

import (
	"fmt"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
	pgstore "github.com/ropadesk/ropadesk/store/pg"
)

func init() {
	register(&command{
		name:    "backup",
		args:    "REGISTER [--dir DIR] | backup list REGISTER",
		summary: "back up a register, or list its backups",
		usage: `
Writes a consistent copy of REGISTER (SQLite's VACUUM INTO, synced to disk
and checked with quick_check before it gets its final name) into the
register's backups folder: "NAME backups" beside the register, the same
folder the desktop app uses. It works while the app has the register open.

"backup list REGISTER" lists the backups in that folder, newest first, with
their time, size, and whether they pass SQLite's quick check.

Flags:
  --dir DIR   write the backup into DIR instead

Examples:
  ropactl backup clinic.ropa
  ropactl backup clinic.ropa --dir /mnt/offsite
  ropactl backup list clinic.ropa
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
The register must not be open in ROPA Desk: close it first.

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
	pos, err := parse(fs, args, 2)
	if err != nil {
		return err
	}
	if pgstore.IsConnString(pos[0]) {
		return model.Errorf(model.EINVALID, "A backup is not restored over a shared register: copy it into a new, empty database with 'ropactl copy BACKUP CONNECTION' (or restore the database's pg_dump with pg_restore).")
	}
	if err := store.Restore(e.ctx, pos[0], pos[1]); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "Restored %s from %s; the file it replaced is kept in %s.\n", pos[0], pos[1], store.DefaultBackupDir(pos[0]))
	return nil
}
