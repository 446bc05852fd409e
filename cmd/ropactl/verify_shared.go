package main

import "fmt"

// verifyShared verifies a shared register: the history's hashes, its
// chain, and that replaying it gives what the server holds. The server
// keeps its own storage sound, so there is no file to check for damage
// or foreign tables, as there is for a .ropa file.
func verifyShared(e *env, conn string) error {
	db, err := openStore(e, conn, false)
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := db.VerifyHistory(e.ctx)
	if err != nil {
		return err
	}
	if !res.OK() {
		fmt.Fprintf(e.stdout, "FAIL history: %d problems in %d entries:\n", len(res.Problems), res.Entries)
		for _, p := range res.Problems {
			fmt.Fprintf(e.stdout, "     %s\n", p.Message)
		}
		return errFindings
	}
	fmt.Fprintf(e.stdout, "ok   history: %d entries verify, and replaying them gives what the shared register %s holds; head %s\n", res.Entries, db.Path(), orNone(res.Head))
	return nil
}
