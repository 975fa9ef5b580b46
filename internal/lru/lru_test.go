package lru

import "testing"

func TestCacheDropsLeastRecentlyUsedWithinCost(t *testing.T) {
	c := New[string](10, func(v string) int { return len(v) })
	c.Put("a", "aaaa")
	c.Put("b", "bbbb")
	if _, ok := c.Get("a"); !ok { // a is now the most recently used
		t.Fatal("a missing")
	}
	c.Put("c", "cccc") // 12 > 10: b, the least recently used, goes
	if c.Contains("b") || !c.Contains("a") || !c.Contains("c") {
		t.Fatalf("after c: a %v b %v c %v; want a and c", c.Contains("a"), c.Contains("b"), c.Contains("c"))
	}
	if c.Len() != 2 || c.Total() != 8 {
		t.Fatalf("Len %d Total %d; want 2, 8", c.Len(), c.Total())
	}
	c.Put("a", "a") // replacing a value replaces its cost
	if c.Total() != 5 {
		t.Fatalf("Total after replacing a = %d, want 5", c.Total())
	}
	c.Put("big", "0123456789abc") // costlier than the bound: kept alone
	if c.Len() != 1 || !c.Contains("big") || c.Total() != 13 {
		t.Fatalf("after big: Len %d Total %d", c.Len(), c.Total())
	}
	c.Clear()
	if c.Len() != 0 || c.Total() != 0 {
		t.Fatalf("after Clear: Len %d Total %d", c.Len(), c.Total())
	}
	if _, ok := c.Get("big"); ok {
		t.Fatal("big survived Clear")
	}
}

func TestCountBoundsTheNumberOfValues(t *testing.T) {
	c := New[int](3, Count[string])
	for i := range 5 {
		c.Put(i, "x")
	}
	if c.Len() != 3 || c.Contains(1) || !c.Contains(4) {
		t.Fatalf("Len %d, 1 kept %v, 4 kept %v; want the last 3", c.Len(), c.Contains(1), c.Contains(4))
	}
}
