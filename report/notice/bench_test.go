package notice

import (
	"os"
	"strings"
	"testing"

	"github.com/ropadesk/ropadesk/exchange"
)

// BenchmarkCheckLargeNotice checks a notice just under the 5 MB limit (the
// MHWS seed repeated), the worst a DPO can hand the checker.
func BenchmarkCheckLargeNotice(b *testing.B) {
	seed, err := os.ReadFile("testdata/mhws-privacy-notice.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := strings.Repeat(string(seed), MaxNoticeSize/len(seed))
	s, err := Select(exchange.Example(), "Mental Health and Well Being Services Ltd", "service_users")
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		Check(s, "large.txt", text)
	}
}

// FuzzCheck: any text, however odd, gives a coverage without panicking.
func FuzzCheck(f *testing.F) {
	seed, err := os.ReadFile("testdata/community-living-well-privacy-notice.txt")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte("<html><li>• \x00</li>"))
	f.Add([]byte("6(1)(a). . .  ?!  \xff\xfe"))
	s, err := Select(exchange.Example(), "Community Living Well", "")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		text, err := DecodeNotice(data, "fuzz.txt", len(data) > 0 && data[0] == '<')
		if err != nil {
			return
		}
		if c := Check(s, "fuzz.txt", text); c == nil {
			t.Fatal("nil coverage")
		}
	})
}
