package main

import (
	"context"
	"database/sql"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	_ "modernc.org/sqlite" // a second writer in TestBusyDatabaseSaysSo
)

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
	rendered := e.ok("show", id, "--styled", "--width", "60")
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
		"show styled": e.ok("show", id, "--styled"),
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
