package greader

import "testing"

func TestNormID(t *testing.T) {
	for in, want := range map[string]string{
		"1733412000123456": "1733412000123456",
		"tag:google.com,2005:reader/item/000628876e844a40":         "1733412000123456", // FreshRSS
		"tag:google.com,2005:reader/item/0000000000000006":         "6",                // Miniflux
		"tag:google.com,2005:reader/item/2f2":                      "754",              // NetNewsWire: no padding
		"tag:google.com,2005:reader/item/b5a0a0f0a0f0a0f0":         "-5359106601218170640",
		"-5359106601218170640":                                     "-5359106601218170640", // Google's signed decimal
		"13087637472491380976":                                     "-5359106601218170640", // the same, unsigned
		"007":                                                      "7",
		" 42 ":                                                     "42",
		"tag:google.com,2005:reader/item/":                         "tag:google.com,2005:reader/item/",
		"tag:google.com,2005:reader/item/5a1bf4c3e2d1a0b9c8d7e6f5": "tag:google.com,2005:reader/item/5a1bf4c3e2d1a0b9c8d7e6f5",
		"tag:google.com,2005:reader/item/zz":                       "tag:google.com,2005:reader/item/zz",
		"000000000000048c":                                         "000000000000048c", // bare hex, a client form: not guessed at (FreshRSS ids are 16 decimal digits)
		"opaque-id":                                                "opaque-id",
		"":                                                         "",
	} {
		if got := normID(in); got != want {
			t.Errorf("normID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWireID(t *testing.T) {
	for in, want := range map[string]string{
		"1733412000123456":     "1733412000123456",
		"-5359106601218170640": "tag:google.com,2005:reader/item/b5a0a0f0a0f0a0f0",
		"opaque-id":            "opaque-id",
	} {
		if got := wireID(in); got != want {
			t.Errorf("wireID(%q) = %q, want %q", in, got, want)
		}
		if got := normID(wireID(in)); got != in {
			t.Errorf("normID(wireID(%q)) = %q", in, got)
		}
	}
}
