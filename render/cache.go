package render

import (
	"sync"

	"github.com/herald-reader/herald/internal/lru"
)

// cacheKey identifies a rendering: the Markdown's hash and length, and the
// width.
type cacheKey struct {
	hash  uint64
	size  int
	width int
}

// renders is Renderer's cache of outputs by key, safe for concurrent use.
type renders struct {
	mu    sync.Mutex
	max   int // 0: caches nothing
	cache *lru.Cache[cacheKey, string]
}

// newRenders returns a cache of at most n outputs.
func newRenders(n int) *renders {
	return &renders{max: n, cache: lru.New[cacheKey](n, lru.Count[string])}
}

func (c *renders) get(k cacheKey) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cache.Get(k)
}

func (c *renders) add(k cacheKey, out string) {
	if c.max <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cache.Put(k, out)
}

func (c *renders) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cache.Len()
}
