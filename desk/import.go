package desk

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/ropadesk/ropadesk/exchange"
	"github.com/ropadesk/ropadesk/model"
)

// Import is an import planned and not yet applied.
type Import struct {
	// Path is the file being imported, as the DPO named it.
	Path string
	// Plan says what importing it would add, change, retire and leave
	// alone, and every problem found in it.
	Plan *exchange.ImportPlan
	// Options are the DPO's answers the plan was made with: whose rows
	// naming no organisation are, and whether rows deleted in the file
	// retire their activities.
	Options exchange.PlanOptions

	in *exchange.Imported // the file as read, planned again at apply
}

// PreviewImport reads the file at path and plans importing it into reg
// with opts. Nothing is written. A large workbook is unzipped in a folder
// beside the register, not in the system's temporary folder, and removed
// whatever happens.
func PreviewImport(ctx context.Context, reg Register, path string, opts exchange.PlanOptions) (*Import, error) {
	in, err := exchange.ReadFileWith(path, exchange.ReadOptions{TempDir: filepath.Dir(reg.Path())})
	if err != nil {
		return nil, err
	}
	current, err := reg.Register(ctx)
	if err != nil {
		return nil, fmt.Errorf("read register %s: %w", reg.Path(), err)
	}
	return &Import{Path: path, Plan: exchange.PlanWith(current, in, opts), Options: opts, in: in}, nil
}

// Imported is what ApplyImport did.
type Imported struct {
	// Backup is the copy made before the import; "" when there was nothing
	// to write or the newest backup already held the register as it was.
	Backup string
	// SkippedCycles counts the signed-off review cycles in the file that
	// were not recreated (their frozen record belongs to the register that
	// signed them off).
	SkippedCycles int
}

// ApplyImport writes the import: after backing the register up (so an
// import the DPO regrets can be undone), it plans again inside the one
// write transaction, on the register as it is at that moment, and writes
// that plan — so whatever someone else changed since the preview is kept,
// never overwritten with the preview's stale copy. imp.Plan becomes the
// plan written. A plan with an error writes nothing.
func ApplyImport(ctx context.Context, reg Register, imp *Import) (Imported, error) {
	done := Imported{SkippedCycles: imp.Plan.SkippedCycles()}
	if err := BlockingError(imp.Plan, imp.Path); err != nil {
		return done, err
	}
	if why := reg.ReadOnly(); why != "" {
		return done, model.Errorf(model.EREADONLY, "%s", why)
	}
	if !hasChanges(imp.Plan) {
		return done, nil
	}
	var err error
	if done.Backup, err = reg.BackupBeforeImport(ctx); err != nil {
		return done, fmt.Errorf("back up %s before importing: %w", reg.Path(), err)
	}
	err = reg.ApplyPlanned(ctx, func(cur *model.Register) (model.Changes, error) {
		plan := exchange.PlanWith(cur, imp.in, imp.Options)
		if err := BlockingError(plan, imp.Path); err != nil {
			return model.Changes{}, err
		}
		imp.Plan = plan
		return plan.Changes(), nil
	})
	if err != nil {
		return done, fmt.Errorf("import %s into %s: %w", imp.Path, reg.Path(), err)
	}
	done.SkippedCycles = imp.Plan.SkippedCycles()
	return done, nil
}

func hasChanges(plan *exchange.ImportPlan) bool {
	ch := plan.Changes()
	return len(ch.Organisations)+len(ch.Activities)+len(ch.ReviewCycles)+
		len(ch.InformationAssets)+len(ch.Suppliers)+len(ch.PublishedNotices) > 0
}

// BlockingError is the error for a plan with problems that must be fixed
// first, naming the file; nil when the plan can be applied.
func BlockingError(plan *exchange.ImportPlan, file string) error {
	if !plan.Blocking() {
		return nil
	}
	n := 0
	for _, p := range plan.Problems {
		if p.Severity == model.SeverityError {
			n++
		}
	}
	return model.Errorf(model.EINVALID, "nothing was imported: %d problem(s) must be fixed in %s first.", n, file)
}
