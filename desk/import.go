package desk

import (
	"context"
	"fmt"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
)

// Import is an import planned and not yet applied.
type Import struct {
	// Path is the file being imported, as the DPO named it.
	Path string
	// Plan says what importing it would add, change and leave alone, and
	// every problem found in it.
	Plan *exchange.ImportPlan
}

// PreviewImport reads the file at path and plans importing it into reg.
// Nothing is written.
func PreviewImport(ctx context.Context, reg Register, path string) (*Import, error) {
	in, err := exchange.ReadFile(path)
	if err != nil {
		return nil, err
	}
	current, err := reg.Register(ctx)
	if err != nil {
		return nil, fmt.Errorf("read register %s: %w", reg.Path(), err)
	}
	return &Import{Path: path, Plan: exchange.Plan(current, in)}, nil
}

// Imported is what ApplyImport did.
type Imported struct {
	// Backup is the copy made before the import; "" when there was nothing
	// to write.
	Backup string
	// SkippedCycles counts the signed-off review cycles in the file that
	// were not recreated (their frozen record belongs to the register that
	// signed them off).
	SkippedCycles int
}

// ApplyImport writes the planned changes — organisations, activities and open
// review cycles — in one transaction, after backing the register up so an
// import the DPO regrets can be undone. A plan with an error writes
// nothing.
func ApplyImport(ctx context.Context, reg Register, imp *Import) (Imported, error) {
	plan := imp.Plan
	done := Imported{SkippedCycles: plan.SkippedCycles()}
	if plan.Blocking() {
		n := 0
		for _, p := range plan.Problems {
			if p.Severity == model.SeverityError {
				n++
			}
		}
		return done, model.Errorf(model.EINVALID, "nothing was imported: %d problem(s) must be fixed in %s first.", n, imp.Path)
	}
	if why := reg.ReadOnly(); why != "" {
		return done, model.Errorf(model.EREADONLY, "%s", why)
	}
	ch := plan.Changes()
	if len(ch.Organisations)+len(ch.Activities)+len(ch.ReviewCycles) == 0 {
		return done, nil
	}
	var err error
	if done.Backup, err = reg.BackupBeforeImport(ctx); err != nil {
		return done, fmt.Errorf("back up %s before importing: %w", reg.Path(), err)
	}
	if err := reg.Apply(ctx, ch); err != nil {
		return done, fmt.Errorf("import %s into %s: %w", imp.Path, reg.Path(), err)
	}
	return done, nil
}
