package importer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"permanence/data"
	"permanence/data/internal/testkit"
	"permanence/data/store"
	"permanence/data/tracker"
	"strings"
	"testing"
	"time"
)

func importCSV(t *testing.T, s *store.Store, name, body string, date data.Date, replace bool) (data.ImportResult, error) {
	t.Helper()
	x, err := tracker.ReadTracker(context.Background(), name, []byte(body), date)
	if err != nil {
		return data.ImportResult{}, err
	}
	return s.SaveExtract(context.Background(), x, replace, nil)
}

// storeSummary describes everything stored, to check it is unchanged.
func storeSummary(t *testing.T, s *store.Store) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{"SELECT id, kind, file_name, extract_date, row_count FROM extracts ORDER BY id",
		"SELECT extract_id, child_id, hex(record) FROM child_rows ORDER BY 1, 2",
		"SELECT extract_id, child_id, message FROM warnings ORDER BY id"} {
		rows, err := s.DB().Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			rows.Scan(ptrs...)
			fmt.Fprintln(&b, vals...)
		}
		rows.Close()
	}
	return b.String()
}

func TestStoreFileIsPrivate(t *testing.T) {
	s := testkit.OpenStore(t)
	st, err := os.Stat(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("store mode = %v, want 0600", st.Mode().Perm())
	}
	dir, _ := os.Stat(filepath.Dir(s.Path()))
	if dir.Mode().Perm() != 0o700 {
		t.Errorf("store folder mode = %v, want 0700", dir.Mode().Perm())
	}
	var v int
	s.DB().QueryRow("PRAGMA user_version").Scan(&v)
	if v < 1 {
		t.Errorf("schema version = %d", v)
	}
}

func TestStoreSnapshots(t *testing.T) {
	s := testkit.OpenStore(t)
	ctx := context.Background()
	jan := "ID,Plan,Date Entered Care\nA,Adoption,01/01/2025\nB,LTF,01/02/2025\n"
	feb := "ID,Plan,Date Entered Care\nA,Long term fostering,01/01/2025\nC,SGO,01/02/2026\n"
	r, err := importCSV(t, s, "jan.csv", jan, testkit.D("2026-01-31"), false)
	if err != nil || r.Added != 2 || r.Updated != 0 || r.AlreadyImported {
		t.Fatalf("first import: %+v %v", r, err)
	}
	r, err = importCSV(t, s, "feb.csv", feb, testkit.D("2026-02-28"), false)
	if err != nil || r.Added != 1 || r.Updated != 1 {
		t.Fatalf("second import: %+v %v", r, err)
	}
	// The same bytes again: a no-op that says so.
	before := storeSummary(t, s)
	r, err = importCSV(t, s, "feb-copy.csv", feb, testkit.D("2026-03-31"), false)
	if err != nil || !r.AlreadyImported || r.Extract.FileName != "feb.csv" {
		t.Fatalf("re-import: %+v %v", r, err)
	}
	if storeSummary(t, s) != before {
		t.Error("re-importing the same bytes changed the store")
	}

	plans := func(a data.Date) string {
		cs, err := s.StateAt(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range cs {
			out = append(out, c.ID+"="+c.Plan.Key())
		}
		return strings.Join(out, " ")
	}
	// As at February: A from feb, B kept from jan (missing later), C from feb.
	if got := plans(testkit.D("2026-03-15")); got != "A=long_term_fostering B=long_term_fostering C=special_guardianship" {
		t.Errorf("state in March = %s", got)
	}
	// As at January: C appears only later, so its earliest row counts.
	if got := plans(testkit.D("2026-01-31")); got != "A=adoption B=long_term_fostering C=special_guardianship" {
		t.Errorf("state at 31 January = %s", got)
	}
	// Before any extract: the earliest rows.
	if got := plans(testkit.D("2025-06-01")); got != "A=adoption B=long_term_fostering C=special_guardianship" {
		t.Errorf("state before the first extract = %s", got)
	}
	hist, err := s.ChildHistory(ctx, "A")
	if err != nil {
		t.Fatal(err)
	}
	ph := data.PlanHistory(hist)
	if len(ph) != 2 || ph[0].Plan != data.PlanAdoption || ph[1].Plan != data.PlanLongTermFostering || ph[1].Date != testkit.D("2026-02-28") {
		t.Errorf("plan history of A = %+v", ph)
	}

	// A different file with the same date is refused without --replace…
	mar := "ID,Plan\nA,SGO\n"
	if _, err := importCSV(t, s, "feb2.csv", mar, testkit.D("2026-02-28"), false); !errors.Is(err, store.ErrSameDate) {
		t.Errorf("same date without replace: %v", err)
	}
	// …and replaces it with.
	r, err = importCSV(t, s, "feb2.csv", mar, testkit.D("2026-02-28"), true)
	if err != nil || r.Replaced == nil || r.Replaced.FileName != "feb.csv" {
		t.Fatalf("replace: %+v %v", r, err)
	}
	xs, _ := s.Extracts(ctx)
	if len(xs) != 2 || xs[1].FileName != "feb2.csv" {
		t.Errorf("extracts after replace: %+v", xs)
	}
	if got := plans(testkit.D("2026-03-15")); got != "A=special_guardianship B=long_term_fostering" {
		t.Errorf("state after replace = %s", got)
	}
}

func TestStoreWarningsKept(t *testing.T) {
	s := testkit.OpenStore(t)
	_, err := importCSV(t, s, "w.csv", "ID,Plan\nA,Unclear\nB,Adoption\n", testkit.D("2026-01-31"), false)
	if err != nil {
		t.Fatal(err)
	}
	ws, err := s.Warnings(context.Background(), 0, "A")
	if err != nil || len(ws) != 1 || ws[0].Row != 2 || ws[0].Column != "Plan" {
		t.Errorf("warnings = %+v %v", ws, err)
	}
	xs, _ := s.Extracts(context.Background())
	if xs[0].Warnings != 1 || xs[0].Rows != 2 {
		t.Errorf("extract = %+v", xs[0])
	}
}

func TestImportPathsRejectsWholeSet(t *testing.T) {
	s := testkit.OpenStore(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.csv")
	os.WriteFile(good, []byte("ID,Plan\nA,Adoption\n"), 0o600)
	if _, err := ImportPaths(context.Background(), s, []string{good}, ImportOptions{ExtractDate: testkit.D("2026-01-31")}); err != nil {
		t.Fatal(err)
	}
	before := storeSummary(t, s)
	// A good file and a bad one (the last row is broken): nothing lands.
	good2 := filepath.Join(dir, "good2.csv")
	os.WriteFile(good2, []byte("ID,Plan\nA,SGO\n"), 0o600)
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("ID,Plan,DOB\nA,SGO,01/01/2020\nB,LTF,01/01/2020\nC,LTF,31/31/2020\n"), 0o600)
	_, err := ImportPaths(context.Background(), s, []string{good2, bad}, ImportOptions{ExtractDate: testkit.D("2026-02-28")})
	if got := testkit.Problems(t, err); len(got) != 1 || !strings.HasPrefix(got[0], "bad.csv:4: DOB:") {
		t.Errorf("problems = %q", got)
	}
	if storeSummary(t, s) != before {
		t.Error("a rejected import changed the store")
	}
	_, err = ImportPaths(context.Background(), s, []string{filepath.Join(dir, "missing.csv")}, ImportOptions{})
	if got := testkit.Problems(t, err); len(got) != 1 || !strings.Contains(got[0], "missing.csv: cannot be opened") {
		t.Errorf("missing file: %q", got)
	}
}

func bigTrackerCSV(n int) string {
	var b strings.Builder
	b.WriteString("ID,Plan,Date Entered Care\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "K%06d,Adoption,01/01/2025\n", i)
	}
	return b.String()
}

func TestCancelledImportWritesNothing(t *testing.T) {
	s := testkit.OpenStore(t)
	if _, err := importCSV(t, s, "first.csv", "ID\nA\n", testkit.D("2026-01-31"), false); err != nil {
		t.Fatal(err)
	}
	before := storeSummary(t, s)
	x, err := tracker.ReadTracker(context.Background(), "big.csv", []byte(bigTrackerCSV(20000)), testkit.D("2026-02-28"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	_, err = s.SaveExtract(ctx, x, false, func(done, total int) {
		if done > total/2 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled import returned %v", err)
	}
	if storeSummary(t, s) != before {
		t.Error("a cancelled import changed the store")
	}
}

// TestKilledImportLeavesStoreUnchanged kills a real import process midway
// (SIGKILL, no chance to clean up) and checks the store is as it was.
func TestKilledImportLeavesStoreUnchanged(t *testing.T) {
	if path := os.Getenv("PERMANENCE_KILL_STORE"); path != "" {
		// The child: import a big extract, announcing when it is half done.
		s, err := store.Open(path)
		if err != nil {
			os.Exit(3)
		}
		x, err := tracker.ReadTracker(context.Background(), "big.csv", []byte(bigTrackerCSV(200000)), testkit.D("2026-02-28"))
		if err != nil {
			os.Exit(3)
		}
		announced := false
		s.SaveExtract(context.Background(), x, false, func(done, total int) {
			if done > total/2 && !announced {
				announced = true
				os.WriteFile(path+".half", nil, 0o600)
				time.Sleep(time.Minute)
			}
		})
		os.Exit(0)
	}
	if testing.Short() {
		t.Skip("starts a child process")
	}
	s := testkit.OpenStore(t)
	if _, err := importCSV(t, s, "first.csv", "ID,Plan\nA,Adoption\n", testkit.D("2026-01-31"), false); err != nil {
		t.Fatal(err)
	}
	before := storeSummary(t, s)
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledImportLeavesStoreUnchanged$")
	cmd.Env = append(os.Environ(), "PERMANENCE_KILL_STORE="+s.Path())
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if _, err := os.Stat(s.Path() + ".half"); err == nil {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the child import never got half way")
		}
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Kill()
	cmd.Wait()
	s.Close()
	s2, err := store.Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	var ok string
	s2.DB().QueryRow("PRAGMA integrity_check").Scan(&ok)
	if ok != "ok" {
		t.Errorf("integrity check: %s", ok)
	}
	if got := storeSummary(t, s2); got != before {
		t.Errorf("a killed import changed the store:\n%s\nwant\n%s", got, before)
	}
}

func TestRecordRoundTrip(t *testing.T) {
	c := data.Child{ID: "X", Name: "Zoë O'Neill", DOB: testkit.D("2019-02-03"), Plan: data.PlanReunification, PlanText: "Return Home",
		PlanInferred: true, FosterCarerAdoption: true, A10Start: testkit.D("2020-01-01"), CareOrderDischarged: testkit.D("2026-01-01"), LegalStatus: "C2"}
	var got data.Child
	if err := store.DecodeChild(store.EncodeChild(nil, &c), &got); err != nil {
		t.Fatal(err)
	}
	if got != c {
		t.Errorf("round trip:\n%+v\nwant\n%+v", got, c)
	}
	if err := store.DecodeChild([]byte{1, 200}, &got); err == nil {
		t.Error("a damaged record must not decode")
	}
}

func TestThresholdSettings(t *testing.T) {
	s := testkit.OpenStore(t)
	ctx := context.Background()
	if err := s.SetThreshold(ctx, "threshold.a1_days", 365); err != nil {
		t.Fatal(err)
	}
	if err := s.SetThreshold(ctx, "threshold.nonsense", 1); err == nil {
		t.Error("unknown threshold accepted")
	}
	th, err := s.Thresholds(ctx)
	if err != nil || th.A1Days != 365 || th.A2Days != 121 {
		t.Errorf("thresholds = %+v, %v", th, err)
	}
	// A changed threshold changes the measure.
	c := []data.Child{{ID: "x", EnteredCare: testkit.D("2024-01-01"), PlacedForAdoption: testkit.D("2025-01-15"), AdoptionOrder: testkit.D("2025-09-01")}} // 380 days
	if data.Compute(c, asAt, data.NoDate, th).Count("adoption.a1_within_426") != 0 || data.Compute(c, asAt, data.NoDate, data.DefaultThresholds()).Count("adoption.a1_within_426") != 1 {
		t.Error("A1 threshold setting is not applied")
	}
}

func TestImportOfSeveralFilesIsOneTransaction(t *testing.T) {
	s := testkit.OpenStore(t)
	dir := t.TempDir()
	a := filepath.Join(dir, "tracker-2026-01-31.csv")
	b := filepath.Join(dir, "tracker_20260228.csv")
	os.WriteFile(a, []byte(bigTrackerCSV(3000)), 0o600)
	os.WriteFile(b, []byte(strings.Replace(bigTrackerCSV(3000), "K", "J", -1)), 0o600)
	before := storeSummary(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	// Cancel once the second file's rows are being written.
	_, err := ImportPaths(ctx, s, []string{a, b}, ImportOptions{Progress: func(done, total int) {
		if total != 6000 {
			t.Errorf("progress total %d, want 6000 (both files)", total)
		}
		if done > 4000 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
	if storeSummary(t, s) != before {
		t.Error("cancelling during the second file kept the first")
	}
	// Without cancelling, both land, each dated from its file name.
	res, err := ImportPaths(context.Background(), s, []string{a, b}, ImportOptions{})
	if err != nil || len(res) != 2 || res[0].Extract.Date != testkit.D("2026-01-31") || res[1].Extract.Date != testkit.D("2026-02-28") || res[1].Added != 3000 {
		t.Fatalf("import both: %+v %v", res, err)
	}
	// Two files given one extract date form one extract holding both.
	s2 := testkit.OpenStore(t)
	res, err = ImportPaths(context.Background(), s2, []string{a, b}, ImportOptions{ExtractDate: testkit.D("2026-03-31")})
	if err != nil || len(res) != 1 || res[0].Extract.FileName != "tracker-2026-01-31.csv + tracker_20260228.csv" || res[0].Added != 6000 {
		t.Errorf("same date twice: %+v %v", res, err)
	}
}

func TestDateFromFileName(t *testing.T) {
	for name, want := range map[string]string{"tracker-2026-03-31.xlsx": "2026-03-31", "cla_20250228.csv": "2025-02-28",
		"extract 2024_12_01 final.csv": "2024-12-01", "tracker.csv": "", "2026-13-01.csv": "", "id123456789.csv": ""} {
		if got := DateFromFileName(name).String(); got != want {
			t.Errorf("DateFromFileName(%q) = %q, want %q", name, got, want)
		}
	}
}

var asAt = testkit.D("2026-03-31")
