// Package article turns feed HTML, whole web pages or scraped plain text into
// one clean document and its Markdown: duplicated captions collapsed, credits
// kept with their caption, crossheads turned into headings, boilerplate
// dropped. It is pure: no I/O, no global state.
package article

import "time"

// Meta is what the feed (or the caller) knows about an article besides its body.
type Meta struct {
	Title     string
	Link      string // also the base URL for relative links and images
	Author    string
	Published time.Time // zero when unknown
	Summary   string    // the feed's summary/description (HTML or text)
	// Lead image from media:content or an enclosure.
	ImageURL     string
	ImageCaption string
	ImageCredit  string
	// Boilerplate lists lines known to recur across most items of the same
	// feed (see FeedBoilerplate); they are dropped from the body.
	Boilerplate []string
}

// BlockKind says what a Block is.
type BlockKind int

// The kinds of block a Document holds.
const (
	Paragraph BlockKind = iota
	Heading
	FigureBlock
	Quote
	List
	Code
	Table
)

// Figure is an image with its caption and credit, each shown once.
type Figure struct {
	ImageURL string
	Caption  string // plain text, no credit
	Credit   string // normalised, e.g. "Photo: AHMAD AL-RUBAYE / AFP", "Illustration: NAME / The Guardian"
}

// Block is one unit of the article body.
type Block struct {
	Kind     BlockKind
	Level    int      // Heading: 2..6
	Text     string   // Paragraph, Heading, Quote, Code: inline Markdown (Code: raw text)
	Items    []string // List items (inline Markdown)
	Ordered  bool     // List
	Start    int      // List, Ordered: the first entry's number when not 1, else 0
	Figure   *Figure  // FigureBlock
	Markdown string   // Table: the GFM table as Markdown
}

// Document is a cleaned article.
type Document struct {
	Title  string // plain text; the only level-1 heading
	Byline string // author, plain text
	Date   time.Time
	Link   string
	Lead   *Figure // the lead image, when the article has one; Markdown shows it first, it is not in Blocks
	Blocks []Block
}
