package store

import (
	"errors"
	"strings"
)

// Explain returns the one plain sentence a user is shown for a failure of
// the database itself (another herald writing, a full disk, a read-only
// file system), without the chain of operations that led to it, and false
// for any other error. The write that failed saved nothing, and nothing
// saved before it is lost.
func Explain(err error) (string, bool) {
	switch {
	case err == nil:
		return "", false
	case errors.Is(err, ErrBusy):
		return ErrBusy.Error(), true
	case errors.Is(err, ErrFull):
		return "the disk is full: nothing more was saved; free some space and try again", true
	case errors.Is(err, ErrReadOnly):
		if p := openedPath(err); p != "" {
			return p + " is read-only: nothing can be saved there", true
		}
		return "the database is read-only: nothing can be saved there", true
	}
	return "", false
}

// openedPath returns the path an "open database PATH: …" error names.
func openedPath(err error) string {
	const prefix = "open database "
	msg := err.Error()
	if i := strings.Index(msg, prefix); i >= 0 {
		rest := msg[i+len(prefix):]
		if j := strings.Index(rest, ": "); j > 0 {
			return rest[:j]
		}
	}
	return ""
}
