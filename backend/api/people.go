package api

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"zongzhi/backend/attach"
	"zongzhi/backend/grid"
	"zongzhi/backend/people"
	"zongzhi/backend/problem"
	"zongzhi/backend/report/pdf"
	"zongzhi/backend/report/xlsx"
	"zongzhi/backend/store"
)

// PeopleService is the 特殊人群 area: persons, enrollments, visits, the
// overdue board, duplicates and who looked at unmasked data.
type PeopleService struct {
	people *people.Service
}

// Codes returns the code tables the people forms offer.
func (p *PeopleService) Codes() people.Codes { return p.people.Codes() }

// FindPerson returns the id of the person with an ID number ("" if none).
func (p *PeopleService) FindPerson(idNumber string) (string, error) {
	return p.people.FindPerson(idNumber)
}

// SavePerson registers or edits a person; an ID number already
// registered is refused with the other person's id as the field's ref.
func (p *PeopleService) SavePerson(in people.Person) (people.SavedPerson, error) {
	return p.people.SavePerson(in)
}

// GetPerson returns a person (masked) with enrollments, visits and reveals.
func (p *PeopleService) GetPerson(id string) (people.PersonDetail, error) {
	return p.people.GetPerson(id)
}

// ListPeople pages the persons q matches.
func (p *PeopleService) ListPeople(q people.PeopleQuery) people.PeoplePage {
	return p.people.ListPeople(q)
}

// Enroll puts a person in a category (or edits the enrollment).
func (p *PeopleService) Enroll(in people.EnrollInput) (people.Enrollment, error) {
	return p.people.Enroll(in)
}

// ChangeStatus moves an enrollment to another status.
func (p *PeopleService) ChangeStatus(in people.StatusInput) (people.Enrollment, error) {
	return p.people.ChangeStatus(in)
}

// SaveVisit records (or plans) a visit.
func (p *PeopleService) SaveVisit(in people.VisitInput) (people.Visit, error) {
	return p.people.SaveVisit(in)
}

// Overdue is the board of visits overdue and due this week.
func (p *PeopleService) Overdue(q people.BoardQuery) people.Board { return p.people.Overdue(q) }

// Visits lists the visits of a period.
func (p *PeopleService) Visits(q people.VisitsQuery) ([]people.VisitLine, error) {
	return p.people.Visits(q)
}

// RevealPerson shows a person's full ID number and phone, and logs who asked why.
func (p *PeopleService) RevealPerson(in people.RevealRequest) (people.Revealed, error) {
	return p.people.RevealPerson(in)
}

// Reveals lists who looked at a person's unmasked data.
func (p *PeopleService) Reveals(person string) ([]people.Reveal, error) {
	return p.people.Reveals(person)
}

// Duplicates lists persons registered twice with one ID number (after sync).
func (p *PeopleService) Duplicates() []people.DuplicateGroup { return p.people.Duplicates() }

// MergePersons folds a duplicate registration into the kept one.
func (p *PeopleService) MergePersons(in people.MergeInput) (people.Person, error) {
	return p.people.MergePersons(in)
}

// SpecialRosterQuery chooses the 特殊人群花名册.
type SpecialRosterQuery struct {
	Category string `json:"category,omitempty"`
	Village  string `json:"village,omitempty"`
	Grid     string `json:"grid,omitempty"`
	// Public leaves out the confidential categories (严重精神障碍, 社区矫正,
	// 重点青少年, 留守儿童, and local ones marked so) and every minor,
	// whatever the category: a template marked public never shows them.
	Public bool `json:"public,omitempty"`
}

// SpecialRoster renders the 特殊人群花名册 (ID numbers and phones masked).
func (r *ReportService) SpecialRoster(q SpecialRosterQuery) (Document, error) {
	if q.Public && r.people.Confidential(q.Category) {
		return Document{}, problem.Conflict("confidential", "该类别人员信息依法保密，不能打印公开名册")
	}
	ps := r.people
	var rows [][]string
	type line struct {
		key string
		row []string
	}
	var lines []line
	for _, e := range ps.Store.Rows(store.IndexKind, people.KindEnrollment) {
		if !people.Active(e.Status) || (q.Category != "" && e.Category != q.Category) || (q.Grid != "" && e.Grid != q.Grid) ||
			(q.Public && r.people.Confidential(e.Category)) {
			continue
		}
		if g, ok := ps.Store.Row(e.Grid); q.Village != "" && (!ok || g.Parent != q.Village) {
			continue
		}
		d, err := ps.GetPerson(e.Parent)
		if err != nil {
			return Document{}, err
		}
		if q.Public && d.Minor {
			continue
		}
		for _, en := range d.Enrollments {
			if en.ID != e.ID {
				continue
			}
			lines = append(lines, line{en.CategoryName + d.Person.GridName + d.Person.Name + en.ID, []string{
				"", d.Person.Name, d.Person.SexName, fmt.Sprint(d.Age), d.Person.IDNumber, en.CategoryName, en.AttentionName,
				en.ControlName, d.Person.GridName, strings.Join(en.ResponsibleNames, "、"), en.Enrolled, en.StatusName,
			}})
		}
	}
	sort.Slice(lines, func(i, j int) bool { return lines[i].key < lines[j].key })
	for i, l := range lines {
		l.row[0] = fmt.Sprint(i + 1)
		rows = append(rows, l.row)
	}
	title := "特殊人群花名册"
	if q.Category != "" {
		title = r.people.Dict.Label(people.TableCategories, q.Category) + "花名册"
	}
	note := "身份证号码已作遮蔽处理。本名册为内部资料，注意保密。"
	if q.Public {
		note = "本名册为公开版本：不含严重精神障碍患者、社区矫正人员及未成年人信息；身份证号码已作遮蔽处理。"
	}
	l := pdf.Ledger{
		Title: title, Unit: "填报单位：" + r.grid.RosterUnit(gridRosterQuery(q.Village)), Period: "截至日期：" + chineseDate(r.grid.Now().Format("2006-01-02")),
		Landscape: true, Note: note, Signatures: []string{"填表人", "审核人", "分管领导", "日期"}, Seal: true, Rows: rows,
		Columns: []pdf.Column{
			{Title: "序号", Width: 10, Align: "C"}, {Title: "姓名", Width: 16, Align: "C"}, {Title: "性别", Width: 9, Align: "C"},
			{Title: "年龄", Width: 9, Align: "C"}, {Title: "身份证号码", Width: 34, Align: "C"}, {Title: "人员类别", Width: 26},
			{Title: "关注程度", Width: 14, Align: "C"}, {Title: "管控等级", Width: 14, Align: "C"}, {Title: "所属网格", Width: 28},
			{Title: "包保责任人", Width: 26}, {Title: "列管日期", Width: 20, Align: "C"}, {Title: "状态", Width: 12, Align: "C"},
		},
	}
	return renderDocument(l, title+".pdf")
}

// VisitLedger renders the 走访台账 of a period.
func (r *ReportService) VisitLedger(q people.VisitsQuery) (Document, error) {
	visits, err := r.people.Visits(q)
	if err != nil {
		return Document{}, err
	}
	l := pdf.Ledger{
		Title: "特殊人群走访帮扶台账", Unit: "填报单位：" + r.grid.RosterUnit(gridRosterQuery(q.Village)),
		Period: fmt.Sprintf("统计期间：%s至%s", chineseDate(q.From), chineseDate(q.To)), Landscape: true,
		Signatures: []string{"填表人", "审核人", "分管领导", "日期"}, Seal: true,
		Columns: []pdf.Column{
			{Title: "序号", Width: 10, Align: "C"}, {Title: "走访日期", Width: 20, Align: "C"}, {Title: "姓名", Width: 15, Align: "C"},
			{Title: "人员类别", Width: 24}, {Title: "所属网格", Width: 24}, {Title: "方式", Width: 11, Align: "C"},
			{Title: "走访人", Width: 22}, {Title: "现实表现", Width: 52}, {Title: "帮扶措施", Width: 40}, {Title: "评估", Width: 18, Align: "C"},
		},
	}
	for i, v := range visits {
		l.Rows = append(l.Rows, []string{fmt.Sprint(i + 1), v.Date, v.Name, v.CategoryName, v.GridName, v.MethodName,
			strings.Join(v.VisitorNames, "、"), v.Behaviour, v.Measures, v.Snapshot.LevelName})
	}
	if len(visits) == 0 {
		l.Note = "本期无走访记录。"
	}
	return renderDocument(l, fmt.Sprintf("走访台账-%s至%s.pdf", q.From, q.To))
}

// PersonFile renders a person's 帮扶档案: enrollments and every visit.
func (r *ReportService) PersonFile(id string) (Document, error) {
	d, err := r.people.GetPerson(id)
	if err != nil {
		return Document{}, err
	}
	p := d.Person
	var cats []string
	for _, e := range d.Enrollments {
		s := fmt.Sprintf("%s（%s起，%s", e.CategoryName, e.Enrolled, e.StatusName)
		if e.Ended != "" {
			s += "，" + e.Ended + "：" + e.EndReason
		}
		s += "；包保责任人：" + strings.Join(e.ResponsibleNames, "、") + "）"
		cats = append(cats, s)
	}
	l := pdf.Ledger{
		Title:  p.Name + "帮扶档案",
		Unit:   fmt.Sprintf("身份证号码：%s　性别：%s　年龄：%d　网格：%s", p.IDNumber, p.SexName, d.Age, p.GridName),
		Period: "打印日期：" + chineseDate(r.grid.Now().Format("2006-01-02")), Landscape: true,
		Note:       "列管情况：" + strings.Join(cats, "；") + "。本档案为内部资料，注意保密。",
		Signatures: []string{"填表人", "审核人", "日期"},
		Columns: []pdf.Column{
			{Title: "序号", Width: 10, Align: "C"}, {Title: "日期", Width: 20, Align: "C"}, {Title: "方式", Width: 12, Align: "C"},
			{Title: "走访人", Width: 26}, {Title: "现实表现", Width: 70}, {Title: "帮扶措施", Width: 50}, {Title: "当时评估", Width: 24, Align: "C"},
		},
	}
	for i := len(d.Visits) - 1; i >= 0; i-- {
		v := d.Visits[i]
		day := v.Date
		if day == "" {
			day = v.Planned + "（计划）"
		}
		l.Rows = append(l.Rows, []string{fmt.Sprint(len(l.Rows) + 1), day, v.MethodName, strings.Join(v.VisitorNames, "、"), v.Behaviour, v.Measures, v.Snapshot.LevelName})
		for j, a := range v.Photos {
			ph, err := attach.Get(r.people.Store, a.ID)
			if err != nil || ph.Missing {
				continue // not arrived by sync yet: the timeline says so
			}
			kind := "JPG"
			if ph.Mime == "image/png" {
				kind = "PNG"
			}
			l.Photos = append(l.Photos, pdf.Photo{Caption: fmt.Sprintf("%s %s 照片%d", day, v.MethodName, j+1), Data: ph.Data, Type: kind})
		}
	}
	return renderDocument(l, p.Name+"帮扶档案.pdf")
}

// renderer is any of our PDF documents: a ledger, minutes, a certificate.
type renderer interface {
	Render(ctx context.Context, w io.Writer) (pdf.Result, error)
}

// renderDocument renders a PDF document for the UI.
func renderDocument(l renderer, name string) (Document, error) {
	var buf bytes.Buffer
	res, err := l.Render(context.Background(), &buf)
	if err != nil {
		return Document{}, err
	}
	warnings := res.Replaced
	if warnings == nil {
		warnings = []string{}
	}
	return Document{FileName: name, Pages: res.Pages, Data: buf.Bytes(), Warnings: warnings}, nil
}

func gridRosterQuery(village string) grid.RosterQuery { return grid.RosterQuery{Village: village} }

// PeopleList exports the 特殊人群 list, filtered as on screen, to .xlsx.
// ID numbers are masked: a full export would bypass the reveal log.
func (r *ReportService) PeopleList(q people.PeopleQuery) (Document, error) {
	l := xlsx.List{Sheet: "特殊人群", Title: "特殊人群清单", Columns: []xlsx.Column{
		{Title: "序号", Kind: xlsx.Int, Width: 6}, {Title: "姓名", Width: 10}, {Title: "证件号码（遮蔽）", Width: 22}, {Title: "性别", Width: 6},
		{Title: "年龄", Kind: xlsx.Int, Width: 6}, {Title: "所属网格", Width: 20}, {Title: "在管类别", Width: 30}, {Title: "人员状态", Width: 10},
	}}
	q.Offset, q.Limit = 0, 1000
	for {
		page := r.people.ListPeople(q)
		for _, p := range page.Lines {
			age := ""
			if p.Age >= 0 {
				age = fmt.Sprint(p.Age)
			}
			l.Rows = append(l.Rows, []string{fmt.Sprint(len(l.Rows) + 1), p.Name, p.IDMasked, p.Sex, age, p.GridName, strings.Join(p.Categories, "、"), p.Status})
		}
		q.Offset += len(page.Lines)
		if len(page.Lines) == 0 || q.Offset >= page.Total {
			break
		}
	}
	return xlsxDocument(l, fmt.Sprintf("特殊人群清单-%s.xlsx", r.grid.Now().Format("2006-01-02")))
}

// VisitList exports the visits of a period (the 走访台账 as a sheet).
func (r *ReportService) VisitList(q people.VisitsQuery) (Document, error) {
	visits, err := r.people.Visits(q)
	if err != nil {
		return Document{}, err
	}
	l := xlsx.List{Sheet: "走访记录", Title: fmt.Sprintf("走访记录（%s至%s）", q.From, q.To), Columns: []xlsx.Column{
		{Title: "序号", Kind: xlsx.Int, Width: 6}, {Title: "走访日期", Kind: xlsx.Date, Width: 12}, {Title: "姓名", Width: 10},
		{Title: "人员类别", Width: 16}, {Title: "所属网格", Width: 18}, {Title: "走访方式", Width: 8}, {Title: "走访人", Width: 16},
		{Title: "现实表现", Width: 36}, {Title: "帮扶措施", Width: 30}, {Title: "评估", Width: 22},
	}}
	for i, v := range visits {
		l.Rows = append(l.Rows, []string{fmt.Sprint(i + 1), v.Date, v.Name, v.CategoryName, v.GridName, v.MethodName,
			strings.Join(v.VisitorNames, "、"), v.Behaviour, v.Measures, v.Snapshot.LevelName})
	}
	return xlsxDocument(l, fmt.Sprintf("走访记录-%s至%s.xlsx", q.From, q.To))
}

// BoardList exports the overdue board (逾期 and 本周到期), filtered as on screen.
func (r *ReportService) BoardList(q people.BoardQuery) (Document, error) {
	q.Limit = 1 << 30
	b := r.people.Overdue(q)
	l := xlsx.List{Sheet: "待走访", Title: "逾期及本周到期走访清单（" + b.Today + "）", Columns: []xlsx.Column{
		{Title: "序号", Kind: xlsx.Int, Width: 6}, {Title: "情况", Width: 8}, {Title: "姓名", Width: 10}, {Title: "人员类别", Width: 16},
		{Title: "所属网格", Width: 18}, {Title: "包保责任人", Width: 16}, {Title: "上次走访", Kind: xlsx.Date, Width: 12},
		{Title: "应访日期", Kind: xlsx.Date, Width: 12}, {Title: "逾期天数", Kind: xlsx.Int, Width: 8}, {Title: "说明", Width: 36},
	}}
	add := func(what string, lines []people.BoardLine) {
		for _, x := range lines {
			days := ""
			if x.OverdueDays > 0 {
				days = fmt.Sprint(x.OverdueDays)
			}
			l.Rows = append(l.Rows, []string{fmt.Sprint(len(l.Rows) + 1), what, x.Name, x.CategoryName, x.GridName,
				strings.Join(x.Responsible, "、"), x.Last, x.Next, days, x.Reason})
		}
	}
	add("逾期", b.Overdue)
	add("本周到期", b.DueThisWeek)
	return xlsxDocument(l, fmt.Sprintf("待走访清单-%s.xlsx", b.Today))
}
