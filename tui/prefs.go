package tui

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/herald-reader/herald/store"
)

// prefs are the reader's preferences kept in the database between runs.
type prefs struct {
	hideRead    bool            // feed and tag lists show unread items only
	oldestFirst bool            // lists run oldest first
	collapsed   map[string]bool // folded tag groups, by tag
}

// Keys of the settings table.
const (
	settingHideRead    = "hide_read"
	settingOldestFirst = "oldest_first"
	settingCollapsed   = "collapsed_tags"
)

// prefsLoadedMsg carries the stored preferences.
type prefsLoadedMsg struct {
	p   prefs
	err error
}

// loadPrefs reads the stored preferences.
func loadPrefs(ctx context.Context, st *store.Store) tea.Cmd {
	return func() tea.Msg {
		all, err := st.Settings(ctx)
		if err != nil {
			return prefsLoadedMsg{err: err}
		}
		p := prefs{hideRead: all[settingHideRead] == "1", oldestFirst: all[settingOldestFirst] == "1",
			collapsed: map[string]bool{}}
		var tags []string
		if v := all[settingCollapsed]; v != "" && json.Unmarshal([]byte(v), &tags) == nil {
			for _, t := range tags {
				p.collapsed[t] = true
			}
		}
		return prefsLoadedMsg{p: p}
	}
}

// savePrefs stores the preferences.
func savePrefs(ctx context.Context, st *store.Store, p prefs) tea.Cmd {
	tags := make([]string, 0, len(p.collapsed))
	for t, on := range p.collapsed {
		if on {
			tags = append(tags, t)
		}
	}
	sort.Strings(tags)
	coll, _ := json.Marshal(tags)
	return func() tea.Msg {
		for _, kv := range [][2]string{{settingHideRead, flag(p.hideRead)},
			{settingOldestFirst, flag(p.oldestFirst)}, {settingCollapsed, string(coll)}} {
			if err := st.SetSetting(ctx, kv[0], kv[1]); err != nil {
				return statusMsg{text: oneLine(fmt.Errorf("save preferences: %w", err)), err: true}
			}
		}
		return nil
	}
}

func flag(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// query is the item query listing f's items under the preferences.
func (c *common) query(f feedRow) store.ItemQuery {
	var q store.ItemQuery
	switch f.kind {
	case kindUnread:
		q = store.ItemQuery{Unread: true, Collapse: true}
	case kindBookmarks:
		return store.ItemQuery{Bookmarked: true}
	case kindTag:
		q = store.ItemQuery{FeedIDs: append([]int64{}, f.feedIDs...), Collapse: true, Unread: c.prefs.hideRead}
	default:
		q = store.ItemQuery{FeedID: f.id, Unread: c.prefs.hideRead}
	}
	q.OldestFirst = c.prefs.oldestFirst
	return q
}
