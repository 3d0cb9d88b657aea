// Package bench holds the benchmarks that span the roles around the domain:
// import, the state as at a date, measures and the demo generator at
// national scale. docs/performance.md records their figures.
package bench
