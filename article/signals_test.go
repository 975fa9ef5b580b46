package article

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// splitPage puts header blocks beside the element holding the body, as news
// sites lay out a headline, a standfirst and the text.
func splitPage(head, header, body string) string {
	return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Pool on Mill Road to close</title>` + head + `</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<main><article>` + header + `
<div class="story-body">` + body + `</div></article></main>
<footer><p>Contact us</p></footer></body></html>`
}

const standfirst = "Engineers found the roof beams of the Victorian baths rotted through, and the council says it cannot pay for repairs."

func TestPageHeader(t *testing.T) {
	desc := `<meta name="description" content="` + standfirst + `">`
	for _, tc := range []struct {
		name, head, header, body string
		present, absent          []string
	}{
		{
			name:   "standfirst repeating the description goes",
			head:   desc,
			header: "<h1>Pool on Mill Road to close</h1><p>" + standfirst + "</p>",
			body:   paragraphs(pageBody...),
			absent: []string{"Engineers found the roof beams"},
		},
		{
			name:   "a labelled description still names the standfirst",
			head:   `<meta property="og:description" content="Analysis: ` + standfirst + `">`,
			header: "<h1>Pool on Mill Road to close</h1><p>" + standfirst + "</p>",
			body:   paragraphs(pageBody...),
			absent: []string{"Engineers found the roof beams"},
		},
		{
			name:    "the body's first paragraph repeating the description stays",
			head:    `<meta name="description" content="` + pageBody[0] + `">`,
			header:  "<h1>Pool on Mill Road to close</h1>",
			body:    paragraphs(pageBody...),
			present: []string{pageBody[0]},
		},
		{
			name:    "a header paragraph the description only begins stays",
			head:    `<meta name="description" content="Engineers found the roof beams of the Victorian baths rotted through">`,
			header:  "<h1>Pool on Mill Road to close</h1><p>" + standfirst + "</p>",
			body:    paragraphs(pageBody...),
			present: []string{"Engineers found the roof beams"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := FromPage(splitPage(tc.head, tc.header, tc.body), Meta{})
			if err != nil {
				t.Fatal(err)
			}
			md := d.Markdown()
			checkContains(t, md, tc.present, tc.absent, nil)
			for _, p := range pageBody {
				if !strings.Contains(md, p) {
					t.Errorf("body paragraph lost: %q\n%s", p, md)
				}
			}
		})
	}
}

// cleanPage cleans HTML as FromPage cleans what readability kept of a
// page, so that a test can lay out exactly the tree the rules see.
func cleanPage(kept string, info pageInfo) *Document {
	nodes, err := html.ParseFragment(strings.NewReader(kept), bodyContext())
	if err != nil {
		panic(err)
	}
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	b := newBuilder("")
	b.container(root)
	c := &cleaner{m: Meta{Title: "Pool on Mill Road to close"}, items: b.items, page: true, info: info}
	return c.document()
}

func TestPageHeaderHeadings(t *testing.T) {
	body := paragraphs(pageBody[:2]...) + "<h2>What happens next</h2>" + paragraphs(pageBody[2:]...)
	for _, tc := range []struct {
		name, kept      string
		present, absent []string
	}{
		{
			name:    "kicker and standfirst headings beside the body go, crossheads stay",
			kept:    `<div class="top"><h3>Breaking news</h3><h2>The council says it cannot pay for repairs</h2></div><div class="body">` + body + `</div>`,
			absent:  []string{"Breaking news", "cannot pay for repairs"},
			present: []string{"## What happens next"},
		},
		{
			name:    "a heading inside the body's element stays",
			kept:    `<div class="body"><h2>Why the pool closes</h2>` + body + `</div>`,
			present: []string{"## Why the pool closes", "## What happens next"},
		},
		{
			name:    "a heading after text beside the body stays",
			kept:    `<div class="intro">` + paragraphs(pageBody[0]) + `<h2>Background</h2></div><div class="body">` + paragraphs(pageBody[1:]...) + `</div>`,
			present: []string{"## Background"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			md := cleanPage(tc.kept, pageInfo{}).Markdown()
			checkContains(t, md, tc.present, tc.absent, nil)
		})
	}
}
