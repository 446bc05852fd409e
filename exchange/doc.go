// Package exchange reads and writes the register in the formats other tools
// use: the versioned ROPA Desk JSON document (json.go), and the ICO XLSX
// template and CSV. It also holds the example register built from two real
// privacy notices (example.go), which the CLI, the GUI and tests share.
//
// It imports model only: a reader returns a *model.Register for the caller to
// apply to a store, and a writer works from one, so every format can be tested
// without a database.
package exchange
