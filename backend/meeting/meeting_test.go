package meeting_test

import (
	"strings"
	"testing"
	"time"

	"zongzhi/backend/attach"
	"zongzhi/backend/caseflow"
	"zongzhi/backend/dict"
	"zongzhi/backend/grid"
	"zongzhi/backend/ledger"
	"zongzhi/backend/meeting"
	"zongzhi/backend/problem"
	"zongzhi/backend/store"
	"zongzhi/backend/testkit"
	"zongzhi/backend/workday"
)

type fixture struct {
	st    *store.Store
	svc   *meeting.Service
	items *ledger.Service
	g     *grid.Service
	staff []grid.Staff
	body  meeting.Body
	now   time.Time
}

func indexers() map[string]store.Indexer {
	return testkit.Indexers(grid.Indexers(), meeting.Indexers(), map[string]store.Indexer{
		dict.Kind: dict.Indexer, attach.Kind: attach.Indexer, ledger.KindItem: ledger.Indexer, workday.Kind: workday.Indexer,
	})
}

func open(t *testing.T, name string) *fixture {
	t.Helper()
	st := testkit.Open(t, store.DefaultOptions(t.TempDir()).WithSiteName(name).WithMachine(name), indexers())
	f := &fixture{st: st, now: time.Date(2026, 3, 20, 9, 0, 0, 0, time.UTC)}
	clock := func() time.Time { return f.now }
	d := dict.New(st, func() string { return name })
	days := workday.New(st, func() string { return name })
	f.items = ledger.New(st, d, func() ledger.Calendar { return days.Calendar() })
	f.items.Now = clock
	f.svc = meeting.New(st, d, f.items)
	f.svc.Now = clock
	f.g = grid.New(st)
	f.g.Now = clock
	return f
}

// township gives the fixture staff and a 村民代表会议 of six members.
func (f *fixture) township(t *testing.T) {
	t.Helper()
	var staff []grid.Staff
	for i, n := range []string{"王主持", "冯记录", "李代表", "赵代表", "钱代表", "孙代表"} {
		staff = append(staff, grid.Staff{Name: n, Phone: "1381234560" + string(rune('0'+i)), Role: "02"})
	}
	f.staff = testkit.Staff(t, f.g, staff...)
	var members []meeting.Member
	for _, s := range f.staff {
		members = append(members, meeting.Member{Staff: s.ID, Unit: "村民代表"})
	}
	var err error
	f.body, err = f.svc.SaveBody(meeting.Body{Name: "平场子村村民代表会议", Type: "06", Rule: meeting.RuleTwoThirds, Frequency: "quarterly", Members: members})
	if err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) create(t *testing.T, date string) meeting.Meeting {
	t.Helper()
	m, err := f.svc.Create(meeting.Header{Body: f.body.ID, Title: "平场子村村民代表会议", Date: date, Start: "14:30", End: "16:00",
		Place: "村委会会议室", Host: f.staff[0].ID, Recorder: f.staff[1].ID, Issuer: "平场子村村民委员会"})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func field(t *testing.T, err error, name string) string {
	t.Helper()
	p := problem.As(err)
	for _, fe := range p.Fields {
		if fe.Field == name {
			return fe.Message
		}
	}
	t.Fatalf("no problem on %s: %v", name, err)
	return ""
}

func TestQuorumAndResultsAreComputed(t *testing.T) {
	att := func(present, leave, absent, guests int) []meeting.Attendee {
		var out []meeting.Attendee
		for i := 0; i < present; i++ {
			out = append(out, meeting.Attendee{Member: true, Role: meeting.RolePresent})
		}
		for i := 0; i < leave; i++ {
			out = append(out, meeting.Attendee{Member: true, Role: meeting.RoleLeave})
		}
		for i := 0; i < absent; i++ {
			out = append(out, meeting.Attendee{Member: true, Role: meeting.RoleAbsent})
		}
		for i := 0; i < guests; i++ {
			out = append(out, meeting.Attendee{Role: meeting.RoleGuest})
		}
		return out
	}
	scenarios := []struct {
		rule                   string
		present, leave, absent int
		forV, against          int
		needed                 int
		met                    bool
		result                 string
	}{
		{meeting.RuleTwoThirds, 4, 1, 1, 3, 1, 4, true, meeting.ResultPassed},    // 6 members: 4 is two thirds
		{meeting.RuleTwoThirds, 3, 2, 1, 3, 0, 4, false, meeting.ResultNoQuorum}, // 3 of 6 is not
		{meeting.RuleTwoThirds, 4, 2, 1, 2, 0, 5, false, meeting.ResultNoQuorum}, // 7 members need 5
		{meeting.RuleTwoThirds, 6, 0, 0, 3, 3, 4, true, meeting.ResultRejected},  // 3 of 6 present is no majority
		{meeting.RuleMajority, 5, 3, 1, 3, 2, 5, true, meeting.ResultPassed},     // 9 members need 5; 3 of 5 is a majority
		{meeting.RuleMajority, 4, 4, 0, 4, 0, 5, false, meeting.ResultNoQuorum},  // 4 of 8 is not more than half
		{meeting.RuleNone, 2, 0, 5, 1, 0, 0, true, meeting.ResultPassed},
		{meeting.RuleNone, 2, 0, 5, 1, 1, 0, true, meeting.ResultRejected},
	}
	for _, sc := range scenarios {
		q := meeting.Count(sc.rule, att(sc.present, sc.leave, sc.absent, 2))
		if q.Needed != sc.needed || q.Met != sc.met || q.Guests != 2 || q.Expected != sc.present+sc.leave+sc.absent {
			t.Fatalf("%+v: quorum %+v", sc, q)
		}
		if r := meeting.Decide(sc.rule, q, meeting.Item{Voted: true, For: sc.forV, Against: sc.against}); r != sc.result {
			t.Fatalf("%+v: result %s", sc, r)
		}
		if r := meeting.Decide(sc.rule, q, meeting.Item{}); r != meeting.ResultNoVote {
			t.Fatalf("不表决: %s", r)
		}
	}
	if q := meeting.Count(meeting.RuleTwoThirds, att(3, 2, 1, 0)); !strings.Contains(q.Text, "应到6人，实到3人，请假2人，缺席1人") || !strings.Contains(q.Text, "不足法定人数") {
		t.Fatalf("text %q", q.Text)
	}
}

func TestFromDraftToSignedMinutesWithTrackedDecisions(t *testing.T) {
	f := open(t, "勐简乡综治中心")
	f.township(t)
	m := f.create(t, "2026-03-18")
	if m.Status != meeting.StatusDraft || len(m.Attendance) != 6 || !strings.HasPrefix(m.Number, "HY-2026-") || m.Log[0].ToName != "草稿" {
		t.Fatalf("created %+v", m)
	}
	// Attendance: a member on leave needs a reason; a guest is 列席, and a
	// member is never 列席.
	_, err := f.svc.SetAttendance(meeting.AttendanceInput{Meeting: m.ID, Key: f.staff[5].ID, Role: meeting.RoleLeave})
	if msg := field(t, err, "reason"); !strings.Contains(msg, "请假事由") {
		t.Fatal(msg)
	}
	if m, err = f.svc.SetAttendance(meeting.AttendanceInput{Meeting: m.ID, Key: f.staff[5].ID, Role: meeting.RoleLeave, Reason: "外出务工"}); err != nil {
		t.Fatal(err)
	}
	if m, err = f.svc.SetAttendance(meeting.AttendanceInput{Meeting: m.ID, Key: f.staff[4].ID, Role: meeting.RoleAbsent}); err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.SetAttendance(meeting.AttendanceInput{Meeting: m.ID, Name: "乡农业服务中心 张技术员", Role: meeting.RolePresent})
	if msg := field(t, err, "role"); !strings.Contains(msg, "请标为列席") {
		t.Fatal(msg)
	}
	if m, err = f.svc.SetAttendance(meeting.AttendanceInput{Meeting: m.ID, Name: "乡农业服务中心 张技术员", Role: meeting.RoleGuest}); err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.SetAttendance(meeting.AttendanceInput{Meeting: m.ID, Key: f.staff[3].ID, Role: meeting.RoleGuest})
	if msg := field(t, err, "role"); !strings.Contains(msg, "是平场子村村民代表会议的成员") {
		t.Fatal(msg)
	}
	v, _ := f.svc.Get(m.ID)
	if q := v.Quorum; q.Expected != 6 || q.Present != 4 || q.Guests != 1 || !q.Met || q.Needed != 4 {
		t.Fatalf("quorum %+v", q)
	}
	// Votes beyond those present are refused, with what was typed named.
	_, err = f.svc.SaveItem(meeting.ItemInput{Meeting: m.ID, Topic: "村道硬化方案", Voted: true, For: 4, Against: 1})
	if msg := field(t, err, "for"); !strings.Contains(msg, "超过实到4人") {
		t.Fatal(msg)
	}
	if m, err = f.svc.SaveItem(meeting.ItemInput{Meeting: m.ID, Topic: "村道硬化方案", Reporter: "村主任", Voted: true, For: 3, Against: 1}); err != nil {
		t.Fatal(err)
	}
	if m, err = f.svc.SaveItem(meeting.ItemInput{Meeting: m.ID, Topic: "通报春耕准备", Discussion: "听取汇报"}); err != nil {
		t.Fatal(err)
	}
	if len(m.Items) != 2 || m.Items[0].Result != meeting.ResultPassed || m.Items[0].ResultName != "通过" || m.Items[1].Result != meeting.ResultNoVote {
		t.Fatalf("items %+v", m.Items)
	}
	// Decisions are checked as the items they become.
	_, err = f.svc.SaveDecision(meeting.DecisionInput{Meeting: m.ID, Text: "  "})
	if msg := field(t, err, "text"); !strings.Contains(msg, "事项内容") {
		t.Fatal(msg)
	}
	_, err = f.svc.SaveDecision(meeting.DecisionInput{Meeting: m.ID, Text: "清理村道两侧垃圾", Unit: "77", Deadline: "2026-03-01"})
	field(t, err, "unit")
	if msg := field(t, err, "deadline"); !strings.Contains(msg, "不能早于会议日期") {
		t.Fatal(msg)
	}
	if m, err = f.svc.SaveDecision(meeting.DecisionInput{Meeting: m.ID, Text: "清理村道两侧垃圾", Category: "04", Unit: "11", Responsible: f.staff[2].ID, Deadline: "2026-04-10"}); err != nil {
		t.Fatal(err)
	}
	if m, err = f.svc.SaveDecision(meeting.DecisionInput{Meeting: m.ID, Text: "排查老旧电线", Unit: "13", Deadline: "2026-03-19"}); err != nil {
		t.Fatal(err)
	}
	if m.Decisions[0].UnitName != "村（社区）委会" || m.Decisions[0].ResponsibleName != "李代表" {
		t.Fatalf("decision %+v", m.Decisions[0])
	}
	// Signing needs a host and a recorder; it issues 第1期 and tracks
	// every decision as a rectification item in the same save.
	if _, err := f.svc.Save(meeting.Header{ID: m.ID, Title: m.Title, Date: m.Date, Start: "14:30", End: "16:00", Place: m.Place, Recorder: f.staff[1].ID}); err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.Sign(meeting.SignInput{ID: m.ID, Date: "2026-03-19"})
	field(t, err, "hostName")
	if _, err := f.svc.Save(meeting.Header{ID: m.ID, Title: m.Title, Date: m.Date, Start: "14:30", End: "16:00", Place: m.Place, Host: f.staff[0].ID, HostPost: "村党支部书记", Recorder: f.staff[1].ID}); err != nil {
		t.Fatal(err)
	}
	if m, err = f.svc.Sign(meeting.SignInput{ID: m.ID, Date: "2026-03-19"}); err != nil {
		t.Fatal(err)
	}
	if m.Status != meeting.StatusSigned || m.Seq != 1 || m.Year != 2026 || meeting.SeqText(m) != "〔2026〕第1期" {
		t.Fatalf("signed %+v", m)
	}
	if m.Decisions[0].LedgerNumber == m.Decisions[1].LedgerNumber {
		t.Fatalf("two decisions signed in one save took one number: %s", m.Decisions[0].LedgerNumber)
	}
	for _, d := range m.Decisions {
		it, err := f.items.Get(d.Ledger)
		if err != nil || it.Source != ledger.SourceMeeting || it.SourceName != "会议议定" || it.FollowUp != "meeting/"+m.ID || it.Description != d.Text ||
			it.Number != d.LedgerNumber || it.Status != ledger.StatusNew || it.Deadline != d.Deadline {
			t.Fatalf("decision %+v tracked as %+v (%v)", d, it, err)
		}
	}
	v, _ = f.svc.Get(m.ID)
	if len(v.Tracked) != 2 || !v.Tracked[1].Overdue || v.Tracked[0].StatusName != "待受理" || strings.Join(v.Next, ",") != "revise,archive" {
		t.Fatalf("view %+v", v)
	}
	// Signed minutes are locked.
	_, err = f.svc.SaveItem(meeting.ItemInput{Meeting: m.ID, Topic: "补充议题"})
	if p := problem.As(err); p.Code != meeting.ErrLocked || !strings.Contains(p.Message, "更正") {
		t.Fatalf("edit after signing: %+v", p)
	}
	_, err = f.svc.Sign(meeting.SignInput{ID: m.ID})
	if p := problem.As(err); p.Code != caseflow.ErrTransition || !strings.Contains(p.Message, "“已签发”") {
		t.Fatalf("signed twice: %+v", p)
	}
	// A correction keeps the signed version readable and says what changed.
	_, err = f.svc.Revise(meeting.ReviseInput{ID: m.ID})
	field(t, err, "reason")
	if m, err = f.svc.Revise(meeting.ReviseInput{ID: m.ID, Reason: "会议名称写错"}); err != nil {
		t.Fatal(err)
	}
	if m.Status != meeting.StatusDraft || m.Version != 2 {
		t.Fatalf("revised %+v", m)
	}
	if _, err := f.svc.Save(meeting.Header{ID: m.ID, Title: "平场子村2026年第一次村民代表会议", Date: m.Date, Start: "14:30", End: "16:00", Place: m.Place, Host: f.staff[0].ID, Recorder: f.staff[1].ID}); err != nil {
		t.Fatal(err)
	}
	if m, err = f.svc.Sign(meeting.SignInput{ID: m.ID, Date: "2026-03-20"}); err != nil {
		t.Fatal(err)
	}
	if m.Seq != 1 || !strings.Contains(m.Correction, "会议名称写错") || !strings.Contains(m.Correction, "更正内容：会议名称") || m.Decisions[0].Ledger == "" {
		t.Fatalf("re-signed %+v", m)
	}
	old, err := f.svc.GetVersion(meeting.VersionQuery{ID: m.ID, Version: 1})
	if err != nil || old.Title != "平场子村村民代表会议" || old.Signed != "2026-03-19" {
		t.Fatalf("version 1: %+v %v", old, err)
	}
	if items, _ := f.items.List(ledger.Query{}); items.Total != 2 {
		t.Fatalf("re-signing raised items again: %d", items.Total)
	}
	// The next meeting hears how the open decisions are carried out; a
	// closed one is not on it.
	first := m
	closeItem(t, f, first.Decisions[1].Ledger)
	next := f.create(t, "2026-03-20")
	if len(next.Reports) != 1 || next.Reports[0].ID != first.Decisions[0].ID || next.Reports[0].Text != "清理村道两侧垃圾" {
		t.Fatalf("reports %+v", next.Reports)
	}
	if next, err = f.svc.SaveReport(meeting.ReportInput{Meeting: next.ID, ID: next.Reports[0].ID, Progress: "已清理一半"}); err != nil || next.Reports[0].Progress != "已清理一半" {
		t.Fatalf("report %v %+v", err, next.Reports)
	}
	nv, _ := f.svc.Get(next.ID)
	if len(nv.Reported) != 1 || nv.Reported[0].Status != ledger.StatusNew {
		t.Fatalf("reported %+v", nv.Reported)
	}
	// A meeting dated before the last 期 of its type and year cannot take
	// the next 期.
	early := f.create(t, "2026-03-10")
	_, err = f.svc.Sign(meeting.SignInput{ID: early.ID, Date: "2026-03-20"})
	if msg := field(t, err, "date"); !strings.Contains(msg, "第1期") {
		t.Fatal(msg)
	}
	if next, err = f.svc.Sign(meeting.SignInput{ID: next.ID, Date: "2026-03-20"}); err != nil || next.Seq != 2 {
		t.Fatalf("second: %v %+v", err, next)
	}
	if a, err := f.svc.Archive(meeting.ArchiveInput{ID: next.ID, Date: "2026-03-20"}); err != nil || a.Status != meeting.StatusArchived {
		t.Fatalf("archive: %v %+v", err, a)
	}
	page := f.svc.List(meeting.Query{Year: 2026})
	if page.Total != 3 || page.Counts[meeting.StatusDraft] != 1 || page.Counts[meeting.StatusSigned] != 1 || page.Counts[meeting.StatusArchived] != 1 {
		t.Fatalf("list %+v", page)
	}
}

// closeItem walks an item through the loop to 已销号.
func closeItem(t *testing.T, f *fixture, id string) {
	t.Helper()
	a, b, c := f.staff[0].ID, f.staff[2].ID, f.staff[3].ID
	if _, err := f.items.Assign(ledger.AssignInput{ID: id, Date: "2026-03-19", Dispatcher: a, Unit: "13", Responsible: b, Reviewer: c, Project: "p", Measures: "m", Deadline: "2026-03-30"}); err != nil {
		t.Fatal(err)
	}
	for _, act := range []ledger.ActInput{
		{ID: id, Action: ledger.ActAccept, Staff: b, Date: "2026-03-19"},
		{ID: id, Action: ledger.ActSubmit, Staff: b, Date: "2026-03-19", Done: "已排查"},
		{ID: id, Action: ledger.ActPass, Staff: c, Date: "2026-03-20"},
	} {
		if _, err := f.items.Act(act); err != nil {
			t.Fatal(err)
		}
	}
}

// Two sites signing minutes of one type in one year offline both issue
// 第1期: after sync both meetings are kept and the clash is found. Two
// sites marking different people on one draft both keep theirs.
func TestTwoSites(t *testing.T) {
	a, b := open(t, "乡综治中心"), open(t, "村工作站")
	a.township(t)
	testkit.Exchange(t, a.st, b.st)
	b.body, b.staff = a.body, a.staff
	shared := a.create(t, "2026-03-18")
	testkit.Exchange(t, a.st, b.st)
	if _, err := a.svc.SetAttendance(meeting.AttendanceInput{Meeting: shared.ID, Key: a.staff[4].ID, Role: meeting.RoleAbsent}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.svc.SetAttendance(meeting.AttendanceInput{Meeting: shared.ID, Key: a.staff[5].ID, Role: meeting.RoleLeave, Reason: "病假"}); err != nil {
		t.Fatal(err)
	}
	ma, err := a.svc.Sign(meeting.SignInput{ID: shared.ID, Date: "2026-03-19"})
	if err != nil {
		t.Fatal(err)
	}
	mb := b.create(t, "2026-03-19")
	if mb, err = b.svc.Sign(meeting.SignInput{ID: mb.ID, Date: "2026-03-19"}); err != nil {
		t.Fatal(err)
	}
	if ma.Seq != 1 || mb.Seq != 1 {
		t.Fatalf("期 %d and %d", ma.Seq, mb.Seq)
	}
	testkit.Exchange(t, b.st, a.st)
	testkit.Exchange(t, a.st, b.st)
	for _, x := range []*fixture{a, b} {
		v, err := x.svc.Get(shared.ID)
		if err != nil {
			t.Fatal(err)
		}
		if v.Quorum.Absent != 1 || v.Quorum.Leave != 1 || v.Quorum.Present != 4 {
			t.Fatalf("attendance merged: %+v", v.Quorum)
		}
		clashes := caseflow.Clashes(x.st, []caseflow.Numbered{{Kind: meeting.Kind, What: "会议期数", Number: meeting.SeqNumber}})
		if len(clashes) != 1 || clashes[0].Number != "06/2026/1" || len(clashes[0].IDs) != 2 {
			t.Fatalf("clashes %+v", clashes)
		}
		if n := caseflow.Clashes(x.st, []caseflow.Numbered{{Kind: meeting.Kind, What: "会议"}}); len(n) != 0 {
			t.Fatalf("meeting numbers clash: %+v", n)
		}
	}
}
