package article

// item is a block being cleaned, with what the rules compare.
type item struct {
	Block
	plain  string   // plain text, white space collapsed
	alts   []string // FigureBlock: img alt and title, other caption candidates
	bold   bool     // Paragraph: only bold text
	links  bool     // Paragraph, List: nothing but links
	linked bool     // List: every entry holds a link
	h1     bool     // Heading: came from <h1>
	lead   bool     // FigureBlock: the feed's lead image (Meta.ImageURL)
	drop   bool     // removed by a rule
}
