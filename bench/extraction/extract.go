package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	htmltomarkdown "github.com/JohannesKaufmann/html-to-markdown/v2"

	"github.com/herald-reader/herald/article"
)

// heraldBody is herald's full-page extraction: the body alone, without the
// title and meta lines herald prints above it.
func heraldBody(page, link string) (string, error) {
	d, err := article.FromPage(page, article.Meta{Link: link})
	if err != nil {
		return "", err
	}
	return d.BodyMarkdown(), nil
}

// readabilityBody is go-readability alone, with the options herald gives it:
// the article it finds, converted to Markdown.
func readabilityBody(page, link string) (string, error) {
	u, _ := url.Parse(link)
	art, err := readability.FromReader(strings.NewReader(page), u)
	if err != nil {
		return "", err
	}
	if art.Node == nil {
		return "", fmt.Errorf("no article found")
	}
	md, err := htmltomarkdown.ConvertNode(art.Node)
	return string(md), err
}

// printPages prints score.py's per-page CSV as a table, worst F1 first.
func printPages(w io.Writer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) < 2 {
		return fmt.Errorf("per-page scores %s: %v", path, err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	body := rows[1:]
	f1 := func(r []string) float64 {
		v, _ := strconv.ParseFloat(r[col["f1"]], 64)
		return v
	}
	sort.SliceStable(body, func(i, j int) bool { return f1(body[i]) < f1(body[j]) })
	fmt.Fprintf(w, "%-6s %-6s %-6s %6s %6s  %-12s %s\n", "F1", "P", "R", "pred", "true", "id", "url")
	for _, r := range body {
		fmt.Fprintf(w, "%-6s %-6s %-6s %6s %6s  %-12s %s\n", short(r[col["f1"]]), short(r[col["precision"]]),
			short(r[col["recall"]]), r[col["pred_tokens"]], r[col["true_tokens"]], prefix(r[col["id"]], 12), r[col["url"]])
	}
	return nil
}

// prefix returns the first n bytes of s, or s.
func prefix(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// short trims a score to three decimals.
func short(s string) string {
	if len(s) > 5 {
		return s[:5]
	}
	return s
}
