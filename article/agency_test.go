package article

import "testing"

// Credits that a news agency opens, its licensing buttons and slideshow
// counters: each rule where it applies and where it must not.

func TestAgencyFirstCredits(t *testing.T) {
	const c = "Fishermen mend their nets on the quay at dawn"
	checkSplitCredit(t, []creditCase{
		{c + ". REUTERS/Hannah McKay", c + ".", "Photo: Hannah McKay / Reuters"},
		{c + ". Foto: EFE/Juan Pérez", c + ".", "Photo: Juan Pérez / EFE"},
		{c + ". Foto: ANP / Remko de Waal", c + ".", "Photo: Remko de Waal / ANP"},
		{c + " (foto ANSA/Mario Rossi)", c, "Photo: Mario Rossi / ANSA"},
		{c + ". ANSA PHOTO/Mario Rossi", c + ".", "Photo: Mario Rossi / ANSA"},
		{c + ". Photo: Lusa / Ana Costa", c + ".", "Photo: Ana Costa / Lusa"},
		{c + ". TT/Erik Berg", c + ".", "Photo: Erik Berg / TT"},
		{c + ". REUTERS/Hannah McKay/File PhotoPurchase Licensing Rights", c + ".", "Photo: Hannah McKay / Reuters"},
		{c + ". Photo: Hannah McKay/REUTERS", c + ".", "Photo: Hannah McKay / Reuters"},
		{c + ". (AP Photo/Rosa Lind, File)", c + ".", "Photo: Rosa Lind / AP"},
		// Not an agency first: the order stays.
		{c + ". Photo: Jane Doe/Studio Nord", c + ".", "Photo: Jane Doe / Studio Nord"},
		{c + ". Photo: AFP/Getty Images", c + ".", "Photo: AFP / Getty Images"},
		{c + ". Photo: Pool/Reuters", c + ".", "Photo: Pool / Reuters"},
		// A bare "foto" before no agency is no credit.
		{c + " (foto di Mario Rossi)", c + " (foto di Mario Rossi)", ""},
	})
	checkNormCredit(t, map[string]string{
		"NASA/JPL-Caltech": "Photo: NASA / JPL-Caltech",
		"EPA/ROSA LIND":    "Photo: ROSA LIND / EPA",
		"Photo: REUTERS / Hannah McKay / File Photo":    "Photo: Hannah McKay / Reuters",
		"Getty Images / Jane Doe":                       "Photo: Jane Doe / Getty Images",
		"Rosa Lind / Kelpie Bay Archive Buy this photo": "Photo: Rosa Lind / Kelpie Bay Archive",
	})
}

func TestLicensingButtons(t *testing.T) {
	const c = "Fishermen mend their nets on the quay at dawn."
	for in, want := range map[string]string{
		c + " Buy this photo":                c,
		c + " Buy photo":                     c,
		c + " License this image":            c,
		c + " | Order a print":               c,
		c + " Image licensing":               c,
		c + "Purchase Licensing Rights":      c,
		"Readers can buy this photo":         "Readers can buy this photo",
		"The gallery lets you order a print": "The gallery lets you order a print",
	} {
		if got, _ := splitCredit(in); got != want {
			t.Errorf("splitCredit(%q) caption = %q, want %q", in, got, want)
		}
	}
}

func TestSlideshowCounters(t *testing.T) {
	const c = "Fishermen mend their nets on the quay at dawn"
	for in, want := range map[string]string{
		"1 of 3":             "",
		"1/3":                "",
		"Image 1 of 3":       "",
		"Photo 2 of 12":      "",
		"Slide 3 / 8":        "",
		"(1 of 3)":           "",
		"1 von 3":            "",
		"1 sur 3":            "",
		"1 de 3":             "",
		"1 of 3 " + c:        c,
		"Image 2/12 " + c:    c,
		"(1 of 3) " + c:      c,
		c + ". 1 of 3":       c + ".",
		c + " (2 of 3)":      c,
		c + " Photo 2 of 12": c,
		c + " | 3/8":         c,
		"1 of 3 people surveyed said the ferry was late": "1 of 3 people surveyed said the ferry was late",
		"One of three schools in the bay closed":         "One of three schools in the bay closed",
		"The ferry won 2 of 3":                           "The ferry won 2 of 3",
	} {
		if got, _ := splitCredit(in); got != want {
			t.Errorf("splitCredit(%q) caption = %q, want %q", in, got, want)
		}
	}
}

func TestAgencyCreditsInPages(t *testing.T) {
	const c = "Fishermen mend their nets on the quay at dawn"
	const img = `<img src="https://gazette.example/img/quay.jpg" alt="">`
	runRules(t, []ruleCase{
		{
			name: "Reuters' figcaption: agency first, file note, licensing link",
			in: `<p>The quay reopened on Monday.</p><figure>` + img + `<figcaption><span>` + c +
				`.</span> <span>REUTERS/Hannah McKay/File Photo</span><a href="/licensing">Purchase Licensing Rights</a></figcaption></figure><p>Body.</p>`,
			once:    []string{c},
			present: []string{"*" + c + ".* — Photo: Hannah McKay / Reuters"},
			absent:  []string{"Purchase", "REUTERS", "File Photo"},
		},
		{
			name:    "a credit that names no agency first keeps its order",
			in:      `<figure>` + img + `<figcaption>` + c + `. Photo: Jane Doe/Studio Nord</figcaption></figure><p>Body.</p>`,
			present: []string{"*" + c + ".* — Photo: Jane Doe / Studio Nord"},
		},
	})
}

func TestSlideshowCounterIsNoCaption(t *testing.T) {
	const c = "Fishermen mend their nets on the quay at dawn"
	const img = `<img src="https://gazette.example/img/quay.jpg" alt="">`
	runRules(t, []ruleCase{
		{
			name:    "a counter in the figcaption goes",
			in:      `<p>Intro.</p><figure>` + img + `<figcaption><span class="count">1 of 3</span> ` + c + ` Photo: Jane Doe/AFP</figcaption></figure><p>Body.</p>`,
			present: []string{"*" + c + "* — Photo: Jane Doe / AFP"},
			absent:  []string{"1 of 3"},
		},
		{
			name:    "a counter alone in the figcaption leaves the caption to the line after",
			in:      `<p>Intro.</p><figure>` + img + `<figcaption>Image 1 of 3</figcaption></figure><p class="caption">` + c + ` Photo: Jane Doe/AFP</p><p>Body.</p>`,
			once:    []string{c},
			present: []string{"*" + c + "* — Photo: Jane Doe / AFP"},
			absent:  []string{"1 of 3"},
		},
		{
			name:    "a counter line between the image and its caption goes",
			in:      `<p>Intro.</p><p>` + img + `</p><p>(2 of 3)</p><p>` + c + ` Photo: Jane Doe/AFP</p><p>Body.</p>`,
			once:    []string{c},
			present: []string{"*" + c + "* — Photo: Jane Doe / AFP"},
			absent:  []string{"2 of 3"},
		},
		{
			name:    "a share in a body paragraph stays",
			in:      `<p>Intro.</p><p>1 of 3 people surveyed said the ferry was late.</p><p>One of three schools in the bay closed.</p>`,
			present: []string{"1 of 3 people surveyed said the ferry was late.", "One of three schools in the bay closed."},
		},
	})
}

func TestCounterLineBeforeImage(t *testing.T) {
	const c = "Fishermen mend their nets on the quay at dawn"
	runRules(t, []ruleCase{
		{
			name:    "a counter line before the image goes",
			in:      `<p>Intro.</p><p>Photo 2 of 12</p><figure><img src="https://gazette.example/img/quay.jpg" alt=""><figcaption>` + c + `</figcaption></figure><p>Body.</p>`,
			present: []string{"Intro.\n\n[Image](https://gazette.example/img/quay.jpg)"},
			absent:  []string{"2 of 12"},
		},
		{
			name:    "a counter line far from any image stays",
			in:      `<p>Intro.</p><p>Thread 1/3</p><p>Body.</p>`,
			present: []string{"Thread 1/3"},
		},
	})
}
