package tracker

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"permanence/data/internal/testkit"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"
	"time"
)

// TestMain keeps the app's temporary folder (see tempRoot) out of the
// user's cache folder while the tests run.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "tracker-test-cache-")
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	tempRoot = func() (string, error) { return filepath.Join(dir, "permanence", "tmp"), nil }
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// peakHeap runs fn and returns the most the heap held meanwhile (sampled
// every millisecond), above what it held before.
func peakHeap(fn func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	heap := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	base := heap()
	done, peak := make(chan struct{}), make(chan uint64)
	go func() {
		most := base
		for tick := time.NewTicker(time.Millisecond); ; {
			most = max(most, heap())
			select {
			case <-done:
				tick.Stop()
				peak <- most - base
				return
			case <-tick.C:
			}
		}
	}()
	fn()
	close(done)
	return <-peak
}

// allocated is how many bytes fn allocates, all goroutines together.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

const mb = 1 << 20

// boundCase is a workbook beyond a bound: parts replacing the tiny
// tracker's, the most its file may be, and why it is refused.
type boundCase struct {
	name     string
	replaced []zipPart
	maxBytes int
	want     string
}

// boundCases are workbooks beyond each bound, built by hand.
func boundCases(t *testing.T) (map[string][]byte, []boundCase) {
	parts := workbookParts(t, tinyTracker(t))
	header := textRow(1, "Child ID", "DOB") + textRow(2, "A1", "01/02/2020")
	manyParts := make([]zipPart, 0, maxParts+1)
	for i := 0; i <= maxParts; i++ {
		manyParts = append(manyParts, zipPart{name: fmt.Sprintf("xl/media/image%d.png", i), body: []byte("x")})
	}
	return parts, []boundCase{
		{"styles declared 4 GB", []zipPart{{name: "xl/styles.xml", body: parts["xl/styles.xml"], declared: 4 << 30}}, 8 << 10,
			"xl/styles.xml would unpack to 4.0 GB, and the most this part can be is 32 MB"},
		{"sheet of 1 GB", []zipPart{bombPart(t, "xl/worksheets/sheet1.xml", sheetHead+header, strings.Repeat(" ", mb), 1024, sheetTail, 0)}, 2 * mb,
			"xl/worksheets/sheet1.xml would unpack to 1.0 GB, and the most this part can be is 512 MB"},
		{"three 400 MB parts", []zipPart{
			bombPart(t, "xl/media/a.bin", "", strings.Repeat("\x00", mb), 400, "", 0),
			bombPart(t, "xl/media/b.bin", "", strings.Repeat("\x00", mb), 400, "", 0),
			bombPart(t, "xl/media/c.bin", "", strings.Repeat("\x00", mb), 400, "", 0)}, 3 * mb,
			"its parts would unpack to more than 1.0 GB together"},
		{"10,001 parts", manyParts, 2 * mb, "it has " + thousands(len(parts)+maxParts+1) + " parts, and a workbook can have at most 10,000"},
		{"1,000,001 styles", []zipPart{bombPart(t, "xl/styles.xml", `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs>`,
			strings.Repeat("<xf/>", 1000), 1000, "<xf/></cellXfs></styleSheet>", 0)}, mb,
			"xl/styles.xml has more than 1,000,000 XML tags, and the most this part can have is 1,000,000"},
		{"2,000,001 shared texts", []zipPart{bombPart(t, "xl/sharedStrings.xml", `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`,
			strings.Repeat("<si/><x:si/>", 500), 2000, "<si/></sst>", 0)}, mb,
			"it has more than 2,000,000 different texts in its cells"},
		{"a sheet of 500 MB of spaces", []zipPart{bombPart(t, "xl/worksheets/sheet1.xml", sheetHead+header, strings.Repeat(" ", mb), 500, sheetTail, 0)}, mb,
			`sheet "Sheet1" has more than 1 MB of text in one piece, more than a cell can hold`},
		{"elements nested 1,001 deep", []zipPart{{name: "xl/worksheets/sheet1.xml",
			body: []byte(sheetHead + header + strings.Repeat(`<row x='"' y="/>">`, 1001) + sheetTail)}}, mb,
			`sheet "Sheet1" has XML elements nested more than 1,000 deep`},
		{"8,000,001 shared text tags", []zipPart{bombPart(t, "xl/sharedStrings.xml", `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`,
			strings.Repeat("<si/>", 1000), 8000, "</sst>", 0)}, mb,
			"xl/sharedstrings.xml has more than 8,000,000 XML tags, and the most this part can have is 8,000,000"},
		{"a sheet beyond Excel's last row", []zipPart{{name: "xl/worksheets/sheet1.xml", body: []byte(sheetHead + header + `<row r="1048577"/>` + sheetTail)}}, mb,
			`sheet "Sheet1" has more than 1,048,576 rows, more than Excel can hold`},
		{"rows of 16,384 cells", []zipPart{bombPart(t, "xl/worksheets/sheet1.xml", sheetHead+header, strings.Repeat(`<row><c r="XFD1"><v>1</v></c></row>`, 100), 20, sheetTail, 0)}, mb,
			`more than 32,000,000 cells, by sheet "Sheet1"`},
	}
}

// TestXLSXBeyondBounds: a workbook that would unpack to more than a
// tracker extract can (a zip bomb, or a small file declaring a huge part)
// is refused with a sentence naming the file and what is too large, before
// anything is unpacked: quickly, with little memory and no temporary file.
func TestXLSXBeyondBounds(t *testing.T) {
	parts, tests := boundCases(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := rezip(t, parts, tt.replaced...)
			if len(b) > tt.maxBytes {
				t.Fatalf("the crafted file is %d bytes, more than the %d meant", len(b), tt.maxBytes)
			}
			var err error
			start := time.Now()
			peak := peakHeap(func() { _, err = ReadTracker(context.Background(), "bomb.xlsx", b, asAt) })
			want := "bomb.xlsx: the workbook is larger than a tracker extract can be once unpacked (" + tt.want + "): check it is the right file"
			if got := testkit.Problems(t, err); len(got) != 1 || got[0] != want {
				t.Errorf("problems = %q\nwant        %q", got, want)
			}
			maxHeap := uint64(256 * mb)
			if strings.HasPrefix(tt.name, "a sheet of 500 MB") {
				maxHeap = 520 * mb // the sheet is unpacked to be checked: its own size
			}
			if peak > maxHeap || time.Since(start) > 20*time.Second {
				t.Errorf("refusing it took %v, and the heap reached %d MB", time.Since(start), peak/mb)
			}
		})
	}
}

// TestXLSXDeclaredSizeUnderstated: a part that unpacks to far more than
// its zip headers declare is read no further than declared (Go's zip
// reader stops there), so the bound on declared sizes bounds what is
// unpacked.
func TestXLSXDeclaredSizeUnderstated(t *testing.T) {
	parts := workbookParts(t, tinyTracker(t))
	head := sheetHead + textRow(1, "Child ID", "DOB") + textRow(2, "A1", "01/02/2020")
	sheet := bombPart(t, "xl/worksheets/sheet1.xml", head, strings.Repeat(" ", mb), 300, sheetTail, 8<<10) // 300 MB declared as 8 KB
	b := rezip(t, parts, sheet)
	var err error
	alloc := allocated(func() { _, err = ReadTracker(context.Background(), "liar.xlsx", b, asAt) })
	if alloc > 64*mb {
		t.Errorf("reading it allocated %d MB: more than the 8 KB declared was unpacked", alloc/mb)
	}
	want := `liar.xlsx: not a readable XLSX workbook (the file is damaged, cut short or another kind of file: sheet "Sheet1": ` +
		`xl/worksheets/sheet1.xml: it does not unpack to what it declares: zip: not a valid zip file)`
	if got := testkit.Problems(t, err); len(got) != 1 || got[0] != want {
		t.Errorf("problems %q", got)
	}
	// And one that unpacks to less than it declares is refused, not read
	// as far as it goes (its last children lost).
	sheet = bombPart(t, "xl/worksheets/sheet1.xml", head, strings.Repeat(" ", 1<<10), 8, sheetTail, 64<<10)
	_, err = ReadTracker(context.Background(), "short.xlsx", rezip(t, parts, sheet), asAt)
	if got := testkit.Problems(t, err); len(got) != 1 || !strings.Contains(got[0], "it unpacks to less than it declares") {
		t.Errorf("problems %q", got)
	}
}

// probeContext runs probe whenever the reader checks for cancellation
// (every 4,096 rows), to look at the disk while a sheet is being read.
type probeContext struct {
	context.Context
	probe func()
}

func (c probeContext) Err() error {
	c.probe()
	return c.Context.Err()
}

// bigWorkbook is a workbook whose sheet, of rows children, unpacks to
// more than 16 MB: beyond it, excelize by default copies the sheet to a
// temporary file.
func bigWorkbook(t testing.TB, rows int) []byte {
	t.Helper()
	var sheet strings.Builder
	sheet.WriteString(sheetHead + textRow(1, "Child ID", "Child Name", "DOB"))
	pad := strings.Repeat(" ", 18*mb/rows)
	for r := 2; r <= rows+1; r++ {
		sheet.WriteString(textRow(r, fmt.Sprintf("C%d", r), "Ann Lee", "01/02/2020") + pad)
	}
	sheet.WriteString(sheetTail)
	return rezip(t, workbookParts(t, tinyTracker(t)), zipPart{name: "xl/worksheets/sheet1.xml", body: []byte(sheet.String())})
}

// TestXLSXNoTemporaryCopy: reading a big workbook writes no copy of its
// sheet (names and dates of birth) to the shared temporary folder, where
// it would outlive a killed import; the app's own folder is private, and
// each import first clears what a killed one left there.
func TestXLSXNoTemporaryCopy(t *testing.T) {
	shared := t.TempDir()
	for _, v := range []string{"TMPDIR", "TMP", "TEMP"} {
		t.Setenv(v, shared)
	}
	root := filepath.Join(t.TempDir(), "permanence", "tmp")
	old := tempRoot
	tempRoot = func() (string, error) { return root, nil }
	defer func() { tempRoot = old }()
	// What a killed import left behind.
	os.MkdirAll(filepath.Join(root, "import-123"), 0o700)
	os.WriteFile(filepath.Join(root, "import-123", "excelize-456"), []byte("Ann Lee,01/02/2020"), 0o600)
	os.WriteFile(filepath.Join(root, "excelize-789"), []byte("Ann Lee,01/02/2020"), 0o600)

	b := bigWorkbook(t, 5000)
	var seen []string // the app's folder, each time the reader checks for cancellation
	ctx := probeContext{Context: context.Background(), probe: func() {
		if copies, _ := filepath.Glob(filepath.Join(shared, "excelize-*")); len(copies) > 0 {
			t.Errorf("while reading, %s holds %q", shared, copies)
		}
		var held []string
		entries, _ := os.ReadDir(root)
		for _, e := range entries {
			info, _ := e.Info()
			held = append(held, fmt.Sprintf("%s %v", e.Name(), info.Mode()))
		}
		seen = append(seen, strings.Join(held, ", "))
	}}
	x, err := ReadTracker(ctx, "big.xlsx", b, asAt)
	if err != nil || len(x.Children) != 5000 {
		t.Fatalf("%v", err)
	}
	// The first look is at row 4,096, the last once the file is read.
	if len(seen) < 2 {
		t.Fatalf("the folders were looked at %d times, want at least once while reading", len(seen))
	}
	if during := seen[0]; !strings.HasPrefix(during, "import-") || !strings.HasSuffix(during, " drwx------") || strings.Contains(during, ",") {
		t.Errorf("while reading, the app's folder holds %q, want only this import's folder, mode 0700", during)
	}
	if info, err := os.Stat(root); err != nil || info.Mode().Perm() != 0o700 {
		t.Errorf("the app's folder: %v, want mode 0700", err)
	}
	if entries, _ := os.ReadDir(root); len(entries) != 0 {
		t.Errorf("after the import the app's folder holds %v", entries)
	}
	if copies, _ := filepath.Glob(filepath.Join(shared, "excelize-*")); len(copies) > 0 {
		t.Errorf("after the import %s holds %q", shared, copies)
	}
}
