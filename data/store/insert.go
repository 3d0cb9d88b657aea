package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"permanence/data"
	"slices"
	"strings"
)

// How many rows one INSERT statement writes. Each row takes its columns'
// host parameters, after one shared by every row (the extract's id), so a
// statement holds 1 + batch × columns parameters: 513 for child rows and
// 641 for warnings, well within SQLite's limit (SQLITE_MAX_VARIABLE_NUMBER:
// 32,766 in the SQLite that go-sqlite3 bundles, 999 before SQLite 3.32).
// A batch of 128 divides progressEvery, so progress is reported, and
// cancellation checked, at the same rows as when there was one INSERT a row.
const (
	childBatch    = 128
	warningBatch  = 128
	progressEvery = 1024 // rows between progress reports and cancellation checks
)

// batchInsert writes rows of one table many to an INSERT statement, inside
// a transaction. The first column of every row is the same value (the
// extract's id, bound once as ?1). A statement is prepared once for each
// number of rows used: the full batch's is reused, a last, shorter batch
// gets its own, and so does a row tried alone.
//
// The statements run without ctx: go-sqlite3 starts a goroutine per call
// to watch a cancellable context, which costs more than the insert. The
// callers check ctx between batches instead; a cancelled ctx rolls the
// transaction back (database/sql watches the context BeginTx was given).
type batchInsert struct {
	tx    *sql.Tx
	into  string            // "table (column, ...)", the shared column first
	cols  int               // columns of a row after the shared one
	stmts map[int]*sql.Stmt // by rows per statement
}

func newBatchInsert(tx *sql.Tx, into string, cols int) *batchInsert {
	return &batchInsert{tx: tx, into: into, cols: cols, stmts: map[int]*sql.Stmt{}}
}

// stmt is the INSERT statement for rows rows, prepared on first use.
func (b *batchInsert) stmt(ctx context.Context, rows int) (*sql.Stmt, error) {
	if st := b.stmts[rows]; st != nil {
		return st, nil
	}
	row := "(?1" + strings.Repeat(", ?", b.cols) + ")"
	q := "INSERT INTO " + b.into + " VALUES " + row + strings.Repeat(", "+row, rows-1)
	st, err := b.tx.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	b.stmts[rows] = st
	return st, nil
}

// insert writes the rows of args (the shared value, then each row's
// values). When a batch fails on one row's values (a constraint, say: the
// statement is undone, the transaction goes on), it is tried again a row at
// a time, and the error comes with the index in the batch of the row that
// failed; otherwise the index is -1 (0 when the batch was one row).
func (b *batchInsert) insert(ctx context.Context, args []any) (int, error) {
	rows := (len(args) - 1) / b.cols
	st, err := b.stmt(ctx, rows)
	if err == nil {
		_, err = st.Exec(args...)
	}
	switch {
	case err == nil:
		return -1, nil
	case rows == 1:
		return 0, err
	case troubleOf(err) != troubleRow:
		return -1, err
	}
	one, perr := b.stmt(ctx, 1)
	if perr != nil {
		return -1, err
	}
	row := make([]any, 1+b.cols)
	row[0] = args[0]
	for i := 0; i < rows; i++ {
		copy(row[1:], args[1+i*b.cols:1+(i+1)*b.cols])
		if _, rerr := one.Exec(row...); rerr != nil {
			return i, rerr
		}
	}
	return -1, err // every row went in alone: keep the batch's error
}

// close closes the prepared statements.
func (b *batchInsert) close() {
	for _, st := range b.stmts {
		st.Close()
	}
}

// childRow is one row of child_rows, ready to insert: its child's ID, and
// its values as the INSERT binds them (boxed here, off the goroutine that
// inserts): child_id, source_row, plan and the record (EncodeChild's
// stored form).
type childRow struct {
	id     string
	values [4]any
}

// childRows encodes x's children as child rows, reading them in their own
// order (the records share a few large buffers).
func childRows(ctx context.Context, x *data.ExtractData) ([]childRow, error) {
	rows := make([]childRow, len(x.Children))
	var buf []byte
	for i := range x.Children {
		if i%progressEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if cap(buf)-len(buf) < 4096 {
			buf = make([]byte, 0, 1<<20)
		}
		c := &x.Children[i]
		from := len(buf)
		buf = EncodeChild(buf, c)
		record := buf[from:len(buf):len(buf)] // capped: appending the next record never writes into it
		row := 0
		if x.Rows != nil {
			row = x.Rows[i]
		}
		rows[i] = childRow{c.ID, [4]any{c.ID, int64(row), c.Plan.Key(), record}}
	}
	return rows, nil
}

// keyOrder lists the indices of rows in the order of the child_rows key
// (child_id, compared byte by byte as SQLite does): inserted so, rows go
// in at the end of the table's B-tree, filling its pages, instead of
// splitting pages all over it. Each key carries its ID's first 8 bytes as
// a number, so that most comparisons read no string: IDs whose first 8
// bytes (0 where an ID is shorter) differ compare as those numbers do.
func keyOrder(rows []childRow) []int32 {
	type key struct {
		head uint64
		id   string
		i    int32
	}
	keys := make([]key, len(rows))
	for i := range rows {
		var b [8]byte
		copy(b[:], rows[i].id)
		keys[i] = key{binary.BigEndian.Uint64(b[:]), rows[i].id, int32(i)}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := cmp.Compare(a.head, b.head); c != 0 {
			return c
		}
		return strings.Compare(a.id, b.id)
	})
	order := make([]int32, len(keys))
	for k := range keys {
		order[k] = keys[k].i
	}
	return order
}

// encodeInBackground encodes x's children as child rows and puts them in
// key order on another goroutine, so that it can be done while SQLite is
// busy with something else; wait returns them once done.
func encodeInBackground(ctx context.Context, x *data.ExtractData) (wait func() ([]childRow, []int32, error)) {
	done := make(chan struct{})
	var (
		rows  []childRow
		order []int32
		err   error
	)
	go func() {
		defer close(done)
		if rows, err = childRows(ctx, x); err == nil {
			order = keyOrder(rows)
		}
	}()
	return func() ([]childRow, []int32, error) {
		<-done
		return rows, order, err
	}
}

// saveChildRows inserts rows as extract id's child rows, in order (indices
// into rows), a batch at a time.
func saveChildRows(ctx context.Context, tx *sql.Tx, id int64, rows []childRow, order []int32, progress data.Progress) error {
	ins := newBatchInsert(tx, "child_rows (extract_id, child_id, source_row, plan, record)", 4)
	defer ins.close()
	args := make([]any, 0, 1+4*childBatch)
	batch := make([]*childRow, 0, childBatch)
	next := 0 // the row at which to check ctx and report progress next
	for start := 0; start < len(order); start += childBatch {
		if start >= next {
			if err := ctx.Err(); err != nil {
				return err
			}
			if progress != nil {
				progress(start, len(order))
			}
			next = start + progressEvery
		}
		args, batch = append(args[:0], id), batch[:0]
		for _, i := range order[start:min(start+childBatch, len(order))] {
			r := &rows[i]
			args = append(args, r.values[:]...)
			batch = append(batch, r)
		}
		if i, err := ins.insert(ctx, args); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return childError(batch, i, err)
		}
	}
	return nil
}

// childError names the child whose row failed (i, its index in batch), or
// the batch's first and last children when no one row failed alone.
func childError(batch []*childRow, i int, err error) error {
	if i >= 0 {
		return fmt.Errorf("store child %s: %w", batch[i].id, err)
	}
	return fmt.Errorf("store children %s to %s: %w", batch[0].id, batch[len(batch)-1].id, err)
}

// saveWarnings inserts the import's warnings under extract id, in their
// order (their ids keep it), a batch at a time.
func saveWarnings(ctx context.Context, tx *sql.Tx, id int64, warnings []data.Warning) error {
	ins := newBatchInsert(tx, "warnings (extract_id, child_id, source_row, column_name, value, message)", 5)
	defer ins.close()
	args := make([]any, 0, 1+5*warningBatch)
	next := 0 // the warning at which to check ctx next
	for start := 0; start < len(warnings); start += warningBatch {
		if start >= next {
			if err := ctx.Err(); err != nil {
				return err
			}
			next = start + progressEvery
		}
		batch := warnings[start:min(start+warningBatch, len(warnings))]
		args = append(args[:0], id)
		for _, w := range batch {
			args = append(args, w.ChildID, int64(w.Row), w.Column, w.Value, w.Message)
		}
		if i, err := ins.insert(ctx, args); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if i >= 0 {
				return fmt.Errorf("store warning for child %s (row %d): %w", batch[i].ChildID, batch[i].Row, err)
			}
			return fmt.Errorf("store warnings: %w", err)
		}
	}
	return nil
}
