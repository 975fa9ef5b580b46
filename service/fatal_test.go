package service

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/herald-reader/herald/store"
)

// TestFatalSaveErr: a full or read-only disk stops the refresh's saves as a
// busy or closed database does (the rest would fail the same way); a fault
// in one feed's save does not.
func TestFatalSaveErr(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		err  error
		want bool
	}{
		{fmt.Errorf("save feed 3: %w", store.ErrFull), true},
		{fmt.Errorf("save feed 3: %w", store.ErrReadOnly), true},
		{fmt.Errorf("save feed 3: %w", store.ErrBusy), true},
		{fmt.Errorf("save feed 3: %w", store.ErrClosed), true},
		{errors.New("save feed 3: constraint failed"), false},
	} {
		if got := fatalSaveErr(ctx, tt.err); got != tt.want {
			t.Errorf("fatalSaveErr(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	if !fatalSaveErr(canceled, errors.New("any")) {
		t.Error("a canceled refresh goes on saving")
	}
}
