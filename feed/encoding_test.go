package feed

import (
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode/utf32"
)

const cafeFeed = `<?xml version="1.0" encoding="%s"?><rss version="2.0"><channel><title>Café Zoë</title>` +
	`<item><title>Crème brûlée à 5 €</title><description>Déjà vu</description></item></channel></rss>`

func TestMisdeclaredUTF8(t *testing.T) {
	for _, tc := range []struct {
		name, label, contentType string
		latin1                   bool // the bytes really are in the declared encoding
	}{
		{"UTF-8 declared ISO-8859-1", "ISO-8859-1", "", false},
		{"UTF-8 declared windows-1252", "windows-1252", "", false},
		{"UTF-8 served as latin1 without a declaration", "", "application/rss+xml; charset=iso-8859-1", false},
		{"real windows-1252", "windows-1252", "", true},
		{"real ISO-8859-15", "ISO-8859-15", "", true},
	} {
		doc := fmtDecl(cafeFeed, tc.label)
		body := []byte(doc)
		if tc.latin1 {
			enc := charmap.Windows1252
			if tc.label == "ISO-8859-15" {
				enc = charmap.ISO8859_15
			}
			var err error
			if body, err = enc.NewEncoder().Bytes(body); err != nil {
				t.Fatal(err)
			}
		}
		f, err := Parse(body, tc.contentType, "")
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if f.Title != "Café Zoë" || f.Items[0].Title != "Crème brûlée à 5 €" || f.Items[0].Content != "Déjà vu" {
			t.Errorf("%s: %q / %q / %q", tc.name, f.Title, f.Items[0].Title, f.Items[0].Content)
		}
	}
}

func TestUTF32(t *testing.T) {
	doc := fmtDecl(cafeFeed, "UTF-32")
	for name, enc := range map[string]*utf32Enc{
		"LE with BOM": {utf32.LittleEndian, utf32.UseBOM}, "LE": {utf32.LittleEndian, utf32.IgnoreBOM},
		"BE with BOM": {utf32.BigEndian, utf32.UseBOM}, "BE": {utf32.BigEndian, utf32.IgnoreBOM},
	} {
		body, err := utf32.UTF32(enc.order, enc.bom).NewEncoder().Bytes([]byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		f, err := Parse(body, "", "")
		if err != nil || f.Title != "Café Zoë" || f.Items[0].Title != "Crème brûlée à 5 €" {
			t.Errorf("%s: %+v %v", name, f, err)
		}
	}
}

type utf32Enc struct {
	order utf32.Endianness
	bom   utf32.BOMPolicy
}

// fmtDecl fills the declaration's encoding, or drops the attribute.
func fmtDecl(doc, label string) string {
	if label == "" {
		return `<?xml version="1.0"?>` + doc[len(`<?xml version="1.0" encoding="%s"?>`):]
	}
	return `<?xml version="1.0" encoding="` + label + `"?>` + doc[len(`<?xml version="1.0" encoding="%s"?>`):]
}

func TestUnknownEncodingLabel(t *testing.T) {
	doc := `<?xml version="1.0" encoding="invalid"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Café</title><entry><title>Zoë</title></entry></feed>`
	f, err := Parse([]byte(doc), "", "")
	if err != nil || f.Title != "Café" || len(f.Items) != 1 || f.Items[0].Title != "Zoë" {
		t.Errorf("%+v %v", f, err)
	}
}
