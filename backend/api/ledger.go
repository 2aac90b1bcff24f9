package api

import (
	"fmt"
	"strings"

	"zongzhi/backend/ledger"
	"zongzhi/backend/period"
	"zongzhi/backend/problem"
	"zongzhi/backend/report/pdf"
	"zongzhi/backend/report/xlsx"
	"zongzhi/backend/zeroreport"
)

// LedgerService is the 整改台账: items, the closed loop, the director's
// figures.
type LedgerService struct {
	ledger *ledger.Service
}

// Codes returns the ledger's code tables and the moves of the loop.
func (l *LedgerService) Codes() ledger.Codes { return l.ledger.Codes() }

// List pages the items q matches.
func (l *LedgerService) List(q ledger.Query) (ledger.Page, error) { return l.ledger.List(q) }

// Count counts a unit's items by status ("" = every unit).
func (l *LedgerService) Count(unit string) ledger.Counts { return l.ledger.Count(unit) }

// Get returns an item with its log, photos and next actions.
func (l *LedgerService) Get(id string) (ledger.ItemView, error) { return l.ledger.Get(id) }

// Save registers an item or edits its registration.
func (l *LedgerService) Save(in ledger.ItemInput) (ledger.Item, error) { return l.ledger.Save(in) }

// Assign fixes the 六定 and hands the item to a unit.
func (l *LedgerService) Assign(in ledger.AssignInput) (ledger.Saved, error) {
	return l.ledger.Assign(in)
}

// Act makes one move of the loop.
func (l *LedgerService) Act(in ledger.ActInput) (ledger.Item, error) { return l.ledger.Act(in) }

// Stats are the director's figures over a period.
func (l *LedgerService) Stats(q ledger.StatsQuery) (ledger.Stats, error) { return l.ledger.Stats(q) }

// LedgerPrint chooses the printed 隐患排查整改台账: a period ("2026-03",
// "2026-Q1", "2026") or a span, and the list filters.
type LedgerPrint struct {
	Period string       `json:"period,omitempty"`
	Query  ledger.Query `json:"query"`
}

func (q *LedgerPrint) span() (string, error) {
	if q.Period != "" {
		p, err := period.Parse(q.Period)
		if err != nil {
			return "", &problem.Error{Code: problem.CodeInvalid, Message: "请修正标出的内容",
				Fields: []problem.FieldError{{Field: "period", Code: "format", Message: err.Error()}}}
		}
		q.Query.From, q.Query.To = p.From, p.To
		return p.Label, nil
	}
	var f problem.Fields
	f.Date("from", "开始日期", q.Query.From, false)
	f.Date("to", "结束日期", q.Query.To, false)
	if err := f.Err(); err != nil {
		return "", err
	}
	switch {
	case q.Query.From == "" && q.Query.To == "":
		return "全部", nil
	case q.Query.To == "":
		return chineseDate(q.Query.From) + "起", nil
	}
	return fmt.Sprintf("%s至%s", chineseDate(q.Query.From), chineseDate(q.Query.To)), nil
}

// RectificationLedger renders the 隐患排查整改台账 (A4 landscape). A
// period with nothing found prints as 零报告, citing the report when one
// was made.
func (r *ReportService) RectificationLedger(q LedgerPrint) (Document, error) {
	period, err := q.span()
	if err != nil {
		return Document{}, err
	}
	lines, err := r.ledger.All(q.Query)
	if err != nil {
		return Document{}, err
	}
	unit := r.grid.RosterUnit(gridRosterQuery(""))
	if q.Query.Unit != "" {
		unit += "（责任单位：" + r.ledger.Dict.Label(ledger.TableUnits, q.Query.Unit) + "）"
	}
	l := RectificationLayout(lines, unit, period)
	switch qq := q.Query; {
	case len(lines) > 0:
	case qq.Status != "" || qq.Unit != "" || qq.Category != "" || qq.Text != "":
		// Nothing matched a filter: that is no 零报告 for the period.
		l.Note = "本期无符合筛选条件的事项。"
	default:
		l.Note = "零报告：本期未排查发现隐患问题。"
		scope := qq.Grid
		if scope == "" {
			scope = qq.Village
		}
		if z, ok := r.zero.Find(zeroreport.AreaRectification, q.Period, scope); ok && len(q.Period) == 7 {
			l.Note = fmt.Sprintf("零报告：本期未排查发现隐患问题（%s于%s报告）。", z.Reporter, chineseDate(z.Date))
		}
	}
	return renderDocument(l, fmt.Sprintf("隐患排查整改台账-%s.pdf", fileSafe(period)))
}

func fileSafe(s string) string { return strings.NewReplacer("/", "-", " ", "").Replace(s) }

// RectificationLayout lays items out as the paper 隐患排查整改台账.
func RectificationLayout(lines []ledger.Line, unit, period string) pdf.Ledger {
	l := pdf.Ledger{
		Title: "隐患排查整改台账", Unit: "填报单位：" + unit, Period: "统计期间：" + period, Landscape: true,
		Signatures: []string{"填表人", "审核人", "分管领导", "日期"}, Seal: true,
		Columns: []pdf.Column{
			{Title: "序号", Width: 8, Align: "C"}, {Title: "编号\n发现日期", Width: 40, Align: "C"}, {Title: "地点/对象", Width: 24},
			{Title: "类别\n来源", Width: 18, Align: "C"}, {Title: "问题描述", Width: 32}, {Title: "整改措施（六定）", Width: 40},
			{Title: "责任单位\n责任人", Width: 24, Align: "C"}, {Title: "整改时限\n复查人", Width: 24, Align: "C"}, {Title: "整改情况", Width: 34},
			{Title: "销号日期", Width: 23, Align: "C"}, {Title: "状态", Width: 14, Align: "C"},
		},
	}
	for i, ln := range lines {
		it := ln.Item
		six := []string{}
		for _, p := range [][2]string{{"项目", it.Project}, {"措施", it.Measures}, {"资金", it.Funds}} {
			if p[1] != "" {
				six = append(six, p[0]+"："+p[1])
			}
		}
		who := it.UnitName
		if len(it.CoUnitNames) > 0 {
			who += "（配合：" + strings.Join(it.CoUnitNames, "、") + "）"
		}
		if it.ResponsibleName != "" {
			who += "\n" + it.ResponsibleName
		}
		var done []string
		if it.Done != "" {
			done = append(done, it.Done)
		}
		if it.Opinion != "" {
			done = append(done, fmt.Sprintf("核查（%s %s）：%s", it.VerifierName, it.Verified, it.Opinion))
		}
		if it.EndReason != "" {
			done = append(done, it.StatusName+"："+it.EndReason)
		}
		if it.Remark != "" {
			done = append(done, "备注："+it.Remark)
		}
		status := it.StatusName
		if ln.Overdue {
			if ledger.Open(it.Status) {
				status += fmt.Sprintf("\n逾期%d天", ln.OverdueDays)
			} else {
				status += "\n逾期办结"
			}
		}
		l.Rows = append(l.Rows, []string{fmt.Sprint(i + 1), it.Number + "\n" + it.Found, it.Place, it.CategoryName + "\n" + it.SourceName,
			it.Description, strings.Join(six, "\n"), who, strings.TrimSpace(it.Deadline + "\n" + it.ReviewerName), strings.Join(done, "\n"), it.Closed, status})
	}
	return l
}

// NoticeQuery chooses a single item's 整改通知书 or its 回执.
type NoticeQuery struct {
	ID      string `json:"id"`
	Receipt bool   `json:"receipt,omitempty"`
}

// RectificationNotice renders the 隐患整改通知书 sent to the responsible
// unit, or the 整改回执 it returns.
func (r *ReportService) RectificationNotice(q NoticeQuery) (Document, error) {
	v, err := r.ledger.Get(q.ID)
	if err != nil {
		return Document{}, err
	}
	it := v.Item
	if it.Unit == "" {
		return Document{}, problem.Conflict("not_assigned", fmt.Sprintf("事项%s尚未指派责任单位，不能出具整改通知书", it.Number))
	}
	issuer := r.grid.RosterUnit(gridRosterQuery(""))
	rows := []pdf.Field{
		{Label: "问题地点/对象", Value: it.Place}, {Label: "问题描述", Value: it.Description},
		{Label: "整改项目", Value: it.Project}, {Label: "整改措施", Value: it.Measures},
		{Label: "整改资金", Value: it.Funds}, {Label: "责任人", Value: it.ResponsibleName},
		{Label: "整改时限", Value: chineseDate(it.Deadline) + ruleNote(it.DeadlineRule)}, {Label: "复查人", Value: it.ReviewerName},
	}
	c := pdf.Certificate{Title: "隐患整改通知书", Number: it.Number, Issuer: issuer, Date: chineseDate(assignedOn(it, r.ledger.Now().Format("2006-01-02")))}
	c.Salutation = it.UnitName + "："
	c.Body = []string{fmt.Sprintf("经%s，发现以下问题，现交由你单位牵头整改。请按“六定”要求落实整改，于%s前完成，并将整改情况以回执形式书面反馈本中心。",
		it.SourceName, chineseDate(it.Deadline))}
	c.Rows = rows
	c.Closing = "逾期未完成整改的，将予以通报并纳入年度考核。"
	name := "整改通知书"
	if q.Receipt {
		name = "整改回执"
		c.Title = "隐患整改回执"
		c.Salutation = issuer + "："
		c.Body = []string{fmt.Sprintf("你中心编号为%s的隐患整改通知书收悉，我单位已按要求落实整改，现将整改情况回复如下：", it.Number)}
		c.Rows = []pdf.Field{{Label: "问题地点/对象", Value: it.Place}, {Label: "整改落实情况", Value: blank(it.Done)},
			{Label: "整改完成日期", Value: blank(chineseDate(it.Finished))}, {Label: "责任人", Value: it.ResponsibleName}}
		c.Closing = "特此回执。"
		c.Issuer, c.Date = it.UnitName, blank(chineseDate(it.Finished))
	}
	return renderDocument(c, fmt.Sprintf("%s-%s.pdf", name, it.Number))
}

func ruleNote(rule string) string {
	if rule == "" || rule == "延期" {
		return ""
	}
	return "（" + rule + "）"
}

func blank(s string) string {
	if s == "" {
		return "　"
	}
	return s
}

// assignedOn is the date of the item's latest assignment.
func assignedOn(it ledger.Item, fallback string) string {
	for i := len(it.Steps) - 1; i >= 0; i-- {
		if it.Steps[i].Action == ledger.ActAssign && it.Steps[i].Date != "" {
			return it.Steps[i].Date
		}
	}
	return fallback
}

// RectificationList exports the ledger list, filtered as on screen, to .xlsx.
func (r *ReportService) RectificationList(q ledger.Query) (Document, error) {
	lines, err := r.ledger.All(q)
	if err != nil {
		return Document{}, err
	}
	l := xlsx.List{Sheet: "整改台账", Title: "隐患排查整改台账", Columns: []xlsx.Column{
		{Title: "序号", Kind: xlsx.Int, Width: 6}, {Title: "编号", Width: 16}, {Title: "发现日期", Kind: xlsx.Date, Width: 12},
		{Title: "问题来源", Width: 10}, {Title: "问题类别", Width: 12}, {Title: "等级", Width: 6}, {Title: "地点/对象", Width: 20},
		{Title: "所属网格", Width: 14}, {Title: "问题描述", Width: 36}, {Title: "整改项目", Width: 16}, {Title: "整改措施", Width: 30},
		{Title: "整改资金", Width: 10}, {Title: "责任单位", Width: 14}, {Title: "配合单位", Width: 16}, {Title: "责任人", Width: 8},
		{Title: "整改时限", Kind: xlsx.Date, Width: 12}, {Title: "复查人", Width: 8}, {Title: "整改情况", Width: 30},
		{Title: "销号日期", Kind: xlsx.Date, Width: 12}, {Title: "状态", Width: 8}, {Title: "是否逾期", Width: 8}, {Title: "备注", Width: 20},
	}}
	for i, ln := range lines {
		it := ln.Item
		late := ""
		if ln.Overdue {
			late = fmt.Sprintf("逾期%d天", ln.OverdueDays)
		}
		l.Rows = append(l.Rows, []string{fmt.Sprint(i + 1), it.Number, it.Found, it.SourceName, it.CategoryName, it.LevelName, it.Place,
			it.GridName, it.Description, it.Project, it.Measures, it.Funds, it.UnitName, strings.Join(it.CoUnitNames, "、"), it.ResponsibleName,
			it.Deadline, it.ReviewerName, it.Done, it.Closed, it.StatusName, late, it.Remark})
	}
	return xlsxDocument(l, fmt.Sprintf("隐患排查整改台账-%s.xlsx", r.ledger.Now().Format("2006-01-02")))
}

// ZeroReportService records 零报告: a month in which an area found nothing.
type ZeroReportService struct {
	zero *zeroreport.Service
}

// Save files a zero report; refused while the area has items in the month.
func (z *ZeroReportService) Save(in zeroreport.Report) (zeroreport.Report, error) {
	return z.zero.Save(in)
}

// ZeroListQuery chooses an area's reports of a year.
type ZeroListQuery struct {
	Area string `json:"area"`
	Year int    `json:"year"`
}

// List lists an area's zero reports of a year.
func (z *ZeroReportService) List(q ZeroListQuery) ([]zeroreport.Report, error) {
	return z.zero.List(q.Area, q.Year)
}

// Delete withdraws a zero report.
func (z *ZeroReportService) Delete(id string) error { return z.zero.Delete(id) }
