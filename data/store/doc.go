// Package store is the app's SQLite store: every extract ever imported
// (each child's row in each, its warnings and its source tables), the
// settings, and the panel's own records (meetings, agendas, each child's
// record at each meeting and every version of it), with the backups that
// protect them.
//
// The store is one file the user names, opened with one writer
// connection; its schema is brought up to date by numbered migrations
// (migrations/NNNN_*.sql, PRAGMA user_version), each in its own
// transaction after a backup. Every write is one transaction. The panel's
// records are never deleted or overwritten in place: an import, a
// --replace, deleting an extract or loading the demo never touches them,
// and every change to a record is kept as a version with who, when and,
// for a closed meeting, why.
//
// Backups are complete, consistent copies (VACUUM INTO) in a backups
// folder beside the store, 0600 files in a 0700 folder: before every
// migration, before every import, once a day (DailyBackup) and before a
// restore, a bounded number of each kept. Backup writes a copy anywhere;
// Restore puts one back.
package store
