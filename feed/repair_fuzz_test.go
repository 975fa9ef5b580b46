package feed

import (
	"fmt"
	"reflect"
	"testing"
	"time"
)

// FuzzRepair checks the repair of documents cut short: it never panics
// or hangs, a repaired document is whole (repairing it again finds nothing
// to do) and no larger than the closing tags it needs, and a document that
// reads without repair reads the same with it.
func FuzzRepair(f *testing.F) {
	for _, s := range []string{
		cutRSS, cutRSS + cutRSSEnd, cutAtom, cutRDF, rssFeed, atomFeed, jsonFeed,
		cutRSS + `<item><title>T</title><description><![CDATA[x`, cutRSS + `<item><guid a="b`, cutRSS + `<!-- c`,
		`{"version":"https://jsonfeed.org/version/1","items":[{"id":"1","content_text":"a"},{"id":"2`,
		`{"rss":{"channel":{"item":[{"title":"a"},{"title":"b"}]}}}`,
		`<entry xmlns="http://www.w3.org/2005/Atom"><title>e</title>`,
	} {
		f.Add([]byte(s), uint16(len(s)*2/3))
	}
	f.Fuzz(func(t *testing.T, doc []byte, cut uint16) {
		wd := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("HANG %q", doc)) })
		defer wd.Stop()
		if len(doc) > 0 {
			doc = doc[:int(cut)%(len(doc)+1)]
		}
		for _, atom := range []bool{false, true} {
			fixed, _, ok := repairXML(doc, atom)
			if !ok {
				continue
			}
			if len(fixed) > 4*len(doc)+len(cdataEnd) {
				t.Errorf("repair grew %d bytes to %d", len(doc), len(fixed))
			}
			if _, _, again := repairXML(fixed, atom); again {
				t.Errorf("repaired document is not whole: %q", fixed)
			}
		}
		_, _ = repairJSON(doc)
		plain, errPlain := parseDoc(doc, "", "https://fuzz.example/", MaxItems, false)
		repaired, err := parseDoc(doc, "", "https://fuzz.example/", MaxItems, true)
		if errPlain == nil && (err != nil || !reflect.DeepEqual(plain, repaired)) {
			t.Errorf("reads differently with repair: %+v, %v\nwithout: %+v", repaired, err, plain)
		}
		if err == nil && errPlain != nil && repaired.Note == "" {
			t.Errorf("repaired without a note: %+v", repaired)
		}
	})
}
