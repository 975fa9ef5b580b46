package feed

import (
	"errors"
	"fmt"
)

// FetchError is a failed fetch of URL. Its message gives the reason first
// and the URL last, "HTTP 404 Not Found (fetching https://…)", so a line
// cut at the edge of a window still says what went wrong.
type FetchError struct {
	URL string
	Err error
}

func (e *FetchError) Error() string { return fmt.Sprintf("%v (fetching %s)", e.Err, e.URL) }

// Unwrap returns the reason.
func (e *FetchError) Unwrap() error { return e.Err }

// Reason is the reason of a failed fetch without its URL, for a line that
// names the URL already; any other error is returned as it is.
func Reason(err error) error {
	var fe *FetchError
	if errors.As(err, &fe) {
		return fe.Err
	}
	return err
}

// fetchErr wraps err as a failed fetch of url.
func fetchErr(url string, err error) error { return &FetchError{URL: url, Err: err} }

// errCanceled is the reason of a fetch a cancelled refresh never started.
var errCanceled = errors.New("canceled")
