package meeting

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"zongzhi/backend/caseflow"
	"zongzhi/backend/dict"
	"zongzhi/backend/grid"
	"zongzhi/backend/ledger"
	"zongzhi/backend/problem"
	"zongzhi/backend/service"
	"zongzhi/backend/store"
)

// Problem codes the UI keys its messages on.
const (
	// ErrLocked: signed or archived minutes cannot be edited; a
	// correction opens a new version.
	ErrLocked = "meeting_locked"
)

// Numbers is the meeting number pattern: HY-2026-K7QM-0001.
var Numbers = caseflow.Numbers{Prefix: "HY"}

// Service is the meetings area's domain logic over a store.
type Service struct {
	service.Base
	Dict   *dict.Dict
	Ledger *ledger.Service // 议定事项 become its items

	numbers *caseflow.Issuer
}

// New returns the service; it registers the meeting tables in d.
func New(st *store.Store, d *dict.Dict, l *ledger.Service) *Service {
	RegisterTables(d)
	return &Service{Base: service.New(st), Dict: d, Ledger: l, numbers: caseflow.NewIssuer(st, Kind, Numbers)}
}

// Codes returns the code tables, the editable ones as the office has them.
func (s *Service) Codes() Codes {
	return Codes{Types: s.Dict.Options(TableTypes), Roles: Roles, Rules: Rules, Results: Results, Frequencies: Frequencies,
		Statuses: Flow.StateCodes(), PhotoRoles: PhotoRoles}
}

var reTime = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

// SaveBody creates or edits a body that meets.
func (s *Service) SaveBody(b Body) (Body, error) {
	service.Trim(&b.Name, &b.Note)
	var f problem.Fields
	f.Required("name", "名称", b.Name)
	b.TypeName = s.Dict.Check(&f, "type", "会议类型", TableTypes, b.Type, "", true)
	if b.Rule == "" {
		b.Rule = RuleNone
	}
	b.RuleName = dict.Fixed(&f, "rule", "表决规则", Rules, b.Rule, true)
	dict.Fixed(&f, "frequency", "会议频次", Frequencies, b.Frequency, false)
	seen := map[string]bool{}
	for i := range b.Members {
		m := &b.Members[i]
		service.Trim(&m.Name, &m.Unit)
		field := fmt.Sprintf("members.%d", i)
		if m.Staff != "" {
			_, m.Name = grid.StaffOrName(s.Store, &f, field+".name", "成员", m.Staff, m.Name)
		}
		if m.Name == "" {
			f.Add(field+".name", "required", fmt.Sprintf("第%d名成员的姓名（单位）不能为空", i+1))
		}
		if m.Key == "" {
			m.Key = m.Staff
		}
		if m.Key == "" {
			m.Key = store.NewID()
		}
		if seen[m.Key] {
			f.Add(field+".name", "duplicate", fmt.Sprintf("“%s”重复列入成员", m.Name))
		}
		seen[m.Key] = true
	}
	if b.Members == nil {
		b.Members = []Member{}
	}
	if err := f.Err(); err != nil {
		return b, err
	}
	if b.ID == "" {
		b.ID, b.Active = store.NewID(), true
	}
	return b, s.Update(func(tx *store.Txn) error { return tx.Put(KindBody, b.ID, b) })
}

// Bodies lists the bodies, by name.
func (s *Service) Bodies() []Body {
	out := []Body{}
	for _, r := range s.Store.Rows(store.IndexKind, KindBody) {
		var b Body
		if s.Read(KindBody, r.ID, "会议机构", &b) == nil {
			out = append(out, b)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Header is what a meeting's header says: created with a body, edited
// while a draft.
type Header struct {
	ID           string `json:"id,omitempty"`
	Body         string `json:"body"`
	Title        string `json:"title"`
	Date         string `json:"date"`
	Start        string `json:"start"`
	End          string `json:"end"`
	Place        string `json:"place"`
	Host         string `json:"host"`
	HostName     string `json:"hostName"`
	HostPost     string `json:"hostPost"`
	Recorder     string `json:"recorder"`
	RecorderName string `json:"recorderName"`
	Issuer       string `json:"issuer"`
	CopyTo       string `json:"copyTo"`
	Minutes      string `json:"minutes"`
}

// header checks a header and copies it into m.
func (s *Service) header(f *problem.Fields, m *Meeting, in Header) {
	service.Trim(&in.Title, &in.Date, &in.Start, &in.End, &in.Place, &in.HostPost, &in.Issuer, &in.CopyTo)
	f.Required("title", "会议名称", in.Title)
	if utf8.RuneCountInString(in.Title) > 60 {
		f.Add("title", "too_long", "会议名称最多60个字")
	}
	f.Date("date", "会议日期", in.Date, true)
	for _, t := range []struct{ field, name, v string }{{"start", "开始时间", in.Start}, {"end", "结束时间", in.End}} {
		if t.v != "" && !reTime.MatchString(t.v) {
			f.Add(t.field, "format", fmt.Sprintf("%s“%s”应为 时:分，如 14:30", t.name, t.v))
		}
	}
	if in.Start != "" && in.End != "" && in.End <= in.Start && !f.Has("start") && !f.Has("end") {
		f.Add("end", "order", "结束时间应晚于开始时间")
	}
	m.Title, m.Date, m.Start, m.End, m.Place = in.Title, in.Date, in.Start, in.End, in.Place
	m.Host, m.HostName = grid.StaffOrName(s.Store, f, "host", "主持人", in.Host, in.HostName)
	m.Recorder, m.RecorderName = grid.StaffOrName(s.Store, f, "recorder", "记录人", in.Recorder, in.RecorderName)
	m.HostPost, m.Issuer, m.CopyTo, m.Minutes = in.HostPost, in.Issuer, in.CopyTo, in.Minutes
}

// Create registers a draft meeting of a body: its members fill the
// attendance (出席 until marked otherwise), and the open decisions of
// the body's last signed meeting wait for their 落实情况.
func (s *Service) Create(in Header) (Meeting, error) {
	var f problem.Fields
	var b Body
	if in.Body == "" {
		f.Add("body", "required", "请选择会议机构")
	} else if err := s.Read(KindBody, in.Body, "会议机构", &b); err != nil {
		f.Add("body", "unknown", "会议机构不存在或已删除")
	}
	m := Meeting{ID: store.NewID(), Body: b.ID, BodyName: b.Name, Type: b.Type, TypeName: b.TypeName, Rule: b.Rule, Version: 1}
	s.header(&f, &m, in)
	if err := f.Err(); err != nil {
		return m, err
	}
	for _, mb := range b.Members {
		m.Attendance = append(m.Attendance, Attendee{Key: mb.Key, Name: mb.Name, Unit: mb.Unit, IsUnit: mb.IsUnit, Member: true,
			Role: RolePresent, RoleName: dict.Name(Roles, RolePresent)})
	}
	m.Reports = s.openDecisions(m)
	err := s.Update(func(tx *store.Txn) error {
		m.Number = s.numbers.Issue(tx, m.Date[:4], nil)
		cases.Begin(&m, &s.Base, Flow.MustMove(MoveCreate), caseflow.Step{Date: m.Date, Note: "登记会议"})
		return cases.PutNew(tx, m.ID, &m)
	})
	return m, err
}

// openDecisions are the decisions of the body's signed meetings held up
// to m's day whose items are still open: the next meeting hears how
// each is carried out (上次议定事项落实情况).
func (s *Service) openDecisions(m Meeting) []Report {
	var out []Report
	for _, r := range s.Store.Rows(store.IndexParent, Kind, m.Body) {
		if r.ID == m.ID || r.Tag == "0" || r.Start > m.Date {
			continue // itself, never signed, or later
		}
		p, err := cases.Get(s.Store, r.ID)
		if err != nil {
			continue
		}
		for _, d := range p.Decisions {
			if row, found := s.Store.Row(d.Ledger); found && !ledger.Open(row.Status) {
				continue // done, cancelled or rejected: nothing to report
			}
			out = append(out, Report{ID: d.ID, Meeting: p.ID, Text: d.Text, Ledger: d.Ledger})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Meeting+out[i].ID < out[j].Meeting+out[j].ID })
	return out
}

// draft changes a draft meeting inside one save; signed minutes are
// locked.
func (s *Service) draft(id string, fn func(tx *store.Txn, m *Meeting, f *problem.Fields) error) (Meeting, error) {
	return cases.Change(&s.Base, id, func(tx *store.Txn, m *Meeting) error {
		if m.Status != StatusDraft {
			return problem.Conflict(ErrLocked, fmt.Sprintf("会议%s的纪要%s，不能再修改；如需更正，请点“更正（新版本）”", m.Number, m.StatusName))
		}
		var f problem.Fields
		if err := fn(tx, m, &f); err != nil {
			return err
		}
		return f.Err()
	})
}

// Save edits a draft's header and minutes text.
func (s *Service) Save(in Header) (Meeting, error) {
	return s.draft(in.ID, func(_ *store.Txn, m *Meeting, f *problem.Fields) error {
		s.header(f, m, in)
		return nil
	})
}

// AttendanceInput sets one line of the attendance; Key "" adds a guest
// (列席) who is not a member.
type AttendanceInput struct {
	Meeting string `json:"meeting"`
	Key     string `json:"key"`
	Name    string `json:"name"`
	Unit    string `json:"unit"`
	Role    string `json:"role"`
	Reason  string `json:"reason"`
}

// SetAttendance marks one person or unit 出席, 列席, 请假 (with a reason)
// or 缺席. Someone who is not a member of the body is 列席, never 出席.
func (s *Service) SetAttendance(in AttendanceInput) (Meeting, error) {
	service.Trim(&in.Name, &in.Unit, &in.Reason)
	return s.draft(in.Meeting, func(tx *store.Txn, m *Meeting, f *problem.Fields) error {
		a := Attendee{Key: in.Key, Name: in.Name, Unit: in.Unit}
		for _, x := range m.Attendance {
			if x.Key == in.Key && in.Key != "" {
				a = x
			}
		}
		if in.Key == "" {
			a.Key = store.NewID()
			f.Required("name", "列席人员姓名（单位）", in.Name)
		} else if a.Name == "" {
			return problem.NotFound("参会人员", in.Key)
		}
		a.RoleName = dict.Fixed(f, "role", "参会情况", Roles, in.Role, true)
		a.Role, a.Reason = in.Role, ""
		switch {
		case !a.Member && (in.Role == RolePresent || in.Role == RoleLeave || in.Role == RoleAbsent):
			f.Add("role", "not_member", fmt.Sprintf("“%s”不是%s的成员，不计入应到人数：请标为列席", a.Name, m.BodyName))
		case a.Member && in.Role == RoleGuest:
			f.Add("role", "member", fmt.Sprintf("“%s”是%s的成员：请标为出席、请假或缺席", a.Name, m.BodyName))
		case in.Role == RoleLeave:
			f.Required("reason", "请假事由", in.Reason)
			a.Reason = in.Reason
		}
		if f.Err() != nil {
			return nil
		}
		if err := setEntry(tx, m, "att:"+a.Key, a); err != nil {
			return err
		}
		return s.redecide(tx, m)
	})
}

// redecide recomputes the voted items' results after the attendance
// changed: a result always follows who is present now.
func (s *Service) redecide(tx *store.Txn, m *Meeting) error {
	q := Count(m.Rule, m.Attendance)
	for _, it := range m.Items {
		if r := Decide(m.Rule, q, it); r != it.Result {
			it.Result, it.ResultName = r, dict.Name(Results, r)
			if err := setEntry(tx, m, "item:"+it.ID, it); err != nil {
				return err
			}
		}
	}
	return nil
}

// setEntry writes one entry field of a meeting in tx (the others stay).
func setEntry(tx *store.Txn, m *Meeting, field string, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if err := tx.Save(Kind, m.ID, map[string]json.RawMessage{field: raw}); err != nil {
		return err
	}
	rec, err := tx.Get(Kind, m.ID)
	if err != nil {
		return err
	}
	var fresh stored
	if err := rec.Decode(&fresh); err != nil {
		return err
	}
	*m = Meeting(fresh)
	return nil
}

// ItemInput saves an agenda item (ID "" = a new one) of a draft.
type ItemInput struct {
	Meeting    string `json:"meeting"`
	ID         string `json:"id,omitempty"`
	Order      int    `json:"order"`
	Topic      string `json:"topic"`
	Reporter   string `json:"reporter"`
	Discussion string `json:"discussion"`
	Voted      bool   `json:"voted"`
	For        int    `json:"for"`
	Against    int    `json:"against"`
	Abstain    int    `json:"abstain"`
}

// SaveItem saves an agenda item; its result is computed from the votes
// and the body's rule. Votes beyond those present are refused.
func (s *Service) SaveItem(in ItemInput) (Meeting, error) {
	service.Trim(&in.Topic, &in.Reporter, &in.Discussion)
	return s.draft(in.Meeting, func(tx *store.Txn, m *Meeting, f *problem.Fields) error {
		it := Item{ID: in.ID, Order: in.Order, Topic: in.Topic, Reporter: in.Reporter, Discussion: in.Discussion, Voted: in.Voted}
		if it.ID == "" {
			it.ID = store.NewID()
			if it.Order == 0 {
				it.Order = len(m.Items) + 1
			}
		} else if !hasItem(m.Items, in.ID) {
			return problem.NotFound("议题", in.ID)
		}
		f.Required("topic", "议题", in.Topic)
		q := Count(m.Rule, m.Attendance)
		if in.Voted {
			it.For, it.Against, it.Abstain = in.For, in.Against, in.Abstain
			switch {
			case in.For < 0 || in.Against < 0 || in.Abstain < 0:
				f.Add("for", "range", "表决票数不能为负数")
			case in.For+in.Against+in.Abstain > q.Present:
				f.Add("for", "too_many", fmt.Sprintf("同意、反对、弃权合计%d票，超过实到%d人", in.For+in.Against+in.Abstain, q.Present))
			}
		}
		it.Result = Decide(m.Rule, q, it)
		it.ResultName = dict.Name(Results, it.Result)
		if f.Err() != nil {
			return nil
		}
		return setEntry(tx, m, "item:"+it.ID, it)
	})
}

func hasItem(items []Item, id string) bool {
	for _, it := range items {
		if it.ID == id {
			return true
		}
	}
	return false
}

// RemoveInput takes an agenda item or a decision out of a draft.
type RemoveInput struct {
	Meeting string `json:"meeting"`
	ID      string `json:"id"`
}

// RemoveItem takes an agenda item out of a draft.
func (s *Service) RemoveItem(in RemoveInput) (Meeting, error) {
	return s.draft(in.Meeting, func(tx *store.Txn, m *Meeting, _ *problem.Fields) error {
		if !hasItem(m.Items, in.ID) {
			return problem.NotFound("议题", in.ID)
		}
		return setEntry(tx, m, "item:"+in.ID, caseflow.Removed)
	})
}

// DecisionInput saves a 议定事项 (ID "" = a new one) of a draft.
type DecisionInput struct {
	Meeting     string `json:"meeting"`
	ID          string `json:"id,omitempty"`
	Order       int    `json:"order"`
	Text        string `json:"text"`
	Category    string `json:"category"`
	Unit        string `json:"unit"`
	Responsible string `json:"responsible"`
	Deadline    string `json:"deadline"`
}

// SaveDecision saves a decision; it is checked as the rectification item
// it becomes when the minutes are signed.
func (s *Service) SaveDecision(in DecisionInput) (Meeting, error) {
	service.Trim(&in.Text, &in.Deadline)
	return s.draft(in.Meeting, func(tx *store.Txn, m *Meeting, f *problem.Fields) error {
		d := Decision{ID: in.ID, Order: in.Order, Text: in.Text, Category: in.Category, Unit: in.Unit, Responsible: in.Responsible, Deadline: in.Deadline}
		for _, x := range m.Decisions {
			if x.ID == in.ID { // a decision tracked since an earlier version keeps its one item
				d.Ledger, d.LedgerNumber = x.Ledger, x.LedgerNumber
			}
		}
		if d.ID == "" {
			d.ID = store.NewID()
			if d.Order == 0 {
				d.Order = len(m.Decisions) + 1
			}
		} else if !hasDecision(m.Decisions, in.ID) {
			return problem.NotFound("议定事项", in.ID)
		}
		s.Ledger.Check(f, "", s.raise(*m, d))
		f.Rename("description", "text") // the item's description is the decision's text
		if f.Err() != nil {
			return nil
		}
		it := s.raise(*m, d)
		if d.Category == "" {
			d.Category = "99"
		}
		d.UnitName = s.Dict.Label(ledger.TableUnits, it.Unit)
		if d.Responsible != "" {
			if r, ok := s.Store.Row(d.Responsible); ok {
				d.ResponsibleName = r.Name
			}
		}
		return setEntry(tx, m, "dec:"+d.ID, d)
	})
}

func hasDecision(ds []Decision, id string) bool {
	for _, d := range ds {
		if d.ID == id {
			return true
		}
	}
	return false
}

// RemoveDecision takes a decision out of a draft (one already tracked as
// an item stays tracked: it was decided in a signed version).
func (s *Service) RemoveDecision(in RemoveInput) (Meeting, error) {
	return s.draft(in.Meeting, func(tx *store.Txn, m *Meeting, _ *problem.Fields) error {
		for _, d := range m.Decisions {
			if d.ID == in.ID && d.Ledger != "" {
				return problem.Conflict(ErrLocked, fmt.Sprintf("该议定事项已作为整改事项%s督办，不能删除；可在台账中撤销", d.LedgerNumber))
			}
		}
		if !hasDecision(m.Decisions, in.ID) {
			return problem.NotFound("议定事项", in.ID)
		}
		return setEntry(tx, m, "dec:"+in.ID, caseflow.Removed)
	})
}

// raise is the item a decision becomes.
func (s *Service) raise(m Meeting, d Decision) ledger.RaiseInput {
	return ledger.RaiseInput{Source: ledger.SourceMeeting, Category: d.Category, Place: m.Title, Found: m.Date, Description: d.Text,
		Unit: d.Unit, Responsible: d.Responsible, Deadline: d.Deadline, FollowUp: Kind + "/" + m.ID,
		Note: fmt.Sprintf("会议议定（%s %s）", m.Title, m.Date)}
}

// ReportInput is the 落实情况 of one decision of the previous meeting.
type ReportInput struct {
	Meeting  string `json:"meeting"`
	ID       string `json:"id"` // the decision's id
	Progress string `json:"progress"`
}

// SaveReport records what the secretary reports on a previous decision.
func (s *Service) SaveReport(in ReportInput) (Meeting, error) {
	service.Trim(&in.Progress)
	return s.draft(in.Meeting, func(tx *store.Txn, m *Meeting, f *problem.Fields) error {
		for _, r := range m.Reports {
			if r.ID == in.ID {
				r.Progress = in.Progress
				return setEntry(tx, m, "rep:"+r.ID, r)
			}
		}
		return problem.NotFound("上次议定事项", in.ID)
	})
}

// SignInput signs the minutes (签发).
type SignInput struct {
	ID   string `json:"id"`
	Date string `json:"date"` // 签发日期, default today
}

// Sign locks the minutes: it needs a 主持人 and a 记录人, issues the
// "第N期" of the type and year on the first signing, and registers every
// decision not yet tracked as a rectification item, in the same save.
func (s *Service) Sign(in SignInput) (Meeting, error) {
	if in.Date == "" {
		in.Date = s.Today()
	}
	return cases.Move(&s.Base, in.ID, MoveSign, func(tx *store.Txn, m *Meeting, _ caseflow.Move) (caseflow.Step, error) {
		var f problem.Fields
		f.Date("date", "签发日期", in.Date, true)
		switch {
		case in.Date > s.Today():
			f.Add("date", "future", "签发日期不能晚于今天")
		case in.Date < m.Date:
			f.Add("date", "order", fmt.Sprintf("签发日期不能早于会议日期（%s）", m.Date))
		}
		if m.HostName == "" {
			f.Add("hostName", "required", "签发前请填写主持人")
		}
		if m.RecorderName == "" {
			f.Add("recorderName", "required", "签发前请填写记录人")
		}
		year, _ := strconv.Atoi(m.Date[:4])
		if m.Seq == 0 {
			last, lastDate := s.lastSeq(m.Type, year)
			if lastDate > m.Date {
				f.Add("date", "order", fmt.Sprintf("本年度上一期%s（第%d期）是%s召开的，本次会议日期不能早于它", m.TypeName, last, lastDate))
			}
			m.Year, m.Seq = year, last+1
		}
		q := Count(m.Rule, m.Attendance)
		if !q.Met && len(m.Decisions) > 0 {
			f.Add("quorum", "no_quorum", fmt.Sprintf("%s，不能形成议定事项；如仍签发纪要，请先删除议定事项", q.Text))
		}
		for i := range m.Items {
			m.Items[i].Result = Decide(m.Rule, q, m.Items[i])
			m.Items[i].ResultName = dict.Name(Results, m.Items[i].Result)
		}
		for i, d := range m.Decisions {
			s.Ledger.Check(&f, fmt.Sprintf("decisions.%d.", i), s.raise(*m, d))
		}
		if err := f.Err(); err != nil {
			return caseflow.Step{}, err
		}
		for i, d := range m.Decisions {
			if d.Ledger != "" {
				// Tracked since an earlier version: the correction reaches its item.
				if err := s.Ledger.Amend(tx, d.Ledger, s.raise(*m, d), fmt.Sprintf("会议纪要第%d版更正", m.Version)); err != nil {
					return caseflow.Step{}, err
				}
				continue
			}
			it, err := s.Ledger.Raise(tx, s.raise(*m, d))
			if err != nil {
				return caseflow.Step{}, err
			}
			m.Decisions[i].Ledger, m.Decisions[i].LedgerNumber = it.ID, it.Number
		}
		m.Signed = in.Date
		note := fmt.Sprintf("签发第%d期；%s", m.Seq, q.Text)
		if m.Version > 1 {
			changed := s.changes(tx, *m)
			m.Correction = strings.TrimSuffix(m.Correction+"；更正内容："+changed, "；更正内容：")
			note = fmt.Sprintf("签发第%d版：%s", m.Version, changed)
		}
		return caseflow.Step{Date: in.Date, Note: note}, nil
	})
}

// lastSeq is the highest 期 of a type and year and the date it was held.
func (s *Service) lastSeq(typ string, year int) (int, string) {
	last, date := 0, ""
	for _, r := range s.Store.Rows(store.IndexRef, Kind, seqKey(typ, year)) {
		if n, _ := strconv.Atoi(r.Tag); n > last {
			last, date = n, r.Start
		}
	}
	return last, date
}

// seqKey groups a type's meetings of a year (Row.Ref).
func seqKey(typ string, year int) string { return fmt.Sprintf("%s/%d", typ, year) }

// changes says what a corrected version changed against the last signed one.
func (s *Service) changes(tx *store.Txn, m Meeting) string {
	var v Version
	if err := service.Get(tx, KindVersion, versionID(m.ID, m.Version-1), "纪要版本", &v); err != nil {
		return "（无上一版本可比较）"
	}
	old := v.Snapshot
	var out []string
	add := func(what string, a, b any) {
		ra, _ := json.Marshal(a)
		rb, _ := json.Marshal(b)
		if string(ra) != string(rb) {
			out = append(out, what)
		}
	}
	add("会议名称", old.Title, m.Title)
	add("时间", []string{old.Date, old.Start, old.End}, []string{m.Date, m.Start, m.End})
	add("地点", old.Place, m.Place)
	add("主持人", old.HostName, m.HostName)
	add("记录人", old.RecorderName, m.RecorderName)
	add("参会人员", old.Attendance, m.Attendance)
	add("议题", old.Items, m.Items)
	add("议定事项", old.Decisions, m.Decisions)
	add("落实情况", old.Reports, m.Reports)
	add("纪要正文", old.Minutes, m.Minutes)
	add("抄送", old.CopyTo, m.CopyTo)
	if len(out) == 0 {
		return "内容未变"
	}
	return strings.Join(out, "、")
}

func versionID(meeting string, version int) string { return fmt.Sprintf("%s/%d", meeting, version) }

// ReviseInput opens signed minutes for a correction.
type ReviseInput struct {
	ID     string `json:"id"`
	Reason string `json:"reason"`
}

// Revise keeps the signed version readable as it was and opens a new
// version as a draft; the reason is required.
func (s *Service) Revise(in ReviseInput) (Meeting, error) {
	service.Trim(&in.Reason)
	return cases.Move(&s.Base, in.ID, MoveRevise, func(tx *store.Txn, m *Meeting, _ caseflow.Move) (caseflow.Step, error) {
		var f problem.Fields
		f.Required("reason", "更正原因", in.Reason)
		if err := f.Err(); err != nil {
			return caseflow.Step{}, err
		}
		v := Version{ID: versionID(m.ID, m.Version), Meeting: m.ID, Version: m.Version, Signed: m.Signed, Reason: in.Reason, Snapshot: *m}
		v.Snapshot.Log = nil
		if err := tx.PutNew(KindVersion, v.ID, v); err != nil {
			return caseflow.Step{}, err
		}
		m.Version++
		m.Signed, m.Correction = "", in.Reason
		return caseflow.Step{Date: s.Today(), Note: fmt.Sprintf("更正第%d版：%s", v.Version, in.Reason)}, nil
	})
}

// ArchiveInput archives signed minutes.
type ArchiveInput struct {
	ID   string `json:"id"`
	Date string `json:"date"`
}

// Archive files signed minutes (归档); they are final from then on.
func (s *Service) Archive(in ArchiveInput) (Meeting, error) {
	if in.Date == "" {
		in.Date = s.Today()
	}
	return cases.Move(&s.Base, in.ID, MoveArchive, func(_ *store.Txn, m *Meeting, _ caseflow.Move) (caseflow.Step, error) {
		var f problem.Fields
		f.Date("date", "归档日期", in.Date, true)
		if in.Date < m.Signed {
			f.Add("date", "order", fmt.Sprintf("归档日期不能早于签发日期（%s）", m.Signed))
		}
		m.Archived = in.Date
		return caseflow.Step{Date: in.Date, Note: "归档"}, f.Err()
	})
}

// Versions lists the signed versions kept of a meeting, oldest first.
func (s *Service) Versions(id string) []Version {
	var out []Version
	for _, r := range s.Store.Rows(store.IndexParent, KindVersion, id) {
		var v Version
		if s.Read(KindVersion, r.ID, "纪要版本", &v) == nil {
			out = append(out, v)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out
}
