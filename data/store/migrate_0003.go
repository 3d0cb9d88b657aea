package store

import (
	"context"
	"database/sql"
	"fmt"
	"permanence/data"
)

// convertBatch is how many child rows migration 0003 reads at a time (a
// variable so that tests can make batches small).
var convertBatch = 4096

// convertRecordsToV2 is the Go step of migration 0003: it rewrites every
// child record that is not already version 2 as version 2, reading the rows
// in key order a batch at a time (so no read is open while it writes), in
// the migration's transaction. A record that does not decode stops the
// migration, and with it every change.
func convertRecordsToV2(ctx context.Context, tx *sql.Tx) error {
	upd, err := tx.PrepareContext(ctx, "UPDATE child_rows SET record = ? WHERE child_id = ? AND extract_id = ?")
	if err != nil {
		return err
	}
	defer upd.Close()
	var (
		lastChild string
		lastX     int64 = -1 << 63
		buf       []byte
	)
	for {
		batch, err := readRecords(ctx, tx, lastChild, lastX)
		if err != nil {
			return err
		}
		for _, r := range batch {
			if len(r.record) > 0 && r.record[0] == recordV2 {
				continue
			}
			var c data.Child
			if err := DecodeChild(r.record, &c); err != nil {
				return fmt.Errorf("child %s in extract %d: %w", r.childID, r.extractID, err)
			}
			buf = EncodeChild(buf[:0], &c)
			if _, err := upd.ExecContext(ctx, buf, r.childID, r.extractID); err != nil {
				return fmt.Errorf("child %s in extract %d: %w", r.childID, r.extractID, err)
			}
		}
		if len(batch) < convertBatch {
			return nil
		}
		lastChild, lastX = batch[len(batch)-1].childID, batch[len(batch)-1].extractID
	}
}

// storedRecord is one child row's key and record.
type storedRecord struct {
	childID   string
	extractID int64
	record    []byte
}

// readRecords reads up to convertBatch child rows after the key (childID,
// extractID), in key order.
func readRecords(ctx context.Context, tx *sql.Tx, childID string, extractID int64) ([]storedRecord, error) {
	rows, err := tx.QueryContext(ctx, `SELECT child_id, extract_id, record FROM child_rows
		WHERE (child_id, extract_id) > (?, ?) ORDER BY child_id, extract_id LIMIT ?`, childID, extractID, convertBatch)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	batch := make([]storedRecord, 0, convertBatch)
	for rows.Next() {
		var r storedRecord
		if err := rows.Scan(&r.childID, &r.extractID, &r.record); err != nil {
			return nil, err
		}
		batch = append(batch, r)
	}
	return batch, rows.Err()
}
