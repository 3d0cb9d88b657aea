package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"permanence/data"
)

// SettingAuthorityName is the setting that names the authority on every
// screen and paper.
const SettingAuthorityName = "authority_name"

// SettingQuarters says how trend quarters are named: "calendar" (Q1 is
// January–March, the default) or "financial" (Q1 is April–June, as boards
// report). The quarters and the measure keys stay calendar quarters.
const SettingQuarters = "quarters"

// SettingPopulation is the authority's population under 18 (the ONS
// mid-year estimate the DfE's rates use): children in care per 10,000
// (in_care.per_10000) is worked out over it. Empty when not set.
const SettingPopulation = "population.under_18"

// The population a setting may hold: the Isles of Scilly have a few
// hundred children; more than any English authority has is a mistake.
const minPopulation, maxPopulation = 100, 2_000_000

// Setting describes one setting a person can read and set.
type Setting struct {
	Key, Label, Value string
	Default           string
}

// Thresholds returns the store's thresholds: the defaults of measures.md,
// with any threshold.* setting applied.
func (s *Store) Thresholds(ctx context.Context) (data.Thresholds, error) {
	th := data.DefaultThresholds()
	// One query for every threshold: the figures service asks each time
	// the screens are worked out.
	rows, err := s.db.QueryContext(ctx, "SELECT key, value FROM settings WHERE key LIKE 'threshold.%' OR key = ?", SettingQuarters)
	if err != nil {
		return th, err
	}
	defer rows.Close()
	for rows.Next() {
		var key, v string
		if err := rows.Scan(&key, &v); err != nil {
			return th, err
		}
		if key == SettingQuarters {
			th.FinancialQuarters = v == "financial"
			continue
		}
		ts, ok := data.ThresholdSettingFor(key)
		if !ok || v == "" {
			continue
		}
		if err := ts.Set(&th, v); err != nil {
			return data.DefaultThresholds(), fmt.Errorf("the stored setting is not usable: %w", err)
		}
	}
	return th, rows.Err()
}

// Settings lists every setting a person can set, with its value.
func (s *Store) Settings(ctx context.Context) ([]Setting, error) {
	name, err := s.Setting(ctx, SettingAuthorityName, "")
	if err != nil {
		return nil, err
	}
	out := []Setting{{Key: SettingAuthorityName, Label: "The authority's name", Value: name}}
	def := data.DefaultThresholds()
	th, err := s.Thresholds(ctx)
	if err != nil {
		return nil, err
	}
	for _, ts := range data.ThresholdSettings {
		out = append(out, Setting{Key: ts.Key, Label: ts.Label + " (" + ts.Unit + ")",
			Value: fmt.Sprint(ts.Get(th)), Default: fmt.Sprint(ts.Get(def))})
	}
	quarters := "calendar"
	if th.FinancialQuarters {
		quarters = "financial"
	}
	out = append(out, Setting{Key: SettingQuarters, Label: "Quarters in trends: calendar (Q1 is January–March) or financial (Q1 is April–June)",
		Value: quarters, Default: "calendar"})
	pop, err := s.Setting(ctx, SettingPopulation, "")
	if err != nil {
		return nil, err
	}
	out = append(out, Setting{Key: SettingPopulation, Value: pop,
		Label: "The authority's population under 18 (the ONS mid-year estimate), for children in care per 10,000; empty when not set"})
	panel, err := s.panelSettingList(ctx)
	if err != nil {
		return nil, err
	}
	return append(out, panel...), nil
}

// ChangeSetting checks and stores one setting a person set; an empty value
// puts a threshold back to its default. An unknown key or a bad value is an
// error that says what is allowed, and nothing is stored.
func (s *Store) ChangeSetting(ctx context.Context, key, value string) error {
	return s.ChangeSettings(ctx, [][2]string{{key, value}})
}

// ChangeSettings checks every (key, value) first, then stores them all in
// one transaction: all of them change, or none.
func (s *Store) ChangeSettings(ctx context.Context, changes [][2]string) error {
	for i, c := range changes {
		v, err := checkSetting(c[0], c[1])
		if err != nil {
			return err
		}
		changes[i][1] = v
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return explain(s.path, fmt.Errorf("change the settings: %w", err))
	}
	defer tx.Rollback()
	for _, c := range changes {
		if c[1] == "" && c[0] != SettingAuthorityName {
			_, err = tx.ExecContext(ctx, "DELETE FROM settings WHERE key = ?", c[0])
		} else {
			_, err = tx.ExecContext(ctx, "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", c[0], c[1])
		}
		if err != nil {
			return explain(s.path, fmt.Errorf("change %s: %w", c[0], err))
		}
	}
	return explain(s.path, tx.Commit())
}

// checkSetting checks one setting's new value and returns it as stored.
func checkSetting(key, value string) (string, error) {
	value = strings.TrimSpace(value)
	if key == SettingAuthorityName {
		if len([]rune(value)) > 200 {
			return "", fmt.Errorf("%s: at most 200 characters", key)
		}
		return value, nil
	}
	if strings.HasPrefix(key, "panel.") {
		return checkPanelSetting(key, value)
	}
	if key == SettingPopulation {
		return checkPopulation(value)
	}
	if key == SettingQuarters {
		switch v := strings.ToLower(value); v {
		case "", "calendar":
			return "", nil // the default
		case "financial":
			return v, nil
		}
		return "", fmt.Errorf("%s: %q is not a kind of quarter: use calendar (Q1 is January–March) or financial (Q1 is April–June)", key, value)
	}
	ts, ok := data.ThresholdSettingFor(key)
	if !ok {
		return "", fmt.Errorf("no setting called %q: the settings are %s", key, strings.Join(settingKeys(), ", "))
	}
	if value == "" {
		return "", nil
	}
	var th data.Thresholds
	if err := ts.Set(&th, value); err != nil {
		return "", err
	}
	return value, nil
}

// checkPopulation checks a population under 18: a whole number of
// children (commas and spaces allowed, as people type 245,300), or empty.
func checkPopulation(value string) (string, error) {
	if value == "" {
		return "", nil
	}
	n, err := strconv.Atoi(strings.NewReplacer(",", "", " ", "", "\u00a0", "").Replace(value))
	if err != nil || n < minPopulation || n > maxPopulation {
		return "", fmt.Errorf("%s: %q is not a population under 18: use a whole number of children from %d to %d, such as 245300",
			SettingPopulation, value, minPopulation, maxPopulation)
	}
	return strconv.Itoa(n), nil
}

// Population is the authority's population under 18 (setting
// population.under_18), or 0 when it is not set.
func (s *Store) Population(ctx context.Context) (int, error) {
	v, err := s.Setting(ctx, SettingPopulation, "")
	if err != nil || v == "" {
		return 0, err
	}
	v, err = checkPopulation(v)
	if err != nil {
		return 0, fmt.Errorf("the stored setting is not usable: %w", err)
	}
	n, _ := strconv.Atoi(v)
	return n, nil
}

// SetThreshold stores one named threshold (a key of the form threshold.NAME).
func (s *Store) SetThreshold(ctx context.Context, key string, value int) error {
	if _, ok := data.ThresholdSettingFor(key); !ok {
		return fmt.Errorf("no threshold called %s", key)
	}
	return s.ChangeSetting(ctx, key, fmt.Sprint(value))
}

func settingKeys() []string {
	out := []string{SettingAuthorityName}
	for _, ts := range data.ThresholdSettings {
		out = append(out, ts.Key)
	}
	out = append(out, SettingQuarters, SettingPopulation)
	for _, ps := range panelSettingKeys() {
		out = append(out, ps.key)
	}
	return out
}

// SettingPanelKinds is the setting that lists the panel kinds the
// authority runs (tracking, adoption, all), comma-separated.
const SettingPanelKinds = "panel.kinds"

// The settings of each panel kind K are panel.K.cadence, panel.K.start_time
// and panel.K.minutes_per_child.
const (
	panelCadence   = "cadence"
	panelStartTime = "start_time"
	panelMinutes   = "minutes_per_child"
)

// panelCadences are the cadences a panel may have.
var panelCadences = []string{"weekly", "fortnightly", "monthly"}

// panelSetting is one panel setting: its key, label and default.
type panelSetting struct {
	key, label, def string
	kind            data.PanelKind // "" for panel.kinds
	field           string         // panelCadence, panelStartTime or panelMinutes
}

// panelSettingKeys lists the panel settings: the kinds run, then each
// kind's cadence, start time and minutes per child, with their defaults
// (data.DefaultPanelSettings).
func panelSettingKeys() []panelSetting {
	def := data.DefaultPanelSettings()
	var kinds []string
	for _, k := range def.Kinds {
		kinds = append(kinds, string(k.Kind))
	}
	out := []panelSetting{{key: SettingPanelKinds, def: strings.Join(kinds, ","),
		label: "Panels run (tracking, adoption or all; tracking and adoption may both be run, separated by a comma)"}}
	for _, k := range data.PanelKinds {
		ks := def.For(k)
		prefix := "panel." + string(k) + "."
		out = append(out,
			panelSetting{key: prefix + panelCadence, kind: k, field: panelCadence, def: ks.Cadence,
				label: k.Label() + ": how often it meets (weekly, fortnightly or monthly)"},
			panelSetting{key: prefix + panelStartTime, kind: k, field: panelStartTime, def: ks.StartTime,
				label: k.Label() + ": start time (HH:MM)"},
			panelSetting{key: prefix + panelMinutes, kind: k, field: panelMinutes, def: fmt.Sprint(ks.MinutesPerChild),
				label: k.Label() + ": minutes per child (5 to 120)"})
	}
	return out
}

// panelSettingFor finds a panel setting by key.
func panelSettingFor(key string) (panelSetting, bool) {
	for _, ps := range panelSettingKeys() {
		if ps.key == key {
			return ps, true
		}
	}
	return panelSetting{}, false
}

// checkPanelSetting checks one panel setting's new value (trimmed) and
// returns it as stored; "" puts it back to its default.
func checkPanelSetting(key, value string) (string, error) {
	ps, ok := panelSettingFor(key)
	if !ok {
		return "", fmt.Errorf("no setting called %q: the settings are %s", key, strings.Join(settingKeys(), ", "))
	}
	if value == "" {
		return "", nil
	}
	var err error
	switch ps.field {
	case "":
		var kinds []data.PanelKind
		if kinds, err = parsePanelKinds(value); err == nil {
			value = joinKinds(kinds)
		}
	case panelCadence:
		value = strings.ToLower(value)
		if !slices.Contains(panelCadences, value) {
			err = fmt.Errorf("%q is not a cadence: use weekly, fortnightly or monthly", value)
		}
	case panelStartTime:
		value, err = parseStartTime(value)
	case panelMinutes:
		var n int
		if n, err = strconv.Atoi(value); err != nil || n < 5 || n > 120 {
			err = fmt.Errorf("%q is not a number of minutes from 5 to 120", value)
		}
		value = strconv.Itoa(n)
	}
	if err != nil {
		return "", fmt.Errorf("%s: %w", key, err)
	}
	return value, nil
}

// parsePanelKinds reads a comma-separated list of panel kinds: at least
// one, none twice, and "all" alone (it covers every child).
func parsePanelKinds(value string) ([]data.PanelKind, error) {
	var kinds []data.PanelKind
	for _, part := range strings.Split(value, ",") {
		k, err := data.ParsePanelKind(part)
		if err != nil {
			return nil, err
		}
		if slices.Contains(kinds, k) {
			return nil, fmt.Errorf("%s is listed twice", k)
		}
		kinds = append(kinds, k)
	}
	if len(kinds) > 1 && slices.Contains(kinds, data.PanelAll) {
		return nil, errors.New("the all panel covers every child: run it alone, or run tracking and adoption panels")
	}
	return kinds, nil
}

func joinKinds(kinds []data.PanelKind) string {
	s := make([]string, len(kinds))
	for i, k := range kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ",")
}

// parseStartTime reads H:MM or HH:MM, a time of day, as HH:MM.
func parseStartTime(v string) (string, error) {
	h, m, ok := strings.Cut(v, ":")
	hh, errH := strconv.Atoi(h)
	mm, errM := strconv.Atoi(m)
	if !ok || errH != nil || errM != nil || len(h) < 1 || len(h) > 2 || len(m) != 2 || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return "", fmt.Errorf("%q is not a time of day: use HH:MM, such as 10:00 or 13:30", v)
	}
	return fmt.Sprintf("%02d:%02d", hh, mm), nil
}

// PanelSettings returns the panel settings: data.DefaultPanelSettings with
// any panel.* setting applied, read in one query. The kinds run come in
// the order panel.kinds lists them. A stored value that is not usable is
// an error (with the defaults).
func (s *Store) PanelSettings(ctx context.Context) (data.PanelSettings, error) {
	def := data.DefaultPanelSettings()
	stored, err := s.storedPanelSettings(ctx)
	if err != nil {
		return def, err
	}
	kinds, err := kindsRun(def, stored)
	if err != nil {
		return def, err
	}
	var out data.PanelSettings
	for _, k := range kinds {
		ks, err := kindSettings(def, stored, k)
		if err != nil {
			return def, err
		}
		out.Kinds = append(out.Kinds, ks)
	}
	return out, nil
}

// storedPanelSettings reads every stored panel.* setting in one query.
func (s *Store) storedPanelSettings(ctx context.Context) (map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT key, value FROM settings WHERE key LIKE 'panel.%'")
	if err != nil {
		return nil, explain(s.path, err)
	}
	defer rows.Close()
	stored := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		stored[k] = v
	}
	return stored, rows.Err()
}

// kindsRun are the kinds stored in panel.kinds, else def's.
func kindsRun(def data.PanelSettings, stored map[string]string) ([]data.PanelKind, error) {
	if v := stored[SettingPanelKinds]; v != "" {
		kinds, err := parsePanelKinds(v)
		if err != nil {
			return nil, fmt.Errorf("the stored setting %s is not usable: %w", SettingPanelKinds, err)
		}
		return kinds, nil
	}
	kinds := make([]data.PanelKind, len(def.Kinds))
	for i, k := range def.Kinds {
		kinds[i] = k.Kind
	}
	return kinds, nil
}

// kindSettings are kind k's settings: def's, with the stored ones applied.
func kindSettings(def data.PanelSettings, stored map[string]string, k data.PanelKind) (data.PanelKindSettings, error) {
	ks := def.For(k)
	prefix := "panel." + string(k) + "."
	for _, field := range []string{panelCadence, panelStartTime, panelMinutes} {
		v := stored[prefix+field]
		if v == "" {
			continue
		}
		v, err := checkPanelSetting(prefix+field, v)
		if err != nil {
			return def.For(k), fmt.Errorf("the stored setting is not usable: %w", err)
		}
		switch field {
		case panelCadence:
			ks.Cadence = v
		case panelStartTime:
			ks.StartTime = v
		case panelMinutes:
			ks.MinutesPerChild, _ = strconv.Atoi(v)
		}
	}
	return ks, nil
}

// panelSettingList is Settings' part for the panel: every panel setting
// (of every kind, run or not) with the value in force and its default.
func (s *Store) panelSettingList(ctx context.Context) ([]Setting, error) {
	def := data.DefaultPanelSettings()
	stored, err := s.storedPanelSettings(ctx)
	if err != nil {
		return nil, err
	}
	kinds, err := kindsRun(def, stored)
	if err != nil {
		return nil, err
	}
	var out []Setting
	for _, p := range panelSettingKeys() {
		v := joinKinds(kinds)
		if p.kind != "" {
			ks, err := kindSettings(def, stored, p.kind)
			if err != nil {
				return nil, err
			}
			switch p.field {
			case panelCadence:
				v = ks.Cadence
			case panelStartTime:
				v = ks.StartTime
			case panelMinutes:
				v = strconv.Itoa(ks.MinutesPerChild)
			}
		}
		out = append(out, Setting{Key: p.key, Label: p.label, Value: v, Default: p.def})
	}
	return out, nil
}
