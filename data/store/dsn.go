package store

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"
)

// busyTimeout is how long a write waits for another connection (another
// import, the app) to finish with the store before it gives up with
// ErrBusy. Tests shorten it.
var busyTimeout = 30 * time.Second

// storeOptions are the connection options go-sqlite3 reads from the DSN's
// query (it runs them as PRAGMAs on every new connection; SQLite ignores
// query parameters it does not know, as these are).
func storeOptions() string {
	return fmt.Sprintf("_journal_mode=WAL&_busy_timeout=%d&_fk=on&_synchronous=normal&_txlock=immediate&_cache_size=-32000",
		busyTimeout.Milliseconds())
}

// storeDSN is the go-sqlite3 data source name that opens exactly the file
// at path with the store's options (read-only: opened with mode=ro and no
// journal-mode change, so the file is not written).
//
// Why a file: URI with every byte escaped: go-sqlite3 splits the DSN at
// its first '?' to read its options, and passes the DSN to SQLite with
// SQLITE_OPEN_URI; SQLite reads a "file:" name as a URI, ends the path at
// '?' or '#' and decodes %HH in it. So a plain path cannot carry options
// when it holds a '?', and "file:" + path opens "Team " for "Team #2/x.db"
// and "A.db" for "%41.db". Escaping everything but unreserved characters
// and '/' makes SQLite decode exactly the bytes of the path, whatever they
// are (spaces, '#', '?', '%', '&', '+', unicode). The path is made absolute
// first so that it begins with a single '/' (the URI's authority is empty).
func storeDSN(path string, readOnly bool) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("find the full path of the store %s: %w", path, err)
	}
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows path: file:///C:/...
	}
	if readOnly {
		return "file://" + escapeURIPath(p) + "?mode=ro&_busy_timeout=" + fmt.Sprint(busyTimeout.Milliseconds()), nil
	}
	return "file://" + escapeURIPath(p) + "?" + storeOptions(), nil
}

// escapeURIPath percent-escapes every byte of p except the unreserved
// characters of RFC 3986, '/' (between segments) and ':' (a Windows drive).
func escapeURIPath(p string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~', c == '/', c == ':':
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}
