package pdf

import (
	"context"
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/jung-kurt/gofpdf"
)

// Minutes is a 会议纪要 laid out after GB/T 9704-2012 §10.3: red title,
// sequence line, issuer and date over a red rule, the meeting's facts as
// label/value lines, sections of justified paragraphs, and the 抄送/印发
// block at the foot of the last page. Every page is numbered "— n —".
type Minutes struct {
	Title     string // e.g. "青石镇党政联席会议纪要"
	Sequence  string // e.g. "〔2024〕第 12 期", centred under the title
	Issuer    string // left of the line over the red rule
	Date      string // right of that line, e.g. "2024年3月15日"
	Fields    []Field
	Sections  []Section
	CopyTo    string // after "抄送："; justified, wrapped lines align after the colon
	PrintedBy string // left of the last line, e.g. "中共青石镇委员会办公室"
	PrintedOn string // right of the last line, e.g. "2024年3月15日印发"
	Progress  func(done, total int)
}

// Field is one label/value line: 时间, 地点, 主持人, 出席人员… Labels are
// spread to the width of the longest; a value's wrapped lines align under
// its first character, and a list separated by "、" or "，" wraps between
// items where it can.
type Field struct{ Label, Value string }

// Section is a centred bold heading (may be empty) and its paragraphs,
// each justified with a two-character first-line indent. "\n" inside a
// paragraph is a hard break.
type Section struct {
	Heading    string
	Paragraphs []string
}

// Page geometry of formal documents: A4 portrait with the GB/T 9704 type
// area of 156 × 225 mm, in mm.
const (
	formalTop    = 37.0
	formalLeft   = 28.0
	formalWidth  = 156.0
	formalHeight = 225.0
	folioGap     = 7.0 // from the type area's bottom edge to the page number
)

// Minutes typography: 36 characters to the line, as on the reference.
const (
	minutesEm      = formalWidth / 36 // mm
	minutesPt      = minutesEm / ptToMM
	minutesPitch   = minutesEm * 1.75 // body line pitch
	fieldPitch     = minutesEm * 1.5
	minutesTitlePt = 24.0
	footPt         = minutesPt * 0.9 // 抄送/印发 block
	footPitch      = footPt * ptToMM * 1.7
)

// officialRed is the red of titles and rules (C0 M100 Y100 K0 printed).
var officialRed = [3]int{230, 0, 18}

// sheet draws a formal document: one face, the GB/T 9704 type area, a
// cursor that moves down and breaks pages, folios on every page.
type sheet struct {
	f      *gofpdf.Fpdf
	fc     *face
	notes  *[]string
	left   float64
	top    float64
	width  float64
	bottom float64 // type area's bottom edge
	y      float64
	page   int
	style  string
	size   float64 // pt
	folios bool
}

func newSheet(title, creator string, notes *[]string, folios bool) *sheet {
	f := gofpdf.New("P", "mm", "A4", "")
	f.SetCompression(true)
	f.SetTitle(title, true)
	f.SetCreator(creator, true)
	f.SetAutoPageBreak(false, 0)
	addFonts(f, serif)
	pageW, _ := f.GetPageSize()
	f.SetMargins(formalLeft, formalTop, pageW-formalLeft-formalWidth)
	f.SetCellMargin(0)
	return &sheet{f: f, fc: serif, notes: notes, left: formalLeft, top: formalTop, width: formalWidth,
		bottom: formalTop + formalHeight, folios: folios}
}

// clean replaces what the sheet's face cannot draw.
func (s *sheet) clean(text, where string) string { return s.fc.clean(text, where, s.notes) }

func (s *sheet) newPage() {
	s.f.AddPage()
	s.page++
	s.y = s.top
	if s.folios {
		style, size := s.style, s.size
		s.setFont("", minutesPt)
		s.f.SetXY(s.left, s.bottom+folioGap)
		s.f.CellFormat(s.width, minutesEm, fmt.Sprintf("— %d —", s.page), "", 0, "C", false, 0, "")
		if size > 0 {
			s.setFont(style, size)
		}
	}
}

// room makes sure h mm fit under the cursor, starting a page if not.
func (s *sheet) room(h float64) {
	if s.page == 0 || s.y+h > s.bottom+0.01 {
		s.newPage()
	}
}

func (s *sheet) setFont(style string, pt float64) func(string) float64 {
	s.f.SetFont(s.fc.family, style, pt)
	s.style, s.size = style, pt
	return measurer(s.f)
}

// text draws one line at x mm right of the left edge, in a cell w wide
// and h high at the cursor, aligned "L", "C" or "R".
func (s *sheet) text(x, w, h float64, line, align string) {
	s.f.SetXY(s.left+x, s.y)
	s.f.CellFormat(w, h, line, "", 0, align, false, 0, "")
}

// spread draws line from x with its characters spaced (PDF Tc) so that
// it spans w: gofpdf has no character spacing, and word spacing does
// nothing for CJK. A negative spacing squeezes a hanging mark back in.
func (s *sheet) spread(x, w, h float64, line string, measure func(string) float64) {
	n := utf8.RuneCountInString(line)
	gap := 0.0
	if n > 1 {
		gap = (w - measure(line)) / float64(n-1)
	}
	k := s.f.GetConversionRatio()
	if math.Abs(gap*k) < 0.001 {
		s.text(x, w, h, line, "L")
		return
	}
	s.f.RawWriteStr(fmt.Sprintf("%.3f Tc", gap*k))
	s.text(x, w, h, line, "L")
	s.f.RawWriteStr("0 Tc")
}

// rule draws a horizontal line across the type area at y.
func (s *sheet) rule(y, width float64, rgb [3]int) {
	s.f.SetDrawColor(rgb[0], rgb[1], rgb[2])
	s.f.SetLineWidth(width)
	s.f.Line(s.left, y, s.left+s.width, y)
}

// paraLine is one line of a laid-out paragraph: its text, x offset and
// available width, and whether it is stretched to that width.
type paraLine struct {
	text    string
	x, w    float64
	justify bool
}

// layoutParagraph wraps text into width with a first-line indent; every
// line but the last before a hard break or the end is justified, unless
// that would space it out beyond half an em (a long Latin run pushed to
// the next line). A line with a mark hanging past the width (see Wrap)
// is squeezed back in.
func layoutParagraph(measure func(string) float64, text string, width, indent, em float64) []paraLine {
	const indentMark = "\u3000"
	var out []paraLine
	for _, part := range strings.Split(text, "\n") {
		part = strings.TrimLeft(part, " \u3000")
		marks := 0
		if indent > 0 {
			marks = int(indent/em + 0.5)
			part = strings.Repeat(indentMark, marks) + part
		}
		lines := Wrap(measure, part, width)
		for i, line := range lines {
			pl := paraLine{text: line, w: width}
			if i == 0 && marks > 0 {
				pl.text = strings.TrimPrefix(line, strings.Repeat(indentMark, marks))
				pl.x, pl.w = indent, width-indent
			}
			n, natural := utf8.RuneCountInString(pl.text), measure(pl.text)
			pl.justify = n > 1 && (natural > pl.w || i < len(lines)-1 && (pl.w-natural)/float64(n-1) <= em/2)
			out = append(out, pl)
		}
	}
	return out
}

// paragraph flows a justified paragraph down the pages in the current
// font.
func (s *sheet) paragraph(text string, pitch, em float64, measure func(string) float64) {
	for _, pl := range layoutParagraph(measure, text, s.width, 2*em, em) {
		s.room(pitch)
		if pl.justify {
			s.spread(pl.x, pl.w, pitch, pl.text, measure)
		} else {
			s.text(pl.x, pl.w, pitch, pl.text, "L")
		}
		s.y += pitch
	}
}

// fit draws a left-aligned line, squeezing it into w if a hanging mark
// overflows.
func (s *sheet) fit(x, w, h float64, line string, measure func(string) float64) {
	if measure(line) > w && utf8.RuneCountInString(line) > 1 {
		s.spread(x, w, h, line, measure)
		return
	}
	s.text(x, w, h, line, "L")
}

// wrapList wraps a list ("张三、李四、王五") between its items where an
// item fits on a line, and inside an item only when it must.
func wrapList(measure func(string) float64, text string, width float64) []string {
	var lines []string
	for _, part := range strings.Split(text, "\n") {
		var items []string
		start := 0
		for i, r := range part {
			if strings.ContainsRune("、，；,;", r) {
				end := i + utf8.RuneLen(r)
				items = append(items, part[start:end])
				start = end
			}
		}
		if start < len(part) || len(items) == 0 {
			items = append(items, part[start:])
		}
		cur := ""
		for _, item := range items {
			switch {
			case measure(cur+item) <= width:
				cur += item
			case cur != "" && measure(item) <= width:
				lines = append(lines, cur)
				cur = item
			default:
				wrapped := Wrap(measure, cur+item, width)
				lines = append(lines, wrapped[:len(wrapped)-1]...)
				cur = wrapped[len(wrapped)-1]
			}
		}
		lines = append(lines, cur)
	}
	return lines
}

// Render lays the minutes out and writes the PDF to w. It checks ctx
// between paragraphs.
func (m Minutes) Render(ctx context.Context, w io.Writer) (Result, error) {
	var res Result
	s := newSheet(m.Title, "会议纪要", &res.Replaced, true)
	total := 1
	for _, sec := range m.Sections {
		total += len(sec.Paragraphs)
	}
	done := 0
	progress := func() error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if m.Progress != nil {
			m.Progress(done, total)
		}
		done++
		return nil
	}
	if err := progress(); err != nil {
		return Result{}, err
	}
	s.newPage()
	m.drawHead(s)
	m.drawFields(s)
	for i, sec := range m.Sections {
		if h := s.clean(sec.Heading, fmt.Sprintf("第%d部分标题", i+1)); h != "" {
			s.setFont("B", minutesPt)
			s.y += minutesPitch * 0.3
			s.room(2 * minutesPitch) // keep the heading with a line
			s.text(0, s.width, minutesPitch, h, "C")
			s.y += minutesPitch
		}
		measure := s.setFont("", minutesPt)
		for j, p := range sec.Paragraphs {
			if err := progress(); err != nil {
				return Result{}, err
			}
			s.paragraph(s.clean(p, fmt.Sprintf("第%d部分第%d段", i+1, j+1)), minutesPitch, minutesEm, measure)
		}
	}
	m.drawFoot(s)
	if m.Progress != nil {
		m.Progress(total, total)
	}
	if err := s.f.Output(w); err != nil {
		return Result{}, fmt.Errorf("pdf: %w", err)
	}
	res.Pages = s.page
	return res, nil
}

// drawHead draws the title, the sequence, the issuer/date line and the
// red rule under them.
func (m Minutes) drawHead(s *sheet) {
	s.f.SetTextColor(officialRed[0], officialRed[1], officialRed[2])
	measure := s.setFont("B", minutesTitlePt)
	titleH := minutesTitlePt * ptToMM * 1.6
	for _, line := range Wrap(measure, s.clean(m.Title, "标题"), s.width) {
		s.text(0, s.width, titleH, line, "C")
		s.y += titleH
	}
	s.f.SetTextColor(0, 0, 0)
	s.setFont("", minutesPt)
	if seq := s.clean(m.Sequence, "期号"); seq != "" {
		s.text(0, s.width, fieldPitch, seq, "C")
		s.y += fieldPitch
	}
	s.y += minutesEm * 0.6
	issuer, date := s.clean(m.Issuer, "编发单位"), s.clean(m.Date, "日期")
	if issuer != "" || date != "" {
		s.text(0, s.width, fieldPitch, issuer, "L")
		s.text(0, s.width, fieldPitch, date, "R")
		s.y += fieldPitch
	}
	s.y += 1
	s.rule(s.y, 0.5, officialRed)
	s.y += minutesEm
}

// drawFields draws the label/value lines, labels bold and spread to the
// width of the longest one.
func (m Minutes) drawFields(s *sheet) {
	labels := make([]string, len(m.Fields))
	bold := s.setFont("B", minutesPt)
	labelW := 0.0
	for i, fd := range m.Fields {
		labels[i] = strings.TrimRight(s.clean(strings.TrimSpace(fd.Label), "栏目名"), "：: ")
		labelW = max(labelW, bold(labels[i]))
	}
	colon := bold("：")
	valueX := labelW + colon + minutesEm*0.25
	for i, fd := range m.Fields {
		where := labels[i]
		if where == "" {
			where = fmt.Sprintf("第%d栏", i+1)
		}
		measure := s.setFont("", minutesPt)
		lines := wrapList(measure, s.clean(fd.Value, where), s.width-valueX)
		for j, line := range lines {
			s.room(fieldPitch)
			if j == 0 && labels[i] != "" {
				bold = s.setFont("B", minutesPt)
				s.spread(0, labelW, fieldPitch, labels[i], bold)
				s.text(labelW, colon, fieldPitch, "：", "L")
				measure = s.setFont("", minutesPt)
			}
			s.fit(valueX, s.width-valueX, fieldPitch, line, measure)
			s.y += fieldPitch
		}
	}
	s.y += minutesEm * 0.5
}

// drawFoot draws the 抄送/印发 block (版记) ending on the type area's
// bottom edge of the last page, on a new page if it does not fit.
func (m Minutes) drawFoot(s *sheet) {
	copyTo := s.clean(m.CopyTo, "抄送")
	by, on := s.clean(m.PrintedBy, "印发机关"), s.clean(m.PrintedOn, "印发日期")
	if copyTo == "" && by == "" && on == "" {
		return
	}
	measure := s.setFont("", footPt)
	const label = "抄送："
	labelW := measure(label)
	var lines []paraLine
	if copyTo != "" {
		lines = layoutParagraph(measure, copyTo, s.width-labelW, 0, footPt*ptToMM)
	}
	pad := footPitch * 0.15
	h := footPitch + 2*pad
	if len(lines) > 0 {
		h += float64(len(lines))*footPitch + 2*pad
	}
	if s.y+minutesEm > s.bottom-h {
		s.newPage()
		s.setFont("", footPt)
	}
	y := s.bottom - h
	s.rule(y, 0.35, [3]int{0, 0, 0})
	s.y = y + pad
	for i, line := range lines {
		if i == 0 {
			s.text(0, labelW, footPitch, label, "L")
		}
		if line.justify {
			s.spread(labelW, line.w, footPitch, line.text, measure)
		} else {
			s.text(labelW, line.w, footPitch, line.text, "L")
		}
		s.y += footPitch
	}
	if len(lines) > 0 {
		s.y += pad
		s.rule(s.y, 0.25, [3]int{0, 0, 0})
		s.y += pad
	}
	s.text(0, s.width, footPitch, by, "L")
	s.text(0, s.width, footPitch, on, "R")
	s.rule(s.bottom, 0.35, [3]int{0, 0, 0})
}
