package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/report"
	"github.com/ropadesk/ropadesk/store"
)

const (
	testCycle = "Annual review 2026"
	testDPO   = "Zoë Ní Bhriain"
)

// reviewedRegister is the example register with a cycle started on
// 1 June 2026 and every activity reviewed on 20 June 2026.
func reviewedRegister(t *testing.T) (dir, reg string) {
	t.Helper()
	dir = t.TempDir()
	reg = filepath.Join(dir, "demo.ropa")
	mustRun(t, "example", reg)
	mustRun(t, "review", "start", reg, "--name", testCycle, "--date", "2026-06-01")
	mustRun(t, "review", "mark", reg, "--cycle", testCycle, "--all", "--outcome", "no_change", "--reviewer", testDPO, "--date", "2026-06-20")
	return dir, reg
}

func signOffArgs(reg string, extra ...string) []string {
	return append([]string{"review", "signoff", reg, "--cycle", testCycle, "--by", testDPO, "--role", "Data Protection Officer",
		"--statement", "Complete and accurate.", "--date", "2026-06-30", "--approving-body", "Board of Trustees", "--reference", "Minute 2026/41"}, extra...)
}

func storedCycle(t *testing.T, reg string) *model.ReviewCycle {
	t.Helper()
	db, err := store.OpenWith(context.Background(), reg, store.Options{NoLock: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, err := db.CycleByName(context.Background(), testCycle)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSignOffRules(t *testing.T) {
	const ack = "The open findings are on the action plan agreed by the board."
	refused := []struct {
		name  string
		args  []string
		words []string
	}{
		{"ErrFutureDate", []string{"--date", "2031-01-01", "--acknowledge", ack}, []string{"in the future"}},
		{"ErrBeforeLatestReview", []string{"--date", "2026-06-10", "--acknowledge", ack}, []string{"before the latest review in the cycle (20 June 2026)"}},
		{"ErrNoRole", []string{"--role", "", "--acknowledge", ack}, []string{"role", "--role"}},
		{"ErrInitialOnly", []string{"--by", "X", "--acknowledge", ack}, []string{"full name"}},
		{"ErrOpenErrorsNotAcknowledged", nil, []string{"error is still open", "--acknowledge"}},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			_, reg := reviewedRegister(t)
			withOpenError(t, reg)
			r := ropactl(t, signOffArgs(reg, tt.args...)...)
			if r.code != 1 {
				t.Fatalf("exit %d, want 1\n%s%s", r.code, r.stdout, r.stderr)
			}
			for _, w := range tt.words {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
				}
			}
			if strings.Contains(r.stderr, "sign_off.") {
				t.Errorf("stderr shows a field code:\n%s", r.stderr)
			}
			if c := storedCycle(t, reg); c.SignOff != nil {
				t.Fatalf("signed off anyway: %+v", c.SignOff)
			}
		})
	}

	t.Run("UnreviewedNeedsAcknowledgement", func(t *testing.T) {
		dir := t.TempDir()
		reg := filepath.Join(dir, "demo.ropa")
		mustRun(t, "example", reg)
		mustRun(t, "review", "start", reg, "--name", testCycle, "--date", "2026-06-01")
		mustRun(t, "review", "mark", reg, "--cycle", testCycle, "--activity", "Online account", "--outcome", "no_change", "--reviewer", testDPO, "--date", "2026-06-20")
		r := ropactl(t, signOffArgs(reg)...)
		if r.code != 1 || !strings.Contains(r.stderr, "18 activities were not reviewed in this cycle") {
			t.Fatalf("exit %d\n%s", r.code, r.stderr)
		}
		r = mustRun(t, signOffArgs(reg, "--acknowledge", ack)...)
		c := storedCycle(t, reg)
		s := c.SignOff
		if s == nil || s.Acknowledgement != ack || s.Unreviewed != 18 {
			t.Fatalf("sign-off = %+v", s)
		}
		if s.Role != "Data Protection Officer" || s.ApprovingBody != "Board of Trustees" || s.Reference != "Minute 2026/41" || s.EnteredAt.IsZero() {
			t.Fatalf("sign-off lacks its details: %+v", s)
		}
		receipt := store.ReceiptPath(reg, testCycle)
		if !strings.Contains(r.stdout, "Receipt: "+receipt) {
			t.Fatalf("stdout:\n%s", r.stdout)
		}
		// Windows has no mode bits (Go reports 0666): the user's own
		// folder keeps the receipt private there.
		if fi, err := os.Stat(receipt); err != nil || (runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600) {
			t.Fatalf("receipt %s: %v %v", receipt, fi, err)
		}
		mustRun(t, "verify", reg, "--receipt", receipt)
	})
}

// withOpenError removes the lawful basis of one activity, an error the
// sign-off must acknowledge.
func withOpenError(t *testing.T, reg string) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, reg)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r, _ := db.Register(ctx)
	a := r.Activities[0]
	a.LawfulBases = nil
	if err := db.UpdateActivity(ctx, &a); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range model.CheckRegister(&model.Register{Organisations: r.Organisations, Activities: []model.Activity{a}}, clock()) {
		if f.Severity == model.SeverityError {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("the fixture has %d errors, want 1", n)
	}
}

// rechain recomputes every history hash in order, as an insider who knows
// the published algorithm could after rewriting entries.
func rechain(t *testing.T, d *sql.DB) {
	t.Helper()
	type row struct {
		seq                                 int64
		at, user, entity, id, action, field string
		old, new                            sql.NullString
	}
	rows, err := d.Query(`SELECT seq, at, user, entity, entity_id, action, field, old, new FROM history ORDER BY seq`)
	if err != nil {
		t.Fatal(err)
	}
	var all []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.seq, &r.at, &r.user, &r.entity, &r.id, &r.action, &r.field, &r.old, &r.new); err != nil {
			t.Fatal(err)
		}
		all = append(all, r)
	}
	rows.Close()
	prev := ""
	for _, r := range all {
		null := func(s sql.NullString) any {
			if !s.Valid {
				return nil
			}
			return s.String
		}
		canon, _ := json.Marshal([]any{prev, r.seq, r.at, r.user, r.entity, r.id, r.action, r.field, null(r.old), null(r.new)})
		sum := sha256.Sum256(canon)
		h := hex.EncodeToString(sum[:])
		if _, err := d.Exec(`UPDATE history SET prev_hash = ?, hash = ? WHERE seq = ?`, prev, h, r.seq); err != nil {
			t.Fatal(err)
		}
		prev = h
	}
}

// An insider rewrites the signer and the frozen copy, the history to match,
// and re-chains it from the start: the register verifies on its own, and
// only the receipt kept outside it tells.
func TestVerifyReceiptCatchesARewrittenChain(t *testing.T) {
	_, reg := reviewedRegister(t)
	mustRun(t, signOffArgs(reg, "--acknowledge", "Known findings.")...)
	receipt := store.ReceiptPath(reg, testCycle)
	mustRun(t, "verify", reg, "--receipt", receipt)

	d, err := sql.Open("sqlite", reg)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`UPDATE review_cycles SET signed_off_by = 'Jane Smith', snapshot = replace(replace(snapshot, '20 years', '2 years'), '` + testDPO + `', 'Jane Smith')`,
		`UPDATE meta SET value = replace(value, '` + testDPO + `', 'Jane Smith') WHERE key LIKE 'sign_off:%'`,
		`UPDATE history SET new = replace(new, '` + testDPO + `', 'Jane Smith') WHERE entity = 'cycle' AND field = 'sign_off'`,
		`UPDATE history SET new = json_quote((SELECT lower(hex(sha3(snapshot, 256))) FROM review_cycles)) WHERE field = 'snapshot_sha256'`,
	} {
		if _, err := d.Exec(q); err != nil && !strings.Contains(err.Error(), "sha3") {
			t.Fatal(q, err)
		}
	}
	// SQLite has no SHA-256 built in: the insider computes the frozen
	// copy's digest outside and writes it in.
	var snap string
	if err := d.QueryRow(`SELECT snapshot FROM review_cycles`).Scan(&snap); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(snap))
	dj, _ := json.Marshal(hex.EncodeToString(sum[:]))
	if _, err := d.Exec(`UPDATE history SET new = ? WHERE field = 'snapshot_sha256'`, string(dj)); err != nil {
		t.Fatal(err)
	}
	rechain(t, d)
	d.Close()

	if r := ropactl(t, "verify", reg); r.code != 0 {
		t.Fatalf("the re-chained forgery should verify on its own (that is what the receipt is for): exit %d\n%s", r.code, r.stdout)
	}
	r := ropactl(t, "verify", reg, "--receipt", receipt)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.stdout)
	}
	for _, w := range []string{"FAIL receipt", "history was rewritten", "frozen copy", `signer is "Jane Smith"; the receipt says "` + testDPO + `"`} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("stdout lacks %q:\n%s", w, r.stdout)
		}
	}
}

func TestVerifyPDFContent(t *testing.T) {
	if _, err := exec.LookPath("qpdf"); err != nil {
		t.Fatal("this test needs qpdf (apt-get install qpdf) to re-save and edit a PDF")
	}
	dir, reg := reviewedRegister(t)
	mustRun(t, signOffArgs(reg, "--acknowledge", "Known findings.")...)
	signed := filepath.Join(dir, "signed.pdf")
	mustRun(t, "export", reg, "--format", "pdf", "--cycle", testCycle, "--out", signed)

	t.Run("Genuine", func(t *testing.T) {
		r := mustRun(t, "verify", reg, "--pdf", signed)
		if !strings.Contains(r.stdout, "as frozen at its sign-off") || !strings.Contains(r.stdout, "bytes are identical") {
			t.Fatalf("stdout:\n%s", r.stdout)
		}
	})
	t.Run("ReSaved", func(t *testing.T) {
		resaved := filepath.Join(dir, "resaved.pdf")
		qpdf(t, "--object-streams=generate", signed, resaved)
		a, _ := os.ReadFile(signed)
		b, _ := os.ReadFile(resaved)
		if bytes.Equal(a, b) {
			t.Fatal("qpdf did not change the bytes")
		}
		r := mustRun(t, "verify", reg, "--pdf", resaved)
		if !strings.Contains(r.stdout, "re-saved by another program") {
			t.Fatalf("stdout:\n%s", r.stdout)
		}
	})
	t.Run("ErrPageTextAltered", func(t *testing.T) {
		qdf := filepath.Join(dir, "signed.qdf.pdf")
		qpdf(t, "--qdf", "--object-streams=disable", signed, qdf)
		raw, err := os.ReadFile(qdf)
		if err != nil {
			t.Fatal(err)
		}
		// The text is UTF-16 in hex strings: "20 years" becomes "10 years".
		from, to := utf16Hex("20 years"), utf16Hex("10 years")
		if bytes.Count(raw, from) == 0 {
			t.Fatal(`the PDF has no "20 years" to alter`)
		}
		edited := filepath.Join(dir, "edited.qdf.pdf")
		os.WriteFile(edited, bytes.ReplaceAll(raw, from, to), 0o600)
		fixed := filepath.Join(dir, "fixed.qdf.pdf")
		if out, err := exec.Command("fix-qdf", edited).Output(); err != nil {
			t.Fatalf("fix-qdf: %v", err)
		} else {
			os.WriteFile(fixed, out, 0o600)
		}
		altered := filepath.Join(dir, "altered.pdf")
		qpdf(t, fixed, altered)
		text := pdfToText(t, altered)
		if !strings.Contains(text, "10 years") {
			t.Fatal("the alteration did not reach the page text")
		}
		if f, _ := report.ExtractFingerprint(mustRead(t, altered)); f == "" {
			t.Fatal("the altered PDF lost its fingerprint")
		}
		r := ropactl(t, "verify", reg, "--pdf", altered)
		if r.code != 1 {
			t.Fatalf("exit %d, want 1\n%s", r.code, r.stdout)
		}
		page := pageOf(t, altered, "10 years")
		for _, w := range []string{"FAIL pdf", "content is not what ROPA Desk printed", "page " + page + " says", "10 years", "20 years"} {
			if !strings.Contains(r.stdout, w) {
				t.Errorf("stdout lacks %q:\n%s", w, r.stdout)
			}
		}
	})
	t.Run("ErrFingerprintPastedIntoAnotherPDF", func(t *testing.T) {
		other := filepath.Join(dir, "other.ropa")
		mustRun(t, "new", other, "--org", "Sixty Years Ltd")
		otherPDF := filepath.Join(dir, "other.pdf")
		mustRun(t, "export", other, "--format", "pdf", "--out", otherPDF)
		genuine, _ := report.ExtractFingerprint(mustRead(t, signed))
		theirs, _ := report.ExtractFingerprint(mustRead(t, otherPDF))
		forged := filepath.Join(dir, "forged.pdf")
		os.WriteFile(forged, bytes.ReplaceAll(mustRead(t, otherPDF), []byte(theirs), []byte(genuine)), 0o600)
		if f, _ := report.ExtractFingerprint(mustRead(t, forged)); f != genuine {
			t.Fatal("the forgery does not carry the genuine fingerprint")
		}
		r := ropactl(t, "verify", reg, "--pdf", forged)
		if r.code != 1 || !strings.Contains(r.stdout, "content is not what ROPA Desk printed") {
			t.Fatalf("exit %d\n%s", r.code, r.stdout)
		}
	})
	t.Run("Fingerprint", func(t *testing.T) {
		fp, _ := report.ExtractFingerprint(mustRead(t, signed))
		for _, typed := range []string{fp, fp[:16], strings.ToUpper(fp[:8]) + " " + fp[8:16]} {
			r := mustRun(t, "verify", reg, "--fingerprint", typed)
			if !strings.Contains(r.stdout, "ok   fingerprint") || !strings.Contains(r.stdout, "as frozen at its sign-off") {
				t.Fatalf("%s:\n%s", typed, r.stdout)
			}
		}
		if r := ropactl(t, "verify", reg, "--fingerprint", "0123456789abcdef"); r.code != 1 || !strings.Contains(r.stdout, "matches no state") {
			t.Fatalf("exit %d\n%s", r.code, r.stdout)
		}
		if r := ropactl(t, "verify", reg, "--fingerprint", "not a fingerprint"); r.code != 2 {
			t.Fatalf("exit %d\n%s", r.code, r.stderr)
		}
	})
}

// A draft read just before a sign-off on the same day verifies as the
// state before the sign-off; a change between them makes it an earlier
// state.
func TestVerifySameDayDraft(t *testing.T) {
	dir, reg := reviewedRegister(t)
	draft := filepath.Join(dir, "draft.pdf")
	mustRun(t, "export", reg, "--format", "pdf", "--cycle", testCycle, "--out", draft)
	mustRun(t, signOffArgs(reg, "--date", "", "--acknowledge", "Known findings.")...)
	r := mustRun(t, "verify", reg, "--pdf", draft)
	if !strings.Contains(r.stdout, "the state before the sign-off") || !strings.Contains(r.stdout, "bytes are identical") {
		t.Fatalf("stdout:\n%s", r.stdout)
	}

	dir, reg = reviewedRegister(t)
	draft = filepath.Join(dir, "draft.pdf")
	mustRun(t, "export", reg, "--format", "pdf", "--cycle", testCycle, "--out", draft)
	editActivity(t, reg, "Changed after the draft")
	mustRun(t, signOffArgs(reg, "--date", "", "--acknowledge", "Known findings.")...)
	if r := ropactl(t, "verify", reg, "--pdf", draft); r.code != 3 || !strings.Contains(r.stdout, "EARLIER state") {
		t.Fatalf("exit %d\n%s", r.code, r.stdout)
	}
}

func qpdf(t *testing.T, args ...string) {
	t.Helper()
	if out, err := exec.Command("qpdf", args...).CombinedOutput(); err != nil {
		t.Fatalf("qpdf %v: %v\n%s", args, err, out)
	}
}

func utf16Hex(s string) []byte {
	var b strings.Builder
	for _, r := range s {
		b.WriteString(hex.EncodeToString([]byte{byte(r >> 8), byte(r)}))
	}
	return []byte(b.String())
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// pageOf returns the number of the first page whose text contains s.
func pageOf(t *testing.T, path, s string) string {
	t.Helper()
	for i, p := range strings.Split(pdfToText(t, path), "\f") {
		if strings.Contains(p, s) {
			return strconv.Itoa(i + 1)
		}
	}
	t.Fatalf("%q is on no page of %s", s, path)
	return ""
}
