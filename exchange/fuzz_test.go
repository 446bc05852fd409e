package exchange_test

import (
	"bytes"
	"testing"

	"github.com/ropadesk/ropadesk/exchange"
)

// FuzzReadJSON feeds ReadJSON arbitrary bytes. It must never panic, and
// whatever it accepts must survive a write and a read unchanged: a register
// that could be imported but not exported again would trap the DPO's data.
// The seed corpus under testdata/fuzz/FuzzReadJSON holds a document with
// one fully used activity, a minimal one and a few broken ones. The whole
// example is not a seed: at 300 KB it slows mutation to a crawl.
func FuzzReadJSON(f *testing.F) {
	f.Add([]byte(`{"format":"ropa-desk-register","version":1,"organisations":[],"activities":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := exchange.ReadJSON(bytes.NewReader(data))
		if err != nil {
			return
		}
		var first bytes.Buffer
		if err := exchange.WriteJSON(&first, r, testNow); err != nil {
			t.Fatalf("accepted a document it cannot write back: %v", err)
		}
		again, err := exchange.ReadJSON(bytes.NewReader(first.Bytes()))
		if err != nil {
			t.Fatalf("cannot read its own output: %v\n%s", err, first.Bytes())
		}
		var second bytes.Buffer
		if err := exchange.WriteJSON(&second, again, testNow); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Fatalf("write → read → write is not stable:\n%s", firstDiff(first.Bytes(), second.Bytes()))
		}
	})
}
