package article

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// escapedPlayer finds a player's markup that a feed escaped once more than
// the HTML around it, so that it arrives as text ("<object …><embed
// src=…></embed></object>" shown to the reader): an element that is never
// prose, from its opening tag to its closing tag, or a lone <embed>/<iframe>
// tag.
var escapedPlayer *lazyRegexp

// unescapePlayers turns escaped player markup inside the text nodes texts
// back into elements, so that it becomes a player line (embed.go) or is
// dropped like any player, and returns the players it made. Only markup
// that stands alone is a player: the whole of its text node, and the text
// node the whole of its block but for white space and a link before it
// (the player's title). Markup inside a sentence is an example the
// sentence shows ("…which looks like <iframe …> into it."), and text
// inside code (<pre>, <code>, a code box) is one too: both stay.
func unescapePlayers(texts []*html.Node) []*html.Node {
	var players []*html.Node
	for _, t := range texts {
		parent := t.Parent
		if parent == nil || insideCode(t) {
			continue
		}
		locs := escapedPlayer.FindAllStringIndex(t.Data, -1)
		if locs == nil {
			continue
		}
		data, at := t.Data, 0
		var parsed [][]*html.Node
		for _, loc := range locs {
			nodes, err := html.ParseFragment(strings.NewReader(data[loc[0]:loc[1]]), parent)
			if err != nil || !holdsPlayer(nodes) || strings.TrimSpace(data[at:loc[0]]) != "" {
				parsed = nil
				break
			}
			parsed = append(parsed, nodes)
			at = loc[1]
		}
		if parsed == nil || strings.TrimSpace(data[at:]) != "" || !standsAlone(t) {
			continue
		}
		for _, nodes := range parsed {
			for _, n := range nodes {
				parent.InsertBefore(n, t)
				if isPlayer(n) {
					players = append(players, n)
				}
			}
		}
		parent.RemoveChild(t)
	}
	return players
}

// standsAlone reports whether text node t is the whole of the run of
// inline content it belongs to, but for white space, line breaks, things
// without text and links before it.
func standsAlone(t *html.Node) bool {
	for n := t; n.Parent != nil; n = n.Parent {
		for c := n.PrevSibling; c != nil && !isBlock(c); c = c.PrevSibling {
			if c.Type == html.ElementNode && c.DataAtom == atom.A {
				continue
			}
			if strings.TrimSpace(textOf(c)) != "" {
				return false
			}
		}
		for c := n.NextSibling; c != nil && !isBlock(c); c = c.NextSibling {
			if strings.TrimSpace(textOf(c)) != "" {
				return false
			}
		}
		if p := n.Parent; p.Type != html.ElementNode || blockTags[p.DataAtom] {
			return true
		}
	}
	return true
}

// mayHoldEscapedPlayer is the cheap test a text node passes before the
// regular expression runs.
func mayHoldEscapedPlayer(s string) bool {
	i := strings.IndexByte(s, '<')
	return i >= 0 && containsAny(strings.ToLower(s[i:]), "<object", "<embed", "<iframe", "<video", "<audio")
}

func isPlayer(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.Iframe, atom.Video, atom.Audio, atom.Object, atom.Embed:
		return true
	}
	return false
}

// holdsPlayer reports whether parsed markup is made of players without
// words and white space: words in it were meant to be read, so the markup
// stays text.
func holdsPlayer(nodes []*html.Node) bool {
	found := false
	for _, n := range nodes {
		switch {
		case isPlayer(n) && !holdsWords(n):
			found = true
		case n.Type == html.TextNode && strings.TrimSpace(n.Data) == "":
		default:
			return false
		}
	}
	return found
}

// insideCode reports whether n is part of a code sample.
func insideCode(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == atom.Pre || p.DataAtom == atom.Code || p.DataAtom == atom.Kbd || p.DataAtom == atom.Samp || isCodeBox(p) {
			return true
		}
	}
	return false
}

// holdsWords reports whether any text inside n is more than white space.
func holdsWords(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" || holdsWords(c) {
			return true
		}
	}
	return false
}

func init() {
	register(func() {
		escapedPlayer = compileLater(`(?is)<(object|iframe|video|audio)\b[^<>]*>.*?</(?:object|iframe|video|audio)\s*>|<(?:embed|iframe)\b[^<>]*/?>(?:\s*</(?:embed|iframe)\s*>)?`)
	})
}
