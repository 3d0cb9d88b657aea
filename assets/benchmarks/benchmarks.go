// Package benchmarks holds the benchmark table shipped with the app: the
// national figures set beside the panel's own (benchmarks.csv, described
// in docs/benchmarks.md and this folder's README.md). It is data, not
// code: data/benchmark reads and checks it.
package benchmarks

import _ "embed"

// Name is the shipped table's file name, as problems with it name it.
const Name = "benchmarks.csv"

// CSV is the shipped table, as written in benchmarks.csv.
//
//go:embed benchmarks.csv
var CSV []byte
