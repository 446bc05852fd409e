package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// TestRotationSettingsValidatedAndChained: a rotation setting out of its
// range is refused with a message giving the range, and changes nothing;
// one in range is a history entry in the chain; a value changed or added
// outside ROPA Desk is named by verify.
func TestRotationSettingsValidatedAndChained(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	for _, tc := range []struct{ key, value, says string }{
		{store.SettingKeepDaily, "1", "from 3 to 366"},
		{store.SettingKeepDaily, "367", "from 3 to 366"},
		{store.SettingKeepDaily, "two weeks", "whole number"},
		{store.SettingKeepWeekly, "0", "from 1 to 520"},
		{store.SettingKeepWeekly, "", "from 1 to 520"},
	} {
		err := db.SetSetting(ctx, tc.key, tc.value)
		if model.ErrorCode(err) != model.EINVALID || !strings.Contains(model.ErrorMessage(err), tc.says) || strings.Contains(model.ErrorMessage(err), "backup_keep") {
			t.Errorf("SetSetting(%s, %q) = %v; want EINVALID saying %q in plain words", tc.key, tc.value, err, tc.says)
		}
		if v, _ := db.Setting(ctx, tc.key); v != "" {
			t.Errorf("a refused value was stored: %s = %q", tc.key, v)
		}
	}
	headBefore := historyHead(t, db)
	if headBefore != "" {
		t.Fatalf("refused settings wrote history: head %q", headBefore)
	}

	db.SetUser("Dana DPO")
	if err := db.SetSetting(ctx, store.SettingKeepDaily, " 14 "); err != nil {
		t.Fatal(err)
	}
	if err := db.SetSetting(ctx, store.SettingKeepWeekly, "8"); err != nil {
		t.Fatal(err)
	}
	if err := db.SetSetting(ctx, store.SettingKeepWeekly, "8"); err != nil { // unchanged: no entry
		t.Fatal(err)
	}
	if v, _ := db.Setting(ctx, store.SettingKeepDaily); v != "14" {
		t.Errorf("keep daily = %q, want 14", v)
	}
	var entries []string
	db.ChangeLog(ctx, time.Time{}, func(_ time.Time, user, entity string, _ uuid.UUID, action, field, o, n string) {
		if entity == store.EntitySetting {
			entries = append(entries, user+" "+action+" "+field+" "+o+" → "+n)
		}
	})
	want := []string{
		`Dana DPO create   → {"backup_keep_daily":"14"}`,
		`Dana DPO update backup_keep_weekly  → "8"`,
	}
	if strings.Join(entries, "\n") != strings.Join(want, "\n") {
		t.Fatalf("history of the settings:\n%s\nwant:\n%s", strings.Join(entries, "\n"), strings.Join(want, "\n"))
	}
	if res, err := db.VerifyHistory(ctx); err != nil || !res.OK() {
		t.Fatalf("verify after changing settings: %+v, %v", res, err)
	}

	// Changed outside ROPA Desk: verify names it.
	rawExec(t, db.Path(), `UPDATE settings SET value = '3' WHERE key = 'backup_keep_daily'`)
	res, err := db.VerifyHistory(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.OK() || !strings.Contains(problemsText(res), "backup settings was changed outside ROPA Desk") || !strings.Contains(problemsText(res), "backup_keep_daily") {
		t.Fatalf("verify after a setting was changed outside ROPA Desk: %s", problemsText(res))
	}

	// Added outside ROPA Desk to a register whose history never had one.
	other := mustOpen(t)
	rawExec(t, other.Path(), `INSERT INTO settings (key, value) VALUES ('backup_keep_daily', '3')`)
	res, err = other.VerifyHistory(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.OK() || !strings.Contains(problemsText(res), "backup settings has no recorded history") {
		t.Fatalf("verify after a setting was added outside ROPA Desk: %s", problemsText(res))
	}
	// Other settings are not in the chain.
	if err := other.SetSetting(ctx, "dpo_name", "Dana"); err != nil {
		t.Fatal(err)
	}
}

func problemsText(res store.VerifyResult) string {
	var s []string
	for _, p := range res.Problems {
		s = append(s, p.Message)
	}
	return strings.Join(s, "\n")
}

func historyHead(t *testing.T, db *store.DB) string {
	t.Helper()
	h, err := db.HistoryHead(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return h
}
