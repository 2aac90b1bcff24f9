package api

import (
	"fmt"
	"sort"
	"strings"

	"zongzhi/backend/idcard"
	"zongzhi/backend/period"
	"zongzhi/backend/problem"
	"zongzhi/backend/report/pdf"
	"zongzhi/backend/volunteer"
)

// VolunteerService keeps volunteer teams, volunteers, activities with
// their hours, and 志愿服务证明.
type VolunteerService struct {
	volunteer *volunteer.Service
}

// Codes returns the code tables the volunteer forms offer.
func (s *VolunteerService) Codes() volunteer.Codes { return s.volunteer.Codes() }

// Board is what the dashboard shows of volunteering.
func (s *VolunteerService) Board() volunteer.Board { return s.volunteer.Board() }

// Teams lists the teams.
func (s *VolunteerService) Teams() []volunteer.Team { return s.volunteer.Teams() }

// SaveTeam creates or edits a team (dissolving it keeps its history).
func (s *VolunteerService) SaveTeam(t volunteer.Team) (volunteer.Team, error) {
	return s.volunteer.SaveTeam(t)
}

// Volunteers lists volunteers with their hours and star level.
func (s *VolunteerService) Volunteers(q volunteer.VolunteerQuery) []volunteer.VolunteerLine {
	return s.volunteer.Volunteers(q)
}

// VolunteerView is a volunteer's page: the record, the service, the
// certificates issued.
type VolunteerView struct {
	Volunteer    volunteer.Volunteer     `json:"volunteer"`
	Service      volunteer.Record        `json:"service"`
	Certificates []volunteer.Certificate `json:"certificates"`
}

// GetVolunteer returns a volunteer's page.
func (s *VolunteerService) GetVolunteer(id string) (VolunteerView, error) {
	rec, err := s.volunteer.ServiceRecord(id)
	if err != nil {
		return VolunteerView{}, err
	}
	// The phone shows masked, like every phone outside the reveal log; the
	// edit form sends it back masked and the stored one stays.
	rec.Volunteer.Phone = idcard.MaskPhone(rec.Volunteer.Phone)
	return VolunteerView{Volunteer: rec.Volunteer, Service: rec, Certificates: s.volunteer.Certificates(id)}, nil
}

// SaveVolunteer registers or edits a volunteer.
func (s *VolunteerService) SaveVolunteer(in volunteer.VolunteerInput) (volunteer.Volunteer, error) {
	return masked(s.volunteer.SaveVolunteer(in))
}

// SetMembership adds or ends a membership in a team.
func (s *VolunteerService) SetMembership(in volunteer.MembershipInput) (volunteer.Volunteer, error) {
	return masked(s.volunteer.SetMembership(in))
}

// masked is a volunteer as the UI may see it: the phone masked, so a
// save sent with the masked phone never answers with the full one.
func masked(v volunteer.Volunteer, err error) (volunteer.Volunteer, error) {
	v.Phone = idcard.MaskPhone(v.Phone)
	return v, err
}

// Activities lists activities with counts per status.
func (s *VolunteerService) Activities(q volunteer.ActivityQuery) volunteer.ActivityPage {
	return s.volunteer.Activities(q)
}

// ActivityView is an activity with what its page offers: the moves its
// status allows and the members whose hours it may record.
type ActivityView struct {
	Activity volunteer.Activity    `json:"activity"`
	Next     []string              `json:"next"`
	Members  []volunteer.Volunteer `json:"members"`
	Duration float64               `json:"duration"` // the activity's own hours; with its Travel, the cap on anyone's hours
}

// GetActivity returns an activity's page.
func (s *VolunteerService) GetActivity(id string) (ActivityView, error) {
	a, err := s.volunteer.GetActivity(id)
	if err != nil {
		return ActivityView{}, err
	}
	v := ActivityView{Activity: a, Next: []string{}, Members: s.volunteer.Members(a.Teams, a.Date), Duration: volunteer.Duration(a)}
	for i := range v.Members {
		v.Members[i].Phone = idcard.MaskPhone(v.Members[i].Phone)
	}
	for _, m := range volunteer.Flow.Next(a.Status) {
		v.Next = append(v.Next, m.Code)
	}
	return v, nil
}

// PlanActivity registers an activity as planned, or edits a plan.
func (s *VolunteerService) PlanActivity(in volunteer.ActivityInput) (volunteer.Activity, error) {
	return s.volunteer.Plan(in)
}

// HoldActivity records that the activity took place.
func (s *VolunteerService) HoldActivity(in volunteer.HoldInput) (volunteer.Activity, error) {
	return s.volunteer.Hold(in)
}

// SetHours records one person's hours.
func (s *VolunteerService) SetHours(in volunteer.HoursInput) (volunteer.Activity, error) {
	return s.volunteer.SetHours(in)
}

// ApproveActivity approves the hours.
func (s *VolunteerService) ApproveActivity(in volunteer.ApproveInput) (volunteer.Activity, error) {
	return s.volunteer.Approve(in)
}

// CorrectHours corrects approved hours with a reason.
func (s *VolunteerService) CorrectHours(in volunteer.CorrectInput) (volunteer.Activity, error) {
	return s.volunteer.Correct(in)
}

// ArchiveActivity files an approved activity.
func (s *VolunteerService) ArchiveActivity(in volunteer.DateInput) (volunteer.Activity, error) {
	return s.volunteer.Archive(in)
}

// CancelActivity cancels a planned activity.
func (s *VolunteerService) CancelActivity(in volunteer.DateInput) (volunteer.Activity, error) {
	return s.volunteer.Cancel(in)
}

// IssueCertificate issues a 志愿服务证明 and keeps it as issued.
func (s *VolunteerService) IssueCertificate(in volunteer.CertificateInput) (volunteer.Certificate, error) {
	return s.volunteer.IssueCertificate(in)
}

// CertificatePDF prints an issued certificate by its number, as issued.
func (s *VolunteerService) CertificatePDF(number string) (Document, error) {
	c, err := s.volunteer.Certificate(number)
	if err != nil {
		return Document{}, err
	}
	return renderDocument(CertificateLayout(c), fmt.Sprintf("志愿服务证明-%s-%s.pdf", c.Name, c.Number))
}

// CertificateLayout lays a certificate out (民政部令第67号: who, when, what,
// how long; the issuer, its responsible person and the handler).
func CertificateLayout(c volunteer.Certificate) pdf.Certificate {
	span := ""
	switch {
	case c.From != "" && c.To != "":
		span = fmt.Sprintf("于%s至%s期间", chineseDate(c.From), chineseDate(c.To))
	case c.From != "":
		span = fmt.Sprintf("自%s以来", chineseDate(c.From))
	case c.To != "":
		span = fmt.Sprintf("截至%s", chineseDate(c.To))
	}
	out := pdf.Certificate{Title: "志愿服务证明", Number: c.Number,
		Body: []string{fmt.Sprintf("兹证明%s（公民身份号码：%s）%s参加志愿服务活动%d次，累计志愿服务时长%s小时。具体如下：",
			c.Name, c.IDMasked, span, len(c.Lines), hoursText(c.Hours))},
		Closing: "以上志愿服务信息经本单位记录并核实，特此证明。", Issuer: c.Organisation,
		Contact: fmt.Sprintf("负责人：%s　经办人：%s", c.Responsible, c.Handler), Date: chineseDate(c.Issued)}
	if c.Contact != "" {
		out.Contact += "　联系电话：" + c.Contact
	}
	const shown = 15
	for i, l := range c.Lines {
		if i == shown {
			rest := 0.0
			for _, r := range c.Lines[shown:] {
				rest += r.Hours
			}
			out.Rows = append(out.Rows, pdf.Field{Label: "其余", Value: fmt.Sprintf("另有%d次活动，共%s小时（明细见志愿服务记录）", len(c.Lines)-shown, hoursText(rest))})
			break
		}
		out.Rows = append(out.Rows, pdf.Field{Label: chineseDate(l.Date), Value: fmt.Sprintf("%s（%s）%s小时", l.Title, l.Team, hoursText(l.Hours))})
	}
	return out
}

func hoursText(h float64) string { return strings.TrimSuffix(fmt.Sprintf("%.1f", h), ".0") }

// SignInPDF prints an activity's 签到表: each member expected, blank rows,
// 签到/签退 columns, for the paper at the site without a network.
func (s *VolunteerService) SignInPDF(id string) (Document, error) {
	a, err := s.volunteer.GetActivity(id)
	if err != nil {
		return Document{}, err
	}
	l := pdf.Ledger{Title: "志愿服务活动签到表", Unit: fmt.Sprintf("活动：%s（%s）", a.Title, a.Number),
		Period: fmt.Sprintf("时间：%s %s—%s　地点：%s", chineseDate(a.Date), a.Start, a.End, a.Place),
		Columns: []pdf.Column{{Title: "序号", Width: 12, Align: "C"}, {Title: "姓名", Width: 30}, {Title: "所在队伍", Width: 44},
			{Title: "签到时间", Width: 24, Align: "C"}, {Title: "签退时间", Width: 24, Align: "C"}, {Title: "本人签名", Width: 46}},
		Signatures: []string{"记录人", "组织者"}}
	n := 0
	for _, m := range s.volunteer.Members(a.Teams, a.Date) {
		n++
		l.Rows = append(l.Rows, []string{fmt.Sprint(n), m.Name, teamsOf(m, a.Teams), "", "", ""})
	}
	for i := 0; i < 8; i++ {
		n++
		l.Rows = append(l.Rows, []string{fmt.Sprint(n), "", "", "", "", ""})
	}
	l.Note = fmt.Sprintf("服务时长按签到、签退时间计，以0.5小时为单位，不超过活动时长%s小时", hoursText(volunteer.Duration(a)+a.Travel))
	return renderDocument(l, fmt.Sprintf("签到表-%s-%s.pdf", a.Title, a.Date))
}

// teamsOf names the teams of ids v serves in now.
func teamsOf(v volunteer.Volunteer, ids []string) string {
	var names []string
	for _, m := range v.Memberships {
		for _, id := range ids {
			if m.Team == id && m.Left == "" {
				names = append(names, m.TeamName)
			}
		}
	}
	return strings.Join(names, "、")
}

// RosterQuery selects the 志愿者花名册: one team or all.
type RosterQuery struct {
	Team string `json:"team,omitempty"`
}

// RosterPDF prints the 志愿者花名册 (ID numbers and phones masked).
func (s *VolunteerService) RosterPDF(q RosterQuery) (Document, error) {
	title, unit := "志愿者花名册", "全部志愿服务队"
	for _, t := range s.volunteer.Teams() {
		if t.ID == q.Team {
			unit = t.Name
		}
	}
	l := pdf.Ledger{Title: title, Unit: "队伍：" + unit, Period: "", Landscape: true, Signatures: []string{"填表人", "审核人", "日期"},
		Columns: []pdf.Column{{Title: "序号", Width: 12, Align: "C"}, {Title: "姓名", Width: 24}, {Title: "公民身份号码", Width: 44, Align: "C"},
			{Title: "联系电话", Width: 30, Align: "C"}, {Title: "所在队伍", Width: 56}, {Title: "技能特长", Width: 46}, {Title: "累计时长（小时）", Width: 30, Align: "C"},
			{Title: "星级", Width: 20, Align: "C"}}}
	for i, v := range s.volunteer.Volunteers(volunteer.VolunteerQuery{Team: q.Team}) {
		l.Rows = append(l.Rows, []string{fmt.Sprint(i + 1), v.Name, v.IDMasked, v.Phone, v.Teams, v.Skills, hoursText(v.Hours), starText(v.Star)})
	}
	if len(l.Rows) == 0 {
		l.Note = "暂无志愿者。"
	}
	return renderDocument(l, title+"-"+unit+".pdf")
}

func starText(n int) string {
	if n == 0 {
		return "—"
	}
	return volunteer.Stars[n-1].Label
}

// PeriodQuery selects a period (2026, 2026-Q1, 2026-03) and a team.
type PeriodQuery struct {
	Period string `json:"period"`
	Team   string `json:"team,omitempty"`
}

func periodOf(key string) (period.Span, error) {
	p, err := period.Parse(key)
	if err != nil {
		var f problem.Fields
		f.Add("period", "format", err.Error())
		return p, f.Err()
	}
	return p, nil
}

// ActivityLedgerPDF prints the 志愿服务活动台账 of a period.
func (s *VolunteerService) ActivityLedgerPDF(q PeriodQuery) (Document, error) {
	p, err := periodOf(q.Period)
	if err != nil {
		return Document{}, err
	}
	l := pdf.Ledger{Title: "志愿服务活动台账", Unit: "填报单位：", Period: "统计期间：" + p.Label, Landscape: true,
		Signatures: []string{"填表人", "审核人", "分管领导", "日期"},
		Columns: []pdf.Column{{Title: "序号", Width: 12, Align: "C"}, {Title: "编号\n日期", Width: 40, Align: "C"}, {Title: "活动名称", Width: 56},
			{Title: "志愿服务队", Width: 56}, {Title: "参与人数", Width: 22, Align: "C"}, {Title: "服务时长（小时）", Width: 30, Align: "C"},
			{Title: "状态", Width: 30, Align: "C"}}}
	page := s.volunteer.Activities(volunteer.ActivityQuery{From: p.From, To: p.To, Team: q.Team, Limit: 1 << 30})
	for i := len(page.Lines) - 1; i >= 0; i-- { // oldest first on paper
		a := page.Lines[i]
		l.Rows = append(l.Rows, []string{fmt.Sprint(len(page.Lines) - i), a.Number + "\n" + a.Date, a.Title, a.Teams, fmt.Sprint(a.People),
			hoursText(a.Hours), volunteer.Flow.Label(a.Status)})
	}
	if len(l.Rows) == 0 {
		l.Note = "本期无志愿服务活动。"
	}
	return renderDocument(l, "志愿服务活动台账-"+p.Label+".pdf")
}

// HoursTablePDF prints the 志愿服务时长统计表 of a period: each person's
// approved hours in it, by team, with the total to date and the star.
func (s *VolunteerService) HoursTablePDF(q PeriodQuery) (Document, error) {
	p, err := periodOf(q.Period)
	if err != nil {
		return Document{}, err
	}
	totals, _ := s.volunteer.Totals()
	type key struct{ team, volunteer string }
	inPeriod, times := map[key]float64{}, map[key]int{}
	names, teamNames := map[string]string{}, map[string]string{}
	page := s.volunteer.Activities(volunteer.ActivityQuery{From: p.From, To: p.To, Team: q.Team, Limit: 1 << 30})
	for _, line := range page.Lines {
		if line.Status != volunteer.StatusApproved && line.Status != volunteer.StatusArchived {
			continue
		}
		a, err := s.volunteer.GetActivity(line.ID)
		if err != nil {
			return Document{}, err
		}
		hours := volunteer.HoursOf(a)
		for _, h := range a.Hours {
			team := strings.Join(a.TeamNames, "、")
			k := key{team, h.Volunteer}
			inPeriod[k] += hours[h.Volunteer]
			times[k]++
			names[h.Volunteer], teamNames[team] = h.Name, team
		}
	}
	var keys []key
	for k := range inPeriod {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].team != keys[j].team {
			return keys[i].team < keys[j].team
		}
		return names[keys[i].volunteer] < names[keys[j].volunteer]
	})
	l := pdf.Ledger{Title: "志愿服务时长统计表", Unit: "填报单位：", Period: "统计期间：" + p.Label,
		Signatures: []string{"填表人", "审核人", "日期"},
		Columns: []pdf.Column{{Title: "序号", Width: 12, Align: "C"}, {Title: "志愿服务队", Width: 48}, {Title: "姓名", Width: 24},
			{Title: "活动次数", Width: 18, Align: "C"}, {Title: "本期时长（小时）", Width: 26, Align: "C"}, {Title: "累计时长（小时）", Width: 26, Align: "C"},
			{Title: "星级", Width: 16, Align: "C"}}}
	sum := 0.0
	for i, k := range keys {
		sum += inPeriod[k]
		l.Rows = append(l.Rows, []string{fmt.Sprint(i + 1), k.team, names[k.volunteer], fmt.Sprint(times[k]), hoursText(inPeriod[k]),
			hoursText(totals[k.volunteer]), starText(volunteer.StarOf(totals[k.volunteer]))})
	}
	l.Note = fmt.Sprintf("本期经审核的志愿服务时长合计%s小时。", hoursText(sum))
	return renderDocument(l, "志愿服务时长统计表-"+p.Label+".pdf")
}
