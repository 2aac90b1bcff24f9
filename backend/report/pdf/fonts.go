package pdf

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/image/font/sfnt"
)

// Noto Sans SC, static TrueType (gofpdf cannot read .ttc or CFF fonts),
// OFL-1.1: see fonts/OFL.txt. gofpdf embeds only the glyphs used.
var (
	//go:embed fonts/NotoSansSC-Regular.ttf
	sansRegular []byte
	//go:embed fonts/NotoSansSC-Bold.ttf
	sansBold []byte
)

const family = "noto"

// Placeholder stands for a character the font cannot draw.
const Placeholder = "□"

var (
	cmapOnce sync.Once
	cmapFont *sfnt.Font
	cmapErr  error
)

// drawable tells whether the embedded font has a glyph for r. gofpdf only
// handles the BMP and panics at Output on anything beyond it.
func drawable(r rune) bool {
	if r > 0xFFFF || r < 0x20 {
		return false
	}
	cmapOnce.Do(func() { cmapFont, cmapErr = sfnt.Parse(sansRegular) })
	if cmapErr != nil {
		return r < 0x80
	}
	var buf sfnt.Buffer
	gi, err := cmapFont.GlyphIndex(&buf, r)
	return err == nil && gi != 0
}

// clean replaces what the font cannot draw; each replacement is reported
// with where it happened.
func clean(s, where string, notes *[]string) string {
	out := []rune(s)
	changed := false
	for i, r := range out {
		if r == '\n' || r == ' ' || drawable(r) {
			continue
		}
		if r == '\t' || r == '\r' {
			out[i] = ' '
		} else {
			*notes = append(*notes, fmt.Sprintf("%s：“%c”(U+%04X) 无法显示，已替换为%s", where, r, r, Placeholder))
			out[i] = []rune(Placeholder)[0]
		}
		changed = true
	}
	if !changed {
		return s
	}
	return string(out)
}

func addFonts(f *gofpdf.Fpdf) {
	f.AddUTF8FontFromBytes(family, "", sansRegular)
	f.AddUTF8FontFromBytes(family, "B", sansBold)
}
