package images

import (
	"image"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi/kitty"
)

// MaxKittyCells is the most rows or columns a kitty placeholder image can
// span: the length of the spec's row/column diacritics table.
const MaxKittyCells = 297

// KittyTransmit returns the kitty graphics sequences (APC G … ST, chunked
// at 4096 base64 bytes as the protocol asks) that transmit img as a PNG
// under image id and create a virtual placement of cols×rows cells
// (a=T,U=1,q=2) for KittyPlaceholders to show. img is shrunk to fit
// cols×rows cells of DefaultCellWidth×DefaultCellHeight pixels; the
// terminal scales it to the placement. It returns "" for id 0, an empty
// box or an image that cannot be encoded.
func KittyTransmit(img image.Image, id uint32, cols, rows int) string {
	cols, rows = min(cols, MaxKittyCells), min(rows, MaxKittyCells)
	if img == nil || id == 0 || cols <= 0 || rows <= 0 {
		return ""
	}
	m := fitted(img, cols, rows, DefaultCellWidth, DefaultCellHeight)
	if m == nil {
		return ""
	}
	var sb strings.Builder
	err := kitty.EncodeGraphics(&sb, m, &kitty.Options{
		Action:           kitty.TransmitAndPut,
		Quite:            2, // no replies: they would arrive as input
		ID:               int(id),
		Format:           kitty.PNG,
		Transmission:     kitty.Direct,
		Chunk:            true,
		VirtualPlacement: true,
		Columns:          cols,
		Rows:             rows,
	})
	if err != nil {
		return ""
	}
	return sb.String()
}

// KittyPlaceholders returns the cells that show image id's virtual
// placement of cols×rows cells: one string per row, each cell U+10EEEE
// followed by its row and column diacritics (and a third one for the
// id's high byte when it has one), the row in a 24-bit foreground colour
// that carries the id's low 24 bits, ending with a reset.
func KittyPlaceholders(id uint32, cols, rows int) []string {
	cols, rows = min(cols, MaxKittyCells), min(rows, MaxKittyCells)
	if id == 0 || cols <= 0 || rows <= 0 {
		return nil
	}
	colour := "\x1b[38;2;" + strconv.Itoa(int(id>>16&0xff)) + ";" +
		strconv.Itoa(int(id>>8&0xff)) + ";" + strconv.Itoa(int(id&0xff)) + "m"
	high := ""
	if id>>24 != 0 {
		high = string(kitty.Diacritic(int(id >> 24)))
	}
	lines := make([]string, rows)
	var sb strings.Builder
	for r := range rows {
		sb.Reset()
		sb.WriteString(colour)
		for c := range cols {
			sb.WriteRune(kitty.Placeholder)
			sb.WriteRune(kitty.Diacritic(r))
			sb.WriteRune(kitty.Diacritic(c))
			sb.WriteString(high)
		}
		sb.WriteString(resetSGR)
		lines[r] = sb.String()
	}
	return lines
}
