package article

import "testing"

// creditCase is one line of a splitCredit table: the caption text in, and
// the caption and credit it should split into.
type creditCase struct{ in, caption, credit string }

// checkSplitCredit runs splitCredit on every case's input.
func checkSplitCredit(t *testing.T, cases []creditCase) {
	t.Helper()
	for _, tc := range cases {
		caption, credit := splitCredit(tc.in)
		if caption != tc.caption || credit != tc.credit {
			t.Errorf("splitCredit(%q)\n got %q | %q\nwant %q | %q", tc.in, caption, credit, tc.caption, tc.credit)
		}
	}
}

// checkNormCredit runs normCredit on every key and wants its value.
func checkNormCredit(t *testing.T, cases map[string]string) {
	t.Helper()
	for in, want := range cases {
		if got := normCredit(in); got != want {
			t.Errorf("normCredit(%q) = %q, want %q", in, got, want)
		}
	}
}
