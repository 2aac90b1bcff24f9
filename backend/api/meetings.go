package api

import (
	"fmt"
	"strings"
	"time"

	"zongzhi/backend/attach"
	"zongzhi/backend/ledger"
	"zongzhi/backend/meeting"
	"zongzhi/backend/period"
	"zongzhi/backend/problem"
	"zongzhi/backend/report/pdf"
)

// MeetingService keeps meetings and their minutes (会议纪要).
type MeetingService struct {
	meeting *meeting.Service
	ledger  *ledger.Service
}

// Codes returns the code tables the meeting forms offer.
func (s *MeetingService) Codes() meeting.Codes { return s.meeting.Codes() }

// Bodies lists the bodies that meet.
func (s *MeetingService) Bodies() []meeting.Body { return s.meeting.Bodies() }

// SaveBody creates or edits a body that meets.
func (s *MeetingService) SaveBody(b meeting.Body) (meeting.Body, error) { return s.meeting.SaveBody(b) }

// List lists meetings with counts per status.
func (s *MeetingService) List(q meeting.Query) meeting.Page { return s.meeting.List(q) }

// Get returns a meeting with its quorum and the live status of its decisions.
func (s *MeetingService) Get(id string) (meeting.View, error) { return s.meeting.Get(id) }

// GetVersion returns a signed version as it was signed.
func (s *MeetingService) GetVersion(q meeting.VersionQuery) (meeting.Meeting, error) {
	return s.meeting.GetVersion(q)
}

// Create registers a draft meeting of a body.
func (s *MeetingService) Create(h meeting.Header) (meeting.Meeting, error) {
	return s.meeting.Create(h)
}

// Save edits a draft's header and minutes text.
func (s *MeetingService) Save(h meeting.Header) (meeting.Meeting, error) { return s.meeting.Save(h) }

// SetAttendance marks one person or unit 出席, 列席, 请假 or 缺席.
func (s *MeetingService) SetAttendance(in meeting.AttendanceInput) (meeting.Meeting, error) {
	return s.meeting.SetAttendance(in)
}

// SaveItem saves an agenda item.
func (s *MeetingService) SaveItem(in meeting.ItemInput) (meeting.Meeting, error) {
	return s.meeting.SaveItem(in)
}

// RemoveItem takes an agenda item out of a draft.
func (s *MeetingService) RemoveItem(in meeting.RemoveInput) (meeting.Meeting, error) {
	return s.meeting.RemoveItem(in)
}

// SaveDecision saves a 议定事项.
func (s *MeetingService) SaveDecision(in meeting.DecisionInput) (meeting.Meeting, error) {
	return s.meeting.SaveDecision(in)
}

// RemoveDecision takes a decision out of a draft.
func (s *MeetingService) RemoveDecision(in meeting.RemoveInput) (meeting.Meeting, error) {
	return s.meeting.RemoveDecision(in)
}

// SaveReport records the 落实情况 of a previous decision.
func (s *MeetingService) SaveReport(in meeting.ReportInput) (meeting.Meeting, error) {
	return s.meeting.SaveReport(in)
}

// Sign signs the minutes (签发).
func (s *MeetingService) Sign(in meeting.SignInput) (meeting.Meeting, error) {
	return s.meeting.Sign(in)
}

// Revise opens signed minutes for a correction (a new version).
func (s *MeetingService) Revise(in meeting.ReviseInput) (meeting.Meeting, error) {
	return s.meeting.Revise(in)
}

// Archive files signed minutes.
func (s *MeetingService) Archive(in meeting.ArchiveInput) (meeting.Meeting, error) {
	return s.meeting.Archive(in)
}

// Board is what the dashboard shows of meetings.
func (s *MeetingService) Board() meeting.Board { return s.meeting.Board() }

// AddPhotos stores photos of a meeting (the scene, the signed sign-in sheet).
func (s *MeetingService) AddPhotos(in meeting.PhotoInput) ([]attach.Attachment, error) {
	return s.meeting.AddPhotos(in)
}

// MinutesPDF renders the 会议纪要 (GB/T 9704 §10.3): the signed version,
// or a draft marked as one.
func (s *MeetingService) MinutesPDF(id string) (Document, error) {
	v, err := s.meeting.Get(id)
	if err != nil {
		return Document{}, err
	}
	return renderDocument(MinutesLayout(v), fmt.Sprintf("%s纪要-%s.pdf", v.Title, v.Date))
}

// MinutesLayout lays a meeting out as its printed minutes.
func MinutesLayout(v meeting.View) pdf.Minutes {
	m := v.Meeting
	title := strings.TrimSuffix(m.Title, "纪要") + "纪要"
	if m.Status == meeting.StatusDraft {
		title += "（草稿）"
	}
	when := chineseDate(m.Date) + weekday(m.Date)
	if m.Start != "" {
		when += clock(m.Start)
	}
	host := m.HostName
	if m.HostPost != "" {
		host += "（" + m.HostPost + "）"
	}
	names := func(role string) string {
		var out []string
		for _, a := range m.Attendance {
			if a.Role != role {
				continue
			}
			n := a.Name
			if role == meeting.RoleLeave && a.Reason != "" {
				n += "（" + a.Reason + "）"
			}
			out = append(out, n)
		}
		return strings.Join(out, "、")
	}
	fields := []pdf.Field{{Label: "时间", Value: when}, {Label: "地点", Value: m.Place}, {Label: "主持人", Value: host},
		{Label: "出席人员", Value: names(meeting.RolePresent)}}
	for _, f := range []pdf.Field{{Label: "列席人员", Value: names(meeting.RoleGuest)}, {Label: "请假人员", Value: names(meeting.RoleLeave)},
		{Label: "缺席人员", Value: names(meeting.RoleAbsent)}} {
		if f.Value != "" {
			fields = append(fields, f)
		}
	}
	fields = append(fields, pdf.Field{Label: "参会人数", Value: v.Quorum.Text}, pdf.Field{Label: "记录人", Value: m.RecorderName})
	var sections []pdf.Section
	if len(m.Reports) > 0 {
		var ps []string
		for i, r := range m.Reports {
			line := fmt.Sprintf("%s、%s", chineseNumber(i+1), r.Text)
			if i < len(v.Reported) && v.Reported[i].StatusName != "" {
				line += fmt.Sprintf("（%s，%s）", v.Reported[i].Number, v.Reported[i].StatusName)
			}
			if r.Progress != "" {
				line += "落实情况：" + r.Progress
			}
			ps = append(ps, line)
		}
		sections = append(sections, pdf.Section{Heading: "上次议定事项落实情况", Paragraphs: ps})
	}
	if text := strings.TrimSpace(m.Minutes); text != "" {
		var ps []string
		for _, p := range strings.Split(text, "\n") {
			if p = strings.TrimSpace(p); p != "" {
				ps = append(ps, p)
			}
		}
		sections = append(sections, pdf.Section{Heading: "会议内容", Paragraphs: ps})
	}
	if len(m.Items) > 0 {
		var ps []string
		for i, it := range m.Items {
			line := fmt.Sprintf("%s、%s", chineseNumber(i+1), it.Topic)
			if it.Reporter != "" {
				line += "（" + it.Reporter + "汇报）"
			}
			line += "。"
			if it.Discussion != "" {
				line += it.Discussion
			}
			if it.Voted {
				line += fmt.Sprintf("表决结果：同意%d票，反对%d票，弃权%d票，%s。", it.For, it.Against, it.Abstain, it.ResultName)
			}
			ps = append(ps, line)
		}
		sections = append(sections, pdf.Section{Heading: "会议议题", Paragraphs: ps})
	}
	if len(m.Decisions) > 0 {
		var ps []string
		for i, d := range m.Decisions {
			line := fmt.Sprintf("%s、%s", chineseNumber(i+1), strings.TrimSuffix(d.Text, "。"))
			var who []string
			if d.UnitName != "" {
				who = append(who, "责任单位："+d.UnitName)
			}
			if d.ResponsibleName != "" {
				who = append(who, "责任人："+d.ResponsibleName)
			}
			if d.Deadline != "" {
				who = append(who, "完成时限："+chineseDate(d.Deadline))
			}
			if len(who) > 0 {
				line += "（" + strings.Join(who, "，") + "）"
			}
			ps = append(ps, line+"。")
		}
		sections = append(sections, pdf.Section{Heading: "会议议定事项", Paragraphs: ps})
	}
	signed := m.Signed
	if signed == "" {
		signed = m.Date
	}
	out := pdf.Minutes{Title: title, Sequence: v.SeqText, Issuer: m.Issuer, Date: chineseDate(signed), Fields: fields, Sections: sections,
		CopyTo: m.CopyTo, PrintedBy: m.Issuer}
	if m.Signed != "" {
		out.PrintedOn = chineseDate(m.Signed) + "印发"
	}
	return out
}

// NoticePDF renders the 会议通知 to the attendees.
func (s *MeetingService) NoticePDF(id string) (Document, error) {
	v, err := s.meeting.Get(id)
	if err != nil {
		return Document{}, err
	}
	m := v.Meeting
	var to []string
	for _, a := range m.Attendance {
		if a.Role != meeting.RoleGuest || a.Member {
			to = append(to, a.Name)
		}
	}
	when := chineseDate(m.Date) + weekday(m.Date)
	if m.Start != "" {
		when += clock(m.Start)
	}
	rows := []pdf.Field{{Label: "会议名称", Value: m.Title}, {Label: "时间", Value: when}, {Label: "地点", Value: blank(m.Place)},
		{Label: "主持人", Value: blank(m.HostName)}}
	var topics []string
	for i, it := range m.Items {
		topics = append(topics, fmt.Sprintf("%d. %s", i+1, it.Topic))
	}
	if len(topics) > 0 {
		rows = append(rows, pdf.Field{Label: "会议议题", Value: strings.Join(topics, "\n")})
	}
	rows = append(rows, pdf.Field{Label: "参会人员", Value: blank(strings.Join(to, "、"))})
	c := pdf.Certificate{Title: "会议通知", Number: m.Number, Salutation: "各参会人员（单位）：",
		Body: []string{fmt.Sprintf("经研究，定于%s召开%s，现将有关事项通知如下：", when, m.Title)}, Rows: rows,
		Closing: "请准时参加，不能参会的请提前向会议组织人请假。", Issuer: blank(m.Issuer), Date: chineseDate(s.ledger.Now().Format("2006-01-02"))}
	return renderDocument(c, fmt.Sprintf("会议通知-%s-%s.pdf", m.Title, m.Date))
}

// SignInPDF renders the 签到表 for the paper at the door: each member and
// guest with a blank 签名 column, and blank rows for those who come unasked.
func (s *MeetingService) SignInPDF(id string) (Document, error) {
	v, err := s.meeting.Get(id)
	if err != nil {
		return Document{}, err
	}
	m := v.Meeting
	l := pdf.Ledger{Title: m.Title + "签到表", Unit: "地点：" + m.Place, Period: "时间：" + chineseDate(m.Date) + clock(m.Start),
		Columns: []pdf.Column{{Title: "序号", Width: 14, Align: "C"}, {Title: "姓名（单位）", Width: 48}, {Title: "单位/职务", Width: 48},
			{Title: "签名", Width: 40}, {Title: "备注", Width: 30}}}
	n := 0
	for _, a := range m.Attendance {
		n++
		note := ""
		if !a.Member {
			note = "列席"
		}
		l.Rows = append(l.Rows, []string{fmt.Sprint(n), a.Name, a.Unit, "", note})
	}
	for i := 0; i < 5; i++ {
		n++
		l.Rows = append(l.Rows, []string{fmt.Sprint(n), "", "", "", ""})
	}
	l.Note = fmt.Sprintf("应到%d人", v.Quorum.Expected) // who came is what the sheet records
	return renderDocument(l, fmt.Sprintf("签到表-%s-%s.pdf", m.Title, m.Date))
}

// DecisionQuery selects the decisions the 督办台账 prints: meetings held in
// a period (2026, 2026-Q1, 2026-03; "" = all), of a body.
type DecisionQuery struct {
	Period string `json:"period,omitempty"`
	Body   string `json:"body,omitempty"`
}

// DecisionLedgerPDF renders the 议定事项督办台账: every decision of the
// period's signed meetings with its unit, deadline and the live status
// of its item (逾期 shown), A4 landscape.
func (s *MeetingService) DecisionLedgerPDF(q DecisionQuery) (Document, error) {
	from, to, label := "", "", "全部"
	if q.Period != "" {
		p, err := period.Parse(q.Period)
		if err != nil {
			var f problem.Fields
			f.Add("period", "format", err.Error())
			return Document{}, f.Err()
		}
		from, to, label = p.From, p.To, p.Label
	}
	l := pdf.Ledger{Title: "会议议定事项督办台账", Unit: "填报单位：", Period: "统计期间：" + label, Landscape: true,
		Signatures: []string{"填表人", "审核人", "分管领导", "日期"},
		Columns: []pdf.Column{{Title: "序号", Width: 10, Align: "C"}, {Title: "会议\n日期", Width: 50}, {Title: "议定事项", Width: 80},
			{Title: "责任单位\n责任人", Width: 34, Align: "C"}, {Title: "完成时限", Width: 24, Align: "C"}, {Title: "督办编号", Width: 42, Align: "C"},
			{Title: "落实状态", Width: 26, Align: "C"}}}
	n := 0
	for _, line := range s.meeting.List(meeting.Query{Body: q.Body, Limit: 1 << 30}).Lines {
		if line.Seq == 0 || (from != "" && (line.Date < from || line.Date > to)) {
			continue
		}
		v, err := s.meeting.Get(line.ID)
		if err != nil {
			return Document{}, err
		}
		if l.Unit == "填报单位：" {
			l.Unit += v.Issuer
		}
		for i, d := range v.Decisions {
			n++
			t := v.Tracked[i]
			status := t.StatusName
			if t.Overdue {
				status += "\n逾期"
			}
			l.Rows = append(l.Rows, []string{fmt.Sprint(n), v.Title + SeqSuffix(v) + "\n" + v.Date, d.Text,
				strings.TrimSpace(d.UnitName + "\n" + d.ResponsibleName), d.Deadline, t.Number, status})
		}
	}
	if n == 0 {
		l.Note = "本期无议定事项。"
	}
	return renderDocument(l, "会议议定事项督办台账-"+label+".pdf")
}

// SeqSuffix is " 〔2026〕第3期" of signed minutes, "" before.
func SeqSuffix(v meeting.View) string {
	if v.SeqText == "" {
		return ""
	}
	return " " + v.SeqText
}

var weekdays = []string{"日", "一", "二", "三", "四", "五", "六"}

// weekday is "（星期四）" of a date.
func weekday(d string) string {
	t, err := time.Parse("2006-01-02", d)
	if err != nil {
		return ""
	}
	return "（星期" + weekdays[t.Weekday()] + "）"
}

// clock writes 14:30 as 下午2:30, as minutes do.
func clock(hm string) string {
	var h, m int
	if _, err := fmt.Sscanf(hm, "%d:%d", &h, &m); err != nil {
		return ""
	}
	switch {
	case h < 12:
		return fmt.Sprintf("上午%d:%02d", h, m)
	case h == 12:
		return fmt.Sprintf("中午%d:%02d", h, m)
	}
	return fmt.Sprintf("下午%d:%02d", h-12, m)
}

var digits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}

// chineseNumber writes 1–99 as 一 … 九十九, for numbered paragraphs.
func chineseNumber(n int) string {
	switch {
	case n <= 10:
		return digits[n]
	case n < 20:
		return "十" + digits[n-10]
	case n%10 == 0:
		return digits[n/10] + "十"
	}
	return digits[n/10] + "十" + digits[n%10]
}
