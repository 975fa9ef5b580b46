package tui

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/herald-reader/herald/feed"
	"github.com/herald-reader/herald/service"
	"github.com/herald-reader/herald/store"
	"github.com/herald-reader/herald/triage"
)

func TestMain(m *testing.M) {
	// Deterministic views: no colours, a fixed background, dates in UTC.
	lipgloss.SetColorProfile(termenv.Ascii)
	lipgloss.SetHasDarkBackground(true)
	time.Local = time.UTC
	code := m.Run()
	cleanupBenchDB()
	os.Exit(code)
}

// testNow is the fixed clock of the test service.
var testNow = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

// fixtureServer serves the fixture feeds and article pages on loopback.
type fixtureServer struct {
	*httptest.Server
	fresh atomic.Bool // world.xml carries one more item
	hits  atomic.Int64
}

// longPage is an article page with enough text for readability.
func longPage(title string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!doctype html><html><head><title>%s</title></head><body><nav>Home | World | Tech</nav><article><h1>%s</h1>", title, title)
	for i := range 8 {
		fmt.Fprintf(&b, "<p>Paragraph %d of the full story about %s. Reporters spoke to residents, officials and experts, "+
			"who described the events of the week in careful detail, and the archive photographs confirm their account.</p>", i+1, strings.ToLower(title))
	}
	b.WriteString("</article><footer>Copyright</footer></body></html>")
	return b.String()
}

func rssItem(base, title, slug, date, body string) string {
	return fmt.Sprintf(`<item><title>%s</title><link>%s/article/%s</link><guid>%s</guid><pubDate>%s</pubDate><description><![CDATA[%s]]></description></item>`,
		title, base, slug, slug, date, body)
}

func newFixtureServer(t testing.TB) *fixtureServer {
	fs := &fixtureServer{}
	mux := http.NewServeMux()
	mux.HandleFunc("/world.xml", func(w http.ResponseWriter, r *http.Request) {
		fs.hits.Add(1)
		base := fs.URL
		items := rssItem(base, "Floods reach the capital", "floods", "Fri, 20 Nov 2026 10:00:00 GMT", "<p>Rivers rose overnight.</p>") +
			rssItem(base, "Elections set for spring", "elections", "Thu, 19 Nov 2026 08:00:00 GMT", "<p>The vote is in April.</p>")
		if fs.fresh.Load() {
			items = rssItem(base, "Breaking: bridge reopens", "bridge", "Sun, 22 Nov 2026 07:00:00 GMT", "<p>Traffic flows again.</p>") + items
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>World Report</title><link>%s</link>%s</channel></rss>`, base, items)
	})
	mux.HandleFunc("/tech.xml", func(w http.ResponseWriter, r *http.Request) {
		fs.hits.Add(1)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Tech Daily</title><link>%s</link>%s</channel></rss>`, fs.URL,
			rssItem(fs.URL, "New chip doubles battery life", "chip", "Sat, 21 Nov 2026 12:00:00 GMT", "<p>Zebra labs announced it.</p>"))
	})
	mux.HandleFunc("/broken.xml", func(w http.ResponseWriter, r *http.Request) {
		fs.hits.Add(1)
		http.Error(w, "boom", http.StatusInternalServerError)
	})
	mux.HandleFunc("/article/", func(w http.ResponseWriter, r *http.Request) {
		slug := strings.TrimPrefix(r.URL.Path, "/article/")
		if slug == "missing" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, longPage(strings.ToUpper(slug[:1])+slug[1:]))
	})
	fs.Server = httptest.NewServer(mux)
	t.Cleanup(fs.Close)
	return fs
}

// fixture is a store filled with known feeds and items, a service over it
// and the server its links point to.
type fixture struct {
	st    *store.Store
	svc   *service.Service
	srv   *fixtureServer
	feeds map[string]store.Feed // by title
}

// item builds a stored item; body is HTML. Its story hashes are those a
// refresh would give it.
func item(guid, title, link, author string, published time.Time, body string) store.NewItem {
	return store.NewItem{GUID: guid, Title: title, Link: link, Author: author, Published: published, Content: body, Summary: body,
		LinkHash: triage.LinkHash(link), TitleHash: triage.TitleHash(title)}
}

// newFixture opens a store in t.TempDir() and fills it through SaveFetch.
func newFixture(t testing.TB) *fixture {
	t.Helper()
	srv := newFixtureServer(t)
	st := openStore(t)
	f := &fixture{st: st, srv: srv, feeds: map[string]store.Feed{}}
	f.svc = &service.Service{Store: st, Client: feed.NewClient(feed.Options{Timeout: time.Minute}), Now: func() time.Time { return testNow }}
	long := "<p>" + strings.Repeat("A long report with every detail of the story, told in full. ", 40) + "</p>"
	day := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, time.UTC) }
	add := func(path, title string, items []store.NewItem, fetchErr string) {
		f.feeds[title] = saveFeed(t, st, srv.URL+path, title, items, fetchErr)
	}
	a := srv.URL + "/article/"
	add("/world.xml", "World Report", []store.NewItem{
		item("floods", "Floods reach the capital", a+"floods", "Ana Reyes", day(20, 10),
			"<p>Rivers rose overnight and the old town is under water.</p><p>Volunteers filled sandbags near the zebra crossing.</p>"),
		item("elections", "Elections set for spring", a+"elections", "", day(19, 8), long),
		item("undated", "Undated dispatch", a+"missing", "", time.Time{}, "<p>A dispatch without a date.</p>"),
	}, "")
	add("/tech.xml", "Tech Daily", []store.NewItem{
		item("chip", "New chip doubles battery life", a+"chip", "Lee Park", day(21, 12), "<p>Zebra labs announced it.</p>"),
		item("office", "Open source office suite ships", a+"office", "", day(18, 9), long),
	}, "")
	add("/broken.xml", "Broken Feed", nil, "HTTP 500 Internal Server Error (fetching "+srv.URL+"/broken.xml)")
	return f
}

// openStore opens a store in t.TempDir(), closed when the test ends.
func openStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "herald.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// saveFeed adds the feed at url to st with a fetch at testNow that
// brought items, or failed with fetchErr.
func saveFeed(t testing.TB, st *store.Store, url, title string, items []store.NewItem, fetchErr string) store.Feed {
	t.Helper()
	ctx := context.Background()
	fd, err := st.AddFeed(ctx, url, title, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := store.FetchOutcome{FeedID: fd.ID, Title: title, Items: items, Err: fetchErr, At: testNow}
	if _, err := st.SaveFetch(ctx, out); err != nil {
		t.Fatal(err)
	}
	return fd
}

// deps returns the dependencies of the UI over the fixture.
func (f *fixture) deps() Deps {
	return Deps{Service: f.svc, Dark: true, Title: "herald test", Clipboard: &strings.Builder{}}
}

// harness drives a model synchronously: it runs every command a message
// produces and feeds the results back, like the runtime but in order.
type harness struct {
	t      testing.TB
	m      model
	quit   bool
	titles []string // window titles set
	// hold, when set, picks messages run keeps back in held instead of
	// delivering them (to deliver them later, in an order of the test's).
	hold func(tea.Msg) bool
	held []tea.Msg
}

func newHarness(t testing.TB, d Deps) *harness {
	t.Helper()
	m, err := newModel(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	m.c.now = func() time.Time { return testNow } // list dates are relative to now
	h := &harness{t: t, m: m}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.run(m.Init())
	return h
}

// send delivers msg and runs what follows from it.
func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	nm, cmd := h.m.Update(msg)
	h.m = nm.(model)
	h.run(cmd)
}

// run executes cmd and everything that follows from it.
func (h *harness) run(cmd tea.Cmd) {
	h.t.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 10000 {
			h.t.Fatal("command loop does not end")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		if h.hold != nil && msg != nil && h.hold(msg) {
			h.held = append(h.held, msg)
			continue
		}
		switch msg := msg.(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case tea.QuitMsg:
			h.quit = true
		default:
			if t := fmt.Sprintf("%T", msg); t == "tea.setWindowTitleMsg" {
				h.titles = append(h.titles, fmt.Sprint(msg))
				continue
			}
			nm, next := h.m.Update(msg)
			h.m = nm.(model)
			queue = append(queue, next)
		}
	}
}

// keys types each key: names like "enter", "esc", "down", or runes.
func (h *harness) keys(keys ...string) {
	h.t.Helper()
	for _, k := range keys {
		h.send(keyMsg(k))
	}
}

// typeText types s rune by rune.
func (h *harness) typeText(s string) {
	h.t.Helper()
	for _, r := range s {
		h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func keyMsg(k string) tea.KeyMsg {
	named := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "esc": tea.KeyEsc, "up": tea.KeyUp, "down": tea.KeyDown,
		"backspace": tea.KeyBackspace, "pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp,
		"space": tea.KeySpace, "ctrl+c": tea.KeyCtrlC, "home": tea.KeyHome, "end": tea.KeyEnd,
		"tab": tea.KeyTab,
	}
	if t, ok := named[k]; ok {
		return tea.KeyMsg{Type: t}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// view is the root view.
func (h *harness) view() string { return h.m.View() }

// mustContain fails unless the view holds every string.
func (h *harness) mustContain(want ...string) {
	h.t.Helper()
	v := h.view()
	for _, w := range want {
		if !strings.Contains(v, w) {
			h.t.Fatalf("view lacks %q:\n%s", w, v)
		}
	}
}

// selectFeed moves the cursor of the feeds screen to the feed titled title.
func (h *harness) selectFeed(title string) {
	h.t.Helper()
	for i, r := range h.m.feeds.rows {
		if r.title == title {
			h.m.feeds.nav.moveTo(i)
			return
		}
	}
	h.t.Fatalf("no feed %q", title)
}

// selectItem moves the cursor of the open item list to the loaded row
// titled title.
func (h *harness) selectItem(title string) {
	h.t.Helper()
	l := &h.m.items.list
	if h.m.top() == screenSearch {
		l = &h.m.search.list
	}
	for i, r := range l.rows {
		if r.title == title {
			l.nav.moveTo(l.off + i)
			return
		}
	}
	h.t.Fatalf("no item %q", title)
}
