package ssda903

import "permanence/data"

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

// attachS903 puts a return's raw tables on its extract, as the source
// tables the store keeps beside the children (only the rows of children
// with a derived record), and the report of what was done with each table.
func attachS903(x *data.ExtractData, raw *s903Raw) {
	if raw == nil {
		return
	}
	raw.imported = make(map[int32]bool, len(x.Children))
	for i := range x.Children {
		if k, ok := raw.kidOf(x.Children[i].ID); ok {
			raw.imported[k] = true
		}
	}
	x.Stored = raw.sourceTables()
	x.Tables = raw.report()
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

// sourceTables are the return's tables as the store keeps them (migration
// 0002): one version of each episode, review and adoption decision.
func (raw *s903Raw) sourceTables() []data.SourceTable {
	return []data.SourceTable{
		{Name: "ssda903_episodes", Columns: []string{"child_id", "decom", "rne", "ls", "cin", "place", "place_provider", "dec", "rec",
			"reason_place_change", "urn", "period_of_care", "return_year", "source_file", "source_row"},
			Rows: len(raw.episodes), Row: func(i int) ([]any, bool) {
				e := &raw.episodes[i]
				if e.dropped || !raw.imported[e.kid] {
					return nil, false
				}
				return []any{raw.kids[e.kid], e.decom.String(), e.rne, e.ls, e.cin, e.place, e.prov,
					e.dec.String(), e.rec, e.reason, e.urn, e.period, raw.returnYear(e.group), raw.names[e.file], e.row}, true
			}},
		{Name: "ssda903_reviews", Columns: []string{"child_id", "review", "review_code", "source_file", "source_row"},
			Rows: len(raw.reviews), Row: func(i int) ([]any, bool) {
				v := &raw.reviews[i]
				if v.date.IsZero() || !raw.imported[v.kid] {
					return nil, false
				}
				return []any{raw.kids[v.kid], v.date.String(), v.code, raw.names[v.file], v.row}, true
			}},
		{Name: "ssda903_ad1", Columns: []string{"child_id", "date_int", "date_match", "foster_care", "nb_adoptr", "sex_adoptr",
			"ls_adoptr", "return_year", "source_file", "source_row"},
			Rows: len(raw.ad1), Row: func(i int) ([]any, bool) {
				a := &raw.ad1[i]
				if !raw.imported[a.kid] {
					return nil, false
				}
				return []any{raw.kids[a.kid], a.dateInt.String(), a.match.String(), a.fosterCare,
					a.nbAdoptr, a.sexAdoptr, a.lsAdoptr, raw.returnYear(a.group), raw.names[a.file], a.row}, true
			}},
		{Name: "ssda903_placed_for_adoption", Columns: []string{"child_id", "date_placed", "date_placed_ceased",
			"reason_placed_ceased", "source_file", "source_row"},
			Rows: len(raw.pfa), Row: func(i int) ([]any, bool) {
				p := &raw.pfa[i]
				if p.placed.IsZero() || !raw.imported[p.kid] {
					return nil, false
				}
				return []any{raw.kids[p.kid], p.placed.String(), p.ceased.String(), p.reason, raw.names[p.file], p.row}, true
			}},
	}
}

var s903TableUses = [numS903Tables]string{
	s903Header:            "date of birth, sex and ethnicity (the table itself is not stored: UPN, MOTHER and MC_DOB are not needed)",
	s903Episodes:          "periods of care and every journey date: entered and ceased care, orders, placements, current LS and PLACE",
	s903Reviews:           "the second review since entering care",
	s903AD1:               "match date and adoption by foster carers (A2, A10)",
	s903PlacedForAdoption: "the ADM decision (DATE_PLACED) and its reversal (DATE_PLACED_CEASED)",
}

// report says, for each table found in the return, which files held it,
// how many rows were read, whether it is stored and what it is used for.
func (raw *s903Raw) report() []data.TableReport {
	var out []data.TableReport
	for t := range s903Tables {
		use := &raw.tables[t]
		if len(use.files) == 0 {
			continue
		}
		spec := &s903Tables[t]
		tt := data.TableReport{Name: spec.name, Rows: use.rows}
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
