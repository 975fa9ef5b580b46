package article

import "golang.org/x/net/html"

// item is a block being cleaned, with what the rules compare.
type item struct {
	Block
	plain string   // plain text, white space collapsed
	alts  []string // FigureBlock: img alt and title, other caption candidates
	// creditText is the text of a Paragraph's last element when its class
	// marks a credit ("credit", "copyright", "byline"), or its whole text
	// when the paragraph itself is so marked.
	creditText string
	captioned  bool       // Paragraph: inside an element whose class says caption
	bold       bool       // Paragraph: only bold text
	aside      bool       // Paragraph: only text in <em>, <i> or <small>, as a caption may be
	links      bool       // Paragraph, List, Heading: nothing but links
	footer     bool       // Paragraph: a platform's footer naming its post in a link (linkedFooter)
	controls   bool       // List: a toolbar's buttons, by their markup (toolList)
	linked     bool       // List: every entry holds a link, with few words besides
	h1         bool       // Heading: came from <h1>
	lead       bool       // FigureBlock: the feed's lead image (Meta.ImageURL)
	pull       bool       // from a pull quote (see pullQuotes)
	drop       bool       // removed by a rule
	box        *html.Node // the element whose children the block came from
	// FigureBlock: where a link around the picture leads, and the size
	// the page gives it (0 when it gives none).
	href          string
	width, height int
}
