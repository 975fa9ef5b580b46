package article

import "testing"

func TestImageAddresses(t *testing.T) {
	link := Meta{Link: "https://gazette.example/2026/03/slipway/"}
	runRules(t, []ruleCase{
		{
			name: "relative addresses resolve against the item's link",
			meta: link,
			in: `<p>Body.</p><p><img src="/media/a.jpg"></p><p><img src="b.jpg"></p><p><img src="../c.jpg"></p>` +
				`<p><img src="//cdn.gazette.example/d.jpg"></p>`,
			present: []string{"![](https://gazette.example/media/a.jpg)", "![](https://gazette.example/2026/03/slipway/b.jpg)",
				"![](https://gazette.example/2026/03/c.jpg)", "![](https://cdn.gazette.example/d.jpg)"},
		},
		{
			name:    "with no link, only a host-relative address can be shown",
			in:      `<p>Body.</p><p><img src="/media/a.jpg" alt="The slipway before the storm, seen from the pier"></p><p><img src="//cdn.gazette.example/d.jpg"></p>`,
			present: []string{"![](https://cdn.gazette.example/d.jpg)", "*The slipway before the storm, seen from the pier*"},
			absent:  []string{"](/media", "a.jpg"},
		},
		{
			name: "a lazy image shows its real address, not the placeholder",
			meta: link,
			in: `<p>Body.</p>` +
				`<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/media/lazy.jpg"></p>` +
				`<p><img src="/assets/blank.gif" data-lazy-src="/media/lazy2.jpg" class="lazyload"></p>` +
				`<p><img src="/assets/1x1.gif" srcset="/media/s-480.jpg 480w, /media/s-1200.jpg 1200w, /media/s-800.jpg 800w"></p>` +
				`<p><img src="data:image/svg+xml,%3Csvg%3E" data-srcset="/media/d.jpg 1x, /media/d@2x.jpg 2x"></p>` +
				`<p><img src="https://gazette.example/media/lqip.jpg?w=20" data-src="https://gazette.example/media/full.jpg"></p>` +
				`<p><img src="/assets/spacer.gif" data-src='{"default":"//cdn.gazette.example/json.jpg"}'></p>`,
			present: []string{"/media/lazy.jpg)", "/media/lazy2.jpg)", "/media/s-1200.jpg)", "/media/d@2x.jpg)", "/media/full.jpg)", "//cdn.gazette.example/json.jpg)"},
			absent:  []string{"data:", "blank.gif", "1x1.gif", "s-480", "s-800", "lqip", "spacer.gif"},
		},
		{
			name: "a picture's source when its img is a placeholder",
			meta: link,
			in: `<p>Body.</p><picture><source type="image/webp" srcset="/media/p-640.webp 640w, /media/p-1280.webp 1280w">` +
				`<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt=""></picture>`,
			present: []string{"![](https://gazette.example/media/p-1280.webp)"},
		},
		{
			name:    "commas inside a srcset address",
			in:      `<p>Body.</p><p><img srcset="https://img.gazette.example/c_fill,w_400/a.jpg 400w, https://img.gazette.example/c_fill,w_900/a.jpg 900w"></p>`,
			present: []string{"![](https://img.gazette.example/c_fill,w_900/a.jpg)"},
		},
		{
			name:    "a real image named like a spacer is still shown",
			meta:    link,
			in:      `<p>Body.</p><p><img src="/media/transparent.png" alt="The transparent hull of the new survey boat"></p>`,
			present: []string{"[Image](https://gazette.example/media/transparent.png)"},
		},
	})
}
