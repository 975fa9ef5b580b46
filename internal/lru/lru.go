// Package lru is a least-recently-used map bounded by the total cost of
// its values: bytes of pixels or text, or 1 a value to bound their count.
// It is not safe for concurrent use; its owner guards it.
package lru

import "container/list"

// Cache maps K to V, dropping the least recently used values when their
// total cost passes the bound.
type Cache[K comparable, V any] struct {
	max, total int
	cost       func(V) int
	order      *list.List // front: most recently used; elements hold *entry
	items      map[K]*list.Element
}

type entry[K comparable, V any] struct {
	key  K
	val  V
	cost int
}

// New returns a Cache holding values of total cost at most max, cost
// telling what a value costs.
func New[K comparable, V any](max int, cost func(V) int) *Cache[K, V] {
	return &Cache[K, V]{max: max, cost: cost, order: list.New(), items: map[K]*list.Element{}}
}

// Count is the cost function of a Cache bounded by its number of values.
func Count[V any](V) int { return 1 }

// Get returns the value of k and marks it recently used.
func (l *Cache[K, V]) Get(k K) (V, bool) {
	e, ok := l.items[k]
	if !ok {
		var zero V
		return zero, false
	}
	l.order.MoveToFront(e)
	return e.Value.(*entry[K, V]).val, true
}

// Contains reports whether k has a value, without marking it used.
func (l *Cache[K, V]) Contains(k K) bool {
	_, ok := l.items[k]
	return ok
}

// Put stores v under k and drops the least recently used values until the
// total cost is within the bound (a value costlier than the bound alone is
// kept until the next Put).
func (l *Cache[K, V]) Put(k K, v V) {
	if e, ok := l.items[k]; ok {
		l.total -= e.Value.(*entry[K, V]).cost
		l.order.Remove(e)
		delete(l.items, k)
	}
	c := l.cost(v)
	l.items[k] = l.order.PushFront(&entry[K, V]{k, v, c})
	l.total += c
	for l.total > l.max && l.order.Len() > 1 {
		last := l.order.Back()
		ent := last.Value.(*entry[K, V])
		l.order.Remove(last)
		delete(l.items, ent.key)
		l.total -= ent.cost
	}
}

// Clear drops every value.
func (l *Cache[K, V]) Clear() {
	l.order.Init()
	clear(l.items)
	l.total = 0
}

// Len is the number of values held.
func (l *Cache[K, V]) Len() int { return len(l.items) }

// Total is the total cost of the values held.
func (l *Cache[K, V]) Total() int { return l.total }
