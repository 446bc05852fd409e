package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

const benchActivities = 10_000

var (
	benchOnce sync.Once
	benchPath string
	benchIDs  []uuid.UUID
	benchErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchPath != "" {
		os.RemoveAll(filepath.Dir(benchPath))
	}
	os.Exit(code)
}

// benchRegister builds, once per run, a register of 10,000 synthetic
// activities and returns its path and the activities' IDs.
func benchRegister(b *testing.B) (string, []uuid.UUID) {
	b.Helper()
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "ropa-bench")
		if err != nil {
			benchErr = err
			return
		}
		benchPath = filepath.Join(dir, "bench.ropa")
		benchIDs, benchErr = generate(benchPath, benchActivities, 1)
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchPath, benchIDs
}

var (
	genFunctions = []string{"Clinical services", "Finance", "Human resources", "Communications", "Research", "Estates", "IT", "Fundraising"}
	genThings    = []string{"Care records", "Payroll", "Newsletter", "Appointments", "Complaints", "CCTV", "Recruitment", "Donations", "Referrals", "Safeguarding", "Audit", "Training"}
	genSubjects  = []string{"Patients", "Residents", "Staff", "Volunteers", "Carers", "Donors", "Visitors", "Students"}
	genData      = []string{"Name", "Address", "Date of birth", "NHS number", "Bank details", "Email", "Telephone", "Images"}
	genPurposes  = []string{"Direct care", "Paying staff", "Fundraising", "Keeping people safe", "Service improvement", "Legal claims", "Marketing by consent"}
	genRecips    = []string{"GPs", "Local authority", "HMRC", "Mailchimp", "Police", "Courts", "Insurers", "Auditors"}
)

func pick(r *rand.Rand, from []string, n int) []string {
	out := make([]string, 0, n)
	for _, i := range r.Perm(len(from))[:n] {
		out = append(out, from[i])
	}
	return out
}

// generate writes a deterministic synthetic register of n activities over
// six organisations.
func generate(path string, n int, seed uint64) ([]uuid.UUID, error) {
	ctx := context.Background()
	db, err := store.CreateWith(ctx, path, store.Options{NoLock: true})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	r := rand.New(rand.NewPCG(seed, seed))
	var orgs []model.Organisation
	for i := range 6 {
		orgs = append(orgs, model.Organisation{
			ID: uuid.Must(uuid.NewV7()), Name: fmt.Sprintf("Partner organisation %d", i+1),
			Partnership: "Community Living Well", Roles: []model.Role{model.RoleController},
			NDOPInScope: i%2 == 0,
		})
	}
	if err := db.Apply(ctx, model.Changes{Organisations: orgs}); err != nil {
		return nil, err
	}
	var ids []uuid.UUID
	const batch = 1000
	for start := 0; start < n; start += batch {
		var acts []model.Activity
		for i := start; i < min(start+batch, n); i++ {
			a := fullActivity(orgs[r.IntN(len(orgs))].ID)
			a.Name = fmt.Sprintf("%s %d", genThings[r.IntN(len(genThings))], i)
			a.BusinessFunction = genFunctions[r.IntN(len(genFunctions))]
			a.Role = model.Roles[r.IntN(len(model.Roles))].Code
			a.Status = model.Statuses[r.IntN(len(model.Statuses))].Code
			a.DataSubjects = pick(r, genSubjects, 1+r.IntN(3))
			a.PersonalData = pick(r, genData, 1+r.IntN(5))
			a.Recipients = pick(r, genRecips, r.IntN(4))
			a.Purposes = pick(r, genPurposes, 1+r.IntN(2))
			a.Description = fmt.Sprintf("%s for %s, handled by the %s team.", a.Name, a.DataSubjects[0], a.BusinessFunction)
			if r.IntN(3) > 0 {
				a.SpecialCategories = nil
			}
			a.Reviews[0].Date = time.Date(2023+r.IntN(3), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
			a.Reviews[0].ID = uuid.Must(uuid.NewV7())
			acts = append(acts, *a)
		}
		if err := db.Apply(ctx, model.Changes{Activities: acts}); err != nil {
			return nil, err
		}
		for _, a := range acts {
			ids = append(ids, a.ID)
		}
	}
	return ids, nil
}

func benchOpen(b *testing.B) (*store.DB, []uuid.UUID) {
	path, ids := benchRegister(b)
	db, err := store.OpenWith(context.Background(), path, store.Options{NoLock: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db, ids
}

func BenchmarkListFirstPage(b *testing.B) {
	path, _ := benchRegister(b)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		db, err := store.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		page, total, err := db.ListActivities(ctx, model.ActivityFilter{Limit: 50})
		if err != nil || len(page) != 50 || total != benchActivities {
			b.Fatal(len(page), total, err)
		}
		db.Close()
	}
}

func BenchmarkSearchKeystroke(b *testing.B) {
	db, _ := benchOpen(b)
	ctx := context.Background()
	typed := "care rec"
	b.ResetTimer()
	i := 0
	for b.Loop() {
		q := typed[:1+i%len(typed)]
		i++
		if _, _, err := db.ListActivities(ctx, model.ActivityFilter{Query: q, Limit: 50}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOpenActivity(b *testing.B) {
	db, ids := benchOpen(b)
	ctx := context.Background()
	i := 0
	for b.Loop() {
		if _, err := db.Activity(ctx, ids[i*7919%len(ids)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkSaveActivity(b *testing.B) {
	db, ids := benchOpen(b)
	ctx := context.Background()
	i := 0
	for b.Loop() {
		a, err := db.Activity(ctx, ids[i*7919%len(ids)])
		if err != nil {
			b.Fatal(err)
		}
		a.Retention = fmt.Sprintf("%d years", i)
		if err := db.UpdateActivity(ctx, a); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkVerifyHistory(b *testing.B) {
	db, _ := benchOpen(b)
	ctx := context.Background()
	for b.Loop() {
		res, err := db.VerifyHistory(ctx)
		if err != nil || !res.OK() {
			b.Fatal(res, err)
		}
	}
}
