package main

import (
	_ "embed"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
)

// fyneAppTOML is the one place the version is written. `fyne package`
// reads it; a plain `go build` would otherwise leave Fyne's default
// metadata, whose version 0.0.1 the About box showed.
//
//go:embed FyneApp.toml
var fyneAppTOML string

func init() {
	app.SetMetadata(metadataFrom(fyneAppTOML))
}

// metadataFrom reads the [Details] of FyneApp.toml: ID, Name, Version and
// Build are all the app uses.
func metadataFrom(toml string) fyne.AppMetadata {
	var m fyne.AppMetadata
	section := ""
	for _, line := range strings.Split(toml, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[") {
			section = strings.Trim(line, "[]")
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok || section != "Details" {
			continue
		}
		k, v = strings.TrimSpace(k), strings.Trim(strings.TrimSpace(v), `"`)
		switch k {
		case "ID":
			m.ID = v
		case "Name":
			m.Name = v
		case "Version":
			m.Version = v
		case "Build":
			m.Build, _ = strconv.Atoi(v)
		}
	}
	return m
}
