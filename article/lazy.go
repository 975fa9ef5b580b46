package article

import "sync"

// The clean-up's rules are some two hundred regular expressions. Compiled
// when the program starts, they cost every herald command about 30 ms and
// 13 MB, though most commands (refresh, list, sync …) clean nothing: they
// are compiled the first time an article is cleaned instead. Each file
// registers its own (register, in an init); ready compiles them all, once,
// and every entry point of the package calls it.
var (
	compilers []func()
	compiled  sync.Once
)

// register adds a file's compilations.
func register(f func()) { compilers = append(compilers, f) }

// ready compiles the rules, the first time it is called.
func ready() {
	compiled.Do(func() {
		for _, f := range compilers {
			f()
		}
	})
}
