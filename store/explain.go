package store

import (
	"errors"
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
		var oe *OpenError
		if errors.As(err, &oe) {
			return oe.Path + " is read-only: nothing can be saved there", true
		}
		return "the database is read-only: nothing can be saved there", true
	}
	return "", false
}
