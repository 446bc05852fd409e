package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/ropadesk/ropadesk/model"
	"github.com/ropadesk/ropadesk/store"
)

// checkReceipt compares the register with a sign-off receipt and returns
// what differs, in words; none means it matches. The receipt holds the
// chain's head at sign-off: an insider who rewrites the history from the
// start can make it verify on its own, but cannot make it end in the head
// the receipt recorded at the same change.
func checkReceipt(ctx context.Context, db *store.DB, path string) ([]string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read receipt %s: %w", path, err)
	}
	var want store.Receipt
	if err := json.Unmarshal(raw, &want); err != nil || want.Format != store.ReceiptFormat {
		return nil, model.Errorf(model.EINVALID, "%s is not a ROPA Desk sign-off receipt.", path)
	}
	c, err := db.Cycle(ctx, want.CycleID)
	if model.ErrorCode(err) == model.ENOTFOUND {
		return []string{fmt.Sprintf("The review cycle %q the receipt is for is not in the register: it was removed.", want.Cycle)}, nil
	}
	if err != nil {
		return nil, err
	}
	if c.SignOff == nil {
		return []string{fmt.Sprintf("The register says the review cycle %q is not signed off: its sign-off was removed.", want.Cycle)}, nil
	}
	got, err := db.SignOffReceipt(ctx, c.ID)
	if model.ErrorCode(err) == model.ENOTFOUND {
		return []string{fmt.Sprintf("The history no longer records the sign-off of %q: it was rewritten.", want.Cycle)}, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	if got.HistorySeq != want.HistorySeq || got.HistoryHead != want.HistoryHead {
		out = append(out, fmt.Sprintf("The change history up to the sign-off is not the one signed off: the receipt records head %s at change %d, the register has %s at change %d. The history was rewritten.",
			want.HistoryHead, want.HistorySeq, got.HistoryHead, got.HistorySeq))
	}
	if got.SnapshotSHA256 != want.SnapshotSHA256 {
		out = append(out, "The frozen copy of the register made at sign-off is not the one the receipt records: it was altered.")
	}
	for _, f := range []struct{ what, got, want string }{
		{"cycle's name", got.Cycle, want.Cycle},
		{"signer", got.SignedOffBy, want.SignedOffBy},
		{"signer's role", got.Role, want.Role},
		{"sign-off date", got.SignOffDate, want.SignOffDate},
	} {
		if f.got != f.want {
			out = append(out, fmt.Sprintf("The %s is %q; the receipt says %q.", f.what, f.got, f.want))
		}
	}
	if got.Fingerprint != want.Fingerprint && len(out) == 0 {
		out = append(out, fmt.Sprintf("The fingerprint of the signed-off PDF is %s; the receipt says %s.", got.Fingerprint, want.Fingerprint))
	}
	return out, nil
}
