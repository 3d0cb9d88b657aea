package data

import (
	"fmt"
	"sort"
)

// ChangeKeys are the measures AddChanges works out, in the catalogue's order.
var ChangeKeys = func() []Key {
	var out []Key
	for i := range Catalogue {
		if Catalogue[i].Changes {
			out = append(out, Catalogue[i].Key)
		}
	}
	return out
}()

// AddChanges works out the change measures (the catalogue's entries
// marked Changes; docs/measures-panel.md) from ch, the changes over m's
// period (ch.From is m.PeriodStart, ch.To is m.AsOf), and puts them in the
// data set before the trends. Only the children of m count: a filtered
// data set counts the changes of the children it keeps. Counts of
// disruptions and changes of plan count each one (a child with two counts
// twice); their members are the children, each once.
func (m *Measures) AddChanges(ch *Changes) error {
	if ch == nil || ch.From != m.PeriodStart || ch.To != m.AsOf {
		return fmt.Errorf("the change measures need the changes over the period %s to %s", m.PeriodStart.AddDays(1).UK(), m.AsOf.UK())
	}
	at := make(map[string]int, len(ch.Children))
	for _, c := range ch.Children {
		at[c.ID] = -1
	}
	for i := range m.Children {
		if _, ok := at[m.Children[i].ID]; ok {
			at[m.Children[i].ID] = i
		}
	}
	member := func(id string) (int, bool) {
		i, ok := at[id]
		return i, ok && i >= 0
	}
	var vals []Value
	put := func(k Key, ids []string) {
		var members []int
		seen := map[int]bool{}
		n := 0
		for _, id := range ids {
			if i, ok := member(id); ok {
				n++
				if !seen[i] {
					seen[i] = true
					members = append(members, i)
				}
			}
		}
		sort.Ints(members)
		if members == nil {
			members = []int{}
		}
		m.Members[k] = members
		vals = append(vals, m.changeValue(Value{Key: k, IsCount: true, Count: n}))
	}

	var all, adoption, ltf, recommended []string
	for _, d := range ch.Disruptions {
		all = append(all, d.ChildID)
		if d.Kind == DisruptionLTF {
			ltf = append(ltf, d.ChildID)
		} else {
			adoption = append(adoption, d.ChildID)
		}
		if d.Recommendation != nil {
			recommended = append(recommended, d.ChildID)
		}
	}
	put(KeyDisruptions, all)
	put(KeyDisruptionsAdoption, adoption)
	put(KeyDisruptionsLTF, ltf)
	put(KeyDisruptionsRecommendation, recommended)

	var changes, fromAdoption, withPO, due, within []string
	var days []int
	for _, c := range ch.PlanChanges {
		if _, ok := member(c.ChildID); !ok {
			continue
		}
		changes = append(changes, c.ChildID)
		if c.From != PlanAdoption {
			continue
		}
		fromAdoption = append(fromAdoption, c.ChildID)
		r := c.Revocation
		if r == nil {
			continue
		}
		withPO = append(withPO, c.ChildID)
		if r.Due(m.AsOf) {
			due = append(due, c.ChildID)
		}
		if r.Status(m.AsOf) == RevokedWithinTarget {
			within = append(within, c.ChildID)
		}
		if d, ok := r.Days(); ok {
			days = append(days, d)
		}
	}
	put(KeyPlanChanges, changes)
	put(KeyPlanChangesFromAdoption, fromAdoption)
	put(KeyPlanChangesWithPO, withPO)
	put(KeyRevocationsDue, due)
	put(KeyRevocationsWithinTarget, within)
	if len(days) > 0 {
		p, q := medianRatio(days)
		vals = append(vals, m.changeValue(Value{Key: KeyRevocationsMedianDays, Number: RoundRatio(p, q)}))
	}
	var differs []string
	for _, d := range ch.CaseSystemDiffers {
		differs = append(differs, d.ChildID)
	}
	put(KeyCaseSystemDiffers, differs)
	m.insertBeforeTrends(vals)
	return nil
}

// changeValue is v with its catalogue label and group.
func (m *Measures) changeValue(v Value) Value {
	e := mustLookup(v.Key)
	v.Label, v.Group = e.Label(m.Thresholds), e.Group
	return v
}

// insertBeforeTrends puts vals in the data set after the values there are
// before the first trend, replacing any of the same keys.
func (m *Measures) insertBeforeTrends(vals []Value) {
	replace := map[Key]bool{}
	for _, v := range vals {
		replace[v.Key] = true
	}
	out := make([]Value, 0, len(m.Values)+len(vals))
	placed := false
	for _, v := range m.Values {
		if replace[v.Key] {
			continue
		}
		if !placed && mustLookup(v.Key).Group == "Trends" {
			out, placed = append(out, vals...), true
		}
		out = append(out, v)
	}
	if !placed {
		out = append(out, vals...)
	}
	m.Values = out
	m.index = make(map[Key]int, len(out))
	for i, v := range out {
		m.index[v.Key] = i
	}
}
