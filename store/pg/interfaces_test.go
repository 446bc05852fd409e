package pgstore_test

import (
	"github.com/ropadesk/ropadesk/desk"
	"github.com/ropadesk/ropadesk/internal/registertest"
	pgstore "github.com/ropadesk/ropadesk/store/pg"
)

// A shared register is a desk.Register (its review-cycle methods refuse:
// see cycle.go) and a store the shared suite runs on.
var (
	_ desk.Register      = (*pgstore.DB)(nil)
	_ registertest.Store = (*pgstore.DB)(nil)
)
