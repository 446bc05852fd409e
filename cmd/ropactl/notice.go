package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ropadesk/ropadesk/desk"
	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/report/notice"
	pgstore "github.com/ropadesk/ropadesk/store/pg"
)

func init() {
	register(&command{
		name:    "notice",
		args:    "REGISTER --org NAME --audience A [--format html|md] [--out FILE] | notice check REGISTER --org NAME [--audience A] [--json] [--record [--source URL]] NOTICE",
		summary: "write a draft privacy notice, or check a published one against the register",
		usage: `
notice REGISTER --org NAME --audience A
  Writes a draft privacy notice (UK GDPR Articles 13 and 14) for one
  organisation, or a whole partnership, and one audience, from the register:
  every item of the ICO checklist, the complaints procedure, and the
  national data opt-out where it applies, in plain English, one section
  per activity. The same register always gives the same bytes.

  --org NAME        organisation or partnership name (as in 'ropactl list')
  --audience A      service_users, representatives, staff, website_visitors,
                    newsletter_subscribers, or your own audience name
  --format html|md  output format (default: from --out's extension, else md)
  --out FILE        write to FILE instead of standard output
  --articles        add the UK GDPR article after each basis and right

notice check REGISTER --org NAME NOTICE
  Reads a published notice (.txt, or .html with its tags stripped) and says,
  for each item of the ICO checklist and each activity, whether the notice
  covers it, quoting the sentence that does. Gaps are REQUIRED (the notice
  omits what the law requires) or ADVISABLE (it says more than the register
  supports, or is vague). The register is only read.

  --audience A      check only the activities of that audience (default:
                    every activity the organisation controls)
  --json            print the coverage as JSON
  --record          also record the notice in the register for the annual
                    review: the PDF's "Privacy notice coverage" section
                    checks the latest notice recorded for each organisation
                    and audience, and a sign-off freezes it. Nothing else in
                    the register changes; a bad notice file writes nothing.
                    Refused if another notice was recorded for the same
                    organisation and audience while this one was checked.
  --source URL      with --record: where the notice is published (default:
                    the file's name)

  Exits 0 when there is no REQUIRED gap, 1 when there is (the notice is
  recorded either way), 2 on a usage error.

Examples:
  ropactl notice demo.ropa --org "Mental Health and Well Being Services Ltd" --audience service_users --out notice.html
  ropactl notice check demo.ropa --org "Community Living Well" --audience service_users clw-notice.txt
  ropactl notice check demo.ropa --org "Mental Health and Well Being Services Ltd" --audience service_users \
      --record --source https://example.org/privacy mhws-notice.txt
`,
		run: runNotice,
	})
}

func runNotice(e *env, args []string) error {
	if len(args) > 0 && args[0] == "check" {
		return runNoticeCheck(e, args[1:])
	}
	fs := newFlags(e)
	org := fs.String("org", "", "")
	audience := fs.String("audience", "", "")
	format := fs.String("format", "", "")
	out := fs.String("out", "", "")
	articles := fs.Bool("articles", false, "")
	pos, err := parse(fs, args, 1)
	if err != nil {
		return err
	}
	if strings.TrimSpace(*org) == "" {
		return usagef("say which organisation with --org NAME")
	}
	if strings.TrimSpace(*audience) == "" {
		return usagef("say which audience with --audience (for example service_users)")
	}
	f := strings.ToLower(*format)
	if f == "" {
		switch strings.ToLower(filepath.Ext(*out)) {
		case ".html", ".htm":
			f = "html"
		default:
			f = "md"
		}
	}
	if f == "markdown" {
		f = "md"
	}
	if f != "html" && f != "md" {
		return usagef("--format must be html or md, not %q", *format)
	}
	reg, err := readRegister(e, pos[0])
	if err != nil {
		return err
	}
	s, err := notice.Select(reg, *org, *audience)
	if err != nil {
		return err
	}
	doc := notice.Generate(s, notice.Options{Articles: *articles})
	data := doc.Markdown()
	if f == "html" {
		data = doc.HTML()
	}
	if *out == "" {
		_, err := e.stdout.Write(data)
		return err
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		return fmt.Errorf("write notice %s: %w", *out, err)
	}
	fmt.Fprintf(e.stderr, "Wrote the privacy notice for %s (%s) to %s.\n", s.Name, strings.ToLower(s.AudienceName()), *out)
	return nil
}

func runNoticeCheck(e *env, args []string) error {
	fs := newFlags(e)
	org := fs.String("org", "", "")
	audience := fs.String("audience", "", "")
	asJSON := fs.Bool("json", false, "")
	record := fs.Bool("record", false, "")
	source := fs.String("source", "", "")
	pos, err := parse(fs, args, 2)
	if err != nil {
		return err
	}
	if strings.TrimSpace(*org) == "" {
		return usagef("say which organisation with --org NAME")
	}
	// The file first: a bad one is refused before the register is opened,
	// so --record never writes (nor upgrades the file) for nothing.
	f, err := desk.ReadNotice(pos[1], *source)
	if err != nil {
		return err
	}
	var chk *desk.NoticeCheck
	if *record {
		if err := f.Recordable(); err != nil {
			return err
		}
		if chk, err = recordNotice(e, pos[0], *org, *audience, f); err != nil {
			return err
		}
	} else {
		reg, err := readRegister(e, pos[0])
		if err != nil {
			return err
		}
		if chk, err = desk.CheckNotice(reg, *org, *audience, f); err != nil {
			return err
		}
	}
	cov := chk.Coverage
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(cov); err != nil {
			return err
		}
	} else if err := cov.WriteTable(e.stdout); err != nil {
		return err
	}
	if cov.Required > 0 {
		return errFindings
	}
	return nil
}

// recordNotice checks the notice against the register opened for writing
// and records it for the annual review, saying so on standard error.
func recordNotice(e *env, path, org, audience string, f desk.NoticeFile) (*desk.NoticeCheck, error) {
	db, err := openStore(e, path, true)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	reg, err := db.Register(e.ctx)
	if err != nil {
		return nil, fmt.Errorf("read register %s: %w", pgstore.Redact(path), err)
	}
	chk, err := desk.CheckNotice(reg, org, audience, f)
	if err != nil {
		return nil, err
	}
	rec, recorded, err := desk.RecordNotice(e.ctx, db, chk)
	if err != nil {
		return nil, err
	}
	who := fmt.Sprintf("%s (%s)", chk.Organisation, strings.ToLower(chk.Coverage.Audience))
	if recorded {
		fmt.Fprintf(e.stderr, "Recorded %s as the published notice for %s, for the annual review (SHA-256 %s).\n", rec.Source, who, rec.SHA256)
	} else {
		fmt.Fprintf(e.stderr, "This notice is already the one recorded for %s (by %s on %s); nothing was changed.\n", who, rec.RecordedBy, rec.RecordedAt.Format("2 January 2006"))
	}
	return chk, nil
}

// readRegister reads the whole register and closes it: a notice is written
// or checked from what the register holds, and nothing is written back.
func readRegister(e *env, path string) (*model.Register, error) {
	db, err := openStore(e, path, false)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	r, err := db.Register(e.ctx)
	if err != nil {
		return nil, fmt.Errorf("read register %s: %w", pgstore.Redact(path), err)
	}
	return r, nil
}
