package csvin

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
)

// referenceRows is ReadRows as it was before the in-place splitter: every
// record through encoding/csv, rows from its line positions. The fuzz
// target checks the two agree on every input.
func referenceRows(b []byte, pl *Problems, fn func(row int, rec []string) bool) {
	b = Decode(b)
	r := csv.NewReader(strings.NewReader(string(b)))
	r.Comma = SniffDelimiter(b)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	extraLines := 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				why := "a quote is left open or misplaced: check the quotes on this row"
				if pe.Err != csv.ErrQuote && pe.Err != csv.ErrBareQuote {
					why = pe.Err.Error()
				}
				pl.Add(pe.StartLine-extraLines, "", "", why)
			} else {
				pl.Add(0, "", "", "cannot be read: "+err.Error())
			}
			return
		}
		startLine, _ := r.FieldPos(0)
		row := startLine - extraLines
		lastLine, _ := r.FieldPos(len(rec) - 1)
		extraLines += lastLine - startLine + strings.Count(rec[len(rec)-1], "\n")
		if !fn(row, rec) {
			return
		}
	}
}

// collect runs a reader over b and returns every row with its cells, and
// the problems, as one text to compare.
func collect(read func([]byte, *Problems, func(int, []string) bool), b []byte) string {
	var out strings.Builder
	pl := &Problems{File: "f.csv"}
	read(b, pl, func(row int, rec []string) bool {
		fmt.Fprintf(&out, "%d %q\n", row, rec)
		return true
	})
	if err := pl.Err(); err != nil {
		fmt.Fprintf(&out, "error: %v\n", err)
	}
	return out.String()
}

func ours(b []byte, pl *Problems, fn func(int, []string) bool) {
	ReadRows(context.Background(), b, pl, fn)
}

func TestReadRows(t *testing.T) {
	type row struct {
		Row   int
		Cells []string
	}
	for _, tc := range []struct {
		name, in string
		want     []row
		problem  string // the one problem expected, as FILE:ROW: why
	}{
		{"CRLF, blank lines count as rows", "id,name\r\n\r\nA1,Zoë\r\n,\r\nA2,x",
			[]row{{1, []string{"id", "name"}}, {3, []string{"A1", "Zoë"}}, {4, []string{"", ""}}, {5, []string{"A2", "x"}}}, ""},
		{"semicolons, BOM", "\ufeffid;name\nA1;Smith, Jo\n",
			[]row{{1, []string{"id", "name"}}, {2, []string{"A1", "Smith, Jo"}}}, ""},
		{"quoted cell spanning lines is one row", "id,note\nA1,\"two\r\nlines\"\nA2,\"a \"\"b\"\"\"\n\nA3,c\n",
			[]row{{1, []string{"id", "note"}}, {2, []string{"A1", "two\nlines"}}, {3, []string{"A2", `a "b"`}}, {5, []string{"A3", "c"}}}, ""},
		{"a lone CR before the end of the file is dropped", "id\nA1\r",
			[]row{{1, []string{"id"}}, {2, []string{"A1"}}}, ""},
		{"quote left open", "id,note\nA1,\"open\nA2,x\n",
			[]row{{1, []string{"id", "note"}}}, "f.csv:2: a quote is left open or misplaced: check the quotes on this row"},
		{"bare quote after a spanning cell", "id,note\nA1,\"x\ny\"\nA2,b\"c\n",
			[]row{{1, []string{"id", "note"}}, {2, []string{"A1", "x\ny"}}}, "f.csv:3: a quote is left open or misplaced: check the quotes on this row"},
		{"quoted cells closing on their line", "\"id\",\"name\"\r\n\"A1\",\"Smith, \"\"Jo\"\"\"\r\n\"A2\",\"\",\r\n",
			[]row{{1, []string{"id", "name"}}, {2, []string{"A1", `Smith, "Jo"`}}, {3, []string{"A2", "", ""}}}, ""},
		{"text after a closing quote", "id,name\n\"A1\"x,y\n",
			[]row{{1, []string{"id", "name"}}}, "f.csv:2: a quote is left open or misplaced: check the quotes on this row"},
		{"Windows-1252", "id,name\nA1,Ren\xe9e\n",
			[]row{{1, []string{"id", "name"}}, {2, []string{"A1", "Renée"}}}, ""},
	} {
		var got []row
		pl := &Problems{File: "f.csv"}
		ReadRows(context.Background(), []byte(tc.in), pl, func(n int, rec []string) bool {
			got = append(got, row{n, append([]string(nil), rec...)})
			return true
		})
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: rows %v, want %v", tc.name, got, tc.want)
		}
		var problem string
		if err := pl.Err(); err != nil {
			problem = err.Error()
		}
		if problem != tc.problem {
			t.Errorf("%s: problem %q, want %q", tc.name, problem, tc.problem)
		}
	}
}

func TestTrimCell(t *testing.T) {
	for _, c := range []string{"", " ", "a", " a ", "\ta\r", "a\u00a0", "\u00a0a", "\u2003", "ab", "Zoë", "é", "a\x7f", "\x85a"} {
		if got, want := TrimCell(c), strings.TrimSpace(c); got != want {
			t.Errorf("TrimCell(%q) = %q, want %q", c, got, want)
		}
	}
}

// FuzzReadRows checks the in-place splitter against encoding/csv: the same
// records, the same rows and the same problems for any input.
func FuzzReadRows(f *testing.F) {
	for _, s := range []string{
		"id,name\r\nA1,Zoë\r\n\r\nA2,\"x\ny\"\r\n",
		"a;b\n1;\"2;3\"\n\n\n4;5",
		"a\tb\n\"q\"\"\"\tx\n",
		"a,b\n\"open\n",
		"a,b\nx\"y,z\n",
		"\"a\"b,c\n",
		"a\r\r\n\r\nb\r",
		"\xef\xbb\xbfa,b\n\xe9,\"\x80\"\n",
		"a,\"\n\"\n,\n",
		"\"\"\n\n\"",
		"\"id\",\"name\"\r\n\"A1\",\"Smith, \"\"Jo\"\"\"\r\n\"A2\",\"\"\r\n\"A3\",\"x\"y\"\r\n",
		"a,\"b\"\r\r\n\"c\" ,d\n\"\"\"\",\"e\"\r",
		"x;\"long cell with no delimiter\";\"\"\"\"\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := collect(ours, b), collect(referenceRows, b); got != want {
			t.Errorf("input %q:\ngot\n%s\nwant\n%s", b, got, want)
		}
	})
}
