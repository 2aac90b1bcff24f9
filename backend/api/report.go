package api

import (
	"bytes"
	"context"
	"fmt"

	"zongzhi/backend/grid"
	"zongzhi/backend/report/pdf"
)

// ReportService renders printable documents.
type ReportService struct {
	grid *grid.Service
}

// Document is a rendered file for the UI to preview, save or print.
type Document struct {
	FileName string   `json:"fileName"`
	Pages    int      `json:"pages"`
	Data     []byte   `json:"data"`     // base64 in JSON
	Warnings []string `json:"warnings"` // e.g. characters the font cannot draw
}

// GridRoster renders the 网格责任人花名册 of the grids and date asked.
func (r *ReportService) GridRoster(q grid.RosterQuery) (Document, error) {
	if q.Date == "" {
		q.Date = r.grid.Now().Format("2006-01-02")
	}
	lines, err := r.grid.Roster(q)
	if err != nil {
		return Document{}, err
	}
	var buf bytes.Buffer
	res, err := RosterLedger(lines, r.grid.RosterUnit(q), q.Date).Render(context.Background(), &buf)
	if err != nil {
		return Document{}, err
	}
	warnings := res.Replaced
	if warnings == nil {
		warnings = []string{}
	}
	return Document{FileName: fmt.Sprintf("网格责任人花名册-%s.pdf", q.Date), Pages: res.Pages, Data: buf.Bytes(), Warnings: warnings}, nil
}

// RosterLedger lays the roster out as the printed form.
func RosterLedger(lines []grid.RosterLine, unit, date string) pdf.Ledger {
	l := pdf.Ledger{
		Title:  "网格责任人花名册",
		Unit:   "填报单位：" + unit,
		Period: "截至日期：" + chineseDate(date),
		Columns: []pdf.Column{
			{Title: "序号", Width: 12, Align: "C"},
			{Title: "村（社区）", Width: 26},
			{Title: "网格名称", Width: 34},
			{Title: "网格编码", Width: 36, Align: "C"},
			{Title: "姓名", Width: 18, Align: "C"},
			{Title: "岗位", Width: 22, Align: "C"},
			{Title: "联系电话", Width: 28, Align: "C"},
			{Title: "工作单位", Width: 34},
			{Title: "任职日期", Width: 24, Align: "C"},
			{Title: "备注", Width: 30},
		},
		Landscape:  true,
		Signatures: []string{"填表人", "审核人", "分管领导", "日期"},
		Seal:       true,
	}
	for i, ln := range lines {
		note := ""
		if ln.Staff.Primary {
			note = "主责任人"
		}
		l.Rows = append(l.Rows, []string{
			fmt.Sprint(i + 1), ln.Village, ln.Grid.Name, ln.Grid.Code, ln.Staff.StaffName, ln.Staff.RoleName,
			ln.Staff.StaffPhone, ln.Staff.StaffUnit, ln.Staff.Start, note,
		})
	}
	return l
}

func chineseDate(d string) string {
	var y, m, day int
	if _, err := fmt.Sscanf(d, "%d-%d-%d", &y, &m, &day); err != nil {
		return d
	}
	return fmt.Sprintf("%d年%d月%d日", y, m, day)
}
