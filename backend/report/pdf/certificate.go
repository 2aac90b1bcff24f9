package pdf

import (
	"context"
	"fmt"
	"io"
	"strings"
)

// Certificate is a one-page 证明 such as the 志愿服务证明 of 民政部令第67号:
// spaced-out title, number, justified body paragraphs, a table of
// label/value rows, a closing line, and the issuer "（盖章）", contact and
// date at the bottom right.
type Certificate struct {
	Title  string // e.g. "志愿服务证明"
	Number string // after "编号："
	// Salutation is the addressee (主送), flush left before the body, e.g.
	// "市场监督管理所：".
	Salutation string
	Body       []string // e.g. "兹证明……", "特此证明。"; "\n" is a hard break
	Rows       []Field  // e.g. 姓名, 身份证号, 服务时长
	Closing    string   // after the table, e.g. "特此证明。"
	Issuer     string   // e.g. "青石镇新时代文明实践所", followed by "（盖章）"
	Contact    string   // e.g. "联系人：李梅　联系电话：0871-6543210"
	Date       string   // e.g. "2024年3月15日"
}

// Certificate typography: 28 characters to the line (GB/T 9704's 3号).
const (
	certEm      = formalWidth / 28
	certPt      = certEm / ptToMM
	certPitch   = certEm * 1.8
	certTitlePt = 26.0
	certTablePt = certPt * 0.875
	certPad     = 2.0 // table cell padding, mm
)

// Render lays the certificate out and writes the PDF to w.
func (c Certificate) Render(ctx context.Context, w io.Writer) (Result, error) {
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	var res Result
	s := newSheet(c.Title, "证明", &res.Replaced, false)
	s.newPage()

	// Title, spaced out by half a character.
	measure := s.setFont("B", certTitlePt)
	title := s.clean(c.Title, "标题")
	titleH := certTitlePt * ptToMM * 1.8
	for _, line := range Wrap(measure, title, s.width) {
		n := len([]rune(line))
		tw := measure(line) + float64(n-1)*certTitlePt*ptToMM/2
		if tw > s.width {
			tw = measure(line)
		}
		s.spread((s.width-tw)/2, tw, titleH, line, measure)
		s.y += titleH
	}
	s.setFont("", certTablePt)
	if num := s.clean(c.Number, "编号"); num != "" {
		s.text(0, s.width, certPitch, "编号："+num, "R")
		s.y += certPitch
	}
	s.y += certEm / 2

	measure = s.setFont("", certPt)
	if to := s.clean(c.Salutation, "主送"); to != "" {
		s.text(0, s.width, certPitch, to, "L")
		s.y += certPitch
	}
	for i, p := range c.Body {
		s.paragraph(s.clean(p, fmt.Sprintf("正文第%d段", i+1)), certPitch, certEm, measure)
	}
	if len(c.Rows) > 0 {
		s.y += certEm / 2
		c.drawTable(s)
	}
	if closing := s.clean(c.Closing, "结束语"); closing != "" {
		measure = s.setFont("", certPt)
		s.y += certEm / 2
		s.paragraph(closing, certPitch, certEm, measure)
	}
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}

	// Issuer, contact and date, right-aligned as a block two characters
	// in from the edge, with room for the seal over them.
	measure = s.setFont("", certPt)
	var tail []string
	if issuer := s.clean(c.Issuer, "出具单位"); issuer != "" {
		tail = append(tail, issuer+"（盖章）")
	} else {
		tail = append(tail, "（盖章）")
	}
	if contact := s.clean(c.Contact, "联系方式"); contact != "" {
		tail = append(tail, contact)
	}
	if date := s.clean(c.Date, "日期"); date != "" {
		tail = append(tail, date)
	}
	blockW := 0.0
	for _, line := range tail {
		blockW = max(blockW, measure(line))
	}
	blockW = min(blockW, s.width-2*certEm)
	x := s.width - 2*certEm - blockW
	s.y += 2 * certPitch
	s.room(float64(len(tail)) * certPitch)
	for _, line := range tail {
		for _, l := range Wrap(measure, line, blockW) {
			s.text(x, blockW, certPitch, l, "C")
			s.y += certPitch
		}
	}
	if err := s.f.Output(w); err != nil {
		return Result{}, fmt.Errorf("pdf: %w", err)
	}
	res.Pages = s.page
	return res, nil
}

// drawTable draws the label/value rows in a bordered two-column table,
// labels bold and spread to the width of the longest.
func (c Certificate) drawTable(s *sheet) {
	bold := s.setFont("B", certTablePt)
	labels := make([]string, len(c.Rows))
	labelW := 0.0
	for i, r := range c.Rows {
		labels[i] = strings.TrimRight(s.clean(strings.TrimSpace(r.Label), "栏目名"), "：: ")
		labelW = max(labelW, bold(labels[i]))
	}
	colW := labelW + 4*certPad
	lineH := certTablePt * ptToMM * 1.6
	for i, r := range c.Rows {
		measure := s.setFont("", certTablePt)
		lines := Wrap(measure, s.clean(r.Value, labels[i]), s.width-colW-2*certPad)
		h := float64(len(lines))*lineH + 2*certPad
		s.room(h)
		s.f.SetDrawColor(0, 0, 0)
		s.f.SetLineWidth(0.25)
		s.f.SetFillColor(242, 242, 242)
		s.f.Rect(s.left, s.y, colW, h, "FD")
		s.f.Rect(s.left+colW, s.y, s.width-colW, h, "D")
		top := s.y
		s.y = top + certPad
		for _, l := range lines {
			s.text(colW+certPad, s.width-colW-2*certPad, lineH, l, "L")
			s.y += lineH
		}
		bold = s.setFont("B", certTablePt)
		s.y = top + (h-lineH)/2
		s.spread(2*certPad, labelW, lineH, labels[i], bold)
		s.y = top + h
	}
}
