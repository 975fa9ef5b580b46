package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

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
	out = e.ok("read", "--styled", "--width", "40", path)
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
