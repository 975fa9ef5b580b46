package article

import (
	"strings"
	"testing"
)

// inOrder fails unless md holds every one of parts, each after the one
// before it.
func inOrder(t *testing.T, md string, parts ...string) {
	t.Helper()
	at := 0
	for _, p := range parts {
		i := strings.Index(md[at:], p)
		if i < 0 {
			t.Errorf("%q missing (or out of order) after byte %d of:\n%s", p, at, md)
			return
		}
		at += i + len(p)
	}
}

// tableRow returns the Markdown row whose first cell is first.
func tableRow(md, first string) string {
	for _, l := range strings.Split(md, "\n") {
		if strings.HasPrefix(l, "| "+first+" ") {
			return l
		}
	}
	return ""
}

func TestTableRowOrder(t *testing.T) {
	const head = `<p>Landings at the three harbours rose again last year.</p>`
	for _, tc := range []struct {
		name, in string
		order    []string // first cells, in the order the rows must come
		once     []string
	}{
		{
			name: "footer before the body goes after it",
			in: head + `<table><thead><tr><th>Harbour</th><th>Tonnes</th></tr></thead>` +
				`<tfoot><tr><td>Total</td><td>1,240</td></tr></tfoot>` +
				`<tbody><tr><td>Eastport</td><td>610</td></tr><tr><td>Holm</td><td>420</td></tr><tr><td>Skerry</td><td>210</td></tr></tbody></table>`,
			order: []string{"Harbour", "Eastport", "Holm", "Skerry", "Total"},
		},
		{
			name: "two footers keep their order after the body",
			in: head + `<table><thead><tr><th>Harbour</th><th>Tonnes</th></tr></thead>` +
				`<tfoot><tr><td>Total</td><td>1,030</td></tr><tr><td>Source: harbour office</td><td></td></tr></tfoot>` +
				`<tbody><tr><td>Eastport</td><td>610</td></tr><tr><td>Holm</td><td>420</td></tr></tbody></table>`,
			order: []string{"Harbour", "Eastport", "Holm", "Total", "Source: harbour office"},
		},
		{
			name: "a second thead repeating the header goes",
			in: head + `<table><thead><tr><th>Harbour</th><th>Tonnes</th></tr></thead><tbody><tr><td>Eastport</td><td>610</td></tr></tbody>` +
				`<thead><tr><th>Harbour</th><th>Tonnes</th></tr></thead><tbody><tr><td>Holm</td><td>420</td></tr></tbody></table>`,
			order: []string{"Harbour", "Eastport", "Holm"},
			once:  []string{"Harbour"},
		},
		{
			name: "header rows repeated in the body and the footer go",
			in: head + `<table><tr><th>Harbour</th><th>Tonnes</th></tr><tr><td>Eastport</td><td>610</td></tr>` +
				`<tr><td><b>Harbour</b></td><td><b>Tonnes</b></td></tr><tr><td>Holm</td><td>420</td></tr>` +
				`<tfoot><tr><th>harbour</th><th>tonnes</th></tr></tfoot></table>`,
			order: []string{"Harbour", "Eastport", "Holm"},
			once:  []string{"Harbour"},
		},
		{
			name: "a sub-heading row that differs stays",
			in: head + `<table><thead><tr><th>Harbour</th><th>Tonnes</th></tr></thead><tbody><tr><td>Eastport</td><td>610</td></tr></tbody>` +
				`<thead><tr><th>Islands</th><th>Tonnes</th></tr></thead><tbody><tr><td>Holm</td><td>420</td></tr></tbody></table>`,
			order: []string{"Harbour", "Eastport", "Islands", "Holm"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			md := FromHTML(tc.in, Meta{}).Markdown()
			var rows []string
			for _, first := range tc.order {
				r := tableRow(md, first)
				if r == "" {
					t.Fatalf("no row starting with %q in:\n%s", first, md)
				}
				rows = append(rows, r)
			}
			inOrder(t, md, rows...)
			if !strings.Contains(md, tableRow(md, tc.order[0])+"\n|--") {
				t.Errorf("%q is not the header row:\n%s", tc.order[0], md)
			}
			checkContains(t, md, nil, nil, tc.once)
			checkInvariants(t, md)
		})
	}
}

func TestTableWidgets(t *testing.T) {
	const table = `<table><thead><tr><th>Route</th><th>Departures <a href="#" class="sort-toggle">Sort</a></th><th>Fare <button>▲</button></th></tr></thead>` +
		`<tbody><tr><td>Eastport–Holm</td><td>6</td><td>€4.50</td></tr><tr><td>Holm–Skerry</td><td>2</td><td>€3.00</td></tr></tbody>`
	runRules(t, []ruleCase{
		{
			name: "controls in and around the table go",
			in: `<p>The winter timetable starts on Monday.</p><div class="table-wrapper"><a class="expand" href="#t1">Expand table</a>` + table +
				`<tfoot><tr><td colspan="3">Source: Eastport Ferries. <a href="https://ferries.example/t.csv">Download CSV</a> <a href="https://ferries.example/t" target="_blank">Open in new window</a></td></tr></tfoot></table>` +
				`<p><a href="https://ferries.example/t" target="_blank">View table in a new window</a></p><span class="hint">Scroll right to see the full table</span></div><p>Tickets are sold on board.</p>`,
			present: []string{"| Route ", "| Departures ", "| Eastport–Holm ", "Source: Eastport Ferries.", "The winter timetable starts on Monday.", "Tickets are sold on board."},
			absent:  []string{"Expand table", "Sort", "▲", "Download CSV", "new window", "Scroll right", "Ferries.Download", "t.csv"},
		},
		{
			name:    "links and words that only look like controls stay",
			in:      `<table><tr><th>Sort</th><th>Season</th></tr><tr><td>Early potatoes</td><td><a href="https://farm.example/more">More</a> in June</td></tr><tr><td>Carrots</td><td>July</td></tr></table>`,
			present: []string{"| Sort ", "[More](https://farm.example/more) in June"},
		},
		{
			name:    "a cell holding only a widget keeps its column",
			in:      `<table><tr><th>Year</th><th>Visitors</th><th>Data</th></tr><tr><td>2024</td><td>18,200</td><td>12</td></tr><tr><td>2025</td><td>19,450</td><td><a href="/v.xlsx">Download data (XLSX)</a></td></tr></table>`,
			present: []string{"| 2025 | 19,450   |      |"},
			absent:  []string{"Download", "v.xlsx"},
		},
		{
			name:    "hidden cells and rows are not shown",
			in:      `<table><tr><th>Name</th><th>Role</th><th style="display:none">Id</th></tr><tr><td>Ana Ruiz</td><td>Skipper</td><td style="display: none">a-193</td></tr><tr hidden><td>Test</td><td>Test</td><td></td></tr><tr><td>Jon Ek</td><td>Deckhand</td><td style="display:none">j-207</td></tr></table>`,
			present: []string{"| Ana Ruiz | Skipper  |", "| Jon Ek   | Deckhand |"},
			absent:  []string{"a-193", "Test", "| Id"},
		},
		{
			name:    "a widget line left beside a table goes",
			in:      `<p>Prices rose in every district.</p><p><a href="/prices" target="_blank">Open in new window</a></p><p>Swipe to see all columns</p><p>Rents follow next month.</p>`,
			present: []string{"Prices rose in every district.\n\nRents follow next month."},
		},
	})
}

func TestTableCellsStayApart(t *testing.T) {
	runRules(t, []ruleCase{
		{
			name:    "line breaks in a data table's cells",
			in:      `<table><tr><th>Stop</th><th>Times</th></tr><tr><td>Quay<br>Platform 2</td><td>07:10<br>07:40</td></tr><tr><td>Square</td><td>07:15</td></tr></table>`,
			present: []string{"| Quay Platform 2 | 07:10 07:40 |"},
			absent:  []string{"Platform 207", "Quay\n"},
		},
		{
			name:    "a table inside a list item",
			in:      `<ul><li>Timetable:<table><tr><td>Quay<br>Platform 2</td><td>07:10</td></tr><tr><td>Square</td><td>07:15</td></tr></table></li></ul>`,
			present: []string{"Square 07:15", "Platform 2 07:10"},
			absent:  []string{"Square07", "Platform 207"},
		},
		{
			name:    "a table inside a quote",
			in:      `<blockquote><table><tr><td><p>Harbour</p><p>master</p></td><td>Office</td></tr><tr><td>Open</td><td>Daily</td></tr></table></blockquote>`,
			present: []string{"Open Daily"},
			absent:  []string{"OpenDaily", "masterOffice"},
		},
		{
			name:    "a layout table's cells",
			in:      `<table><tr><td><p>The festival opens on Friday with a parade along the harbour front.</p><p>Stalls open at noon.</p></td><td>Tickets<br>at the gate</td></tr></table>`,
			present: []string{"Stalls open at noon.\n\nTickets", "the gate"},
			absent:  []string{"noon.Tickets"},
		},
	})
}
