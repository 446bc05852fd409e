//go:build linux

package store_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

const fileSizeEnv = "ROPADESK_FILESIZE_CHILD"

// TestFileSizeChild writes into the register until a save fails, and
// prints the message the DPO would see.
func TestFileSizeChild(t *testing.T) {
	path := os.Getenv(fileSizeEnv)
	if path == "" {
		t.Skip("only run as TestFileSizeLimit's child process")
	}
	ctx := context.Background()
	db, err := store.OpenWritable(ctx, path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	orgs, _ := db.Organisations(ctx)
	for i := 0; i < 100000; i++ {
		a := minimal(orgs[0].ID, fmt.Sprintf("Activity %d", i))
		a.Description = strings.Repeat("x", 20000)
		if err := db.CreateActivity(ctx, a); err != nil {
			fmt.Printf("message %d %s\n", i, model.ErrorMessage(err))
			os.Exit(0)
		}
	}
	fmt.Println("never refused")
}

// TestFileSizeLimit: with ulimit -f, a save fails with the file-size
// message, not "disk I/O error", and the register stays sound.
func TestFileSizeLimit(t *testing.T) {
	path := newRegister(t)
	cmd := exec.Command("sh", "-c", `ulimit -f 2048 && exec "$0" -test.run='^TestFileSizeChild$'`, os.Args[0])
	cmd.Env = append(os.Environ(), fileSizeEnv+"="+path)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "largest file size allowed") || strings.Contains(string(out), "disk I/O error") {
		t.Fatalf("child said:\n%s", out)
	}
	db, err := store.OpenReadOnly(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.IntegrityCheck(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %s", filepath.Base(path), out)
}
