package pdf

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/image/font/sfnt"
)

// Static TrueType (glyf) faces; gofpdf cannot read .ttc or CFF fonts.
// All four are OFL-1.1, see fonts/OFL.txt, which covers:
//   - NotoSansSC-Regular.ttf, NotoSansSC-Bold.ttf (Noto Sans SC 2.004,
//     © 2014-2021 Adobe, Reserved Font Name "Source"), for ledgers;
//   - NotoSerifSC-Regular.ttf, NotoSerifSC-Bold.ttf (Noto Serif SC 2.003,
//     © 2017-2024 Adobe), for formal documents (minutes, certificates).
//
// gofpdf embeds only the glyphs used.
var (
	//go:embed fonts/NotoSansSC-Regular.ttf
	sansRegular []byte
	//go:embed fonts/NotoSansSC-Bold.ttf
	sansBold []byte
	//go:embed fonts/NotoSerifSC-Regular.ttf
	serifRegular []byte
	//go:embed fonts/NotoSerifSC-Bold.ttf
	serifBold []byte
)

// family is the sans face's family name in gofpdf.
const family = "noto"

// Placeholder stands for a character the font cannot draw.
const Placeholder = "□"

// face is one font family, regular and bold, with its character map.
// The two families differ slightly: the serif lacks a few CJK
// compatibility ideographs (U+F900…) the sans has, and has some the sans
// lacks.
type face struct {
	family        string
	regular, bold []byte

	once  sync.Once
	glyph []uint64 // bitmap over the BMP: both styles have a glyph
	err   error
}

var (
	sans  = &face{family: family, regular: sansRegular, bold: sansBold}
	serif = &face{family: "serif", regular: serifRegular, bold: serifBold}
)

// drawable tells whether both styles of the face have a glyph for r.
// gofpdf only handles the BMP and panics at Output on anything beyond it.
// The answer for every BMP character is worked out once (tens of ms), so
// the check costs nothing per character of a 20,000-row ledger.
func (fc *face) drawable(r rune) bool {
	if r > 0xFFFF || r < 0x20 {
		return false
	}
	fc.once.Do(fc.loadGlyphs)
	if fc.err != nil {
		return r < 0x80
	}
	return fc.glyph[r>>6]&(1<<(r&63)) != 0
}

func (fc *face) loadGlyphs() {
	var fonts []*sfnt.Font
	for _, data := range [][]byte{fc.regular, fc.bold} {
		font, err := sfnt.Parse(data)
		if err != nil {
			fc.err = err
			return
		}
		fonts = append(fonts, font)
	}
	fc.glyph = make([]uint64, 0x10000/64)
	var buf sfnt.Buffer
	for r := rune(0x20); r <= 0xFFFF; r++ {
		ok := true
		for _, font := range fonts {
			if gi, err := font.GlyphIndex(&buf, r); err != nil || gi == 0 {
				ok = false
				break
			}
		}
		if ok {
			fc.glyph[r>>6] |= 1 << (r & 63)
		}
	}
}

// drawable tells whether the sans face can draw r.
func drawable(r rune) bool { return sans.drawable(r) }

// clean replaces what the sans face cannot draw; each replacement is
// reported with where it happened.
func clean(s, where string, notes *[]string) string {
	return sans.clean(s, where, notes)
}

// plain tells whether clean would leave s as it is.
func (fc *face) plain(s string) bool {
	for _, r := range s {
		if r != '\n' && r != ' ' && !fc.drawable(r) || r == '\t' || r == '\r' {
			return false
		}
	}
	return true
}

// clean replaces what the face cannot draw; each replacement is reported
// with where it happened.
func (fc *face) clean(s, where string, notes *[]string) string {
	out := []rune(s)
	changed := false
	for i, r := range out {
		if r == '\n' || r == ' ' || fc.drawable(r) {
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

// addFonts registers the faces a document uses (the sans face when none
// is named). Each registered face costs parse time and a few KB of PDF
// even when unused, so documents name only theirs.
func addFonts(f *gofpdf.Fpdf, faces ...*face) {
	if len(faces) == 0 {
		faces = []*face{sans}
	}
	for _, fc := range faces {
		f.AddUTF8FontFromBytes(fc.family, "", fc.regular)
		f.AddUTF8FontFromBytes(fc.family, "B", fc.bold)
	}
}
