package store

import (
	"context"
	"path/filepath"
	"testing"
)

// Another connection's commit changes the data version; our own does not.
func TestDataVersionSeesOtherWriters(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "panel.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	v0, err := s.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(ctx, "authority_name", "Ours"); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.DataVersion(ctx); v != v0 {
		t.Errorf("our own write changed the data version %d -> %d", v0, v)
	}
	other, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.SetSetting(ctx, "authority_name", "Theirs"); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.DataVersion(ctx); v == v0 {
		t.Error("another connection's commit did not change the data version")
	}
}
