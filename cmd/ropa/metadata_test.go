package main

import (
	"regexp"
	"testing"
)

func TestMetadataFromFyneAppTOML(t *testing.T) {
	m := metadataFrom(fyneAppTOML)
	if !regexp.MustCompile(`^\d+\.\d+\.\d+$`).MatchString(m.Version) || m.Version == "0.0.1" {
		t.Errorf("version %q read from FyneApp.toml", m.Version)
	}
	if m.ID != "uk.org.ropadesk.app" || m.Name != "ROPA Desk" || m.Build < 1 {
		t.Errorf("metadata %+v", m)
	}
	if got := metadataFrom("[Details]\nVersion = \"2.3.4\"\n[Other]\nVersion = \"9.9.9\"\n").Version; got != "2.3.4" {
		t.Errorf("version %q, want the one under [Details]", got)
	}
}
