package main

import (
	"context"
	"fmt"
	"sync"

	"github.com/herald-reader/herald/feed"
	"github.com/herald-reader/herald/images"
)

// imageCache is the on-disk image cache ($XDG_CACHE_HOME/herald/images),
// opened on first use so that commands that show no picture never create
// it. It fetches with the feed client's limits.
type imageCache struct {
	client *feed.Client
	once   sync.Once
	cache  *images.Cache
	err    error
}

// Get returns the image at url from the cache, fetching it when missing.
func (c *imageCache) Get(ctx context.Context, url string) ([]byte, error) {
	c.once.Do(func() {
		dir, err := images.DefaultDir()
		if err != nil {
			c.err = err
			return
		}
		c.cache, c.err = images.Open(dir, images.DefaultCacheBytes, images.WithClient(c.client))
	})
	if c.err != nil {
		return nil, fmt.Errorf("image cache: %w", c.err)
	}
	return c.cache.Get(ctx, url)
}
