package data

import (
	"context"
	"database/sql"
	"fmt"
)

// s903Raw is the stitched SSDA903 tables of one parsed return, stored with
// its extract (migration 0002) in the same transaction as the children.
type s903Raw struct {
	names    []string
	groups   []s903Group
	kids     []string
	ids      map[string]int32
	episodes []s903Episode
	reviews  []s903Review
	ad1      []s903AD1Row
	pfa      []s903PFARow
	tables   [numS903Tables]s903TableUse
	imported map[int32]bool // kids with a derived child row
}

// attachS903 keeps a return's raw tables on its extract until it is saved.
func attachS903(x *ExtractData, raw *s903Raw) {
	if raw == nil {
		return
	}
	raw.imported = make(map[int32]bool, len(x.Children))
	for i := range x.Children {
		if k, ok := raw.kidOf(x.Children[i].ID); ok {
			raw.imported[k] = true
		}
	}
	x.raw903 = raw
}

func s903RawOf(x *ExtractData) *s903Raw {
	if x == nil {
		return nil
	}
	return x.raw903
}

func (raw *s903Raw) kidOf(id string) (int32, bool) {
	k, ok := raw.ids[id]
	return k, ok
}

// returnYear is the year a group's rows are filed under.
func (raw *s903Raw) returnYear(g int32) int {
	gr := &raw.groups[g]
	if gr.hasYear {
		return gr.year
	}
	if gr.latest.IsZero() {
		return 0
	}
	y, _, _ := yearEnd(gr.latest).YMD()
	return y
}

// saveSSDA903Tables writes the SSDA903 tables that came with x (if any)
// under extract id, inside the caller's transaction. SaveExtract calls it
// after the child rows, so an import lands whole or not at all.
func saveSSDA903Tables(ctx context.Context, tx *sql.Tx, id int64, x *ExtractData) error {
	raw := s903RawOf(x)
	if raw == nil {
		return nil
	}
	ins := func(q string, n int, row func(st *sql.Stmt, i int) (bool, error)) error {
		st, err := tx.PrepareContext(ctx, q)
		if err != nil {
			return fmt.Errorf("store SSDA903 tables: %w", err)
		}
		defer st.Close()
		for i := 0; i < n; i++ {
			if i%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if _, err := row(st, i); err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				return fmt.Errorf("store SSDA903 tables: %w", err)
			}
		}
		return nil
	}
	err := ins(`INSERT INTO ssda903_episodes (extract_id, child_id, decom, rne, ls, cin, place, place_provider, dec, rec,
		reason_place_change, urn, period_of_care, return_year, source_file, source_row)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, len(raw.episodes), func(st *sql.Stmt, i int) (bool, error) {
		e := &raw.episodes[i]
		if e.dropped || !raw.imported[e.kid] {
			return false, nil
		}
		_, err := st.Exec(id, raw.kids[e.kid], e.decom.String(), e.rne, e.ls, e.cin, e.place, e.prov,
			e.dec.String(), e.rec, e.reason, e.urn, e.period, raw.returnYear(e.group), raw.names[e.file], e.row)
		return true, err
	})
	if err != nil {
		return err
	}
	err = ins(`INSERT INTO ssda903_reviews (extract_id, child_id, review, review_code, source_file, source_row)
		VALUES (?, ?, ?, ?, ?, ?)`, len(raw.reviews), func(st *sql.Stmt, i int) (bool, error) {
		v := &raw.reviews[i]
		if v.date.IsZero() || !raw.imported[v.kid] {
			return false, nil
		}
		_, err := st.Exec(id, raw.kids[v.kid], v.date.String(), v.code, raw.names[v.file], v.row)
		return true, err
	})
	if err != nil {
		return err
	}
	err = ins(`INSERT INTO ssda903_ad1 (extract_id, child_id, date_int, date_match, foster_care, nb_adoptr, sex_adoptr,
		ls_adoptr, return_year, source_file, source_row) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, len(raw.ad1),
		func(st *sql.Stmt, i int) (bool, error) {
			a := &raw.ad1[i]
			if !raw.imported[a.kid] {
				return false, nil
			}
			_, err := st.Exec(id, raw.kids[a.kid], a.dateInt.String(), a.match.String(), a.fosterCare,
				a.nbAdoptr, a.sexAdoptr, a.lsAdoptr, raw.returnYear(a.group), raw.names[a.file], a.row)
			return true, err
		})
	if err != nil {
		return err
	}
	return ins(`INSERT INTO ssda903_placed_for_adoption (extract_id, child_id, date_placed, date_placed_ceased,
		reason_placed_ceased, source_file, source_row) VALUES (?, ?, ?, ?, ?, ?, ?)`, len(raw.pfa),
		func(st *sql.Stmt, i int) (bool, error) {
			p := &raw.pfa[i]
			if p.placed.IsZero() || !raw.imported[p.kid] {
				return false, nil
			}
			_, err := st.Exec(id, raw.kids[p.kid], p.placed.String(), p.ceased.String(), p.reason,
				raw.names[p.file], p.row)
			return true, err
		})
}

// SSDA903Table says what an SSDA903 import did with one of the return's
// tables, for the import report.
type SSDA903Table struct {
	Name   string   // as the DfE names it: header, episodes, ad1, ...
	Files  []string // the files that held it
	Rows   int      // data rows read (0 for tables not read)
	Stored bool     // kept in the store beside the children (ssda903_* tables)
	Use    string   // what the panel uses it for, or why it is left out
}

var s903TableUses = [numS903Tables]string{
	s903Header:            "date of birth, sex and ethnicity (the table itself is not stored: UPN, MOTHER and MC_DOB are not needed)",
	s903Episodes:          "periods of care and every journey date: entered and ceased care, orders, placements, current LS and PLACE",
	s903Reviews:           "the second review since entering care",
	s903AD1:               "match date and adoption by foster carers (A2, A10)",
	s903PlacedForAdoption: "the ADM decision (DATE_PLACED) and its reversal (DATE_PLACED_CEASED)",
}

// SSDA903Tables reports, for an extract read by ReadSSDA903Files, each table
// found in the return: which files held it, how many rows were read, whether
// it is stored and what it is used for. It is nil for other extracts (and
// once the extract has been garbage collected).
func SSDA903Tables(x *ExtractData) []SSDA903Table {
	raw := s903RawOf(x)
	if raw == nil {
		return nil
	}
	var out []SSDA903Table
	for t := range s903Tables {
		use := &raw.tables[t]
		if len(use.files) == 0 {
			continue
		}
		spec := &s903Tables[t]
		tt := SSDA903Table{Name: spec.name, Rows: use.rows}
		for _, f := range use.files {
			tt.Files = append(tt.Files, raw.names[f])
		}
		if spec.used {
			tt.Use = s903TableUses[t]
			tt.Stored = s903Table(t) != s903Header
		} else {
			tt.Use = "not read or stored: " + spec.skipWhy
		}
		out = append(out, tt)
	}
	return out
}
