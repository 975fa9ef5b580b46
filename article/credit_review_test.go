package article

import (
	"strings"
	"testing"
)

// The caption and credit rules against publishers' own ways of writing
// them: each rule once where it applies and once where it must not.

const (
	revCaption = "Fishermen mend their nets on the quay at dawn"
	revImg     = `<p><img src="https://gazette.example/img/quay.jpg" alt="` + revCaption + `"></p>`
)

func TestCopyrightNoticeIsNoCaption(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name:    "a lone caption line with an agency's credit is a caption",
			in:      `<p>The quay reopened on Monday.</p><p>` + revCaption + ` © JOSE JORDAN - AFP</p><p>Body.</p>`,
			present: []string{"*" + revCaption + "* — Photo: JOSE JORDAN / AFP"},
		},
		{
			name:    "a caption line with a credit right after an image is its caption",
			in:      revImg + `<p>` + revCaption + ` © Harbour Times</p><p>Body.</p>`,
			once:    []string{revCaption},
			present: []string{"*" + revCaption + "* — Photo: Harbour Times\n\nBody."},
		},
		{
			name:    "a republication notice is text",
			in:      `<p>The council met on Tuesday.</p><p>This article is republished with permission. © Harbour Times</p>`,
			present: []string{"This article is republished with permission. © Harbour Times"},
			absent:  []string{"Photo:", "*This article"},
		},
		{
			name:    "lyrics reproduced by permission are text",
			in:      `<p>Verse one.</p><p>Lyrics reproduced by permission, © Sony Music Publishing.</p>`,
			present: []string{"Lyrics reproduced by permission, © Sony Music Publishing."},
			absent:  []string{"Photo:"},
		},
		{
			name:    "a licence notice after an image is not its caption",
			in:      revImg + `<p>Text licensed under Creative Commons BY 4.0. © Rosa Lind / AFP</p>`,
			present: []string{"*" + revCaption + "*\n\nText licensed under Creative Commons"},
			absent:  []string{"Photo:"},
		},
		{
			name:    "a lone line with © and no agency or image near is text",
			in:      `<p>The council met on Tuesday.</p><p>The ferry timetable changes next week © Harbour Times</p><p>More.</p>`,
			present: []string{"The ferry timetable changes next week © Harbour Times"},
			absent:  []string{"Photo:", "*The ferry"},
		},
		{
			name:   "all rights reserved is never a photo credit",
			in:     revImg + `<p>© 2026 The Harbour Times. All rights reserved.</p>`,
			absent: []string{"Photo:", "*© 2026"},
		},
	})
}

func TestBareButtonWordsStayWords(t *testing.T) {
	for in, want := range map[string]string{
		// Words of the caption.
		"Pupils join the lesson on Zoom":               "Pupils join the lesson on Zoom",
		"Zoom founder Eric Yuan rings the Nasdaq bell": "Zoom founder Eric Yuan rings the Nasdaq bell",
		"Fullscreen mode arrives in the new app":       "Fullscreen mode arrives in the new app",
		"Engineers Expand":                             "Engineers Expand",
		// Buttons: alone, bracketed, beside a bar or a "+", with "image".
		"Zoom":                            "",
		"Expand":                          "",
		revCaption + " | Zoom":            revCaption,
		"[Zoom] " + revCaption:            revCaption,
		revCaption + " (Expand)":          revCaption,
		"Zoom image " + revCaption:        revCaption,
		revCaption + " Enlarge +":         revCaption,
		"Fullscreen · " + revCaption:      revCaption,
		revCaption + ". Enlarge":          revCaption + ".",
		revCaption + " View larger image": revCaption,
		revCaption + " Full screen image": revCaption,
	} {
		if got := stripExpanders(in); got != want {
			t.Errorf("stripExpanders(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCreditLabelsAndAgencies(t *testing.T) {
	const c = revCaption
	checkSplitCredit(t, []creditCase{
		// Stock libraries, the way they ask to be named.
		{"Photo by Jane Doe on Unsplash", "", "Photo: Jane Doe / Unsplash"},
		{c + ". Photo by Jane Doe via Pexels", c + ".", "Photo: Jane Doe / Pexels"},
		{"Photo by Jane Doe / Unsplash", "", "Photo: Jane Doe / Unsplash"},
		// "Credit..." and "Credit:" are labels.
		{c + ". Credit...Sara Krulwich/The New York Times", c + ".", "Photo: Sara Krulwich / The New York Times"},
		{c + " Credit…Sara Krulwich/The New York Times", c, "Photo: Sara Krulwich / The New York Times"},
		{c + ". Credit: Sara Krulwich/The New York Times", c + ".", "Photo: Sara Krulwich / The New York Times"},
		// The Guardian's kinds of picture keep their kind.
		{c + ". Illustration: Nate Kitch/The Guardian", c + ".", "Illustration: Nate Kitch / The Guardian"},
		{c + ". Photo illustration: Rosa Lind", c + ".", "Illustration: Rosa Lind"},
		{"Composite: Guardian Design/Getty Images", "", "Composite: Guardian Design / Getty Images"},
		{c + ". Graphic: Harbour Times", c + ".", "Graphic: Harbour Times"},
		{c + ". Video: Rosa Lind/Reuters", c + ".", "Video: Rosa Lind / Reuters"},
		{c + ". Photograph: Rosa Lind/Reuters", c + ".", "Photo: Rosa Lind / Reuters"},
		// Agencies written in lower case, and "|" between names.
		{c + ". Foto: picture alliance/dpa | Marcus Brandt", c + ".", "Photo: picture alliance / dpa / Marcus Brandt"},
		{c + ". Foto: imago images/Sven Simon", c + ".", "Photo: imago images / Sven Simon"},
		{c + " (Marcus Brandt/dpa)", c, "Photo: Marcus Brandt / dpa"},
		{c + ". Foto: KEYSTONE/Laurent Gillieron", c + ".", "Photo: Laurent Gillieron / Keystone"},
		{c + " - ANP / Remko de Waal", c, "Photo: Remko de Waal / ANP"},
		{c + ". EPA-EFE/Rosa Lind", c + ".", "Photo: Rosa Lind / EPA-EFE"},
		// Text that only looks like a credit stays text.
		{"The photo by the window was taken in 1920", "The photo by the window was taken in 1920", ""},
		{"A photo by Jane Doe on Monday won the prize", "A photo by Jane Doe on Monday won the prize", ""},
		{c + ". Photo: Rosa Lind on holiday", c + ". Photo: Rosa Lind on holiday", ""},
		{"He took the credit... Rosa Lind", "He took the credit... Rosa Lind", ""},
		{"Courtesy of the family, the funeral will be private", "Courtesy of the family, the funeral will be private", ""},
		{"The video: a short film about the quay", "The video: a short film about the quay", ""},
		{"In the video, Harbour Master Rosa Lind", "In the video, Harbour Master Rosa Lind", ""},
		{"Critics say the picture alliance with the city is fragile", "Critics say the picture alliance with the city is fragile", ""},
	})
}

func TestScreenReaderTextIsNotShown(t *testing.T) {
	const img = `<img src="https://gazette.example/img/bridge.jpg" alt="">`
	runRules(t, []ruleCase{
		{
			name: "The New York Times' hidden labels",
			in: `<figure><span class="visually-hidden">Image</span>` + img + `<figcaption><span class="sr-only">Image</span>The old bridge at dawn. ` +
				`<span class="credit"><span class="visually-hidden">Credit...</span>Sara Krulwich/The New York Times</span></figcaption></figure><p>Body.</p>`,
			present: []string{"*The old bridge at dawn.* — Photo: Sara Krulwich / The New York Times\n\nBody."},
			absent:  []string{"*Image", "Image:", "Credit"},
		},
		{
			name:    "hidden words in a paragraph",
			in:      `<p>Read the report <span class="screen-reader-text">(opens in a new window)</span> online.</p><p>Body <span class="a11y">, hidden</span>text.</p>`,
			present: []string{"Read the report online."},
			absent:  []string{"opens", "hidden"},
		},
		{
			name:    "a screen reader's label still says what a text beside an image is",
			in:      `<figure><div><span class="visually-hidden">Image source, </span>Rosa Lind</div>` + img + `<figcaption>The old bridge at dawn</figcaption></figure><p>Body.</p>`,
			present: []string{"*The old bridge at dawn* — Photo: Rosa Lind"},
			absent:  []string{"Image source"},
		},
		{
			name:    "classes that only look like a screen reader's are shown",
			in:      `<p class="text-only">Plain words stay.</p><p><span class="only-mobile">Mobile words</span> stay too.</p><div class="a11y-toolbar"><p>Toolbar words stay.</p></div>`,
			present: []string{"Plain words stay.", "Mobile words stay too.", "Toolbar words stay."},
		},
	})
}

func TestCreditBlockAfterImage(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name:    "a Drupal credit field",
			in:      revImg + `<div class="field field--name-field-photo-credit"><div class="field__item">Carlos Mendes</div></div><p>Body.</p>`,
			present: []string{"*" + revCaption + "* — Photo: Carlos Mendes\n\nBody."},
		},
		{
			name:    "a credit div",
			in:      revImg + `<div class="credit">Carlos Mendes</div><p>Body.</p>`,
			present: []string{"*" + revCaption + "* — Photo: Carlos Mendes\n\nBody."},
		},
		{
			name:    "a credit small",
			in:      revImg + `<small class="photo-credit">Carlos Mendes</small><p>Body.</p>`,
			present: []string{"*" + revCaption + "* — Photo: Carlos Mendes\n\nBody."},
		},
		{
			name:    "the article's byline after an image stays the byline",
			in:      revImg + `<div class="byline">Carlos Mendes</div><p>Body.</p>`,
			present: []string{"*" + revCaption + "*\n\nCarlos Mendes\n\nBody."},
			absent:  []string{"Photo:"},
		},
		{
			name:    "a section whose class says source is body text",
			in:      revImg + `<div class="source-notes"><p>Figures from the Harbour Office</p><p>The survey counted boats on each tide.</p></div>`,
			present: []string{"Figures from the Harbour Office\n\nThe survey counted boats"},
			absent:  []string{"Photo:"},
		},
	})
}

func TestEditedPullQuoteAndProseNotes(t *testing.T) {
	const said = `<p>"We will not, under any circumstances, patch it again," said the engineer at the meeting.</p>`
	runRules(t, []ruleCase{
		{
			name:   "a pull quote with words left out of the body's sentence is shown once",
			in:     said + `<aside class="pullquote"><p>We will not patch it again</p></aside><p>More body.</p>`,
			once:   []string{"patch it again"},
			absent: []string{"> We will"},
		},
		{
			name:    "a pull quote whose words are not in one sentence stays",
			in:      said + `<p>Will the harbour close? Not while I am mayor, she said.</p><aside class="pullquote"><p>The harbour will never close while I am mayor</p></aside>`,
			present: []string{"> The harbour will never close while I am mayor"},
		},
		{
			name:    "a short attribution is one",
			in:      `<blockquote><p>The slipway cannot be patched again.</p><p class="quote-author">Rosa Lind, harbour engineer</p></blockquote>`,
			present: []string{"> — Rosa Lind, harbour engineer"},
		},
		{
			name:    "an author's note in prose is not an attribution",
			in:      `<blockquote><p>The slipway cannot be patched again.</p><p class="author-note">The author has written about the harbour for twenty years and lives in the town.</p></blockquote>`,
			present: []string{"> The author has written"},
			absent:  []string{"— The author"},
		},
	})
	for _, tc := range []struct {
		pull, sentence string
		want           bool
	}{
		{"We will not patch it again", "We will not, under any circumstances, patch it again", true},
		{"We will not patch it again", "We will not patch it again", true},
		{"patch it again", "We will not, under any circumstances, patch it again", false}, // too short to tell
		{"We will not patch it again", "We will not, whatever the council and the board and the minister may say in the coming months, patch it again", false},
		{"We will not patch it again", "We will patch it again", false},
	} {
		got := editedFrom(strings.Fields(norm(tc.pull)), strings.Fields(norm(tc.sentence)))
		if got != tc.want {
			t.Errorf("editedFrom(%q, %q) = %v, want %v", tc.pull, tc.sentence, got, tc.want)
		}
	}
}
