package tui

import (
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
)

// keyMap holds every binding of the UI. Screens pick the ones that apply to
// them for help (see helpFor); update matches with key.Matches.
type keyMap struct {
	Up           key.Binding
	Down         key.Binding
	Top          key.Binding
	Bottom       key.Binding
	Open         key.Binding
	Back         key.Binding
	PageDown     key.Binding
	PageUp       key.Binding
	Next         key.Binding // next unread article
	Prev         key.Binding // previous unread article
	NextArticle  key.Binding // next article in list order
	PrevArticle  key.Binding
	Undo         key.Binding
	HideRead     key.Binding
	Sort         key.Binding
	ToggleGroup  key.Binding
	Play         key.Binding
	ToggleRead   key.Binding
	MarkFeedRead key.Binding
	Bookmark     key.Binding
	FetchFull    key.Binding
	OpenLink     key.Binding
	CopyLink     key.Binding
	Refresh      key.Binding
	RefreshAll   key.Binding
	Search       key.Binding
	Help         key.Binding
	Quit         key.Binding
	ForceQuit    key.Binding
}

// defaultKeyMap returns the bindings documented in the README and in `?`.
func defaultKeyMap() keyMap {
	return keyMap{
		Up:           key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:         key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Top:          key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top")),
		Bottom:       key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
		Open:         key.NewBinding(key.WithKeys("enter", "l"), key.WithHelp("enter/l", "open")),
		Back:         key.NewBinding(key.WithKeys("esc", "h", "backspace"), key.WithHelp("esc/h", "back")),
		PageDown:     key.NewBinding(key.WithKeys(" ", "pgdown"), key.WithHelp("space/pgdn", "page down")),
		PageUp:       key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		Next:         key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next unread")),
		Prev:         key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "previous unread")),
		NextArticle:  key.NewBinding(key.WithKeys("J"), key.WithHelp("J", "next article")),
		PrevArticle:  key.NewBinding(key.WithKeys("K"), key.WithHelp("K", "previous article")),
		Undo:         key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo read change")),
		HideRead:     key.NewBinding(key.WithKeys("H"), key.WithHelp("H", "hide/show read")),
		Sort:         key.NewBinding(key.WithKeys("O"), key.WithHelp("O", "oldest/newest first")),
		ToggleGroup:  key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "fold tag group")),
		Play:         key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "play audio/video")),
		ToggleRead:   key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "toggle read")),
		MarkFeedRead: key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "mark feed read")),
		Bookmark:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "bookmark")),
		FetchFull:    key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "fetch full article")),
		OpenLink:     key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open in browser")),
		CopyLink:     key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy link")),
		Refresh:      key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh feed")),
		RefreshAll:   key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "refresh all")),
		Search:       key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		Help:         key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:         key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "back/quit")),
		ForceQuit:    key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
	}
}

// bindings returns the bindings by their action name in the config file.
func (k *keyMap) bindings() map[string]*key.Binding {
	return map[string]*key.Binding{
		"up":             &k.Up,
		"down":           &k.Down,
		"top":            &k.Top,
		"bottom":         &k.Bottom,
		"open":           &k.Open,
		"back":           &k.Back,
		"page_down":      &k.PageDown,
		"page_up":        &k.PageUp,
		"next":           &k.Next,
		"prev":           &k.Prev,
		"next_article":   &k.NextArticle,
		"prev_article":   &k.PrevArticle,
		"undo":           &k.Undo,
		"hide_read":      &k.HideRead,
		"sort":           &k.Sort,
		"toggle_group":   &k.ToggleGroup,
		"play":           &k.Play,
		"toggle_read":    &k.ToggleRead,
		"mark_feed_read": &k.MarkFeedRead,
		"bookmark":       &k.Bookmark,
		"fetch_full":     &k.FetchFull,
		"open_link":      &k.OpenLink,
		"copy_link":      &k.CopyLink,
		"refresh":        &k.Refresh,
		"refresh_all":    &k.RefreshAll,
		"search":         &k.Search,
		"help":           &k.Help,
		"quit":           &k.Quit,
		"force_quit":     &k.ForceQuit,
	}
}

// KeyActions lists the action names accepted in the [keys] table of the
// config file.
func KeyActions() []string {
	k := defaultKeyMap()
	names := make([]string, 0, 32)
	for name := range k.bindings() {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// withOverrides returns k with the keys of the named actions replaced. The
// help label becomes the new keys joined by "/". A key an override takes
// from another action's defaults leaves that action (see Clashes); the
// same key given to two actions is an error.
func (k keyMap) withOverrides(over map[string][]string) (keyMap, error) {
	b := k.bindings()
	names := make([]string, 0, len(over))
	for name := range over {
		names = append(names, name)
	}
	sort.Strings(names)          // deterministic error messages
	taken := map[string]string{} // key -> overriding action
	for _, name := range names {
		keys := over[name]
		kb, ok := b[strings.ToLower(name)]
		if !ok {
			return k, fmt.Errorf("keys: unknown action %q (known: %s)", name, strings.Join(KeyActions(), ", "))
		}
		if len(keys) == 0 {
			return k, fmt.Errorf("keys: action %q has no keys", name)
		}
		for _, s := range keys {
			if s == "" {
				return k, fmt.Errorf("keys: action %q has an empty key", name)
			}
			if other, ok := taken[s]; ok && other != strings.ToLower(name) {
				return k, fmt.Errorf("keys: %q is given to both %s and %s", s, other, strings.ToLower(name))
			}
			taken[s] = strings.ToLower(name)
		}
		kb.SetKeys(keys...)
		kb.SetHelp(helpLabel(keys), kb.Help().Desc)
	}
	own := map[string]bool{}
	for _, name := range names {
		own[strings.ToLower(name)] = true
	}
	for name, kb := range b {
		if own[name] {
			continue
		}
		var left []string
		for _, s := range kb.Keys() {
			if _, ok := taken[s]; !ok {
				left = append(left, s)
			}
		}
		if len(left) < len(kb.Keys()) {
			kb.SetKeys(left...)
			kb.SetHelp(helpLabel(left), kb.Help().Desc)
			kb.SetEnabled(len(left) > 0)
		}
	}
	return k, nil
}

// Clashes describes the default keys the overrides take from other
// actions, for the config file's report: a binding that worked before
// (toggle_read = ["u"]) now takes a key a newer action (undo) had.
func Clashes(over map[string][]string) []string {
	def := defaultKeyMap()
	b := def.bindings()
	lower := map[string]bool{}
	for name := range over {
		lower[strings.ToLower(name)] = true
	}
	var out []string
	for name := range over {
		for _, s := range over[name] {
			for other, kb := range b {
				if lower[other] || other == strings.ToLower(name) {
					continue
				}
				for _, dk := range kb.Keys() {
					if dk == s {
						out = append(out, fmt.Sprintf("keys: %q now does %s, no longer %s", helpLabel([]string{s}), strings.ToLower(name), other))
					}
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// helpLabel shows keys the way help does: space spelled out.
func helpLabel(keys []string) string {
	out := make([]string, len(keys))
	for i, s := range keys {
		if s == " " {
			s = "space"
		}
		out[i] = s
	}
	return strings.Join(out, "/")
}

// helpKeys is a help.KeyMap built per screen from the bindings that apply there.
type helpKeys struct {
	short []key.Binding
	full  [][]key.Binding
}

// ShortHelp implements help.KeyMap.
func (h helpKeys) ShortHelp() []key.Binding { return h.short }

// FullHelp implements help.KeyMap.
func (h helpKeys) FullHelp() [][]key.Binding { return h.full }
