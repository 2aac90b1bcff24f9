package api

import (
	"fmt"
	"strconv"
	"strings"

	"zongzhi/backend/dispute"
	"zongzhi/backend/grid"
	"zongzhi/backend/report/pdf"
	"zongzhi/backend/report/xlsx"
	"zongzhi/backend/zeroreport"
)

// DisputeService is the 矛盾纠纷排查化解 area: registration, the flow,
// the list and statistics, and its printed ledgers and export.
type DisputeService struct {
	dispute *dispute.Service
}

// Codes returns the dispute code tables and the allowed transitions.
func (s *DisputeService) Codes() dispute.Codes { return s.dispute.Codes() }

// List pages the disputes q matches, with counts by status.
func (s *DisputeService) List(q dispute.Query) dispute.Page { return s.dispute.List(q) }

// Get returns a dispute with its records and log.
func (s *DisputeService) Get(id string) (dispute.Dispute, error) { return s.dispute.Get(id) }

// Save registers a dispute or edits its registration.
func (s *DisputeService) Save(in dispute.Input) (dispute.Dispute, error) { return s.dispute.Save(in) }

// Accept takes a registered dispute in for mediation.
func (s *DisputeService) Accept(in dispute.AcceptInput) (dispute.Dispute, error) {
	return s.dispute.Accept(in)
}

// Decline refuses a registered dispute, with the reason.
func (s *DisputeService) Decline(in dispute.DeclineInput) (dispute.Dispute, error) {
	return s.dispute.Decline(in)
}

// AddRecord adds a mediation record.
func (s *DisputeService) AddRecord(in dispute.EntryInput) (dispute.Dispute, error) {
	return s.dispute.AddRecord(in)
}

// Conclude records the result of mediation.
func (s *DisputeService) Conclude(in dispute.ResultInput) (dispute.Dispute, error) {
	return s.dispute.Conclude(in)
}

// FollowUp records the 回访.
func (s *DisputeService) FollowUp(in dispute.VisitInput) (dispute.Dispute, error) {
	return s.dispute.FollowUp(in)
}

// Archive files a dispute after its 回访.
func (s *DisputeService) Archive(in dispute.ArchiveInput) (dispute.Dispute, error) {
	return s.dispute.Archive(in)
}

// Rates counts a period's disputes per month, quarter, year or grid, with
// 调处成功率 and 回访满意率 for each (the dashboard).
func (s *DisputeService) Rates(q dispute.RatesQuery) (dispute.RateTable, error) {
	return s.dispute.Rates(q)
}

// unit names the issuing body and, when narrower than the township, the
// village or grid the document covers.
func (s *DisputeService) unit(gridID, village string) string {
	q := grid.RosterQuery{}
	if len(village) == 12 {
		q.Village = village
	}
	unit := s.dispute.Grid.RosterUnit(q)
	scope := gridID
	if scope == "" {
		scope = village
	}
	if scope != "" {
		if name, ok := zeroreport.ScopeName(s.dispute.Store, scope); ok && !strings.HasPrefix(unit, name) {
			unit += "（" + name + "）"
		}
	}
	return unit
}

// DisputeLedger renders the 矛盾纠纷排查调处台账 of the disputes q matches
// (parties' ID numbers masked). A period without disputes prints as a
// 零报告.
func (s *DisputeService) DisputeLedger(q dispute.Query) (Document, error) {
	ds, err := s.dispute.Ledger(q)
	if err != nil {
		return Document{}, err
	}
	var zero *zeroreport.Report
	if month, ok := wholeMonth(q.From, q.To); ok && len(ds) == 0 && s.dispute.Zero != nil {
		scope := q.Grid
		if scope == "" {
			scope = q.Village
		}
		if z, found := s.dispute.Zero.Find(zeroreport.AreaDispute, month, scope); found {
			zero = &z
		}
	}
	l := DisputeLedgerLayout(ds, s.unit(q.Grid, q.Village), periodText(q.From, q.To), s.dispute.Now().Format("2006-01-02"), zero)
	if len(ds) == 0 && (q.Status != "" || q.Category != "" || q.Text != "" || q.Overdue) {
		// Nothing matched a filter: that is no 零报告 for the period.
		l.Title = strings.TrimSuffix(l.Title, "（零报告）")
		l.Rows = nil
		l.Note = "本期无符合筛选条件的矛盾纠纷。"
	}
	return renderDocument(l, fmt.Sprintf("矛盾纠纷排查调处台账-%s.pdf", fileSpan(q.From, q.To)))
}

// wholeMonth tells whether from..to is exactly one calendar month.
func wholeMonth(from, to string) (string, bool) {
	if len(from) != 10 {
		return "", false
	}
	f, t, err := zeroreport.Period(from[:7])
	return from[:7], err == nil && f == from && t == to
}

func periodText(from, to string) string {
	switch {
	case from == "" && to == "":
		return "统计期间：全部"
	case from == "":
		return "统计期间：截至" + chineseDate(to)
	case to == "":
		return "统计期间：" + chineseDate(from) + "起"
	}
	if month, ok := wholeMonth(from, to); ok {
		return "统计期间：" + zeroreport.MonthName(month)
	}
	return fmt.Sprintf("统计期间：%s至%s", chineseDate(from), chineseDate(to))
}

func fileSpan(from, to string) string {
	if month, ok := wholeMonth(from, to); ok {
		return month
	}
	if from == "" && to == "" {
		return "全部"
	}
	return from + "至" + to
}

// DisputeLedgerLayout lays the disputes out as the printed 台账; today
// marks what is overdue; zero is the 零报告 filed for an empty month.
func DisputeLedgerLayout(ds []dispute.Dispute, unit, period, today string, zero *zeroreport.Report) pdf.Ledger {
	l := pdf.Ledger{
		Title: "矛盾纠纷排查调处台账", Unit: "填报单位：" + unit, Period: period, Landscape: true,
		Signatures: []string{"填表人", "审核人", "分管领导", "日期"}, Seal: true,
		Note: "当事人身份证号码已作遮蔽处理。本台账为内部资料，注意保密。",
		Columns: []pdf.Column{
			{Title: "序号", Width: 8, Align: "C"}, {Title: "编号", Width: 37, Align: "C"}, {Title: "登记日期", Width: 23, Align: "C"},
			{Title: "纠纷名称/类别", Width: 28}, {Title: "当事人", Width: 38}, {Title: "涉及人数", Width: 10, Align: "C"},
			{Title: "简要情况", Width: 30}, {Title: "调处方式/调解员", Width: 20}, {Title: "调处结果", Width: 22},
			{Title: "协议形式", Width: 18, Align: "C"}, {Title: "回访情况", Width: 22}, {Title: "状态", Width: 14, Align: "C"},
		},
	}
	for i, d := range ds {
		name := d.Name + "\n（" + d.CategoryName
		if d.Scale != "" && d.Scale != "1" {
			name += "，" + d.ScaleName
		}
		name += "）"
		parties := make([]string, len(d.Parties))
		for j, p := range d.Parties {
			parties[j] = dispute.PartiesText([]dispute.Party{p})
		}
		mediation := strings.TrimSpace(d.MethodName + "\n" + d.MediatorName)
		result := d.ResultName
		switch {
		case d.Status == dispute.StatusDeclined:
			result = "不予受理：" + d.Declined
		case d.Result == dispute.ResultFailure:
			result += "，" + d.ChannelName
		}
		if d.ResultDate != "" {
			result += "\n" + d.ResultDate
		}
		agreement := d.AgreementName
		if d.Amount > 0 {
			agreement += "\n" + money(d.Amount) + "元"
		}
		visit := ""
		if d.Visit.Date != "" {
			visit = d.Visit.Date + "\n" + d.Visit.SatisfactionName
		}
		status := d.StatusName
		if dispute.Open(d.Status) && d.Deadline != "" && d.Deadline < today {
			status += "\n（逾期）"
		}
		l.Rows = append(l.Rows, []string{strconv.Itoa(i + 1), d.Number, d.Date, name, strings.Join(parties, "\n"), strconv.Itoa(d.Involved),
			d.Description, mediation, result, agreement, visit, status})
	}
	if len(ds) == 0 {
		l.Title += "（零报告）"
		l.Rows = [][]string{{"", "", "", "零报告", "", "0", "本期未排查出矛盾纠纷", "", "", "", "", ""}}
		l.Note = "本期未排查出矛盾纠纷，零报告。" + zeroLine(zero)
	}
	return l
}

func zeroLine(z *zeroreport.Report) string {
	if z == nil {
		return ""
	}
	s := fmt.Sprintf("报告人：%s，报告日期：%s。", z.Reporter, chineseDate(z.Date))
	if z.Note != "" {
		s += z.Note
	}
	return s
}

func money(v float64) string {
	if v == float64(int64(v)) {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

// Monthly is the monthly statistics table's figures.
func (s *DisputeService) Monthly(q dispute.MonthlyQuery) (dispute.MonthlyStats, error) {
	return s.dispute.Monthly(q)
}

// DisputeMonthly renders the 矛盾纠纷排查化解月度统计表 (due by the 20th
// of the next month). A month without disputes prints as a 零报告.
func (s *DisputeService) DisputeMonthly(q dispute.MonthlyQuery) (Document, error) {
	m, err := s.dispute.Monthly(q)
	if err != nil {
		return Document{}, err
	}
	return renderDocument(MonthlyLayout(m, s.unit(q.Grid, q.Village)), fmt.Sprintf("矛盾纠纷排查化解月度统计表-%s.pdf", q.Month))
}

// MonthlyLayout lays the monthly statistics out as the printed table: one
// row per category, the 合计 row, and the two rates in the note.
func MonthlyLayout(m dispute.MonthlyStats, unit string) pdf.Ledger {
	l := pdf.Ledger{
		Title: "矛盾纠纷排查化解月度统计表", Unit: "填报单位：" + unit, Period: "统计月份：" + m.MonthName,
		Signatures: []string{"填表人", "审核人", "分管领导", "日期"}, Seal: true,
		Columns: []pdf.Column{
			{Title: "序号", Width: 10, Align: "C"}, {Title: "纠纷类别", Width: 34}, {Title: "排查数", Width: 18, Align: "C"},
			{Title: "受理数", Width: 18, Align: "C"}, {Title: "调处成功", Width: 18, Align: "C"}, {Title: "调处不成功", Width: 20, Align: "C"},
			{Title: "调处中", Width: 18, Align: "C"}, {Title: "涉及人数", Width: 18, Align: "C"},
		},
	}
	row := func(seq, name string, c dispute.Counts) []string {
		return []string{seq, name, strconv.Itoa(c.Registered), strconv.Itoa(c.Accepted), strconv.Itoa(c.Succeeded),
			strconv.Itoa(c.Failed), strconv.Itoa(c.Mediating), strconv.Itoa(c.Involved)}
	}
	for i, r := range m.Rows {
		l.Rows = append(l.Rows, row(strconv.Itoa(i+1), r.CategoryName, r.Counts))
	}
	l.Rows = append(l.Rows, row("", "合计", m.Total))
	success := "调处成功率：" + m.SuccessRate.Text
	if m.SuccessRate.Den > 0 {
		success += fmt.Sprintf("（调处成功%d件÷已调处%d件）", m.SuccessRate.Num, m.SuccessRate.Den)
	} else {
		success += "（本月无已调处纠纷）"
	}
	satisfied := "回访满意率：" + m.SatisfactionRate.Text
	if m.SatisfactionRate.Den > 0 {
		satisfied += fmt.Sprintf("（满意及基本满意%d件÷已回访%d件）", m.SatisfactionRate.Num, m.SatisfactionRate.Den)
	} else {
		satisfied += "（本月无已回访纠纷）"
	}
	l.Note = success + "；" + satisfied + "。"
	if m.Total.Declined > 0 {
		l.Note += fmt.Sprintf("另有不予受理%d件。", m.Total.Declined)
	}
	if m.Zero {
		l.Title += "（零报告）"
		l.Note = "本月未排查出矛盾纠纷，零报告。" + zeroLine(m.ZeroReport)
	}
	return l
}

// DisputeList exports the disputes q matches, as on screen but unpaged,
// to .xlsx (parties' ID numbers and phones masked).
func (s *DisputeService) DisputeList(q dispute.Query) (Document, error) {
	ds, err := s.dispute.Ledger(q)
	if err != nil {
		return Document{}, err
	}
	l := xlsx.List{Sheet: "矛盾纠纷", Title: "矛盾纠纷排查调处清单（" + strings.TrimPrefix(periodText(q.From, q.To), "统计期间：") + "）", Columns: []xlsx.Column{
		{Title: "序号", Kind: xlsx.Int, Width: 6}, {Title: "编号", Width: 20}, {Title: "登记日期", Kind: xlsx.Date, Width: 12},
		{Title: "纠纷名称", Width: 22}, {Title: "纠纷类别", Width: 12}, {Title: "规模", Width: 6}, {Title: "纠纷来源", Width: 12},
		{Title: "所属网格", Width: 16}, {Title: "当事人（证件号码遮蔽）", Width: 36}, {Title: "涉及人数", Kind: xlsx.Int, Width: 8},
		{Title: "简要情况", Width: 36}, {Title: "调处方式", Width: 10}, {Title: "调解员", Width: 10}, {Title: "调处期限", Kind: xlsx.Date, Width: 12},
		{Title: "状态", Width: 10}, {Title: "调处结果", Width: 8}, {Title: "去向", Width: 10}, {Title: "协议形式", Width: 10},
		{Title: "协议金额（元）", Width: 12}, {Title: "回访日期", Kind: xlsx.Date, Width: 12}, {Title: "满意度", Width: 10},
		{Title: "归档日期", Kind: xlsx.Date, Width: 12},
	}}
	for i, d := range ds {
		amount := ""
		if d.Amount > 0 {
			amount = money(d.Amount)
		}
		l.Rows = append(l.Rows, []string{strconv.Itoa(i + 1), d.Number, d.Date, d.Name, d.CategoryName, d.ScaleName, d.SourceName,
			d.GridName, dispute.PartiesText(d.Parties), strconv.Itoa(d.Involved), d.Description, d.MethodName, d.MediatorName,
			d.Deadline, d.StatusName, d.ResultName, d.ChannelName, d.AgreementName, amount, d.Visit.Date, d.Visit.SatisfactionName, d.Archived})
	}
	return xlsxDocument(l, fmt.Sprintf("矛盾纠纷清单-%s.xlsx", fileSpan(q.From, q.To)))
}
