package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// terms is appendTerms into a new string.
func (t *termSet) terms(title, body string) string {
	return string(appendTerms(t, nil, title, body))
}

// vocab indexes each (title, body) pair as one row of a contentless
// detail=none FTS5 table made as items_fts is, and returns the terms the
// index holds for each row.
func vocab(t testing.TB, db *sql.DB, name string, docs [][2]string) []string {
	t.Helper()
	ctx := context.Background()
	for _, q := range []string{
		`CREATE VIRTUAL TABLE ` + name + ` USING fts5(title, body, content='', contentless_delete=1,
			detail=none, tokenize='unicode61 remove_diacritics 2')`,
		`CREATE VIRTUAL TABLE ` + name + `_v USING fts5vocab(` + name + `, 'instance')`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	for i, d := range docs {
		if _, err := db.ExecContext(ctx, `INSERT INTO `+name+`(rowid, title, body) VALUES (?, ?, ?)`,
			i+1, d[0], d[1]); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := db.QueryContext(ctx, `SELECT DISTINCT doc, term FROM `+name+`_v ORDER BY doc, term`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var doc int
		var term string
		if err := rows.Scan(&doc, &term); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%d:%s", doc, term))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// checkSameIndex fails unless indexing each document's distinct terms
// gives the index that its whole text gives.
func checkSameIndex(t testing.TB, docs [][2]string) {
	t.Helper()
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var set termSet
	short := make([][2]string, len(docs))
	for i, d := range docs {
		short[i] = [2]string{d[0], set.terms(d[0], d[1])}
	}
	want := vocab(t, db, "full", docs)
	got := vocab(t, db, "short", short)
	if !slices.Equal(got, want) {
		t.Errorf("terms index differs from the full text's:\n got %q\nwant %q\ndocs %q\nterms %q", got, want, docs, short)
	}
}

func TestTermsIndexLikeFullText(t *testing.T) {
	docs := [][2]string{
		{"Rain in Spain", "The rain in Spain stays mainly in the plain. RAIN, rain; Rain!"},
		{"", "e-mail E-Mail email e\u2011mail don't don\u2019t O'Brien o\u2019brien"},
		{"Straße", "STRASSE straße Straße Strasse naïve NAÏVE naive e\u0301te\u0301 été ÉTÉ ete"},
		{"日本語", "日本語のテキスト 日本語 中文，中文。한국어 한국어"},
		{"v1.2", "v1.2 v1,2 1.2.3 3.14159 1e10 0x1F 100% $5 €5 5€"},
		{"", "emoji 🤦🏼\u200d♂️x 🤦🏼\u200d♂️x 🎉party 🎉party\U000F0000pua"},
		{"", "nbsp\u00a0word\u00a0word thin\u2009space em—dash em–dash a/b a\\b <tag> &amp; &lt;"},
		{"Title words", "title WORDS only here: title, words"},
		{"", "ﬁnance finance Ⅲ Ⅲ iii ⅲ Ǆ ǅ ǆ İstanbul istanbul ıstanbul"},
		{"", "tabs\tand\nnewlines\r\nand\x00nul\x1bESC\x7fDEL"},
		{"", strings.Repeat("repeat ", 500) + "end"},
		{"", ""},
		{"only title", ""},
	}
	checkSameIndex(t, docs)
}

func FuzzTermsIndexLikeFullText(f *testing.F) {
	f.Add("Rain in Spain", "the rain RAIN rAiN in-spain")
	f.Add("", "e\u0301te\u0301 été don\u2019t 日本語 🤦🏼\u200d♂️x")
	f.Add("a", "\xff\xfe invalid \xc3 utf8 \xc3\xa9")
	f.Fuzz(func(t *testing.T, title, body string) {
		checkSameIndex(t, [][2]string{{title, body}, {body, title}})
	})
}

func TestTermsDistinct(t *testing.T) {
	var set termSet
	got := set.terms("The Title", "the title: a body, A BODY, a Body and the end")
	if got != "a body and end" {
		t.Errorf("terms = %q, want %q", got, "a body and end")
	}
	// The set is emptied between items.
	if got := set.terms("", "a body"); got != "a body" {
		t.Errorf("second item: terms = %q", got)
	}
}

func BenchmarkTerms(b *testing.B) {
	var body strings.Builder
	for i := 0; body.Len() < 4000; i++ {
		fmt.Fprintf(&body, "Word%d of the story, told again and again: %d people said. ", i%150, i)
	}
	text := body.String()
	var set termSet
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		set.terms("A title of the story", text)
	}
}
