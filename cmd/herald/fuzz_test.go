package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/herald-reader/herald/sanitize"
)

// FuzzCLIOutput subscribes to a feed whose every field is fuzzed — feed
// title, site link, item title, author, link and body — and runs every
// command that prints feed text (refresh, feeds, list, show, search,
// bookmarks, bookmarks export, export, read) in process. The property: no
// output, standard or error, nor any exported file carries a control
// character, an escape sequence or invalid UTF-8.
func FuzzCLIOutput(f *testing.F) {
	f.Add("Feed \u009b2J", "https://site.test/\u009b\u202e", "Title \x1b]0;pwned\x07", "Mal\x1b[2Jlory",
		"https://a.test/\u202e", "<p>Body \x1b]8;;https://evil.test/\x07x\x1b]8;;\x07 &#x9b;31m</p>")
	f.Add("", "javascript:alert(1)", "", "", "file:///etc/passwd", "")
	f.Add("T\r\nU", "\x00", "a\u2028b\u200d\u0301\u0301", "\xff\xfe", "http://[::1", "<script>\x07</script>\u009d")
	dir := f.TempDir()
	f.Setenv("NO_COLOR", "1")
	f.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	f.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	db := filepath.Join(dir, "herald.db")
	feedPath := filepath.Join(dir, "feed.json")
	feedURL := "file://" + feedPath
	exportDir := filepath.Join(dir, "export")
	f.Fuzz(func(t *testing.T, feedTitle, siteURL, title, author, link, body string) {
		doc, err := json.Marshal(map[string]any{
			"version":       "https://jsonfeed.org/version/1.1",
			"title":         feedTitle,
			"home_page_url": siteURL,
			"items": []map[string]any{{
				"id": "1", "title": title, "url": link,
				"authors":        []map[string]string{{"name": author}},
				"content_html":   body + "<p>zebra</p>",
				"date_published": "2026-03-03T10:00:00Z",
			}},
		})
		if err != nil {
			t.Skip("not JSON-encodable")
		}
		if err := os.WriteFile(feedPath, doc, 0o600); err != nil {
			t.Fatal(err)
		}
		os.RemoveAll(exportDir)
		cli := func(args ...string) (string, string) {
			var out, errb bytes.Buffer
			run(context.Background(), append([]string{"--db", db}, args...), strings.NewReader(""), &out, &errb)
			for name, s := range map[string]string{"stdout": out.String(), "stderr": errb.String()} {
				if sanitize.HasControl(s) || strings.Contains(s, "\x1b") {
					t.Fatalf("herald %s: %s carries a control: %q", strings.Join(args, " "), name, s)
				}
			}
			return out.String(), errb.String()
		}
		cli("add", feedURL)
		defer cli("remove", feedURL)
		cli("refresh")
		cli("feeds")
		list, _ := cli("list")
		id, _, _ := strings.Cut(list, " ")
		if id == "" {
			t.Fatalf("the item was not stored; list: %q", list)
		}
		defer cli("bookmarks", "remove", id)
		cli("show", id)
		cli("show", id, "--plain")
		cli("show", id, "--styled")
		cli("search", "zebra")
		cli("bookmarks", "add", id)
		cli("bookmarks")
		cli("bookmarks", "export", exportDir)
		cli("export")
		cli("read", feedPath)
		cli("read", "--styled", feedPath)
		files, _ := os.ReadDir(exportDir)
		for _, e := range files {
			data, err := os.ReadFile(filepath.Join(exportDir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if sanitize.HasControl(string(data)) || sanitize.HasControl(e.Name()) {
				t.Fatalf("exported bookmark %q carries a control: %q", e.Name(), data)
			}
		}
	})
}
