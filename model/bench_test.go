package model_test

import (
	"testing"

	"github.com/ropadesk/ropadesk/internal/synth"
	"github.com/ropadesk/ropadesk/model"
)

// BenchmarkCheckRegister10k is "run all consistency checks" on a register
// of 10,000 activities.
func BenchmarkCheckRegister10k(b *testing.B) {
	r := synth.Register(10_000, 1)
	for b.Loop() {
		if f := model.CheckRegister(r, synth.Epoch); len(f) == 0 {
			b.Fatal("no findings in a synthetic register that has gaps")
		}
	}
}

// BenchmarkSummarise10k is the dashboard and the PDF's summary: findings,
// verdicts, reviews and completeness counted over 10,000 activities.
func BenchmarkSummarise10k(b *testing.B) {
	r := synth.Register(10_000, 1)
	for b.Loop() {
		if s := model.Summarise(r, synth.Epoch); s.Activities != 10_000 {
			b.Fatal(s.Activities)
		}
	}
}
