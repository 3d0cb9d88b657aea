package ssda903

import "permanence/data"

// rawTables holds the stitched SSDA903 tables of one parsed return, stored
// with its extract (migration 0002) in the same transaction as the children.
type rawTables struct {
	names    []string
	groups   []group
	kids     []string
	ids      map[string]int32
	episodes []episode
	reviews  []review
	ad1      []ad1Row
	pfa      []pfaRow
	tables   [numTables]tableUse
	imported map[int32]bool // kids with a derived child row
}

// attachTables puts a return's raw tables on its extract, as the source
// tables the store keeps beside the children (only the rows of children
// with a derived record), and the report of what was done with each table.
func attachTables(x *data.ExtractData, raw *rawTables) {
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

func (raw *rawTables) kidOf(id string) (int32, bool) {
	k, ok := raw.ids[id]
	return k, ok
}

// returnYear is the year a group's rows are filed under.
func (raw *rawTables) returnYear(g int32) int {
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
func (raw *rawTables) sourceTables() []data.SourceTable {
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

// tablePurposes says, for the import report, what each table that is read
// is used for.
var tablePurposes = [numTables]string{
	headerTable:            "date of birth, sex and ethnicity (the table itself is not stored: UPN, MOTHER and MC_DOB are not needed)",
	episodesTable:          "periods of care and every journey date: entered and ceased care, orders, placements, current LS and PLACE",
	reviewsTable:           "the second review since entering care",
	ad1Table:               "match date and adoption by foster carers (A2, A10)",
	placedForAdoptionTable: "the ADM decision (DATE_PLACED) and its reversal (DATE_PLACED_CEASED)",
}

// report says, for each table found in the return, which files held it,
// how many rows were read, whether it is stored and what it is used for.
func (raw *rawTables) report() []data.TableReport {
	var out []data.TableReport
	for t := range tables {
		use := &raw.tables[t]
		if len(use.files) == 0 {
			continue
		}
		spec := &tables[t]
		tt := data.TableReport{Name: spec.name, Rows: use.rows}
		for _, f := range use.files {
			tt.Files = append(tt.Files, raw.names[f])
		}
		if spec.used {
			tt.Use = tablePurposes[t]
			tt.Stored = table(t) != headerTable
		} else {
			tt.Use = "not read or stored: " + spec.skipWhy
		}
		out = append(out, tt)
	}
	return out
}
