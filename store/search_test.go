package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// searchText is appendSearchText into a new string.
func searchText(it NewItem) string {
	return string(appendSearchText(nil, it))
}

func TestSearch(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := addFeed(t, s, "https://a.example/")
	save(t, s, f.ID, t0,
		NewItem{GUID: "1", Title: "Budget vote in parliament", Content: "<p>The <b>finance</b> minister&#39;s plan &amp; more</p><script>var hidden='scriptword'</script>"},
		NewItem{GUID: "2", Title: "Weather", Summary: "<p>Rain in Zürich tomorrow</p>"},
		NewItem{GUID: "3", Title: "Café opens", Content: "Plain text, no HTML"},
		NewItem{GUID: "4", Title: `He said "AND (" NEAR(x) *`, Content: "odd title"},
	)
	ids := map[string]int64{}
	for _, it := range itemsOf(t, s, f.ID) {
		ids[it.GUID] = it.ID
	}
	if err := s.SaveBookmark(ctx, Bookmark{ItemID: ids["2"], Markdown: "Full saved text mentions glaciers."}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q    string
		want []string // GUIDs, any order
	}{
		{"budget", []string{"1"}},
		{"FINANCE minister", []string{"1"}},
		{"minister's", []string{"1"}},
		{"fin", []string{"1"}}, // last term is a prefix
		{"parl vote", nil},     // only the last term is a prefix
		{"zurich", []string{"2"}},
		{"cafe", []string{"3"}},
		{"glaciers", []string{"2"}}, // bookmark full text, item still there
		{"scriptword", nil},
		{"b", []string{"1"}},
		{"weather rain", []string{"2"}},
		{`"`, nil},
		{`*`, nil},
		{`AND (`, []string{"4"}},
		{`NEAR(`, []string{"4"}},
		{`( ) OR`, nil},
		{`NEAR(x`, []string{"4"}},
		{`"AND (" NEAR(x) *`, []string{"4"}},
		{`said OR`, []string{"4"}}, // a trailing OR is dropped
		{`title:budget`, nil},
		{`^budget`, []string{"1"}},
		{`budget -vote`, nil}, // item 1 has "vote"
		{`budget -weather`, []string{"1"}},
		{`-budget`, nil},
		{`zurich OR cafe`, []string{"3", "2"}},
		{`minister zurich OR cafe`, nil},
		{`weather zurich OR cafe`, []string{"2"}},
		{`cafe OR budget -plain`, []string{"1"}},
		{"", nil},
		{"   \t\n", nil},
		{"\x00\x1b[2J", nil},
		{"🙂", nil},
		{`'; DROP TABLE items; --`, nil},
		{strings.Repeat("(", 1000), nil},
		{strings.Repeat("a ", 500), nil},
	}
	for _, tt := range tests {
		res, err := s.Search(ctx, tt.q, 10)
		if err != nil {
			t.Errorf("Search(%q): %v", tt.q, err)
			continue
		}
		var got []string
		for _, it := range res {
			got = append(got, it.GUID)
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("Search(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
	if res, _ := s.Search(ctx, "glaciers", 10); len(res) == 1 && !res[0].Bookmarked {
		t.Errorf("bookmark hit not marked bookmarked: %+v", res[0])
	}
	// Updated items are re-indexed; removed feeds leave the index.
	save(t, s, f.ID, t0.Add(time.Hour), NewItem{GUID: "3", Title: "Café closes", Content: "Plain text, no HTML"})
	if res, _ := s.Search(ctx, "opens", 10); len(res) != 0 {
		t.Errorf("stale index: %+v", res)
	}
	if res, _ := s.Search(ctx, "closes", 10); len(res) != 1 {
		t.Errorf("update not indexed: %+v", res)
	}
	if err := s.SetMarkdown(ctx, ids["1"], "# Budget\n\nclean words quokka"); err != nil {
		t.Fatal(err)
	}
	if res, _ := s.Search(ctx, "quokka", 10); len(res) != 1 {
		t.Errorf("markdown not indexed: %+v", res)
	}
	if err := s.RemoveFeed(ctx, f.URL); err != nil {
		t.Fatal(err)
	}
	if res, _ := s.Search(ctx, "budget", 10); len(res) != 0 {
		t.Errorf("removed feed still indexed: %+v", res)
	}
	var n int
	if err := s.r.QueryRow(`SELECT COUNT(*) FROM items_fts`).Scan(&n); err != nil || n != 0 {
		t.Errorf("items_fts rows left: %d %v", n, err)
	}
	if err := s.Integrity(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestSearchLimit(t *testing.T) {
	s := openTest(t)
	f := addFeed(t, s, "https://a.example/")
	var items []NewItem
	for i := 0; i < 120; i++ {
		items = append(items, NewItem{GUID: fmt.Sprint(i), Title: "common word"})
	}
	save(t, s, f.ID, t0, items...)
	if res, err := s.Search(context.Background(), "common", 0); err != nil || len(res) != 50 {
		t.Errorf("default limit: %d %v", len(res), err)
	}
	if res, err := s.Search(context.Background(), "common", 7); err != nil || len(res) != 7 {
		t.Errorf("limit 7: %d %v", len(res), err)
	}
}

func TestFTSQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{"hello", `"hello"*`},
		{"a b", `"a" "b"*`},
		{`say "hi"`, `"say" "hi"*`},
		{`* ( ) " :`, ``},
		{"NEAR(a", `"NEAR" "a"*`},
		{"e-mail don't", `"e" "mail" "don" "t"*`},
		{"Zürich 2026", `"Zürich" "2026"*`},
		{"e\u0301x \xff\x00y", `"e" "x" "y"*`},
		{"\u0301x", `"x"*`},
		{strings.Repeat("w ", 100), strings.Repeat(`"w" `, maxQueryTerms-1) + `"w"*`},
		{"flood OR storm", `("flood" OR "storm"*)`},
		{"rain flood OR storm OR hail", `"rain" AND ("flood" OR "storm" OR "hail"*)`},
		{"flood or storm", `"flood" "or" "storm"*`},
		{"OR flood OR", `"flood"*`},
		{"storm -sport", `("storm") NOT "sport"`},
		{"-sport storm", `("storm"*) NOT "sport"`},
		{"e-mail OR -x-y", `("e" "mail") NOT ("x" "y")`},
		{"well-known OR famous", `(("well" "known") OR "famous"*)`},
		{"a OR b c", `("a" OR "b") AND "c"*`},
		{"rain -flood OR storm", `("rain" "storm"*) NOT "flood"`},
		{"rain OR -flood storm", `("rain" "storm"*) NOT "flood"`},
		{"rain OR OR storm", `("rain" OR "storm"*)`},
		{"-sport", ``},
		{"a - b", `"a" "b"*`},
		{"-(", ``},
		{"NOT x", `"NOT" "x"*`},
	}
	for _, tt := range tests {
		if got := ftsQuery(tt.in, false); got != tt.want {
			t.Errorf("ftsQuery(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSearchTextCap(t *testing.T) {
	long := strings.Repeat("é", maxSearchText) // 2 bytes each
	got := searchText(NewItem{Content: long})
	if len(got) > maxSearchText || !utf8.ValidString(got) {
		t.Errorf("capped text: %d bytes, valid %v", len(got), utf8.ValidString(got))
	}
}

func TestHTMLText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"<p>a</p><p>b</p>", " a  b "},
		{"x &amp; y &#39;z&#39;", "x & y 'z'"},
		{"a<style>p{}</style>b", "a  b"},
		{"a<SCRIPT>x</script>b", "a  b"},
		{"a<unterminated", "a"},
		{"a<Script type=x>if (a<b) x</SCRIPT >b", "a  b"},
		{"a<scripts>kept</scripts>", "a kept "},
		{"a<script>never closed", "a "},
		{"&lt;b&gt; &amp;amp;", "<b> &amp;"},
	}
	for _, tt := range tests {
		if got := string(appendHTMLText(nil, tt.in)); got != tt.want {
			t.Errorf("appendHTMLText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzSearch(f *testing.F) {
	for _, q := range []string{`"`, `*`, `AND (`, `NEAR(`, `a OR b`, `title:x`, `x^`, `"a" "b`, `-x`, `{a b}:c`,
		`a + b`, `a OR b -c`, `x OR -y OR z`, `-a OR b`, `a OR OR b`, `e-mail OR x-y -z-w`, "\x00", "\xff\xfe", `NOT`, `(((`, `""""`, `col:"x"*`, `NEAR("a" "b", 2)`, "a\u0591b", "x\u093cy\u0301z", "\u0301"} {
		f.Add(q)
	}
	s := openTest(f)
	fd := addFeed(f, s, "https://a.example/")
	save(f, s, fd.ID, t0, NewItem{GUID: "1", Title: "near and or not", Content: "title col x a b"})
	f.Fuzz(func(t *testing.T, q string) {
		if _, err := s.Search(context.Background(), q, 5); err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
	})
}

// TestSearchUnicode checks that ftsQuery's tokens agree with the index's
// tokenizer on text with marks, scripts and symbols: no query fails and the
// stored words are found.
func TestSearchUnicode(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	f := addFeed(t, s, "https://a.example/")
	words := []string{"Straße", "e\u0301te\u0301", "naïve", "日本語", "हैलो", "Ⅲ", "v1.2", "\U000F0000pua", "🤦🏼‍♂️x", "ﬁnance"}
	for i, w := range words {
		save(t, s, f.ID, t0, NewItem{GUID: fmt.Sprint(i), Title: w, Content: "body " + w})
	}
	for _, w := range words {
		res, err := s.Search(ctx, w, 10)
		if err != nil {
			t.Errorf("Search(%q): %v", w, err)
			continue
		}
		if len(res) == 0 && w != "ﬁnance" && !strings.ContainsRune(w, '🤦') {
			t.Errorf("Search(%q): no match", w)
		}
	}
	for _, w := range []string{"naive", "ete", "e\u0301te\u0301", "e\u0301te\u0301 body"} {
		res, err := s.Search(ctx, w, 10)
		if err != nil || len(res) != 1 {
			t.Errorf("Search(%q) = %d results, %v", w, len(res), err)
		}
	}
}
