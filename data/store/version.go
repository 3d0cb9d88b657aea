package store

import "context"

// DataVersion changes whenever another program (the command line, another
// copy of the app) commits a change to the store; this store's own writes
// leave it as it is. The app polls it to notice imports made elsewhere.
func (s *Store) DataVersion(ctx context.Context) (int64, error) {
	var v int64
	err := s.db.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v)
	return v, err
}
