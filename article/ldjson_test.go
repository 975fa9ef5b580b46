package article

import (
	"encoding/json"
	"strings"
	"testing"
)

// ldScript is a JSON-LD NewsArticle whose articleBody is body.
func ldScript(body string) string {
	b, _ := json.Marshal(map[string]any{
		"@context": "https://schema.org", "@type": "NewsArticle",
		"headline": "Pool on Mill Road to close", "articleBody": body,
	})
	return `<script type="application/ld+json">` + string(b) + `</script>`
}

func TestLDEdges(t *testing.T) {
	full := strings.Join(pageBody, "\n\n")
	header := `<p>Our reporters spent a week at the baths talking to swimmers.</p>`
	after := `<p>Tell us what you think about the closure of the baths on our forum.</p>`
	for _, tc := range []struct {
		name, ld        string
		present, absent []string
	}{
		{
			name:   "text around what the articleBody holds goes",
			ld:     ldScript(full),
			absent: []string{"Our reporters spent a week", "Tell us what you think"},
		},
		{
			name:    "a teaser articleBody says nothing about the edges",
			ld:      ldScript(pageBody[0]),
			present: []string{"Our reporters spent a week", "Tell us what you think"},
		},
		{
			name:    "markup inside the articleBody is read as text",
			ld:      ldScript("<p>Our reporters spent a week at the baths talking to swimmers.</p><p>" + strings.Join(pageBody, "</p><p>") + "</p>"),
			present: []string{"Our reporters spent a week"},
			absent:  []string{"Tell us what you think"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := FromPage(newsPage(tc.ld, header, paragraphs(pageBody...), after), Meta{})
			if err != nil {
				t.Fatal(err)
			}
			md := d.Markdown()
			checkContains(t, md, tc.present, tc.absent, nil)
			for _, p := range pageBody {
				if !strings.Contains(md, p) {
					t.Errorf("body paragraph lost: %q", p)
				}
			}
		})
	}
}
