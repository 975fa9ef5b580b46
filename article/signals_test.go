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

func TestPageHeaderLayout(t *testing.T) {
	body := paragraphs(pageBody[:2]...) + "<h2>What happens next</h2>" + paragraphs(pageBody[2:]...)
	described := pageInfo{descriptions: []string{norm(standfirst)}}
	for _, tc := range []struct {
		name, kept      string
		info            pageInfo
		present, absent []string
	}{
		{
			name:    "a lede under the picture that the description repeats stays",
			kept:    `<div class="top"><figure><img src="https://img.example/pool.jpg"></figure><p><b>` + standfirst + `</b></p></div><div class="body">` + body + `</div>`,
			info:    described,
			present: []string{"Engineers found the roof beams"},
		},
		{
			name:   "the standfirst above the picture goes",
			kept:   `<div class="top"><p>` + standfirst + `</p><figure><img src="https://img.example/pool.jpg"></figure></div><div class="body">` + body + `</div>`,
			info:   described,
			absent: []string{"Engineers found the roof beams"},
		},
		{
			name:    "kicker and standfirst headings above the picture go, crossheads stay",
			kept:    `<div class="top"><h3>Breaking news</h3><h2>The council says it cannot pay for repairs</h2><figure><img src="https://img.example/pool.jpg"></figure></div><div class="body">` + body + `</div>`,
			absent:  []string{"Breaking news", "cannot pay for repairs"},
			present: []string{"## What happens next", "pool.jpg"},
		},
		{
			name:    "a heading over the body's first paragraph stays",
			kept:    `<div class="top"><h2>Why the pool closes</h2></div><div class="body">` + body + `</div>`,
			present: []string{"## Why the pool closes", "## What happens next"},
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
			md := cleanPage(tc.kept, tc.info).Markdown()
			checkContains(t, md, tc.present, tc.absent, nil)
		})
	}
}

func TestListsAfterTheText(t *testing.T) {
	body := paragraphs(pageBody...)
	for _, tc := range []struct {
		name, after     string
		present, absent []string
	}{
		{
			name: "links to other stories with a date go",
			after: `<ul><li><a href="/a">Ferry returns to Holm Island</a> 12 March</li>` +
				`<li><a href="/b">New bridge opens in May</a> 2 March</li><li>Council <a href="/c">votes on the budget</a></li></ul>`,
			absent: []string{"Ferry returns", "New bridge", "votes on the budget"},
		},
		{
			name: "sentences that cite a link stay",
			after: `<ul><li>The pool's roof beams were found rotten during the survey commissioned last spring (<a href="/r">report</a>).</li>` +
				`<li>Repairs were priced at four million pounds by two separate firms of engineers (<a href="/q">quotes</a>).</li></ul>`,
			present: []string{"roof beams were found rotten", "priced at four million pounds"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			md := cleanPage(`<div class="body">`+body+tc.after+`</div>`, pageInfo{}).Markdown()
			checkContains(t, md, tc.present, tc.absent, nil)
		})
	}
}

// TestLeadWithoutBody: lines too short to read as a paragraph (a photo
// blog's captions, a language written without spaces) are the article when
// no longer text follows, not its header.
func TestLeadWithoutBody(t *testing.T) {
	lines := []string{
		"寒流報到 山巒披上嫣紅的彩衣",
		"雲氣山嵐滯留山頭 不久即抵達",
		"楓香樹早已呈現金黃 泛紅色彩",
		"The quay at dawn",
		"Nets drying by the harbour wall",
	}
	md := cleanPage(`<div class="post">`+paragraphs(lines...)+`</div>`, pageInfo{}).Markdown()
	checkContains(t, md, lines, nil, nil)
}
