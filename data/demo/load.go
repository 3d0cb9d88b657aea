package demo

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"permanence/data"
	"permanence/data/store"
)

// ErrRealData stops the demo authority being mixed into a store that holds
// an authority's real extracts.
var ErrRealData = fmt.Errorf("this store already holds imported extracts or a panel's records: load the demo authority into a new store (--db demo.db)")

// LoadDemo generates the synthetic authority and stores each monthly
// extract, oldest first, each in its own transaction, then a year of its
// panel's meetings and records (LoadDemoPanel). Loading the same options
// twice is a no-op (each extract's fingerprint is already stored, and the
// panel's meetings are there).
func LoadDemo(ctx context.Context, s *store.Store, o DemoOptions, progress data.Progress) error {
	xs, err := s.Extracts(ctx)
	if err != nil {
		return err
	}
	for _, x := range xs {
		if x.Kind != data.KindDemo {
			return ErrRealData
		}
	}
	// A store with panel meetings and no demo extract holds a real panel's
	// records: the demo never goes in beside them.
	if hasPanel, err := s.HasPanelData(ctx); err != nil {
		return err
	} else if hasPanel && len(xs) == 0 {
		return ErrRealData
	}
	o = DemoDefaults(o)
	if err := loadDemoExtracts(ctx, s, o, progress); err != nil {
		return err
	}
	// A year of the panel's work, unless the store holds meetings already
	// (the demo's from an earlier load, or some typed since): loading
	// again never adds to them.
	return LoadDemoPanel(ctx, s, o.Seed)
}

// loadDemoExtracts stores the demo's extracts (o with its defaults) and
// names the authority, when no name is set.
func loadDemoExtracts(ctx context.Context, s *store.Store, o DemoOptions, progress data.Progress) error {
	extracts := GenerateDemo(o)
	total := 0
	for _, e := range extracts {
		total += len(e.Children)
	}
	done := 0
	for _, e := range extracts {
		sum := sha256.Sum256([]byte(fmt.Sprintf("demo %d %d %d %s %s", o.Children, o.Months, o.Seed, o.End, e.Date)))
		x := &data.ExtractData{Kind: data.KindDemo, FileName: fmt.Sprintf("demo authority %s", e.Date), SHA256: hex.EncodeToString(sum[:]),
			Date: e.Date, Children: e.Children, RowsRead: len(e.Children)}
		for i := range e.Children {
			c := &e.Children[i]
			if _, known := data.ParsePlan(c.PlanText); !known {
				x.Warnings = append(x.Warnings, data.Warning{ChildID: c.ID, Row: i + 2, Column: "permanence_plan", Value: c.PlanText,
					Message: "plan not recognised: counted as \"other\""})
			}
			x.Warnings = append(x.Warnings, data.CheckChild(c, e.Date, i+2, nil)...)
		}
		base := done
		var p data.Progress
		if progress != nil {
			p = func(d, _ int) { progress(base+d, total) }
		}
		if _, err := s.SaveExtract(ctx, x, false, p); err != nil {
			return fmt.Errorf("store demo extract %s: %w", e.Date, err)
		}
		done += len(e.Children)
	}
	cur, err := s.Setting(ctx, "authority_name", "")
	if err != nil || cur != "" {
		return err
	}
	name := o.Authority
	if name == "" {
		name = "Demo Borough Council"
	}
	return s.SetSetting(ctx, "authority_name", name)
}
