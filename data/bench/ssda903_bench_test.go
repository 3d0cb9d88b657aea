package bench_test

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"permanence/data"
	"permanence/data/importer"
	"permanence/data/store"
	"testing"
)

// writeS903Return writes a one-year SSDA903 return (header, episodes,
// reviews, placed_for_adoption, ad1) of n children into dir, with about four
// episodes each: periods of care that start with RNE S, legal status moving
// from V2 or C1 to C2 and sometimes E1, placement moves (P), changes of
// legal status (L) and of placement with the same carers (T/U), adoptions
// (A5/A6 then E11/E12), special guardianship and returns home. It returns
// the number of episodes written.
func writeS903Return(tb testing.TB, dir string, n int, seed uint64) int {
	tb.Helper()
	rng := rand.New(rand.NewPCG(seed, seed^0x903))
	yearEnd := data.NewDate(2025, 3, 31)
	create := func(name, heading string) (*os.File, *bufio.Writer) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			tb.Fatal(err)
		}
		w := bufio.NewWriterSize(f, 1<<20)
		w.WriteString(heading + "\n")
		return f, w
	}
	hf, hw := create("header.csv", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB")
	ef, ew := create("episodes.csv", "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN")
	rf, rw := create("reviews.csv", "CHILD,DOB,REVIEW,REVIEW_CODE")
	pf, pw := create("placed_for_adoption.csv", "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED")
	af, aw := create("ad1.csv", "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR")
	ethnic := []string{"WBRI", "WBRI", "WBRI", "WOTH", "MWBC", "MOTH", "BAFR", "AOTH", "OOTH"}
	fostering := []string{"U6", "U6", "U6", "U3", "U4", "U1", "K2", "R1", "H5"}
	episodes := 0
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("%07d", 1000000+i)
		dob := data.NewDate(2007, 1, 1).AddDays(rng.IntN(18 * 365))
		entered := dob.AddDays(rng.IntN(365 * 8))
		if earliest := data.NewDate(2015, 4, 1); entered < earliest {
			entered = earliest.AddDays(rng.IntN(3000))
		}
		if entered > yearEnd.AddDays(-20) {
			entered = yearEnd.AddDays(-20 - rng.IntN(300))
		}
		if entered < dob {
			entered = dob
		}
		fmt.Fprintf(hw, "%s,%d,%s,%s,A%012d,,\n", id, 1+rng.IntN(2), dob.UK(), ethnic[rng.IntN(len(ethnic))], i)
		dobUK := dob.UK()
		route := rng.IntN(100) // < 8 adoption, < 20 SGO, < 45 home, else stays or leaves at 18
		k := 1 + rng.IntN(9)
		if route < 8 && k < 3 {
			k = 3
		}
		placed := data.NoDate
		ls, place := "V2", fostering[rng.IntN(len(fostering))]
		if rng.IntN(2) == 0 {
			ls = "C1"
		}
		start := entered
		for e := 0; e < k; e++ {
			rne := "S"
			if e > 0 {
				switch r := rng.IntN(10); {
				case r < 5:
					rne, place = "P", fostering[rng.IntN(len(fostering))]
				case r < 8:
					rne = "L"
					if ls == "C1" || ls == "V2" {
						ls = "C2"
					} else if route < 8 {
						ls = "E1"
					}
				default:
					rne = "T"
				}
			}
			last := e == k-1
			if last && route < 8 && e > 0 {
				rne, ls, place = "T", "E1", "A5"
				if rng.IntN(2) == 0 {
					rne, place = "P", "A6"
				}
				placed = start
			}
			dec, rec := start.AddDays(20+rng.IntN(240)), "X1"
			if last {
				switch {
				case route < 8:
					rec = "E12"
				case route < 20:
					rec = "E45"
				case route < 45:
					rec = "E4A"
				case route < 60:
					rec = "E17"
				default:
					rec = ""
				}
			}
			if dec > yearEnd || rec == "" {
				dec, rec = data.NoDate, ""
			}
			fmt.Fprintf(ew, "%s,%s,%s,%s,N1,%s,PR1,%s,%s,,AB1 2,AB3 4,SC%06d\n", id, start.UK(), rne, ls, place,
				dec.UK(), rec, i%500000)
			episodes++
			if dec.IsZero() {
				break
			}
			start = dec
		}
		for r, d := 0, entered.AddDays(20); r < 3 && d <= yearEnd; r, d = r+1, d.AddDays(120+rng.IntN(90)) {
			fmt.Fprintf(rw, "%s,%s,%s,PN1\n", id, dobUK, d.UK())
		}
		if !placed.IsZero() {
			adm := entered.AddDays(data.Days(entered, placed) / 3)
			fc := 0
			if place == "A5" {
				fc = 1
			}
			fmt.Fprintf(pw, "%s,%s,%s,,\n", id, dobUK, adm.UK())
			fmt.Fprintf(aw, "%s,%s,%s,%s,%d,2,MF,L11\n", id, dobUK, adm.UK(), placed.AddDays(-14).UK(), fc)
		}
	}
	for _, f := range []struct {
		f *os.File
		w *bufio.Writer
	}{{hf, hw}, {ef, ew}, {rf, rw}, {pf, pw}, {af, aw}} {
		if err := f.w.Flush(); err != nil {
			tb.Fatal(err)
		}
		if err := f.f.Close(); err != nil {
			tb.Fatal(err)
		}
	}
	return episodes
}

// BenchmarkImportSSDA903_100k imports (reads, stitches, derives and stores)
// a return of 100,000 children and about 400,000 episodes into a fresh
// store. The budget is 30 s.
func BenchmarkImportSSDA903_100k(b *testing.B) {
	dir := b.TempDir()
	episodes := writeS903Return(b, dir, 100_000, 903)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := store.Open(filepath.Join(b.TempDir(), fmt.Sprintf("panel%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		res, err := importer.ImportPaths(ctx, s, []string{dir}, importer.ImportOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if len(res) != 1 || res[0].Extract.Rows != 100_000 {
			b.Fatalf("imported %+v", res)
		}
		var n int
		if err := s.DB().QueryRowContext(ctx, "SELECT count(*) FROM ssda903_episodes").Scan(&n); err != nil || n < episodes {
			b.Fatalf("%d episodes stored of %d: %v", n, episodes, err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(episodes), "episodes")
}
