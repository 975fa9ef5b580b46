package render

import (
	"container/list"
	"sync"
)

// cacheKey identifies a rendering: the Markdown's hash and length, and the
// width.
type cacheKey struct {
	hash  uint64
	size  int
	width int
}

type cacheEntry struct {
	key cacheKey
	out string
}

// lru is a small mutex-guarded least-recently-used cache.
type lru struct {
	mu    sync.Mutex
	max   int
	order *list.List // front: most recently used
	items map[cacheKey]*list.Element
}

func newLRU(n int) *lru {
	return &lru{max: n, order: list.New(), items: make(map[cacheKey]*list.Element, n)}
}

func (c *lru) get(k cacheKey) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[k]
	if !ok {
		return "", false
	}
	c.order.MoveToFront(e)
	return e.Value.(*cacheEntry).out, true
}

func (c *lru) add(k cacheKey, out string) {
	if c.max <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[k]; ok {
		e.Value.(*cacheEntry).out = out
		c.order.MoveToFront(e)
		return
	}
	c.items[k] = c.order.PushFront(&cacheEntry{key: k, out: out})
	for c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.items, last.Value.(*cacheEntry).key)
	}
}

func (c *lru) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}
