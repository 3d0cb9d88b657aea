package data

// PopulationRateNote says why a rate over the population is missing, for
// whoever shows the figure: the population is not set, or a filter
// narrows the children.
const (
	PopulationNotSet   = "set the authority's population under 18 (Settings: population.under_18) to see this rate"
	PopulationFiltered = "not worked out while a filter narrows the children: the population is the whole authority's"
)

// AddPopulationRates works out the rates over the authority's population
// under 18 (the catalogue's Population measures: in_care.per_10000 is
// in_care × 10,000 / population, to 1 decimal place, half away from zero)
// and puts each after the count it is a rate of. population is the
// setting population.under_18 (0: not set). With no population, or when
// filtered (a filter narrows the children, so the count is not the
// authority's), the rates are left out, and any there are removed.
func (m *Measures) AddPopulationRates(population int, filtered bool) {
	m.removeValue(KeyInCarePer10000)
	if population <= 0 || filtered {
		return
	}
	e := mustLookup(KeyInCarePer10000)
	v := Value{Key: KeyInCarePer10000, Label: e.Label(m.Thresholds), Group: e.Group,
		Number: RoundRatio(int64(m.Count(KeyInCare))*10000, int64(population))}
	m.insertAfter(KeyInCare, v)
}

// removeValue takes a key's value out of the data set, if it is there.
func (m *Measures) removeValue(k Key) {
	i, ok := m.index[k]
	if !ok {
		return
	}
	m.Values = append(m.Values[:i], m.Values[i+1:]...)
	m.reindex()
}

// insertAfter puts v in the data set just after the value of key (at the
// end when key has none).
func (m *Measures) insertAfter(key Key, v Value) {
	i, ok := m.index[key]
	if !ok {
		i = len(m.Values) - 1
	}
	m.Values = append(m.Values, Value{})
	copy(m.Values[i+2:], m.Values[i+1:])
	m.Values[i+1] = v
	m.reindex()
}

func (m *Measures) reindex() {
	m.index = make(map[Key]int, len(m.Values))
	for i, v := range m.Values {
		m.index[v.Key] = i
	}
}
