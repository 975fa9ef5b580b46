package triage

import "testing"

func TestTitleKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Rust 2.0 released after years of debate", "rust 2 0 released after years of debate"},
		{"  RUST 2.0 Released — after years of debate!  ", "rust 2 0 released after years of debate"},
		{"Why we don't ship on Fridays anymore", "why we dont ship on fridays anymore"},
		{"Why we don’t ship on Fridays anymore", "why we dont ship on fridays anymore"},
		{"Tom &amp; Jerry: the remastered collection", "tom jerry the remastered collection"},
		{"Ｆｕｌｌ-width titles happen in Japanese feeds", "full width titles happen in japanese feeds"},
		{"Été caniculaire : les villes s'adaptent", "été caniculaire les villes sadaptent"},
		{"苹果公司发布新款笔记本电脑", "苹果公司发布新款笔记本电脑"},

		// Too generic to identify a story.
		{"", ""},
		{"Podcast", ""},
		{"Untitled", ""},
		{"Weekly links", ""},
		{"Episode 12", ""},
		{"Weekly links 2026-05-06", ""},
		{"This week in Rust 543", ""},
		{"Links for the week", ""},        // 4 words, 16 letters
		{"Announcing our conference", ""}, // 23 letters, 3 words
		{"每周新闻", ""},
		{"!!! ??? ...", ""},
	}
	for _, tt := range tests {
		got := TitleKey(tt.in)
		if got != tt.want {
			t.Errorf("TitleKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if again := TitleKey(got); got != "" && again != got {
			t.Errorf("TitleKey(%q) = %q, not stable", got, again)
		}
	}
}

func TestTitleHash(t *testing.T) {
	a := TitleHash("Rust 2.0 released after years of debate")
	b := TitleHash("RUST 2.0: Released, after years of debate")
	if a == 0 || a != b {
		t.Fatalf("TitleHash = %d and %d, want equal and not 0", a, b)
	}
	if h := TitleHash("Weekly links"); h != 0 {
		t.Fatalf("TitleHash of a generic title = %d, want 0", h)
	}
}
