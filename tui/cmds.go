package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os/exec"
	"slices"
	"strings"

	"github.com/aymanbagabas/go-osc52/v2"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/herald-reader/herald/images"
	"github.com/herald-reader/herald/render"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/service"
	"github.com/herald-reader/herald/store"
	"github.com/herald-reader/herald/triage"
)

// Every command below gets what it needs as arguments, copied by the caller
// from the model: a closure that read the model later would race with the
// next Update (STACK.md §2.2).

// pageSize is how many items one window load asks SQLite for.
const pageSize = 200

// searchLimit caps the results of one search.
const searchLimit = 500

// loadFeeds reads the feed list with unread counts, and the bookmark count.
func loadFeeds(ctx context.Context, svc *service.Service) tea.Cmd {
	st := svc.Store
	return func() tea.Msg {
		feeds, err := st.Feeds(ctx)
		if err != nil {
			return feedsLoadedMsg{err: fmt.Errorf("load feeds: %w", err)}
		}
		n, err := st.CountItems(ctx, store.ItemQuery{Bookmarked: true})
		if err != nil {
			return feedsLoadedMsg{feeds: feeds, err: fmt.Errorf("count bookmarks: %w", err)}
		}
		unread, err := st.CountItems(ctx, store.ItemQuery{Unread: true, Collapse: true})
		if err != nil {
			return feedsLoadedMsg{feeds: feeds, bookmarks: n, err: fmt.Errorf("count unread: %w", err)}
		}
		msg := feedsLoadedMsg{feeds: feeds, bookmarks: n, unread: unread}
		if msg.sync, err = svc.SyncStatus(ctx); err != nil {
			msg.err = err
			return msg
		}
		for _, g := range store.TagGroups(feeds) {
			tag := sanitize.Line(g.Tag)
			if tag == "" {
				continue
			}
			n, err := st.CountItems(ctx, store.ItemQuery{FeedIDs: g.FeedIDs, Unread: true, Collapse: true})
			if err != nil {
				msg.err = fmt.Errorf("count unread of %s: %w", tag, err)
				return msg
			}
			msg.groups = append(msg.groups, tagGroup{tag: tag, feedIDs: g.FeedIDs, unread: n})
		}
		return msg
	}
}

// loadItems reads one window of items and the size of the whole list. For
// the Bookmarks list it also reads every bookmark's saving state.
func loadItems(ctx context.Context, st *store.Store, q store.ItemQuery, off, gen int) tea.Cmd {
	return func() tea.Msg { return loadWindow(ctx, st, q, off, gen) }
}

// loadWindow reads the window of q's list at off (see loadItems).
func loadWindow(ctx context.Context, st *store.Store, q store.ItemQuery, off, gen int) itemsLoadedMsg {
	cq := q
	cq.Limit, cq.Offset = 0, 0
	total, err := st.CountItems(ctx, cq)
	if err != nil {
		return itemsLoadedMsg{gen: gen, err: fmt.Errorf("count items: %w", err)}
	}
	if off > total {
		off = max(0, total-pageSize)
	}
	q.Limit, q.Offset = pageSize, off
	items, err := st.Items(ctx, q)
	if err != nil {
		return itemsLoadedMsg{gen: gen, err: fmt.Errorf("load items: %w", err)}
	}
	msg := itemsLoadedMsg{gen: gen, off: off, total: total, rows: make([]row, len(items))}
	for i, it := range items {
		msg.rows[i] = rowFromItem(it)
	}
	if q.Bookmarked {
		bms, err := st.Bookmarks(ctx)
		if err != nil {
			msg.err = fmt.Errorf("load bookmarks: %w", err)
			return msg
		}
		msg.states = make(map[int64]bmState, len(bms))
		for _, b := range bms {
			msg.states[b.ItemID] = bmState{state: b.State, reason: sanitize.Line(b.Error)}
		}
	}
	return msg
}

// runSearch searches titles and text of items and bookmarks (FTS5).
func runSearch(ctx context.Context, st *store.Store, query string, gen int) tea.Cmd {
	return func() tea.Msg {
		items, err := st.Search(ctx, query, searchLimit)
		if err != nil {
			return searchDoneMsg{gen: gen, query: query, err: fmt.Errorf("search %q: %w", sanitize.Line(query), err)}
		}
		rows := make([]row, len(items))
		for i, it := range items {
			rows[i] = rowFromItem(it)
		}
		return searchDoneMsg{gen: gen, query: query, rows: rows}
	}
}

// indexForSearch indexes for search the items stored since the last
// search, so that the next search seldom waits for it: when the search
// screen opens, while the query is typed, and after a sync. heavy lifts
// the soft memory limit meanwhile, as for the sync itself, which may have
// stored thousands of entries. It reports nothing: should it fail, the
// search runs it again and says why.
func indexForSearch(ctx context.Context, st *store.Store, heavy bool) tea.Cmd {
	return func() tea.Msg {
		if heavy {
			defer heavyWork()()
		}
		_, _ = st.IndexPending(ctx)
		return nil
	}
}

// loadArticle reads an article's cleaned Markdown from the database (the
// saved bookmark wins; nothing goes to the network), and with pics the
// addresses of its pictures.
func loadArticle(ctx context.Context, svc *service.Service, id int64, gen int, pics bool) tea.Cmd {
	return func() tea.Msg {
		it, md, err := svc.Article(ctx, id)
		if err != nil {
			return articleLoadedMsg{gen: gen, id: id, err: err}
		}
		msg := articleLoadedMsg{gen: gen, id: id, row: rowFromItem(it), md: md, minutes: triage.ReadingMinutes(md)}
		if pics {
			msg.pics = render.ImageURLs(md)
		}
		copies, err := svc.Store.Copies(ctx, id)
		if err != nil {
			msg.err = err
			return msg
		}
		for _, c := range copies {
			if t := sanitize.Line(c.FeedTitle); t != "" && !slices.Contains(msg.copies, t) {
				msg.copies = append(msg.copies, t)
			}
		}
		return msg
	}
}

// cacheKey identifies a rendered article body: the same article renders
// differently at another width, in the other theme or with more of its
// pictures drawn.
type cacheKey struct {
	id    int64
	width int
	dark  bool
	pics  int // pictures the drawer held for it
}

// samePage reports whether k and o are renders of one article at one
// width and theme, differing at most in the pictures drawn.
func (k cacheKey) samePage(o cacheKey) bool {
	k.pics, o.pics = 0, 0
	return k == o
}

// renderArticle renders Markdown off the event loop, with the pictures d
// holds when key counts some (d may be nil). The renderer and the drawer
// are safe for concurrent use; a nil renderer shows the Markdown as it
// is. The kitty transmissions the render queued travel with the body.
func renderArticle(r *render.Renderer, d *images.Drawer, md string, key cacheKey, gen int) tea.Cmd {
	return func() tea.Msg {
		var out string
		var gfx []string
		if r != nil {
			// Render's lines are tab-free and at most the width already.
			var err error
			if d != nil && key.pics > 0 {
				out, err = r.RenderWith(md, key.width, d)
				gfx = d.TakeTransmissions()
			} else {
				out, err = r.Render(md, key.width)
			}
			if err != nil {
				return articleRenderedMsg{gen: gen, key: key, gfx: gfx, err: fmt.Errorf("render: %w", err)}
			}
		} else {
			// The viewport re-wraps lines wider than itself and then
			// miscounts them (STACK.md §1.3): hard-wrap, tabs first.
			out = ansi.Hardwrap(strings.ReplaceAll(sanitize.Text(md), "\t", "    "), key.width, true)
		}
		return articleRenderedMsg{gen: gen, key: key, body: strings.TrimRight(out, "\n"), gfx: gfx}
	}
}

// fetchFull fetches the article's page and extracts the full text (`f`),
// and with pics finds its pictures' addresses.
func fetchFull(ctx context.Context, svc *service.Service, id int64, pics bool) tea.Cmd {
	return func() tea.Msg {
		md, err := svc.FetchFull(ctx, id)
		msg := fullFetchedMsg{id: id, md: md, err: err}
		if err == nil && pics {
			msg.pics = render.ImageURLs(md)
		}
		return msg
	}
}

// saveBookmark saves the full article as a bookmark. Update has already
// shown "saving…"; the service records the state so other views and the
// CLI see it too.
func saveBookmark(ctx context.Context, svc *service.Service, st *store.Store, id int64) tea.Cmd {
	return func() tea.Msg {
		if err := svc.MarkSaving(ctx, id); err != nil && !errors.Is(err, store.ErrNotFound) {
			return bookmarkSavedMsg{id: id, state: bmState{state: store.BookmarkFailed, reason: oneLine(err)}, err: err}
		}
		if err := svc.SaveBookmark(ctx, id); err != nil {
			return bookmarkSavedMsg{id: id, state: bmState{state: store.BookmarkFailed, reason: oneLine(err)}, err: err}
		}
		b, err := st.Bookmark(ctx, id)
		if err != nil {
			return bookmarkSavedMsg{id: id, state: bmState{state: store.BookmarkFailed, reason: oneLine(err)}, err: err}
		}
		return bookmarkSavedMsg{id: id, state: bmState{state: b.State, reason: sanitize.Line(b.Error)}}
	}
}

// findUnfinishedBookmarks looks for bookmarks left "saving" by a herald
// that was killed mid-fetch.
func findUnfinishedBookmarks(ctx context.Context, svc *service.Service) tea.Cmd {
	return func() tea.Msg {
		ids, err := svc.UnfinishedBookmarks(ctx)
		return unfinishedBookmarksMsg{ids: ids, err: err}
	}
}

// setRead stores the read state of items (and of their stories' copies).
func setRead(ctx context.Context, st *store.Store, read bool, what string, ids ...int64) tea.Cmd {
	return func() tea.Msg {
		changed, err := st.ChangeRead(ctx, read, ids...)
		if err != nil {
			return readChangedMsg{err: fmt.Errorf("mark read: %w", err)}
		}
		return readChangedMsg{read: read, ids: changed, what: what}
	}
}

// markRead marks every unread item of a list read.
func markRead(ctx context.Context, st *store.Store, q store.ItemQuery, what string) tea.Cmd {
	return func() tea.Msg {
		changed, err := st.MarkRead(ctx, q)
		if err != nil {
			return readChangedMsg{err: fmt.Errorf("mark read: %w", err)}
		}
		return readChangedMsg{read: true, ids: changed, what: what}
	}
}

// restoreRead undoes a read change: exactly the items it changed.
func restoreRead(ctx context.Context, st *store.Store, read bool, what string, ids []int64) tea.Cmd {
	return func() tea.Msg {
		if err := st.SetReadExact(ctx, read, ids...); err != nil {
			return readChangedMsg{undo: true, err: fmt.Errorf("undo: %w", err)}
		}
		return readChangedMsg{read: read, ids: ids, what: what, undo: true}
	}
}

// startRefresh runs a refresh in the background and returns its progress
// channel; waitRefresh then pumps one message at a time (glow's pattern), so
// the event loop never waits on the network.
func startRefresh(ctx context.Context, svc *service.Service, urls []string, gen int) tea.Cmd {
	return pumpRefresh(ctx, svc.Store, gen, func(progress func(service.Progress)) (service.Summary, error) {
		return svc.Refresh(ctx, urls, progress)
	})
}

// pumpRefresh runs refresh (Refresh or RefreshDue) as startRefresh says.
// Once the refresh has reported, it indexes for search what the refresh
// stored, still with the soft memory limit lifted, so that the next search
// need not (a refresh leaves that to the next search: store.IndexPending).
func pumpRefresh(ctx context.Context, st *store.Store, gen int, refresh func(func(service.Progress)) (service.Summary, error)) tea.Cmd {
	return func() tea.Msg {
		ch := make(chan any, 256)
		go func() {
			defer close(ch)
			done := heavyWork()
			sum, err := refresh(func(p service.Progress) {
				// Progress is cumulative (Done/Total), so when the UI lags
				// behind a fast refresh, dropping a message loses nothing
				// and never slows the refresh down.
				select {
				case ch <- refreshProgressMsg{gen: gen, p: p}:
				default:
				}
			})
			defer done()
			select {
			case ch <- refreshDoneMsg{gen: gen, sum: sum, err: err}:
			case <-ctx.Done(): // the program has quit: nobody reads any more
				return
			}
			_, _ = st.IndexPending(ctx) // should it fail, the next search says why
		}()
		return refreshStartedMsg{gen: gen, ch: ch}
	}
}

// waitRefresh delivers the next message of a refresh.
func waitRefresh(ch <-chan any) tea.Cmd {
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return nil
		}
		return msg
	}
}

// safeLink returns link if it is an http(s) URL fit to hand to a browser or
// the clipboard, else an error.
func safeLink(link string) (string, error) {
	if link == "" {
		return "", errors.New("this item has no link")
	}
	if sanitize.HasControl(link) || strings.ContainsAny(link, " \n\t") {
		return "", errors.New("the link contains control characters or spaces")
	}
	u, err := url.Parse(link)
	if err != nil {
		return "", fmt.Errorf("bad link: %w", err)
	}
	if s := strings.ToLower(u.Scheme); (s != "http" && s != "https") || u.Host == "" {
		return "", fmt.Errorf("not opening %s: only http and https links", sanitize.Line(u.Scheme+":"))
	}
	return link, nil
}

// browserArgv picks the browser command: $BROWSER (its first entry when it
// is a colon-separated list), else the configured one, else xdg-open. The
// command may carry arguments; it never runs through a shell.
func browserArgv(env, configured string) []string {
	for _, cand := range []string{firstOf(env), configured} {
		if f := strings.Fields(cand); len(f) > 0 {
			return f
		}
	}
	return []string{"xdg-open"}
}

func firstOf(list string) string {
	for _, s := range strings.Split(list, ":") {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// openLink starts the browser with the URL as one argument and does not wait
// for it (STACK.md §2.12). Its output goes nowhere: the terminal belongs to
// the UI.
func openLink(argv []string, link string) tea.Cmd {
	return func() tea.Msg {
		u, err := safeLink(link)
		if err != nil {
			return statusMsg{text: err.Error(), err: true}
		}
		args := append(append([]string{}, argv[1:]...), u)
		cmd := exec.Command(argv[0], args...)
		if err := cmd.Start(); err != nil {
			return statusMsg{text: oneLine(fmt.Errorf("open browser: %w", err)), err: true}
		}
		go func() { _ = cmd.Wait() }() // reap it; the exit status does not matter
		return statusMsg{text: "opened in " + sanitize.Line(argv[0])}
	}
}

// copyLink writes the URL to the clipboard with OSC 52, to w (the terminal).
func copyLink(w io.Writer, link string) tea.Cmd {
	return func() tea.Msg {
		u, err := safeLink(link)
		if err != nil {
			return statusMsg{text: err.Error(), err: true}
		}
		if _, err := osc52.New(u).WriteTo(w); err != nil {
			return statusMsg{text: oneLine(fmt.Errorf("copy link: %w", err)), err: true}
		}
		return statusMsg{text: "link copied"}
	}
}

// oneLine makes an error fit the status bar; a failure of the database
// itself is its one plain sentence.
func oneLine(err error) string {
	if err == nil {
		return ""
	}
	if plain, ok := store.Explain(err); ok {
		return sanitize.Line(plain)
	}
	return sanitize.Line(err.Error())
}
