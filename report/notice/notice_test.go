package notice

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
)

const mhws = "Mental Health and Well Being Services Ltd"

func mustSelect(t *testing.T, reg *model.Register, org, audience string) *Scope {
	t.Helper()
	s, err := Select(reg, org, audience)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func checkSeed(t *testing.T, org, audience, file string) *Coverage {
	t.Helper()
	text, err := ReadNoticeFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	return Check(mustSelect(t, exchange.Example(), org, audience), file, text)
}

// row finds the one finding for item and subject (or activity).
func row(t *testing.T, c *Coverage, item int, subject string) Finding {
	t.Helper()
	var hits []Finding
	for _, f := range c.Findings {
		if f.Item == item && (f.Subject == subject || (f.Activity == subject && f.Subject == "")) {
			hits = append(hits, f)
		}
	}
	if len(hits) != 1 {
		t.Fatalf("item %d %q: %d rows, want 1: %+v", item, subject, len(hits), hits)
	}
	return hits[0]
}

func wantRow(t *testing.T, c *Coverage, item int, subject string, result Result, class string) Finding {
	t.Helper()
	f := row(t, c, item, subject)
	if f.Result != result || f.Class != class {
		t.Errorf("item %d %q: %s %s, want %s %s (%s; sentence %q)", item, subject, f.Result, f.Class, result, class, f.Why, f.Sentence)
	}
	return f
}

func TestMHWSSeed(t *testing.T) {
	c := checkSeed(t, mhws, "service_users", "mhws-privacy-notice.txt")
	t.Run("SpecialCategories", func(t *testing.T) {
		// The notice names all eight; the activities record two.
		for _, s := range []string{"Political opinions", "Trade union membership", "Genetic data", "Biometric data (for identification)", "Religious or philosophical beliefs", "Sex life or sexual orientation"} {
			wantRow(t, c, 7, s, Gap, Advisable)
		}
		wantRow(t, c, 7, "Racial or ethnic origin", Covered, "")
		f := wantRow(t, c, 7, "Health", Covered, "")
		if strings.Contains(f.Sentence, "Mental Health and Well Being Services Ltd") {
			t.Errorf("health is taken from the organisation's name: %q", f.Sentence)
		}
		if g := wantRow(t, c, 7, "Genetic data", Gap, Advisable); g.Sentence != "Genetic data" {
			t.Errorf("genetic: sentence %q, want the notice's list item", g.Sentence)
		}
	})
	t.Run("LawfulBases", func(t *testing.T) {
		for _, b := range []string{"Consent", "Contract", "Legal obligation", "Vital interests", "Legitimate interests"} {
			wantRow(t, c, 5, b, Covered, "")
		}
		for _, f := range c.Findings {
			if f.Item == 5 && (f.Subject == "Public task" || f.Subject == "Recognised legitimate interest") {
				t.Errorf("a basis neither side has is reported: %+v", f)
			}
		}
	})
	t.Run("RetentionVague", func(t *testing.T) {
		f := wantRow(t, c, 10, "Care records: diagnoses, treatment and care", Gap, Advisable)
		if !strings.Contains(f.Sentence, "as long as necessary") {
			t.Errorf("retention sentence %q", f.Sentence)
		}
	})
	t.Run("OptOut", func(t *testing.T) {
		wantRow(t, c, 18, "", Covered, "")
	})
	t.Run("Required", func(t *testing.T) {
		wantRow(t, c, 13, "", Gap, Required) // no word of the ICO
		wantRow(t, c, 17, "", Gap, Required) // no complaints procedure
		wantRow(t, c, 3, mhws, Gap, Required)
		wantRow(t, c, 12, "", Covered, "")
		if c.Required == 0 {
			t.Error("no REQUIRED gap")
		}
	})
}

func TestCommunityLivingWellSeed(t *testing.T) {
	c := checkSeed(t, "Community Living Well", "service_users", "community-living-well-privacy-notice.txt")
	partners := 0
	for _, f := range c.Findings {
		if f.Item == 1 {
			partners++
			if !strings.Contains(strings.ToLower(normalise(f.Sentence)), strings.ToLower(normalise(f.Subject))) && f.Sentence != "" && f.Class == Required && strings.Contains(f.Why, "never names") {
				t.Errorf("partner not found: %+v", f)
			}
		}
	}
	if partners != 6 {
		t.Fatalf("%d controllers checked, want the six partners", partners)
	}
	// Each partner's shared-service activity names the other five.
	wantRow(t, c, 8, "Community Living Well clinical service", Covered, "")
	for _, f := range c.Findings {
		if f.Item == 8 && f.Subject == "Joint controllers" && f.Result != Covered {
			t.Errorf("joint controllers: %+v", f)
		}
	}
	// Marketing by consent: the newsletter activity is in the audience, and
	// the notice's consent wording covers it.
	if !strings.Contains(strings.Join(c.Activities, "|"), "Newsletter and peer-support updates") {
		t.Fatalf("newsletter not in the audience: %v", c.Activities)
	}
	wantRow(t, c, 5, "Consent", Covered, "")
	wantRow(t, c, 12, "", Covered, "")
	wantRow(t, c, 11, "Object to direct marketing", Covered, "")
	wantRow(t, c, 4, "Newsletter and peer-support updates", Covered, "")
	wantRow(t, c, 9, "Newsletter and peer-support updates", Gap, Required) // US transfer not mentioned
	wantRow(t, c, 5, "Public task", Gap, Required)                         // CNWL's basis
	wantRow(t, c, 5, "Contract", Gap, Advisable)                           // named, recorded by none
	wantRow(t, c, 10, "Referrals from GPs", Gap, Advisable)                // "as long as is reasonable and necessary"
	wantRow(t, c, 13, "", Covered, "")
	wantRow(t, c, 17, "", Covered, "")
	wantRow(t, c, 3, "Jobs in Mind", Covered, "")
}

func TestRoundTripMHWS(t *testing.T) {
	s := mustSelect(t, exchange.Example(), mhws, model.AudienceServiceUsers)
	doc := Generate(s, Options{})
	for name, text := range map[string]string{"markdown": string(doc.Markdown()), "html": stripHTML(string(doc.HTML()))} {
		c := Check(s, name, text)
		for _, f := range c.Findings {
			if f.Class == Required {
				t.Errorf("%s: REQUIRED gap in the generated notice: %+v", name, f)
			}
		}
		if c.Required != 0 {
			t.Errorf("%s: %d REQUIRED gaps", name, c.Required)
		}
	}
}

func TestGenerate(t *testing.T) {
	reg := exchange.Example()
	s := mustSelect(t, reg, mhws, model.AudienceServiceUsers)
	md := Generate(s, Options{}).Markdown()
	t.Run("Deterministic", func(t *testing.T) {
		if again := Generate(mustSelect(t, exchange.Example(), mhws, "Service users"), Options{}).Markdown(); !bytes.Equal(md, again) {
			t.Error("two runs differ")
		}
	})
	t.Run("PlainEnglish", func(t *testing.T) {
		for _, bad := range []string{"Art 6", "Art 9", "6(1)", "legal_obligation", "racial_ethnic_origin", "health_social_care", "service_users"} {
			if bytes.Contains(md, []byte(bad)) {
				t.Errorf("notice contains %q", bad)
			}
		}
		withArt := Generate(s, Options{Articles: true}).Markdown()
		if !bytes.Contains(withArt, []byte("UK GDPR Art 6(1)(b)")) {
			t.Error("Articles option adds no article")
		}
	})
	t.Run("Checklist", func(t *testing.T) {
		for _, want := range []string{"## Who we are", "privacy@mhws.example.org", "## Our Data Protection Officer", "Zoë Ní Bhriain",
			"### Research and service improvement", "legitimate interests", "## The national data opt-out", "whether the NHS or you pay",
			"## Your rights", "right of access", "## Withdrawing your consent", "## How to complain to us", "dpo@mhws.example.org",
			"Information Commissioner", "we receive the rest from", "Ireland", "health and racial or ethnic origin"} {
			if !bytes.Contains(md, []byte(want)) {
				t.Errorf("notice lacks %q", want)
			}
		}
	})
	t.Run("HTMLEscaped", func(t *testing.T) {
		reg := exchange.Example()
		for i := range reg.Activities {
			if reg.Activities[i].Name == "Online account" {
				reg.Activities[i].Name = `Online <script>alert("x")</script> account`
				reg.Activities[i].Purposes[0] = "Log in *now* [here](http://evil)"
			}
		}
		s := mustSelect(t, reg, mhws, model.AudienceServiceUsers)
		h := Generate(s, Options{}).HTML()
		if bytes.Contains(h, []byte("<script>")) || !bytes.Contains(h, []byte("&lt;script&gt;")) {
			t.Errorf("HTML not escaped")
		}
		if m := Generate(s, Options{}).Markdown(); !bytes.Contains(m, []byte(`\*now\* \[here\]`)) {
			t.Errorf("Markdown not escaped")
		}
	})
	t.Run("Partnership", func(t *testing.T) {
		s := mustSelect(t, reg, "community living well", model.AudienceNewsletterSubscribers)
		md := string(Generate(s, Options{}).Markdown())
		if !strings.Contains(md, "partnership of six organisations") || !strings.Contains(md, "United States") {
			t.Errorf("partnership notice:\n%s", md)
		}
	})
	t.Run("UnknownOrganisation", func(t *testing.T) {
		_, err := Select(reg, "Nobody Ltd", "")
		if err == nil || !strings.Contains(model.ErrorMessage(err), "Community Living Well") {
			t.Errorf("err = %v", err)
		}
		_, err = Select(reg, mhws, "staff")
		if err == nil || !strings.Contains(model.ErrorMessage(err), "Service users") {
			t.Errorf("err = %v", err)
		}
	})
}

func TestBadNoticeFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"Empty", "empty.txt", []byte(" \n\t"), "is empty"},
		{"Binary", "bin.txt", []byte("abc\x00\x01\x02def"), "not text"},
		{"PDF", "n.txt", []byte("%PDF-1.7\n..."), "PDF or Word"},
		{"UTF16", "u.txt", []byte{0xFF, 0xFE, 'a', 0}, "UTF-16"},
		{"Enormous", "big.txt", bytes.Repeat([]byte("a"), MaxNoticeSize+1), "larger than 5 MB"},
		{"EmptyHTML", "e.html", []byte("<html><script>x()</script></html>"), "no text"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadNoticeFile(write(tc.file, tc.data))
			if err == nil || !strings.Contains(model.ErrorMessage(err), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
	t.Run("Missing", func(t *testing.T) {
		if _, err := ReadNoticeFile(filepath.Join(dir, "none.txt")); err == nil {
			t.Error("no error")
		}
	})
	t.Run("Windows1252", func(t *testing.T) {
		text, err := ReadNoticeFile(write("w.txt", []byte("St Mary Abbot\x92s \x93notice\x94 \x96 Zo\xeb")))
		if err != nil || text != "St Mary Abbot’s “notice” – Zoë" {
			t.Errorf("text %q, err %v", text, err)
		}
	})
	t.Run("HTML", func(t *testing.T) {
		text, err := ReadNoticeFile(write("n.html", []byte(`<!DOCTYPE html><html><head><style>p{}</style><title>T</title></head><body><p>We keep it for <b>six</b> years.</p><ul><li>Courts &amp; officials</li></ul><script>bad()</script></body></html>`)))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(text, "bad()") || strings.Contains(text, "p{}") || !strings.Contains(text, "We keep it for six years.") || !strings.Contains(text, "• Courts & officials") {
			t.Errorf("text %q", text)
		}
	})
}
