package greader

import (
	"encoding/json"
	"net/url"
	"testing"
)

// FuzzItemContents feeds hostile stream/items/contents answers through the
// decoding a pull does: it never panics, ids keep one form, and an
// attachment is only ever a web URL.
func FuzzItemContents(f *testing.F) {
	f.Add([]byte(`{"items":[{"id":"tag:google.com,2005:reader/item/000000000000001f","title":"T","published":1700000000,` +
		`"canonical":[{"href":"https://a.example/1"}],"summary":{"content":"<p>x</p>"},"origin":{"streamId":"feed/3"},` +
		`"categories":["user/-/state/com.google/read"],"enclosure":[{"href":"https://a.example/a.mp3","type":"audio/mpeg","length":"12"}]}]}`))
	f.Add([]byte(`{"items":[{"id":12,"enclosure":[{"href":"file:///etc/passwd","type":"audio/mpeg"}]},null,"x",{"id":{"a":1}}]}`))
	f.Add([]byte(`{"itemRefs":[{"id":"-9"}],"continuation":42}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var c itemContents
		if json.Unmarshal(data, &c) != nil {
			return
		}
		for _, it := range c.Items {
			id := normID(string(it.ID))
			if normID(id) != id {
				t.Fatalf("normID is not stable: %q → %q → %q", it.ID, id, normID(id))
			}
			e := it.entry(id, state{})
			if m := e.Media; m != nil {
				u, err := url.Parse(m.URL)
				if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
					t.Fatalf("media URL %q is not a web URL", m.URL)
				}
			}
		}
		var ids itemIDs
		_ = json.Unmarshal(data, &ids)
	})
}
