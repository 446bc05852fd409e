package model

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
)

// Fingerprint identifies a register state, so that a PDF (which carries it)
// can later be checked against the register it claims to show.
//
// It is the lowercase hex SHA-256 of, in order:
//
//	"ropa-fingerprint-v1\n"
//	json.Marshal(r)          (the register's own JSON: organisations,
//	                          activities and review cycles, in slice order)
//	"\n"
//	historyHead              (the head of the change-history chain, "" if none)
//
// json.Marshal is deterministic for the register because it holds only
// structs and slices, no maps; slice order is the store's order
// (organisations by name, activities by organisation then name), so the same
// state read twice gives the same fingerprint. The version prefix lets the
// serialisation change later without old fingerprints matching new ones.
// A nil register fingerprints as JSON null.
func Fingerprint(r *Register, historyHead string) string {
	data, err := json.Marshal(r)
	if err != nil {
		// Marshalling structs of strings, times, bools and uuids cannot
		// fail; should a future field make it possible, fail loudly
		// rather than fingerprint something partial.
		panic("model: fingerprint: " + err.Error())
	}
	h := sha256.New()
	h.Write([]byte("ropa-fingerprint-v1\n"))
	h.Write(data)
	h.Write([]byte("\n"))
	h.Write([]byte(historyHead))
	return hex.EncodeToString(h.Sum(nil))
}
