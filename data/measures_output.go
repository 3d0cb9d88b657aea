package data

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
)

// JSON is the flat object of cli.md: "as_of", "period_start", then every
// key in the data set's order, counts as integers.
func (m *Measures) JSON() []byte {
	var b bytes.Buffer
	b.WriteString("{\n")
	fmt.Fprintf(&b, "  \"as_of\": %q,\n  \"period_start\": %q", m.AsOf.String(), m.PeriodStart.String())
	for _, v := range m.Values {
		key, _ := json.Marshal(v.Key)
		b.WriteString(",\n  ")
		b.Write(key)
		b.WriteString(": ")
		if v.IsCount {
			b.WriteString(strconv.Itoa(v.Count))
		} else {
			b.WriteString(strconv.FormatFloat(v.Number, 'f', -1, 64))
		}
	}
	b.WriteString("\n}\n")
	return b.Bytes()
}

// WriteTable prints the data set as a readable table grouped like the
// panel's data set, with proportions written beside their numerators.
func (m *Measures) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Permanence panel data set as at %s (period %s to %s)\n", m.AsOf.UK(), m.PeriodStart.AddDays(1).UK(), m.AsOf.UK())
	group := ""
	for _, v := range m.Values {
		if mustLookup(v.Key).Group == "Trends" {
			continue
		}
		if v.Group != group {
			group = v.Group
			fmt.Fprintf(tw, "\n%s\n", strings.ToUpper(group))
		}
		text := v.Text()
		if num, den, ok := m.Proportion(v.Key); ok && strings.HasSuffix(string(v.Key), ".numerator") {
			text = fmt.Sprintf("%d of %d", num, den)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", v.Label, text, v.Key)
	}
	fmt.Fprintf(tw, "\nTRENDS BY QUARTER\n  Quarter\tFinal hearings\tMedian weeks\tWithin %s\tPlacement orders\tMedian weeks from issue\n",
		WeeksText(m.Thresholds.ProceedingsDays))
	for _, q := range m.Quarters {
		fmt.Fprintf(tw, "  %s\t%d\t%s\t%d\t%d\t%s\n", q.Label, m.Count(TrendKey(TrendFinalHearing, q, TrendCount)),
			m.numberText(TrendKey(TrendFinalHearing, q, TrendMedianWeeks)), m.Count(TrendKey(TrendFinalHearing, q, TrendWithin26Weeks)),
			m.Count(TrendKey(TrendPlacementOrder, q, TrendCount)), m.numberText(TrendKey(TrendPlacementOrder, q, TrendMedianWeeks)))
	}
	return tw.Flush()
}

func (m *Measures) numberText(key Key) string {
	if v, ok := m.Get(key); ok {
		return v.Text()
	}
	return "–"
}
