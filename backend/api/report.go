package api

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"zongzhi/backend/dict"
	"zongzhi/backend/grid"
	"zongzhi/backend/ledger"
	"zongzhi/backend/people"
	"zongzhi/backend/problem"
	"zongzhi/backend/report/pdf"
	"zongzhi/backend/report/xlsx"
	"zongzhi/backend/zeroreport"
)

// ReportService renders printable documents and list exports.
type ReportService struct {
	grid   *grid.Service
	people *people.Service
	ledger *ledger.Service
	zero   *zeroreport.Service
	jobs   jobs
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
	return r.gridRoster(context.Background(), q, nil)
}

// StartGridRoster renders the roster as a job with progress and cancel,
// for county-sized rosters; Job's result is the Document.
func (r *ReportService) StartGridRoster(q grid.RosterQuery) (string, error) {
	if q.Date == "" {
		q.Date = r.grid.Now().Format("2006-01-02")
	}
	if _, err := time.Parse("2006-01-02", q.Date); err != nil {
		return "", &problem.Error{Code: problem.CodeInvalid, Message: "请修正标出的内容",
			Fields: []problem.FieldError{{Field: "date", Code: "format", Message: fmt.Sprintf("花名册日期“%s”不是有效日期", q.Date)}}}
	}
	return r.jobs.start(Step{Stage: "排版"}, "已取消打印", func(ctx context.Context, progress func(any)) (any, error) {
		doc, err := r.gridRoster(ctx, q, func(done, total int) { progress(Step{Done: done, Total: total, Stage: "排版"}) })
		if err != nil {
			return nil, err
		}
		return &doc, nil
	}), nil
}

// Job reports a render's progress and, once done, its Document.
func (r *ReportService) Job(id string) (JobStatus, error) { return r.jobs.status(id) }

// CancelJob stops a render.
func (r *ReportService) CancelJob(id string) error { return r.jobs.stop(id) }

func (r *ReportService) gridRoster(ctx context.Context, q grid.RosterQuery, progress func(done, total int)) (Document, error) {
	if q.Date == "" {
		q.Date = r.grid.Now().Format("2006-01-02")
	}
	lines, err := r.grid.Roster(q)
	if err != nil {
		return Document{}, err
	}
	var buf bytes.Buffer
	l := RosterLedger(lines, r.grid.RosterUnit(q), q.Date)
	l.Progress = progress
	res, err := l.Render(ctx, &buf)
	if err != nil {
		return Document{}, err
	}
	warnings := res.Replaced
	if warnings == nil {
		warnings = []string{}
	}
	return Document{FileName: fmt.Sprintf("网格责任人花名册-%s.pdf", q.Date), Pages: res.Pages, Data: buf.Bytes(), Warnings: warnings}, nil
}

// GridList exports the grid list, filtered as on screen, to .xlsx.
func (r *ReportService) GridList(q grid.GridQuery) (Document, error) {
	l := xlsx.List{Sheet: "网格", Title: "网格清单", Columns: []xlsx.Column{
		{Title: "序号", Kind: xlsx.Int, Width: 6}, {Title: "网格编码", Kind: xlsx.Number, Width: 18}, {Title: "网格名称", Width: 22},
		{Title: "村（社区）", Width: 14}, {Title: "网格层级", Width: 10}, {Title: "网格类型", Width: 10}, {Title: "上级网格", Width: 16},
		{Title: "主责任人", Width: 10}, {Title: "在岗人数", Kind: xlsx.Int, Width: 10}, {Title: "定位", Width: 8},
	}}
	for i, g := range r.grid.ListGrids(q) {
		level, _ := dict.Label(grid.Levels, g.Level)
		typ, _ := dict.Label(grid.Types, g.Type)
		located := "待定位"
		if g.Located {
			located = "已定位"
		}
		l.Rows = append(l.Rows, []string{fmt.Sprint(i + 1), g.Code, g.Name, g.VillageName, level, typ, g.ParentName, g.Primary, fmt.Sprint(g.StaffCount), located})
	}
	return xlsxDocument(l, fmt.Sprintf("网格清单-%s.xlsx", r.grid.Now().Format("2006-01-02")))
}

// StaffList exports the staff list, filtered as on screen, to .xlsx.
func (r *ReportService) StaffList(q grid.StaffQuery) (Document, error) {
	staff, err := r.grid.ListStaff(q)
	if err != nil {
		return Document{}, err
	}
	l := xlsx.List{Sheet: "网格人员", Title: "网格人员清单", Columns: []xlsx.Column{
		{Title: "序号", Kind: xlsx.Int, Width: 6}, {Title: "姓名", Width: 10}, {Title: "岗位", Width: 12}, {Title: "联系电话", Kind: xlsx.Number, Width: 16},
		{Title: "工作单位", Width: 20}, {Title: "在岗网格", Width: 36}, {Title: "备注", Width: 20},
	}}
	for i, p := range staff {
		l.Rows = append(l.Rows, []string{fmt.Sprint(i + 1), p.Name, p.RoleName, p.Phone, p.Unit, strings.Join(p.Grids, "、"), p.Note})
	}
	return xlsxDocument(l, fmt.Sprintf("网格人员清单-%s.xlsx", r.grid.Now().Format("2006-01-02")))
}

func xlsxDocument(l xlsx.List, name string) (Document, error) {
	var buf bytes.Buffer
	if err := l.Write(&buf); err != nil {
		return Document{}, err
	}
	return Document{FileName: name, Pages: 1, Data: buf.Bytes(), Warnings: []string{}}, nil
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
