package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	_ "modernc.org/sqlite" // a second writer in TestBusyDatabaseSaysSo

	"github.com/herald-reader/herald/internal/minifluxtest"
)

// heraldBin is the real binary, built once by TestMain.
var heraldBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "herald-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	heraldBin = filepath.Join(dir, "herald")
	build := exec.Command("go", "build", "-o", heraldBin, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build herald:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	minifluxtest.Stop(code) // the real server of the sync tests, if one was started
	os.RemoveAll(dir)
	os.Exit(code)
}

// env is one isolated herald installation: its own database and XDG dirs.
type env struct {
	t   *testing.T
	dir string
	db  string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	dir := t.TempDir()
	return &env{t: t, dir: dir, db: filepath.Join(dir, "data", "herald.db")}
}

// result is what one run of the binary printed.
type result struct {
	stdout, stderr string
	code           int
}

// run runs herald with --db and the given args, feeding stdin.
func (e *env) run(stdin string, args ...string) result {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute) // a hang guard
	defer cancel()
	cmd := exec.CommandContext(ctx, heraldBin, append([]string{"--db", e.db}, args...)...)
	cmd.Env = append(os.Environ(),
		"XDG_DATA_HOME="+filepath.Join(e.dir, "xdg-data"),
		"XDG_CONFIG_HOME="+filepath.Join(e.dir, "xdg-config"),
		"XDG_STATE_HOME="+filepath.Join(e.dir, "xdg-state"),
		"NO_COLOR=1",
		"TERM=dumb",
	)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errb.String()}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	case err != nil:
		e.t.Fatalf("herald %v: %v", args, err)
	}
	return r
}

// ok runs herald and fails the test unless it exits 0.
func (e *env) ok(args ...string) string {
	e.t.Helper()
	r := e.run("", args...)
	if r.code != 0 {
		e.t.Fatalf("herald %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r.stdout
}

// lastLine is the last non-empty line of s.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

var idRE = regexp.MustCompile(`(?m)^(\d+)  `)

// ids returns the leading item ids of list-like output.
func ids(t *testing.T, out string) []int64 {
	t.Helper()
	var ids []int64
	for _, m := range idRE.FindAllStringSubmatch(out, -1) {
		id, err := strconv.ParseInt(m[1], 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

// idOf returns the id of the line of out that contains substr.
func idOf(t *testing.T, out, substr string) string {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, substr) {
			if m := idRE.FindStringSubmatch(line); m != nil {
				return m[1]
			}
		}
	}
	t.Fatalf("no line with %q in:\n%s", substr, out)
	return ""
}

// rssFeed builds an RSS document; each item is title, link, description
// (HTML) and an optional content:encoded body.
type rssItem struct {
	Title, Link, GUID, Date, Description, Content string
}

func rss(title string, items ...rssItem) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>` + title + `</title><link>https://site.test/</link><description>test</description>
`)
	for _, it := range items {
		b.WriteString("<item><title>" + it.Title + "</title>")
		if it.Link != "" {
			b.WriteString("<link>" + it.Link + "</link>")
		}
		if it.GUID != "" {
			b.WriteString(`<guid isPermaLink="false">` + it.GUID + "</guid>")
		}
		if it.Date != "" {
			b.WriteString("<pubDate>" + it.Date + "</pubDate>")
		}
		b.WriteString("<description><![CDATA[" + it.Description + "]]></description>")
		if it.Content != "" {
			b.WriteString("<content:encoded><![CDATA[" + it.Content + "]]></content:encoded>")
		}
		b.WriteString("</item>\n")
	}
	b.WriteString("</channel></rss>\n")
	return b.String()
}

// feedServer serves bodies by path with ETag support and counts 304s.
type feedServer struct {
	*httptest.Server
	notModified atomic.Int32
	hits        atomic.Int32

	mu     sync.Mutex
	routes map[string]route
}

// set adds or replaces the route at path (routes often need the server's
// own URL, known only once it runs).
func (fs *feedServer) set(path string, rt route) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.routes[path] = rt
}

// route is a response body and its content type.
type route struct {
	body, contentType string
	status            int
}

func newFeedServer(t *testing.T, routes map[string]route) *feedServer {
	t.Helper()
	fs := &feedServer{routes: make(map[string]route)}
	for p, rt := range routes {
		fs.routes[p] = rt
	}
	fs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fs.hits.Add(1)
		fs.mu.Lock()
		rt, ok := fs.routes[r.URL.Path]
		fs.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		if rt.status != 0 {
			http.Error(w, http.StatusText(rt.status), rt.status)
			return
		}
		etag := fmt.Sprintf(`"%x"`, len(rt.body))
		if r.Header.Get("If-None-Match") == etag {
			fs.notModified.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", rt.contentType)
		fmt.Fprint(w, rt.body)
	}))
	t.Cleanup(fs.Close)
	return fs
}

const rssType = "application/rss+xml; charset=utf-8"

func TestAddRefreshListShow(t *testing.T) {
	e := newEnv(t)
	srv := newFeedServer(t, map[string]route{
		"/feed.xml": {contentType: rssType, body: rss("Tidewater Post",
			rssItem{Title: "Oldest story", Link: "https://site.test/1", GUID: "1", Date: "Mon, 02 Mar 2026 08:00:00 +0000",
				Description: "<p>The oldest story begins with a quiet harbour.</p>"},
			rssItem{Title: "Newest story", Link: "https://site.test/3", GUID: "3", Date: "Wed, 04 Mar 2026 08:00:00 +0000",
				Description: "<p>The newest story is about the spring tide.</p>"},
			rssItem{Title: "Middle story", Link: "https://site.test/2", GUID: "2", Date: "Tue, 03 Mar 2026 08:00:00 +0000",
				Description: "<p>The middle story follows the ferry timetable.</p>",
				Content:     "<p>The middle story follows the ferry timetable.</p><p>Its second paragraph names the harbour master, Ines Dahl.</p>"},
		)},
	})
	feedURL := srv.URL + "/feed.xml"

	out := e.ok("add", feedURL)
	if !strings.Contains(out, "added "+feedURL) {
		t.Errorf("add output: %q", out)
	}
	out = e.ok("refresh")
	if got, want := lastLine(out), "refreshed 1 feeds: 3 new items, 0 unchanged, 0 failed"; got != want {
		t.Errorf("refresh last line = %q, want %q\n%s", got, want, out)
	}
	if !strings.Contains(out, "ok "+feedURL+" (3 new)") {
		t.Errorf("refresh progress line missing:\n%s", out)
	}

	out = e.ok("feeds")
	if !strings.Contains(out, "Tidewater Post") || !strings.Contains(out, feedURL) || !strings.Contains(out, "3/3 unread") {
		t.Errorf("feeds: %q", out)
	}

	out = e.ok("list")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("list: want 3 lines, got:\n%s", out)
	}
	for i, want := range []string{"Newest story", "Middle story", "Oldest story"} {
		if !strings.Contains(lines[i], want) || !strings.Contains(lines[i], "Tidewater Post") || !strings.Contains(lines[i], "[unread]") {
			t.Errorf("list line %d = %q, want %q first (newest first)", i, lines[i], want)
		}
		if !idRE.MatchString(lines[i]) {
			t.Errorf("list line %d does not start with an id: %q", i, lines[i])
		}
	}
	if got := e.ok("list", "--limit", "1"); len(ids(t, got)) != 1 {
		t.Errorf("list --limit 1:\n%s", got)
	}
	if got := e.ok("list", "--feed", feedURL); len(ids(t, got)) != 3 {
		t.Errorf("list --feed:\n%s", got)
	}

	id := idOf(t, out, "Middle story")
	md := e.ok("show", id, "--plain")
	for _, want := range []string{"# Middle story", "Its second paragraph names the harbour master, Ines Dahl."} {
		if !strings.Contains(md, want) {
			t.Errorf("show --plain lacks %q:\n%s", want, md)
		}
	}
	rendered := e.ok("show", id, "--width", "60")
	if !strings.Contains(rendered, "harbour master") {
		t.Errorf("show (rendered) lacks the text:\n%s", rendered)
	}
	if got := e.ok("list", "--unread"); len(ids(t, got)) != 2 {
		t.Errorf("after show, list --unread should have 2 items:\n%s", got)
	}
	if r := e.run("", "show", "999999"); r.code == 0 {
		t.Errorf("show of a missing id exited 0")
	}

	// Nothing changed on the server: every request is answered 304.
	out = e.ok("refresh")
	if got, want := lastLine(out), "refreshed 1 feeds: 0 new items, 1 unchanged, 0 failed"; got != want {
		t.Errorf("second refresh = %q, want %q", got, want)
	}
	if srv.notModified.Load() != 1 {
		t.Errorf("server answered %d 304s, want 1", srv.notModified.Load())
	}

	e.ok("remove", feedURL)
	if out := e.ok("feeds"); strings.TrimSpace(out) != "" {
		t.Errorf("feeds after remove: %q", out)
	}
}

func TestRefreshBrokenFeeds(t *testing.T) {
	e := newEnv(t)
	good := rss("Good One", rssItem{Title: "A fine item", GUID: "g1", Link: "https://site.test/g1",
		Description: "<p>Everything about this item is fine.</p>"})
	good2 := rss("Good Two", rssItem{Title: "Another item", GUID: "g2", Link: "https://site.test/g2",
		Description: "<p>This one is fine too.</p>"})
	srv := newFeedServer(t, map[string]route{
		"/good.xml":  {contentType: rssType, body: good},
		"/good2.xml": {contentType: rssType, body: good2},
		"/broken":    {status: http.StatusInternalServerError},
		"/page.html": {contentType: "text/html", body: "<html><body><p>No feed here.</p></body></html>"},
		"/junk.xml":  {contentType: rssType, body: "<rss><channel><title>cut off"},
	})
	// Add the good ones through herald add; the bad ones would be refused
	// by discovery, so they come in through an import.
	e.ok("add", srv.URL+"/good.xml", srv.URL+"/good2.xml")
	urls := strings.Join([]string{srv.URL + "/broken", srv.URL + "/page.html", srv.URL + "/junk.xml",
		"http://127.0.0.1:1/unreachable.xml"}, "\n")
	if r := e.run(urls, "import", "-"); r.code != 0 || !strings.Contains(r.stdout, "imported 4 feeds") {
		t.Fatalf("import: %+v", r)
	}

	r := e.run("", "refresh")
	if r.code != 0 {
		t.Fatalf("refresh with some broken feeds exited %d:\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if got, want := lastLine(r.stdout), "refreshed 6 feeds: 2 new items, 0 unchanged, 4 failed"; got != want {
		t.Errorf("summary = %q, want %q\n%s", got, want, r.stdout)
	}
	for _, p := range []string{"/broken", "/page.html", "/junk.xml"} {
		if !strings.Contains(r.stdout, "fail "+srv.URL+p+": ") {
			t.Errorf("no fail line for %s:\n%s", p, r.stdout)
		}
	}

	feeds := e.ok("feeds")
	lines := strings.Split(strings.TrimSpace(feeds), "\n")
	if len(lines) != 6 {
		t.Fatalf("feeds: want 6 lines:\n%s", feeds)
	}
	for _, line := range lines {
		bad := !strings.Contains(line, "/good")
		if hasErr := strings.Contains(line, "error: "); hasErr != bad {
			t.Errorf("feeds line error mark wrong (bad=%v): %q", bad, line)
		}
		if strings.Contains(line, "/good") && !strings.Contains(line, "1/1 unread") {
			t.Errorf("good feed not refreshed: %q", line)
		}
	}

	// Only broken feeds: nothing could be done, so the exit status says so.
	e2 := newEnv(t)
	if r := e2.run(srv.URL+"/broken\n", "import", "-"); r.code != 0 {
		t.Fatalf("import: %+v", r)
	}
	r = e2.run("", "refresh")
	if r.code == 0 {
		t.Errorf("refresh where every feed failed exited 0")
	}
	if got, want := lastLine(r.stdout), "refreshed 1 feeds: 0 new items, 0 unchanged, 1 failed"; got != want {
		t.Errorf("summary = %q, want %q", got, want)
	}
	// No feeds at all.
	if r := newEnv(t).run("", "refresh"); r.code == 0 {
		t.Errorf("refresh with no feeds exited 0")
	}
}

func TestDiscovery(t *testing.T) {
	e := newEnv(t)
	var srv *feedServer
	routes := map[string]route{
		"/feeds/main.xml": {contentType: rssType, body: rss("Discovered Times",
			rssItem{Title: "Found it", GUID: "d1", Description: "<p>Discovery worked.</p>"})},
	}
	srv = newFeedServer(t, routes)
	srv.set("/", route{contentType: "text/html; charset=utf-8", body: `<!doctype html><html><head><title>Site</title>
<link rel="alternate" type="application/rss+xml" title="Main feed" href="/feeds/main.xml">
<link rel="alternate" type="application/atom+xml" title="Comments" href="/feeds/comments.atom">
</head><body><p>Welcome.</p></body></html>`})

	out := e.ok("add", srv.URL+"/")
	if !strings.Contains(out, "added "+srv.URL+"/feeds/main.xml") {
		t.Errorf("add on an HTML page did not add its feed:\n%s", out)
	}
	if !strings.Contains(out, "/feeds/comments.atom") {
		t.Errorf("add did not report the other advertised feed:\n%s", out)
	}
	out = e.ok("refresh")
	if lastLine(out) != "refreshed 1 feeds: 1 new items, 0 unchanged, 0 failed" {
		t.Errorf("refresh: %s", out)
	}
	if r := e.run("", "add", srv.URL+"/nothing-here"); r.code == 0 {
		t.Errorf("add of a 404 exited 0")
	}
}

func TestImportExportRoundTrip(t *testing.T) {
	e := newEnv(t)
	opml := `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>mine</title></head><body>
<outline text="News" title="News">
  <outline type="rss" text="Alpha Daily" title="Alpha Daily" xmlUrl="https://alpha.test/feed.xml" htmlUrl="https://alpha.test/"/>
  <outline type="rss" text="Beta Weekly" title="Beta Weekly" xmlUrl="https://beta.test/atom.xml"/>
</outline>
<outline type="rss" text="Gamma" title="Gamma" xmlUrl="http://gamma.test/rss" htmlUrl="javascript:alert(1)"/>
</body></opml>`
	path := filepath.Join(e.dir, "subs.opml")
	if err := os.WriteFile(path, []byte(opml), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := e.ok("import", path); !strings.Contains(out, "imported 3 feeds") {
		t.Errorf("import: %q", out)
	}
	exported := e.ok("export")
	for _, u := range []string{"https://alpha.test/feed.xml", "https://beta.test/atom.xml", "http://gamma.test/rss", "Alpha Daily"} {
		if !strings.Contains(exported, u) {
			t.Errorf("export lacks %q:\n%s", u, exported)
		}
	}
	// The site URL comes through too; a non-web one is not kept.
	if !strings.Contains(exported, `htmlUrl="https://alpha.test/"`) || strings.Contains(exported, "javascript:") {
		t.Errorf("export lacks Alpha's htmlUrl or kept a bad one:\n%s", exported)
	}
	if !strings.Contains(exported, `version="2.0"`) {
		t.Errorf("export is not OPML 2.0:\n%s", exported)
	}

	// Import the export elsewhere: the same subscriptions come back.
	e2 := newEnv(t)
	r := e2.run(exported, "import", "-")
	if r.code != 0 || !strings.Contains(r.stdout, "imported 3 feeds") {
		t.Fatalf("re-import: %+v", r)
	}
	if a, b := e.ok("feeds"), e2.ok("feeds"); a != b {
		t.Errorf("feeds differ after round trip:\n%s\n---\n%s", a, b)
	}
	// Importing again adds nothing.
	if out := e.ok("import", path); !strings.Contains(out, "imported 0 feeds") {
		t.Errorf("second import: %q", out)
	}
}

func TestImportURLsRejectsExec(t *testing.T) {
	e := newEnv(t)
	urls := `# my newsboat urls
https://alpha.test/feed.xml "news" "~Alpha"
exec:~/bin/fetch-secret-feed.sh "evil"
filter:~/bin/f.sh:https://beta.test/feed.xml
"query:Unread:unread = \"yes\""
http://gamma.test/rss tech
`
	r := e.run(urls, "import", "-")
	if r.code != 0 {
		t.Fatalf("import: %+v", r)
	}
	if !strings.Contains(r.stdout, "imported 2 feeds") {
		t.Errorf("import stdout: %q", r.stdout)
	}
	for _, want := range []string{"exec:~/bin/fetch-secret-feed.sh", "filter:"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("rejection message lacks %q:\n%s", want, r.stderr)
		}
	}
	feeds := e.ok("feeds")
	if strings.Contains(feeds, "exec:") || strings.Contains(feeds, "filter:") || strings.Contains(feeds, "query:") {
		t.Errorf("a non-http feed was subscribed:\n%s", feeds)
	}
	if !strings.Contains(feeds, "https://alpha.test/feed.xml") || !strings.Contains(feeds, "http://gamma.test/rss") {
		t.Errorf("good feeds missing:\n%s", feeds)
	}
}

func TestReadSources(t *testing.T) {
	e := newEnv(t)
	fragment := `<p>The first paragraph of a fragment read from a file.</p>
<p>Its second paragraph mentions the weir at Cold Ashby.</p>`
	path := filepath.Join(e.dir, "fragment.html")
	if err := os.WriteFile(path, []byte(fragment), 0o644); err != nil {
		t.Fatal(err)
	}
	out := e.ok("read", "--plain", path)
	if !strings.Contains(out, "the weir at Cold Ashby") {
		t.Errorf("read file:\n%s", out)
	}

	latin1 := filepath.Join(e.dir, "latin1.html")
	if err := os.WriteFile(latin1, []byte("<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf\xe9 cr\xe8me \xe0 la gare.</p></body></html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := e.ok("read", "--plain", latin1); !strings.Contains(out, "Café crème à la gare.") {
		t.Errorf("read latin-1 file: %q", out)
	}

	r := e.run("A line of plain text from stdin.\nA second line about the orchard.\n", "read", "--plain", "-")
	if r.code != 0 || !strings.Contains(r.stdout, "A second line about the orchard.") {
		t.Errorf("read stdin: %+v", r)
	}

	srv := newFeedServer(t, map[string]route{
		"/feed.xml": {contentType: rssType, body: rss("Read Feed",
			rssItem{Title: "Item zero", GUID: "0", Description: "<p>Zero is the first item.</p>"},
			rssItem{Title: "Item one", GUID: "1", Description: "<p>One is the second item, about kites.</p>"},
		)},
	})
	srv.set("/page.html", route{contentType: "text/html; charset=utf-8", body: fullPage("Harbour page", "A sentence only the page has, about herring gulls.")})
	out = e.ok("read", "--plain", srv.URL+"/page.html")
	if !strings.Contains(out, "about herring gulls") || strings.Contains(out, "All rights reserved") {
		t.Errorf("read of a web page:\n%s", out)
	}
	out = e.ok("read", "--plain", "--item", "1", srv.URL+"/feed.xml")
	if !strings.Contains(out, "about kites") || strings.Contains(out, "Zero is the first") {
		t.Errorf("read feed --item 1:\n%s", out)
	}
	out = e.ok("read", "--plain", srv.URL+"/feed.xml")
	if !strings.Contains(out, "Zero is the first item.") {
		t.Errorf("read feed default item:\n%s", out)
	}
	if r := e.run("", "read", "--item", "7", srv.URL+"/feed.xml"); r.code == 0 {
		t.Errorf("read --item out of range exited 0")
	}
	out = e.ok("read", "--width", "40", path)
	if !strings.Contains(out, "Cold") {
		t.Errorf("read rendered:\n%s", out)
	}
	if _, err := os.Stat(e.db); err == nil {
		t.Errorf("read created the database; it must store nothing")
	}
}

// fullPage is a whole HTML page with an article body long enough to be the
// full text, and page chrome around it.
func fullPage(title, unique string) string {
	var paras strings.Builder
	for i := 1; i <= 8; i++ {
		fmt.Fprintf(&paras, "<p>Paragraph %d of the full story about %s continues at length, describing the harbour, the boats and the weather in some detail so that the article is clearly longer than any teaser.</p>\n", i, title)
	}
	return `<!doctype html><html><head><title>` + title + ` | Coast Courier</title></head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>` + title + `</h1>
<p>` + unique + `</p>
` + paras.String() + `
</article></main>
<footer><p>Copyright Coast Courier. All rights reserved.</p></footer>
</body></html>`
}

func TestBookmarksOffline(t *testing.T) {
	e := newEnv(t)
	const unique = "The lighthouse keeper's logbook records a green flash at sunset on the ninth of March."
	routes := map[string]route{
		"/article/1": {contentType: "text/html; charset=utf-8", body: fullPage("Storm at the point", unique)},
		"/article/2": {contentType: "text/html; charset=utf-8", body: fullPage("Quiet week", "Nothing much happened at all this week.")},
	}
	srv := newFeedServer(t, routes)
	srv.set("/feed.xml", route{contentType: rssType, body: rss("Coast Courier",
		rssItem{Title: "Storm at the point", GUID: "s1", Link: srv.URL + "/article/1", Date: "Tue, 03 Mar 2026 08:00:00 +0000",
			Description: `<p>A storm hit the point overnight.</p><p><a href="` + srv.URL + `/article/1">Continue reading…</a></p>`},
		rssItem{Title: "Quiet week", GUID: "s2", Link: srv.URL + "/article/2", Date: "Mon, 02 Mar 2026 08:00:00 +0000",
			Description: `<p>Not much happened.</p>`},
	)})
	feedURL := srv.URL + "/feed.xml"
	e.ok("add", feedURL)
	e.ok("refresh")
	list := e.ok("list")
	id := idOf(t, list, "Storm at the point")

	if md := e.ok("show", id, "--plain"); strings.Contains(md, "green flash") {
		t.Fatalf("the feed carried only a summary, yet show has the full text:\n%s", md)
	}
	out := e.ok("bookmarks", "add", id)
	if !strings.Contains(out, "saved "+id) || strings.Contains(out, "summary only") {
		t.Errorf("bookmarks add: %q", out)
	}
	if !strings.Contains(e.ok("list"), "[bookmark]") {
		t.Errorf("list does not mark the bookmark")
	}

	srv.Close() // offline from here on
	md := e.ok("show", id, "--plain")
	if !strings.Contains(md, unique) {
		t.Errorf("offline show lacks the full article's paragraph:\n%s", md)
	}
	if !strings.Contains(md, "Paragraph 8 of the full story") {
		t.Errorf("offline show lacks the end of the article:\n%s", md)
	}
	if strings.Contains(md, "All rights reserved") || strings.Contains(md, "Sport") {
		t.Errorf("page chrome leaked into the bookmark:\n%s", md)
	}

	// Search finds it by a word only in the full text.
	if got := e.ok("search", "logbook"); !strings.Contains(got, id+"  ") || !strings.Contains(got, "Storm at the point") {
		t.Errorf("search by full-text word: %q", got)
	}
	// OR and -word through the real command line: "-word" quoted or after
	// "--", and flags still work after the query.
	if got := e.ok("search", "nosuchword", "OR", "logbook", "--limit", "5"); !strings.Contains(got, id+"  ") {
		t.Errorf("search with OR: %q", got)
	}
	for _, args := range [][]string{{"search", "logbook -storm"}, {"search", "--", "logbook", "-storm"}} {
		if got := e.ok(args...); strings.Contains(got, id+"  ") {
			t.Errorf("%q still finds the storm story: %q", args, got)
		}
	}

	// Bookmarks outlive their feed.
	e.ok("remove", feedURL)
	bms := e.ok("bookmarks")
	if !strings.Contains(bms, id+"  ") || !strings.Contains(bms, "Storm at the point") {
		t.Errorf("bookmark gone with its feed:\n%s", bms)
	}
	if md := e.ok("show", id, "--plain"); !strings.Contains(md, unique) {
		t.Errorf("show after the feed was removed:\n%s", md)
	}
	if got := e.ok("search", "logbook"); !strings.Contains(got, "Storm at the point") {
		t.Errorf("search after the feed was removed: %q", got)
	}

	dir := filepath.Join(e.dir, "export")
	e.ok("bookmarks", "export", dir)
	files, err := os.ReadDir(dir)
	if err != nil || len(files) != 1 {
		t.Fatalf("export: %v %v", files, err)
	}
	data, err := os.ReadFile(filepath.Join(dir, files[0].Name()))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"---\ntitle: \"Storm at the point\"\n", "url: \"" + srv.URL + "/article/1\"", "feed: \"Coast Courier\"", "saved: \"", unique} {
		if !strings.Contains(string(data), want) {
			t.Errorf("exported file lacks %q:\n%s", want, data)
		}
	}

	e.ok("bookmarks", "remove", id)
	if got := e.ok("bookmarks"); strings.TrimSpace(got) != "" {
		t.Errorf("bookmarks after remove: %q", got)
	}
}

func TestBookmarkFetchFailureKeepsSummary(t *testing.T) {
	e := newEnv(t)
	routes := map[string]route{}
	srv := newFeedServer(t, routes)
	srv.set("/feed.xml", route{contentType: rssType, body: rss("Teasers",
		rssItem{Title: "Gone page", GUID: "t1", Link: srv.URL + "/missing",
			Description: `<p>Only a teaser about the regatta.</p>`})})
	e.ok("add", srv.URL+"/feed.xml")
	e.ok("refresh")
	id := idOf(t, e.ok("list"), "Gone page")
	out := e.ok("bookmarks", "add", id)
	if !strings.Contains(out, "summary only") {
		t.Errorf("bookmarks add of an unreachable page: %q", out)
	}
	if bms := e.ok("bookmarks"); !strings.Contains(bms, "[summary only: ") {
		t.Errorf("bookmarks does not show the failure: %q", bms)
	}
	if md := e.ok("show", id, "--plain"); !strings.Contains(md, "teaser about the regatta") {
		t.Errorf("the summary was not kept:\n%s", md)
	}
}

func TestBookmarksExportHostileTitles(t *testing.T) {
	e := newEnv(t)
	titles := []string{"../../etc/passwd", "a/b", "con", "Tab\tand\u001b]0;pwned\u0007bell", "Same title", "Same title", "..", "", strings.Repeat("long ", 60)}
	routes := map[string]route{}
	srv := newFeedServer(t, routes)
	var items []string
	for i, title := range titles {
		page := fmt.Sprintf("/p/%d", i)
		srv.set(page, route{contentType: "text/html", body: fullPage(fmt.Sprintf("Page %d", i), fmt.Sprintf("Unique line %d.", i))})
		items = append(items, fmt.Sprintf(`{"id":"h%d","url":%q,"title":%s,"content_html":"<p>Teaser %d.</p>","date_published":"2026-03-0%dT10:00:00Z"}`,
			i, srv.URL+page, jsonString(title), i, i%9+1))
	}
	srv.set("/feed.json", route{contentType: "application/feed+json", body: `{"version":"https://jsonfeed.org/version/1.1","title":"Hostile titles","items":[` + strings.Join(items, ",") + `]}`})
	e.ok("add", srv.URL+"/feed.json")
	e.ok("refresh")
	got := ids(t, e.ok("list"))
	if len(got) != len(titles) {
		t.Fatalf("want %d items, got %v", len(titles), got)
	}
	var args []string
	for _, id := range got {
		args = append(args, strconv.FormatInt(id, 10))
	}
	e.ok(append([]string{"bookmarks", "add"}, args...)...)

	root := filepath.Join(e.dir, "out")
	dir := filepath.Join(root, "bookmarks")
	// A file of someone else's is already there under a name a title maps to.
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Same-title.md"), []byte("my own notes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	e.ok("bookmarks", "export", dir)
	check := func() []os.DirEntry {
		t.Helper()
		files, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(files) != len(titles)+1 {
			var names []string
			for _, f := range files {
				names = append(names, f.Name())
			}
			t.Fatalf("want %d files, got %d: %q", len(titles)+1, len(files), names)
		}
		for _, f := range files {
			n := f.Name()
			if !f.Type().IsRegular() || strings.Contains(n, "..") || strings.ContainsAny(n, "/\\\t\x1b\x07") || len(n) > 120 || strings.HasPrefix(n, ".") {
				t.Errorf("unsafe export name %q", n)
			}
			if strings.EqualFold(strings.TrimSuffix(n, ".md"), "con") {
				t.Errorf("reserved device name %q", n)
			}
		}
		return files
	}
	check()
	if data, _ := os.ReadFile(filepath.Join(dir, "Same-title.md")); string(data) != "my own notes\n" {
		t.Errorf("export overwrote a file that was not its own: %q", data)
	}
	// Nothing escaped the directory.
	entries, _ := os.ReadDir(root)
	if len(entries) != 1 {
		t.Errorf("export wrote outside its directory: %v", entries)
	}
	// Exporting again rewrites the same files, adds none.
	e.ok("bookmarks", "export", dir)
	check()
	// Front matter stays valid YAML-ish: the escape title is quoted, no raw controls.
	files, _ := os.ReadDir(dir)
	for _, f := range files {
		data, _ := os.ReadFile(filepath.Join(dir, f.Name()))
		if bytes.ContainsAny(data, "\x1b\x07") {
			t.Errorf("%s holds a raw control character", f.Name())
		}
	}
}

// jsonString quotes s for JSON, keeping control characters as \u escapes.
func jsonString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func TestHostileTextNeverReachesTheTerminal(t *testing.T) {
	e := newEnv(t)
	osc52 := "\u001b]52;c;ZWNobyBwd25lZA==\u0007"
	osc8 := "\u001b]8;;https://evil.test/\u0007click\u001b]8;;\u0007"
	body := `{"version":"https://jsonfeed.org/version/1.1","title":` + jsonString("Evil "+osc52+"Feed\u001b]0;title\u0007") +
		`,"home_page_url":` + jsonString("https://evil.test/\u009b2J\u202egnp.exe") + `,"items":[` +
		`{"id":"x1","title":` + jsonString("Bad \u001b]0;pwned\u0007title \u009b2J and \u202ereversed") +
		`,"authors":[{"name":` + jsonString("Mal\u001b[2Jlory") + `}]` +
		`,"content_html":` + jsonString("<p>Body with "+osc8+" and &#x9b;31m and &amp;#27;]0;x&amp;#7; and \u0007 bells.</p><p>A second paragraph to findme by.</p>") +
		`,"date_published":"2026-03-03T10:00:00Z"}]}`
	srv := newFeedServer(t, map[string]route{"/evil.json": {contentType: "application/feed+json", body: body}})
	e.ok("add", srv.URL+"/evil.json")
	e.ok("refresh")
	list := e.ok("list")
	id := idOf(t, list, "title")
	outputs := map[string]string{
		"feeds":       e.ok("feeds"),
		"list":        list,
		"show":        e.ok("show", id),
		"show plain":  e.ok("show", id, "--plain"),
		"search":      e.ok("search", "findme"),
		"bookmarks":   "",
		"export opml": e.ok("export"),
	}
	e.ok("bookmarks", "add", id)
	outputs["bookmarks"] = e.ok("bookmarks")
	if !strings.Contains(outputs["search"], id+"  ") {
		t.Errorf("search did not find the item: %q", outputs["search"])
	}
	for name, out := range outputs {
		// A raw 0x9b byte would make the output invalid UTF-8 (and could
		// act as CSI on 8-bit terminals); U+009B is the same control encoded.
		if !utf8.ValidString(out) {
			t.Errorf("%s output is not valid UTF-8 (a raw C1 byte?):\n%q", name, out)
		}
		for _, bad := range []string{"\x1b]", "\x07", "\u009b", "\x1b[2J", "\u202e"} {
			if strings.Contains(out, bad) {
				t.Errorf("%s output carries %q:\n%q", name, bad, out)
			}
		}
	}
}

func TestDemoPrints(t *testing.T) {
	e := newEnv(t)
	out := e.ok("demo", "--plain")
	for _, want := range []string{"The Meridian Wire", "Northfield Chronicle", "Coastline Radio News", "no date", "# Flood barriers hold"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
	if _, err := os.Stat(e.db); err == nil {
		t.Errorf("demo touched the user's database")
	}
}

func TestHelpAndCompletion(t *testing.T) {
	e := newEnv(t)
	for _, args := range [][]string{
		{"--help"}, {"add", "--help"}, {"remove", "--help"}, {"import", "--help"}, {"export", "--help"},
		{"feeds", "--help"}, {"refresh", "--help"}, {"list", "--help"}, {"show", "--help"}, {"read", "--help"},
		{"bookmarks", "--help"}, {"bookmarks", "add", "--help"}, {"bookmarks", "remove", "--help"},
		{"bookmarks", "export", "--help"}, {"search", "--help"}, {"demo", "--help"},
	} {
		if out := e.ok(args...); !strings.Contains(out, "Usage:") {
			t.Errorf("herald %v: no usage:\n%s", args, out)
		}
	}
	for _, sh := range []string{"bash", "zsh", "fish"} {
		if out := e.ok("completion", sh); !strings.Contains(out, "herald") {
			t.Errorf("completion %s: %q", sh, out)
		}
	}
}

func TestNoArgsNeedsATerminalAndBadConfigWarns(t *testing.T) {
	e := newEnv(t)
	r := e.run("")
	if r.code == 0 || !strings.Contains(r.stderr, "needs a terminal") {
		t.Errorf("herald with no args and no terminal: %+v", r)
	}
	cfgDir := filepath.Join(e.dir, "xdg-config", "herald")
	if err := os.MkdirAll(cfgDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(cfgDir, "config.toml"), []byte("theme = \"purple\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = e.run("", "feeds")
	if r.code != 0 || !strings.Contains(r.stderr, "purple") {
		t.Errorf("a broken config should warn and go on: %+v", r)
	}
}

func TestBusyDatabaseSaysSo(t *testing.T) {
	e := newEnv(t)
	e.ok("import", "-") // creates the database (an empty import)
	db, err := sql.Open("sqlite", e.db+"?_pragma=busy_timeout(100)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// Another writer holds the write lock for the whole test.
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(ctx, "ROLLBACK")

	r := e.run("https://a.test/feed.xml\n", "import", "-")
	if r.code == 0 || strings.TrimSpace(r.stderr) != "herald: another herald is writing; try again" {
		t.Errorf("a write while another herald writes should say the database is busy: %+v", r)
	}
}
