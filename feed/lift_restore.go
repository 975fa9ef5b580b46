package feed

// Putting lifted bodies back: the placeholders in gofeed's result are
// replaced by the bodies they stand for.

import (
	"reflect"
	"strings"

	"github.com/mmcdole/gofeed"
)

// restore puts the lifted bodies back into every string of a parsed feed.
func (l *lifted) restore(f *gofeed.Feed) {
	if l == nil || len(l.bodies) == 0 || f == nil {
		return
	}
	l.walk(reflect.ValueOf(f))
}

func (l *lifted) walk(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			l.walk(v.Elem())
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if f := v.Field(i); f.CanSet() {
				l.walk(f)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			l.walk(v.Index(i))
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			val := reflect.New(iter.Value().Type()).Elem()
			val.Set(iter.Value())
			l.walk(val)
			v.SetMapIndex(iter.Key(), val)
		}
	case reflect.String:
		if v.CanSet() && strings.Contains(v.String(), l.mark) {
			v.SetString(l.expand(v.String()))
		}
	}
}

// expand replaces the placeholders in s with their bodies, in one pass.
func (l *lifted) expand(s string) string {
	if n, ok := l.placeholder(s); ok && len(s) == len(l.mark)+n {
		return l.bodies[l.index(s[len(l.mark):])] // the common case: one whole body
	}
	var b strings.Builder
	for {
		i := strings.Index(s, l.mark)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		s = s[i:]
		n, ok := l.placeholder(s)
		if !ok {
			b.WriteString(l.mark) // cannot happen: the nonce is ours
			s = s[len(l.mark):]
			continue
		}
		b.WriteString(l.bodies[l.index(s[len(l.mark):])])
		s = s[len(l.mark)+n:]
	}
}

// placeholder reports whether s starts with one of l's placeholders, and
// the length of what follows the mark ("n", digits, "z").
func (l *lifted) placeholder(s string) (int, bool) {
	rest, ok := strings.CutPrefix(s, l.mark)
	if !ok || len(rest) < 3 || rest[0] != 'n' {
		return 0, false
	}
	j := 1
	for j < len(rest) && j <= 10 && rest[j] >= '0' && rest[j] <= '9' {
		j++
	}
	if j == 1 || j >= len(rest) || rest[j] != 'z' || l.index(rest) < 0 {
		return 0, false
	}
	return j + 1, true
}

// index reads the body index from "n<digits>z…", or -1.
func (l *lifted) index(rest string) int {
	n := 0
	for _, c := range rest[1:] {
		if c == 'z' {
			break
		}
		n = n*10 + int(c-'0')
		if n >= len(l.bodies) {
			return -1
		}
	}
	return n
}
