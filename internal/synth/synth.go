// Package synth makes deterministic synthetic registers for benchmarks,
// load tests and `ropactl seed`: plausible organisations and activities
// with every field filled in, special categories, several lawful bases,
// NDOP inputs leading to every verdict, and reviews. The same n and seed
// always give the same register, IDs and dates included, so measurements
// compare like with like.
package synth

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/google/uuid"

	"github.com/ropadesk/ropadesk/model"
)

// Epoch is the fixed "now" around which every date is made: registers do
// not depend on the day they are generated.
var Epoch = time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)

// gen carries the random source and what activities share.
type gen struct {
	r      *rand.Rand
	orgs   []model.Organisation
	cycles []model.ReviewCycle
}

// Register returns a register of n activities over a number of
// organisations that grows with n (3 to 30), with two review cycles: one
// signed off and one open. Every activity passes model.Activity.Validate,
// so the register can be applied to a store as it is.
func Register(n int, seed uint64) *model.Register {
	g := &gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	g.organisations(min(max(n/400, 3), 30))
	g.reviewCycles()
	r := &model.Register{
		Organisations: g.orgs,
		Activities:    make([]model.Activity, 0, n),
		ReviewCycles:  g.cycles,
	}
	for i := range n {
		r.Activities = append(r.Activities, g.activity(i))
	}
	return r
}

// id draws a UUID with version 7 and variant bits, so it looks like what
// the store assigns, from the seeded source.
func (g *gen) id() uuid.UUID {
	var u uuid.UUID
	hi, lo := g.r.Uint64(), g.r.Uint64()
	for i := range 8 {
		u[i] = byte(hi >> (8 * i))
		u[8+i] = byte(lo >> (8 * i))
	}
	u[6] = u[6]&0x0f | 0x70
	u[8] = u[8]&0x3f | 0x80
	return u
}

func (g *gen) one(from []string) string { return from[g.r.IntN(len(from))] }

// some picks between lo and hi distinct items of from, in from's order.
func (g *gen) some(from []string, lo, hi int) []string {
	hi = min(hi, len(from))
	k := lo + g.r.IntN(hi-lo+1)
	if k == 0 {
		return nil
	}
	perm := g.r.Perm(len(from))[:k]
	out := make([]string, 0, k)
	for i, s := range from {
		for _, p := range perm {
			if p == i {
				out = append(out, s)
			}
		}
	}
	return out
}

func (g *gen) chance(pct int) bool { return g.r.IntN(100) < pct }

// daysBefore is a time some days before Epoch, on a working hour.
func (g *gen) daysBefore(maxDays int) time.Time {
	d := g.r.IntN(maxDays + 1)
	return Epoch.AddDate(0, 0, -d).Add(time.Duration(g.r.IntN(8*60)) * time.Minute)
}

func ptr(b bool) *bool { return &b }

var (
	orgKinds = []struct {
		suffix string
		health bool
	}{
		{"NHS Foundation Trust", true},
		{"Community Interest Company", true},
		{"Care Homes Ltd", true},
		{"Surgery", true},
		{"Housing Association", false},
		{"Borough Council", true},
		{"Trust (charity)", false},
		{"Academy Trust", false},
	}
	places = []string{"Northfield", "Ashby", "Kingsbridge", "Calder Vale", "Llanfair", "Portree", "Harrowgate",
		"Millbrook", "Eastleigh", "St Brannock", "Westmoor", "Bryn Celyn"}
	people = []string{"Zoë Ní Bhriain", "Amara Okafor", "Rhys Llewellyn", "Priya Natarajan", "Tomasz Nowak",
		"Siobhán O'Neill", "James Whitfield", "Fatima Begum", "Ewan MacLeod", "Chloé Dubois"}
)

func (g *gen) organisations(k int) {
	created := Epoch.AddDate(-3, 0, 0)
	partnership := "Community Living Well"
	for i := range k {
		kind := orgKinds[i%len(orgKinds)]
		place := places[i%len(places)]
		name := fmt.Sprintf("%s %s", place, kind.suffix)
		// Place and kind pairs repeat every 24 organisations.
		if i >= 24 {
			name = fmt.Sprintf("%s %d", name, i/24+1)
		}
		dpo := people[i%len(people)]
		o := model.Organisation{
			ID:              g.id(),
			Name:            name,
			Roles:           []model.Role{model.RoleController},
			ICORegistration: fmt.Sprintf("Z%07d", g.r.IntN(1e7)),
			Controller: model.Contact{
				Name:      name,
				Address:   fmt.Sprintf("%d High Street\n%s\nAB%d %dCD", 1+g.r.IntN(200), place, 1+g.r.IntN(30), 1+g.r.IntN(9)),
				Email:     fmt.Sprintf("info@org%d.example.org", i+1),
				Telephone: fmt.Sprintf("01632 %06d", g.r.IntN(1e6)),
			},
			DPO: model.Contact{
				Name:  dpo,
				Email: fmt.Sprintf("dpo@org%d.example.org", i+1),
			},
			NDOPInScope:     kind.health,
			NDOPAllPatients: kind.health && i%3 == 0,
			CreatedAt:       created,
			UpdatedAt:       created,
		}
		if i%4 == 1 {
			o.Partnership = partnership
		}
		if i%5 == 2 {
			o.Roles = append(o.Roles, model.RoleProcessor)
			o.Representative = model.Contact{Name: "EU Representative Ltd", Address: "Dublin, Ireland"}
		}
		g.orgs = append(g.orgs, o)
	}
}

func (g *gen) reviewCycles() {
	done := model.ReviewCycle{
		ID: g.id(), Name: "Annual review 2025", StartedAt: Epoch.AddDate(-1, -2, 0), IntervalMonths: 12,
		SignOff: &model.SignOff{By: people[0], Date: Epoch.AddDate(-1, 0, 0),
			Statement: "I have reviewed the record of processing activities and it is accurate as at this date."},
	}
	open := model.ReviewCycle{ID: g.id(), Name: "Annual review 2026", StartedAt: Epoch.AddDate(0, -2, 0), IntervalMonths: 12}
	g.cycles = []model.ReviewCycle{done, open}
}
