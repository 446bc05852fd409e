// Package migrations reads a store's numbered, embedded schema migrations
// ("0001_init.sql", "0002_assets.sql" …). The register file's store and the
// shared PostgreSQL store each embed their own folder and apply what they
// read in their own way; reading and ordering them is the same for both.
package migrations

import (
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Migration is one numbered schema change.
type Migration struct {
	Version int
	Name    string // the file's name, for messages
	SQL     string
}

// Load reads every migration in dir of fsys, in order of their numbers.
// The folder is embedded at build time, so a file that cannot be read or
// is not numbered is a programming error: Load panics, naming who (the
// store) and the file.
func Load(fsys fs.FS, dir, who string) []Migration {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		panic(who + ": " + err.Error())
	}
	var out []Migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			panic(who + ": migration without a number: " + e.Name())
		}
		b, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			panic(who + ": " + err.Error())
		}
		out = append(out, Migration{Version: v, Name: e.Name(), SQL: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out
}
