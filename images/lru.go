package images

import "container/list"

// lru is a least-recently-used map bounded by the total cost of its
// values (bytes of pixels, lines of text). It is not safe for concurrent
// use; the Drawer guards it.
type lru[K comparable, V any] struct {
	max, total int
	cost       func(V) int
	order      *list.List // front: most recently used; elements hold *entry
	items      map[K]*list.Element
}

type lruEntry[K comparable, V any] struct {
	key  K
	val  V
	cost int
}

func newLRU[K comparable, V any](max int, cost func(V) int) *lru[K, V] {
	return &lru[K, V]{max: max, cost: cost, order: list.New(), items: map[K]*list.Element{}}
}

// get returns the value of k and marks it recently used.
func (l *lru[K, V]) get(k K) (V, bool) {
	e, ok := l.items[k]
	if !ok {
		var zero V
		return zero, false
	}
	l.order.MoveToFront(e)
	return e.Value.(*lruEntry[K, V]).val, true
}

// put stores v under k and drops the least recently used values until the
// total cost is within the bound (a value costlier than the bound alone is
// kept until the next put).
func (l *lru[K, V]) put(k K, v V) {
	if e, ok := l.items[k]; ok {
		l.total -= e.Value.(*lruEntry[K, V]).cost
		l.order.Remove(e)
		delete(l.items, k)
	}
	c := l.cost(v)
	l.items[k] = l.order.PushFront(&lruEntry[K, V]{k, v, c})
	l.total += c
	for l.total > l.max && l.order.Len() > 1 {
		last := l.order.Back()
		ent := last.Value.(*lruEntry[K, V])
		l.order.Remove(last)
		delete(l.items, ent.key)
		l.total -= ent.cost
	}
}

// len is the number of values held.
func (l *lru[K, V]) len() int { return len(l.items) }
