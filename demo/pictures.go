package demo

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"path"
)

// The pictures were drawn for herald by the generator in internal/gen
// (shapes, gradients and a little noise), so they are under herald's
// licence like the rest of the code. Regenerate them with go generate.
//
//go:generate go run ./internal/gen -out pictures
//go:embed pictures/*.jpg
var pictureFiles embed.FS

// pictureFile maps the address of each figure in the sample feeds to its
// file under pictures/.
var pictureFile = map[string]string{
	"https://chronicle.herald.example/img/star-river.jpg":      "star-river.jpg",
	"https://coastline.herald.example/img/ferry.jpg":           "ferry.jpg",
	"https://coastline.herald.example/img/seals.jpg":           "seals.jpg",
	"https://meridian.herald.example/img/kestrow-sandbags.jpg": "kestrow-sandbags.jpg",
	"https://meridian.herald.example/img/aldane-harbour.jpg":   "aldane-harbour.jpg",
}

// ErrNotInDemo is returned for an address that is not a picture of the
// sample feeds.
var ErrNotInDemo = errors.New("not part of the demo")

// Pictures serves the figures of the sample feeds from the embedded JPEGs,
// so that `herald demo` shows its pictures without any network access. It
// is a service.ImageFetcher; any other address is refused with
// ErrNotInDemo, tracking pixels included.
type Pictures struct{}

// Get returns the picture at url.
func (Pictures) Get(ctx context.Context, url string) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("demo picture %s: %w", url, err)
	}
	name, ok := pictureFile[url]
	if !ok {
		return nil, fmt.Errorf("demo picture %s: %w", url, ErrNotInDemo)
	}
	data, err := pictureFiles.ReadFile(path.Join("pictures", name))
	if err != nil {
		return nil, fmt.Errorf("demo picture %s: %w", url, err)
	}
	return data, nil
}
