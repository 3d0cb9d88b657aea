package store

import (
	"context"
	"fmt"
	"strings"

	"permanence/data"
)

// SettingAuthorityName is the setting that names the authority on every
// screen and paper.
const SettingAuthorityName = "authority_name"

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
	rows, err := s.db.QueryContext(ctx, "SELECT key, value FROM settings WHERE key LIKE 'threshold.%'")
	if err != nil {
		return th, err
	}
	defer rows.Close()
	for rows.Next() {
		var key, v string
		if err := rows.Scan(&key, &v); err != nil {
			return th, err
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
	return out, nil
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
	return out
}
