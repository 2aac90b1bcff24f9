// Package pdf renders printed documents that look like the official paper
// forms: ledger tables now, formal documents later. Fonts are embedded and
// subset; text stays extractable.
package pdf

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"

	"github.com/jung-kurt/gofpdf"
)

// Column of a ledger table. Widths are in mm and scaled to fill the
// printable width; all zero shares it equally.
type Column struct {
	Title string
	Width float64
	Align string // "L" (default), "C", "R"
}

// Ledger is a 台账: title, unit and period lines, a bordered table whose
// header repeats on every page, a note, a signature block and a seal area.
type Ledger struct {
	Title      string
	Unit       string // left of the subtitle line, e.g. "填报单位：勐简乡综治中心"
	Period     string // right of the subtitle line
	PageSize   string // "A4" (default) or "A3"
	Landscape  bool
	Columns    []Column
	Rows       [][]string // "\n" in a cell is a hard break
	Note       string
	Signatures []string // e.g. 填表人, 审核人, 分管领导, 日期
	Seal       bool
	// Photos print after the table (附：照片), six to a landscape page,
	// four to a portrait one, each with its caption.
	Photos   []Photo
	Progress func(done, total int)
}

// Photo is a JPEG or PNG to print with its caption.
type Photo struct {
	Caption string
	Data    []byte
	Type    string // "JPG" or "PNG"
}

// Result tells what was rendered.
type Result struct {
	Pages    int
	Replaced []string // characters the font cannot draw, where, and their placeholder
}

// Typography in points and mm, tuned against the reference form.
const (
	titleSize   = 18.0
	subSize     = 11.0
	bodySize    = 10.0
	footerSize  = 9.0
	lineFactor  = 1.45
	pad         = 1.5 // cell padding, mm
	ptToMM      = 25.4 / 72
	signatureH  = 22.0 // mm reserved for the signature block
	footerSpace = 8.0  // mm between table bottom limit and the page edge margin
)

// segment is the part of one row on one page: lines [from, to).
type segment struct {
	row, from, to int
	y, h          float64
}

type page struct {
	top      float64 // y of the header row
	segments []segment
	tail     bool // note and signatures go on this page
	tailY    float64
}

// Render lays the ledger out and writes the PDF to w, page by page as
// they are drawn: on an error or cancellation w holds part of a document
// (callers render into a buffer or a temporary file). It checks ctx
// between rows and pages.
func (l Ledger) Render(ctx context.Context, w io.Writer) (Result, error) {
	if len(l.Columns) == 0 {
		return Result{}, fmt.Errorf("pdf: ledger %q has no columns", l.Title)
	}
	orient, size := "P", l.PageSize
	if l.Landscape {
		orient = "L"
	}
	if size == "" {
		size = "A4"
	}
	f := gofpdf.New(orient, "mm", size, "")
	// Each page goes to w when the next begins (our gofpdf patch): a
	// 20,000-row ledger never holds its thousands of pages at once.
	f.SetStreamOutput(w)
	f.SetCompression(true)
	f.SetTitle(l.Title, true)
	f.SetCreator("综治台账", true)
	f.SetAutoPageBreak(false, 0)
	addFonts(f)
	margin := 15.0
	if l.Landscape {
		margin = 12
	}
	f.SetMargins(margin, margin, margin)
	pageW, pageH := f.GetPageSize()
	printable := pageW - 2*margin
	widths := columnWidths(l.Columns, printable)
	lineH := bodySize * ptToMM * lineFactor

	var res Result
	// Wrap every cell first: the page plan needs every row's height.
	f.SetFont(family, "B", bodySize)
	boldMeasure := measurer(f)
	header := make([][]string, len(l.Columns))
	headerLines := 1
	for i, c := range l.Columns {
		header[i] = Wrap(boldMeasure, clean(c.Title, "表头", &res.Replaced), widths[i]-2*pad)
		headerLines = max(headerLines, len(header[i]))
	}
	f.SetFont(family, "", bodySize)
	measure := measurer(f)
	// A row's cells are wrapped to plan the pages and again to draw them:
	// keeping every row's lines would make memory grow with the ledger.
	wrapped := make([][]string, len(l.Columns))
	wrapRow := func(r int, notes *[]string) [][]string {
		row := l.Rows[r]
		for c := range l.Columns {
			text := ""
			if c < len(row) {
				text = row[c]
				if !sans.plain(text) {
					text = clean(text, fmt.Sprintf("第%d行“%s”列", r+1, l.Columns[c].Title), notes)
				}
			}
			wrapped[c] = Wrap(measure, text, widths[c]-2*pad)
		}
		return wrapped
	}
	heights := make([]int, len(l.Rows)) // lines of each row
	for r := range l.Rows {
		if r%50 == 0 {
			if err := ctx.Err(); err != nil {
				return Result{}, err
			}
			if l.Progress != nil {
				l.Progress(r/2, len(l.Rows))
			}
		}
		heights[r] = 1
		for _, lines := range wrapRow(r, &res.Replaced) {
			heights[r] = max(heights[r], len(lines))
		}
	}
	noteLines := []string(nil)
	if l.Note != "" {
		noteLines = Wrap(measure, "备注："+clean(l.Note, "备注", &res.Replaced), printable)
	}

	firstTop := margin + titleSize*ptToMM*1.6
	if l.Unit != "" || l.Period != "" {
		firstTop += subSize * ptToMM * 2
	}
	bottom := pageH - margin - footerSpace
	headerH := float64(headerLines)*lineH + 2*pad
	pages := planPages(heights, lineH, firstTop, margin, bottom, headerH)
	last := &pages[len(pages)-1]
	tailH := float64(len(noteLines))*lineH + 4
	if len(l.Signatures) > 0 || l.Seal {
		tailH += signatureH
	}
	end := last.top + headerH
	if n := len(last.segments); n > 0 {
		end = last.segments[n-1].y + last.segments[n-1].h
	}
	if end+tailH > bottom {
		pages = append(pages, page{top: margin})
		last = &pages[len(pages)-1]
		end = margin
	}
	last.tail, last.tailY = true, end

	// Draw.
	cols, rowsPer := 2, 2
	if l.Landscape {
		cols = 3
	}
	perPage := cols * rowsPer
	total := len(pages) + (len(l.Photos)+perPage-1)/perPage
	var seen []string // drawing cleans again what planning already reported
	for p, pg := range pages {
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		if l.Progress != nil && len(pg.segments) > 0 {
			l.Progress((len(l.Rows)+pg.segments[0].row)/2, len(l.Rows))
		}
		f.AddPage()
		if p == 0 {
			l.drawTitle(f, margin, printable)
		}
		if len(pg.segments) > 0 || p == 0 {
			drawRow(f, header, widths, l.Columns, margin, pg.top, headerH, lineH, 0, headerLines, true)
		}
		for _, s := range pg.segments {
			drawRow(f, wrapRow(s.row, &seen), widths, l.Columns, margin, s.y, s.h, lineH, s.from, s.to, false)
		}
		if pg.tail {
			l.drawTail(f, noteLines, margin, printable, pg.tailY, lineH)
		}
		footer(f, margin, printable, pageH, p+1, total)
	}
	l.drawPhotos(f, &res, len(pages), total, cols, rowsPer, margin, printable, pageH)
	if l.Progress != nil {
		l.Progress(len(l.Rows), len(l.Rows))
	}
	if err := f.Output(w); err != nil {
		return Result{}, fmt.Errorf("pdf: %w", err)
	}
	res.Pages = total
	return res, nil
}

// planPages puts rows of heights[r] lines on pages; a row taller than a
// page is split between lines and continues under the next page's header.
func planPages(heights []int, lineH, firstTop, top, bottom, headerH float64) []page {
	pages := []page{{top: firstTop}}
	y := firstTop + headerH
	newPage := func() {
		pages = append(pages, page{top: top})
		y = top + headerH
	}
	for r, n := range heights {
		from := 0
		for from < n {
			h := float64(n-from)*lineH + 2*pad
			if y+h <= bottom {
				pages[len(pages)-1].segments = append(pages[len(pages)-1].segments, segment{r, from, n, y, h})
				y += h
				break
			}
			fresh := bottom - (top + headerH)
			cur := &pages[len(pages)-1]
			if h <= fresh && len(cur.segments) > 0 {
				newPage() // the rest fits on a fresh page: do not split
				continue
			}
			fit := int(math.Floor((bottom - y - 2*pad) / lineH))
			if fit < 1 {
				newPage()
				continue
			}
			seg := segment{r, from, from + fit, y, float64(fit)*lineH + 2*pad}
			pages[len(pages)-1].segments = append(pages[len(pages)-1].segments, seg)
			from += fit
			newPage()
		}
	}
	return pages
}

func columnWidths(cols []Column, printable float64) []float64 {
	sum := 0.0
	for _, c := range cols {
		sum += c.Width
	}
	out := make([]float64, len(cols))
	for i, c := range cols {
		if sum == 0 {
			out[i] = printable / float64(len(cols))
		} else {
			out[i] = c.Width / sum * printable
		}
	}
	return out
}

// measurer returns a width function for the current font with a per-rune
// cache: gofpdf sums glyph advances without kerning, so a string's width
// is the sum of its runes'.
func measurer(f *gofpdf.Fpdf) func(string) float64 {
	cache := map[rune]float64{}
	return func(s string) float64 {
		w := 0.0
		for _, r := range s {
			cw, ok := cache[r]
			if !ok {
				cw = f.GetStringWidth(string(r))
				cache[r] = cw
			}
			w += cw
		}
		return w
	}
}

func drawRow(f *gofpdf.Fpdf, cells [][]string, widths []float64, cols []Column, x, y, h, lineH float64, from, to int, header bool) {
	if header {
		f.SetFont(family, "B", bodySize)
		f.SetFillColor(230, 230, 230)
	} else {
		f.SetFont(family, "", bodySize)
	}
	f.SetDrawColor(0, 0, 0)
	f.SetLineWidth(0.2)
	for c, lines := range cells {
		style := "D"
		if header {
			style = "FD"
		}
		f.Rect(x, y, widths[c], h, style)
		end := min(to, len(lines))
		shown := 0
		if from < end {
			shown = end - from
		}
		offset := (h - 2*pad - float64(shown)*lineH) / 2 // centred vertically
		align := cols[c].Align
		if header {
			align = "C"
		}
		if align == "" {
			align = "L"
		}
		for i := 0; i < shown; i++ {
			f.SetXY(x+pad, y+pad+offset+float64(i)*lineH)
			f.CellFormat(widths[c]-2*pad, lineH, lines[from+i], "", 0, align+"M", false, 0, "")
		}
		x += widths[c]
	}
}

func footer(f *gofpdf.Fpdf, margin, printable, pageH float64, page, total int) {
	f.SetFont(family, "", footerSize)
	f.SetXY(margin, pageH-margin-footerSize*ptToMM)
	f.CellFormat(printable, footerSize*ptToMM, fmt.Sprintf("第 %d 页 共 %d 页", page, total), "", 0, "C", false, 0, "")
}

// drawPhotos prints the photos on pages of their own after the table, each
// scaled into its cell keeping its proportions. A photo that cannot be
// read is listed as a warning and its cell says so.
func (l Ledger) drawPhotos(f *gofpdf.Fpdf, res *Result, done, total, cols, rowsPer int, margin, printable, pageH float64) {
	if len(l.Photos) == 0 {
		return
	}
	headH := subSize * ptToMM * 2
	capH := bodySize * ptToMM * lineFactor
	gap := 4.0
	cellW := (printable - gap*float64(cols-1)) / float64(cols)
	areaH := pageH - 2*margin - footerSpace - headH
	cellH := (areaH-gap*float64(rowsPer-1))/float64(rowsPer) - capH
	for i, ph := range l.Photos {
		if f.Err() {
			return // e.g. writing a streamed page failed: not an unreadable photo's error to clear
		}
		slot := i % (cols * rowsPer)
		if slot == 0 {
			f.AddPage()
			done++
			f.SetFont(family, "B", subSize)
			f.SetXY(margin, margin)
			f.CellFormat(printable, headH, "附：走访照片", "", 0, "L", false, 0, "")
			footer(f, margin, printable, pageH, done, total)
		}
		x := margin + float64(slot%cols)*(cellW+gap)
		y := margin + headH + float64(slot/cols)*(cellH+capH+gap)
		name := fmt.Sprintf("photo-%d", i)
		info := f.RegisterImageOptionsReader(name, gofpdf.ImageOptions{ImageType: ph.Type}, bytes.NewReader(ph.Data))
		f.SetFont(family, "", bodySize)
		if !f.Ok() || info == nil || info.Width() <= 0 || info.Height() <= 0 {
			f.ClearError()
			res.Replaced = append(res.Replaced, fmt.Sprintf("照片“%s”无法读取，未打印", ph.Caption))
			f.Rect(x, y, cellW, cellH, "D")
			f.SetXY(x, y+cellH/2-capH/2)
			f.CellFormat(cellW, capH, "（照片无法读取）", "", 0, "C", false, 0, "")
		} else {
			w, h := cellW, cellW*info.Height()/info.Width()
			if h > cellH {
				w, h = cellH*info.Width()/info.Height(), cellH
			}
			f.ImageOptions(name, x+(cellW-w)/2, y+(cellH-h)/2, w, h, false, gofpdf.ImageOptions{ImageType: ph.Type}, 0, "")
		}
		caption := Wrap(measurer(f), clean(ph.Caption, "照片说明", &res.Replaced), cellW)
		if len(caption) > 1 {
			caption[0] += "…"
		}
		if len(caption) > 0 {
			f.SetXY(x, y+cellH)
			f.CellFormat(cellW, capH, caption[0], "", 0, "C", false, 0, "")
		}
	}
}

func (l Ledger) drawTitle(f *gofpdf.Fpdf, margin, printable float64) {
	f.SetFont(family, "B", titleSize)
	f.SetXY(margin, margin)
	f.CellFormat(printable, titleSize*ptToMM*1.4, l.Title, "", 0, "C", false, 0, "")
	if l.Unit == "" && l.Period == "" {
		return
	}
	f.SetFont(family, "", subSize)
	y := margin + titleSize*ptToMM*1.6
	f.SetXY(margin, y)
	f.CellFormat(printable/2, subSize*ptToMM*1.5, l.Unit, "", 0, "L", false, 0, "")
	f.SetXY(margin+printable/2, y)
	f.CellFormat(printable/2, subSize*ptToMM*1.5, l.Period, "", 0, "R", false, 0, "")
}

func (l Ledger) drawTail(f *gofpdf.Fpdf, note []string, margin, printable, y, lineH float64) {
	f.SetFont(family, "", bodySize)
	y += 2
	for _, line := range note {
		f.SetXY(margin, y)
		f.CellFormat(printable, lineH, line, "", 0, "L", false, 0, "")
		y += lineH
	}
	if l.Seal {
		f.SetFont(family, "", subSize)
		f.SetXY(margin, y+2)
		f.CellFormat(printable-10, lineH, "（盖章）", "", 0, "R", false, 0, "")
	}
	if len(l.Signatures) == 0 {
		return
	}
	f.SetFont(family, "", subSize)
	y += signatureH - 8
	slot := printable / float64(len(l.Signatures))
	for i, label := range l.Signatures {
		x := margin + float64(i)*slot
		text := label + "："
		f.SetXY(x, y)
		f.CellFormat(slot, lineH, text, "", 0, "L", false, 0, "")
		tw := f.GetStringWidth(text)
		f.Line(x+tw, y+lineH-1, x+slot-6, y+lineH-1)
	}
}
