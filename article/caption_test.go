package article

import "testing"

func TestSplitCredit(t *testing.T) {
	const c = "Volunteers clear seaweed from the slipway on Monday"
	checkSplitCredit(t, []creditCase{
		{c + ". (AP Photo/Rosa Lind)", c + ".", "Photo: Rosa Lind / AP"},
		{"(AP Photo/Rosa Lind, File)", "", "Photo: Rosa Lind / AP"},
		{c + ". Photo: Rosa Lind, STF / Associated Press", c + ".", "Photo: Rosa Lind, STF / Associated Press"},
		{c + ". Rosa Lind/Getty Images", c + ".", "Photo: Rosa Lind / Getty Images"},
		{c + ". Image credit: Harbour Trust", c + ".", "Photo: Harbour Trust"},
		{"Photo: Image credit: Harbour Trust", "", "Photo: Harbour Trust"},
		{c + ". Courtesy of the Harbour Trust", c + ".", "Photo: courtesy of the Harbour Trust"},
		{"Photo courtesy of the family", "", "Photo: courtesy of the family"},
		{c + ". Photograph: Rosa Lind/Reuters", c + ".", "Photo: Rosa Lind / Reuters"},
		{c + ". (Reuters)", c + ".", "Photo: Reuters"},
		{c + ". (Rosa Lind/AP)", c + ".", "Photo: Rosa Lind / AP"},
		{c + ". EPA/ROSA LIND", c + ".", "Photo: ROSA LIND / EPA"},
		{c + ". Rosa Lind / AFP via Getty Images", c + ".", "Photo: Rosa Lind / AFP via Getty Images"},
		{c + ". R. Lind/Getty Images", c + ".", "Photo: R. Lind / Getty Images"},
		{c + ". Rosa Lind - AFP", c + ".", "Photo: Rosa Lind / AFP"},
		{c + ". Rosa Lind via Getty Images", c + ".", "Photo: Rosa Lind via Getty Images"},
		{c + " - Rosa Lind/Kelpie Bay Archive", c, "Photo: Rosa Lind / Kelpie Bay Archive"},
		// A photo viewer's buttons go, wherever they sit.
		{c + " [+]", c, ""},
		{c + ". Expand", c + ".", ""},
		{"Enlarge this image " + c + " hide caption toggle caption Rosa Lind/Kelpie Bay Gazette", c, "Photo: Rosa Lind / Kelpie Bay Gazette"},
		{"[-] " + c + ". Photo: Rosa Lind", c + ".", "Photo: Rosa Lind"},
		// Text that only looks like a credit stays text.
		{"Prices rose by 4% in the year to March, the agency said.", "Prices rose by 4% in the year to March, the agency said.", ""},
		{"He asked for a vote. Yes/No", "He asked for a vote. Yes/No", ""},
		{"The exhibition runs until May. Courtesy of the museum, entry is free.", "The exhibition runs until May. Courtesy of the museum, entry is free.", ""},
		{"KELPIE BAY (Reuters) - Ferry fares rose on Tuesday.", "KELPIE BAY (Reuters) - Ferry fares rose on Tuesday.", ""},
		{"The survey was carried out by NASA", "The survey was carried out by NASA", ""},
		{"Plans to expand the slipway were approved", "Plans to expand the slipway were approved", ""},
	})
}

func TestNormCredit(t *testing.T) {
	checkNormCredit(t, map[string]string{
		"":                                  "",
		"Image credit: NASA/JPL-Caltech":    "Photo: NASA / JPL-Caltech",
		"Photo: Photo: Rosa Lind":           "Photo: Rosa Lind",
		"Photo: Image credit: Rosa Lind":    "Photo: Rosa Lind",
		"AP Photo/Rosa Lind":                "Photo: Rosa Lind / AP",
		"(CP PHOTO/Rosa Lind)":              "Photo: Rosa Lind / CP",
		"Courtesy Rosa Lind":                "Photo: courtesy of Rosa Lind",
		"Photo: Courtesy of Rosa Lind":      "Photo: courtesy of Rosa Lind",
		"© Rosa Lind - AFP":                 "Photo: Rosa Lind / AFP",
		"Photo by Rosa Lind/Getty Images":   "Photo: Rosa Lind / Getty Images",
		"Source: Kelpie Bay Harbour Office": "Photo: Kelpie Bay Harbour Office",
		"Alamy Stock Photo":                 "Photo: Alamy Stock Photo",
	})
}

func TestCaptionShownOnceWithItsCredit(t *testing.T) {
	const c = "Volunteers clear seaweed from the slipway on Monday"
	const img = `<img src="https://gazette.example/img/slipway.jpg" `
	runRules(t, []ruleCase{
		{
			name: "alt, title, figcaption, credit span and the next paragraph",
			in: `<figure>` + img + `alt="` + c + `" title="` + c + `"><figcaption>` + c + ` <span class="photo-credit">Rosa Lind/Kelpie Bay Gazette</span></figcaption></figure>` +
				`<p>` + c + `. Photo: Rosa Lind/Kelpie Bay Gazette</p><p>The slipway reopens on Friday.</p>`,
			once:    []string{"Volunteers clear seaweed", "Photo: Rosa Lind / Kelpie Bay Gazette"},
			present: []string{"*" + c + "* — Photo: Rosa Lind / Kelpie Bay Gazette\n\nThe slipway reopens on Friday."},
		},
		{
			name:    "credit span before the image, agency credit in the paragraph after",
			in:      `<figure><span class="credit">AP Photo/Rosa Lind</span>` + img + `alt="` + c + `"></figure><p>` + c + `. (AP Photo/Rosa Lind)</p><p>Body.</p>`,
			once:    []string{"Volunteers clear seaweed", "Rosa Lind"},
			present: []string{"*" + c + ".* — Photo: Rosa Lind / AP"},
			absent:  []string{"AP Photo"},
		},
		{
			name:    "a labelled credit span is not labelled twice",
			in:      `<figure>` + img + `><figcaption><span class="caption">` + c + `</span> <span class="copyright">Photo: Image credit: Harbour Trust</span></figcaption></figure>`,
			present: []string{"*" + c + "* — Photo: Harbour Trust"},
			absent:  []string{"Photo: Photo", "Image credit"},
		},
		{
			name: "WordPress caption with an expander",
			in: `<div id="attachment_41" class="wp-caption aligncenter">` + img + `alt="" class="size-large wp-image-41"><p class="wp-caption-text">` + c + ` [+]</p></div>` +
				`<p>Body.</p>`,
			present: []string{"*" + c + "*\n\nBody."},
			absent:  []string{"[+]", `\[+\]`},
		},
		{
			name: "a viewer's buttons and its credit",
			in: `<div class="image"><div class="enlarge"><a href="#">Enlarge this image</a></div>` + img + `alt=""><div class="caption"><p>` + c + ` <b class="hide-caption">hide caption</b></p>` +
				`<b class="toggle-caption">toggle caption</b><span class="credit">Rosa Lind/Kelpie Bay Gazette</span></div></div><p>Body.</p>`,
			present: []string{"*" + c + "* — Photo: Rosa Lind / Kelpie Bay Gazette\n\nBody."},
			absent:  []string{"nlarge", "caption"},
		},
		{
			name:    "a credit marked up as one after a lone image",
			in:      `<p>` + img + `alt="` + c + `"></p><p><span class="credit">Rosa Lind</span></p><p>Body.</p>`,
			present: []string{"*" + c + "* — Photo: Rosa Lind\n\nBody."},
		},
		{
			name:    "caption text with its credit span in the same paragraph",
			in:      `<p>` + img + `alt=""><br>` + c + `. <span class="source">Kelpie Bay Harbour Office</span></p><p>Body.</p>`,
			present: []string{"*" + c + ".* — Photo: Kelpie Bay Harbour Office\n\nBody."},
		},
		{
			name:    "an author's byline after an image stays the byline",
			in:      `<p>` + img + `alt="` + c + `"></p><p class="byline">By Rosa Lind</p><p>Body.</p>`,
			present: []string{"*" + c + "*\n\nBy Rosa Lind\n\nBody."},
		},
		{
			name:    "the image's own data-credit",
			in:      `<p>` + img + `alt="` + c + `" data-credit="Rosa Lind / Kelpie Bay Gazette"></p><p>Body.</p>`,
			present: []string{"*" + c + "* — Photo: Rosa Lind / Kelpie Bay Gazette"},
		},
		{
			name: "two photos with the same credited caption: the caption once",
			in: `<p>` + img + `alt="` + c + `" data-credit="Rosa Lind"></p><p>Body.</p>` +
				`<p><img src="https://gazette.example/img/slipway-2.jpg" alt="` + c + `" data-credit="Rosa Lind"></p><p>More.</p>`,
			once:    []string{"Volunteers clear seaweed", "![](https://gazette.example/img/slipway-2.jpg)"},
			present: []string{"Body.", "More."},
		},
		{
			name: "a whole article in a block whose class says caption is not a caption",
			in: `<div class="post-body has-captions"><p>` + img + `alt=""></p><p>The harbour board met on Tuesday night in the Seamen's Institute, where more than a hundred residents heard the engineer explain why the slipway cannot be patched again.</p>` +
				`<p>Work starts in April, once the spring tides have passed, and the lifeboat will move to a mooring in the inner harbour while the apron is rebuilt from the bedrock up.</p></div>`,
			present: []string{"![](https://gazette.example/img/slipway.jpg)\n\nThe harbour board met"},
			absent:  []string{"*The harbour board"},
		},
		{
			name:    "a viewer's buttons on lines of their own",
			in:      `<p>Enlarge this image</p><p>` + img + `alt="` + c + `"></p><p>toggle caption</p><p>[+]</p><p>Body.</p>`,
			present: []string{"*" + c + "*\n\nBody."},
			absent:  []string{"nlarge", "toggle", "[+]", `\[+\]`},
		},
		{
			name: "the same uncredited label at each step stays",
			in: `<p>Open the menu <img src="https://gazette.example/img/step.png" alt="Choose from menu"> and pick one.</p>` +
				`<p>Then again <img src="https://gazette.example/img/step.png" alt="Choose from menu"> for the second.</p>`,
			// Each step keeps its own label: the once-only rule must not take the second.
			present: []string{"*Choose from menu*\n\nand pick one.", "*Choose from menu*\n\nfor the second."},
		},
	})
}
