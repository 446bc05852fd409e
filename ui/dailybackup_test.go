package ui_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ropadesk/ropadesk/internal/uistore"
	"github.com/ropadesk/ropadesk/store"
	"github.com/ropadesk/ropadesk/ui"
)

// slowBackups is the real register whose daily backup is slow, as on a
// network drive or under the race detector, and which counts how many run
// at once.
type slowBackups struct {
	storeRegister
	delay      time.Duration
	mu         sync.Mutex
	now, most  int
	calls      atomic.Int32
	afterClose atomic.Int32
	closed     atomic.Bool
}

func (s *slowBackups) DailyBackup(ctx context.Context) (string, bool, error) {
	s.calls.Add(1)
	if s.closed.Load() {
		s.afterClose.Add(1)
	}
	s.mu.Lock()
	s.now++
	s.most = max(s.most, s.now)
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.now--
		s.mu.Unlock()
	}()
	time.Sleep(s.delay)
	return s.DB.DailyBackup(ctx)
}

func (s *slowBackups) Close() error {
	s.closed.Store(true)
	return s.DB.Close()
}

// A check that comes round while the last backup is still running skips
// its turn: backups never overlap or pile up, Settle returns, and closing
// the register waits for the backup in progress and ends the checks.
func TestDailyBackupsNeverOverlap(t *testing.T) {
	old := ui.SetBackupCheckInterval(time.Millisecond)
	t.Cleanup(func() { ui.SetBackupCheckInterval(old) })
	path, _ := seed(t, 1)
	var reg *slowBackups
	u, _ := newWrappedApp(t, func(db *store.DB) ui.Register {
		reg = &slowBackups{storeRegister: uistore.Register{DB: db}, delay: 50 * time.Millisecond}
		return reg
	})
	start(t, u, path)
	time.Sleep(400 * time.Millisecond) // about 400 ticks, 8 backups' time
	ui.Settle(u)
	u.CloseRegister()
	ui.Settle(u)
	reg.mu.Lock()
	most := reg.most
	reg.mu.Unlock()
	if most != 1 {
		t.Errorf("%d daily backups ran at once, want 1", most)
	}
	if n := reg.calls.Load(); n < 2 {
		t.Errorf("%d daily backup checks in 400 ms, want the one on opening and periodic ones", n)
	}
	if n := reg.afterClose.Load(); n != 0 {
		t.Errorf("%d daily backups ran after the register was closed", n)
	}
}
