package dispute_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"zongzhi/backend/dict"
	"zongzhi/backend/dispute"
	"zongzhi/backend/grid"
	"zongzhi/backend/problem"
	"zongzhi/backend/store"
	"zongzhi/backend/testkit"
	"zongzhi/backend/zeroreport"
)

type fixture struct {
	svc   *dispute.Service
	zero  *zeroreport.Service
	g     *grid.Service
	grid  grid.Grid
	grid2 grid.Grid
	staff grid.Staff
	now   time.Time
}

func indexers() map[string]store.Indexer {
	return testkit.Indexers(grid.Indexers(), dispute.Indexers(), zeroreport.Indexers(), map[string]store.Indexer{dict.Kind: dict.Indexer})
}

// open opens a store in a fresh folder with the services over it.
func open(t *testing.T) *fixture {
	t.Helper()
	st := testkit.Store(t, indexers())
	f := &fixture{now: time.Date(2026, 4, 20, 9, 0, 0, 0, time.Local)}
	clock := func() time.Time { return f.now }
	f.g = grid.New(st)
	f.g.Now = clock
	f.zero = zeroreport.New(st)
	f.zero.Now = clock
	f.svc = dispute.New(st, f.g, dict.New(st, func() string { return "测试" }), f.zero)
	f.svc.Now = clock
	return f
}

// setup opens a store with a township, a village, two grids and a mediator.
func setup(t *testing.T) *fixture {
	t.Helper()
	f := open(t)
	f.places(t)
	return f
}

func (f *fixture) places(t *testing.T) {
	t.Helper()
	f.grid = testkit.Township(t, f.g)
	var err error
	if f.grid2, err = f.g.SaveGrid(grid.Grid{Name: "平场子二组", Village: testkit.VillageCode, Level: "1", Type: "1"}); err != nil {
		t.Fatal(err)
	}
	f.staff = testkit.Staff(t, f.g, grid.Staff{Name: "李调解", Phone: "13812345678", Role: "02"})[0]
}

func (f *fixture) input(name, date string) dispute.Input {
	return dispute.Input{Name: name, Date: date, Place: "平场子村三组", Grid: f.grid.ID, Category: "02", Source: "1",
		Description: "因排水沟堵塞引发邻里争执",
		Parties: []dispute.Party{
			{Name: "张三", IDNumber: testkit.IDNumber("19800101", 123), Phone: "13912345678", Role: "1"},
			{Name: "李四", Role: "2"},
		}}
}

func (f *fixture) register(t *testing.T, in dispute.Input) dispute.Dispute {
	t.Helper()
	d, err := f.svc.Save(in)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// advance drives a dispute from 已登记 to status along the flow, with
// the step dates on the dispute's own date.
func (f *fixture) advance(t *testing.T, d dispute.Dispute, status string) dispute.Dispute {
	t.Helper()
	path := map[string][]string{
		dispute.StatusRegistered: {},
		dispute.StatusAccepted:   {"accept"},
		dispute.StatusDeclined:   {"decline"},
		dispute.StatusMediating:  {"accept", "record"},
		dispute.StatusSucceeded:  {"accept", "record", "success"},
		dispute.StatusFailed:     {"accept", "record", "failure"},
		dispute.StatusVisited:    {"accept", "record", "success", "visit"},
		dispute.StatusArchived:   {"accept", "record", "success", "visit", "archive"},
	}[status]
	for _, s := range path {
		var err error
		d, err = f.do(d, s, "")
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	if d.Status != status {
		t.Fatalf("status %s, want %s", d.Status, status)
	}
	return d
}

// do runs one step with default inputs; satisfaction "" means 满意.
func (f *fixture) do(d dispute.Dispute, step, satisfaction string) (dispute.Dispute, error) {
	day := d.Date
	if satisfaction == "" {
		satisfaction = "1"
	}
	switch step {
	case "accept":
		return f.svc.Accept(dispute.AcceptInput{ID: d.ID, Date: day, Method: "1", Mediator: f.staff.ID, Organisation: "平场子村人民调解委员会"})
	case "decline":
		return f.svc.Decline(dispute.DeclineInput{ID: d.ID, Date: day, Reason: "已由法院立案受理"})
	case "record":
		return f.svc.AddRecord(dispute.EntryInput{Dispute: d.ID, Date: day, Content: "双方到场，说明情况"})
	case "success":
		return f.svc.Conclude(dispute.ResultInput{ID: d.ID, Date: day, Result: dispute.ResultSuccess, Agreement: "1", Amount: 1200})
	case "failure":
		return f.svc.Conclude(dispute.ResultInput{ID: d.ID, Date: day, Result: dispute.ResultFailure, Channel: "1"})
	case "visit":
		return f.svc.FollowUp(dispute.VisitInput{ID: d.ID, Date: day, By: f.staff.ID, Satisfaction: satisfaction})
	case "archive":
		return f.svc.Archive(dispute.ArchiveInput{ID: d.ID, Date: day})
	}
	panic(step)
}

func TestRegisterNumbersAndMasksParties(t *testing.T) {
	f := setup(t)
	in := f.input("张三李四排水沟纠纷", "2026-03-02")
	d := f.register(t, in)
	site := f.svc.Store.Site().Code
	if d.Number != "JF-2026-"+site+"-0001" || d.Status != dispute.StatusRegistered || d.StatusName != "已登记" {
		t.Fatalf("registered %+v", d)
	}
	if d.Involved != 2 || d.CategoryName != "邻里" || d.SourceName != "当事人申请" || d.ScaleName != "一般" || d.GridName != "平场子一组" {
		t.Fatalf("labels %+v", d)
	}
	if d.Parties[0].IDNumber != "530521********1234"[:6]+"********"+testkit.IDNumber("19800101", 123)[14:] || d.Parties[0].Phone != "139****5678" {
		t.Fatalf("not masked: %+v", d.Parties[0])
	}
	if len(d.Log) != 1 || d.Log[0].To != dispute.StatusRegistered || d.Log[0].ToName != "已登记" || d.Log[0].By == "" {
		t.Fatalf("log %+v", d.Log)
	}
	second := f.register(t, f.input("王五赵六宅基地纠纷", "2026-03-03"))
	if second.Number != "JF-2026-"+site+"-0002" {
		t.Fatalf("second number %s", second.Number)
	}
	other := f.register(t, f.input("去年的纠纷", "2025-12-30"))
	if other.Number != "JF-2025-"+site+"-0001" {
		t.Fatalf("numbers run per year: %s", other.Number)
	}

	// The edit form sends the masked values back: the stored ones stay.
	got, err := f.svc.Get(d.ID)
	if err != nil {
		t.Fatal(err)
	}
	in.ID, in.Parties, in.Place = d.ID, got.Parties, "平场子村四组"
	if _, err := f.svc.Save(in); err != nil {
		t.Fatal(err)
	}
	rec, err := f.svc.Store.Get(dispute.Kind, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	var parties []dispute.Party
	json.Unmarshal(rec.Value("parties"), &parties)
	if parties[0].IDNumber != testkit.IDNumber("19800101", 123) || parties[0].Phone != "13912345678" {
		t.Fatalf("stored parties %+v", parties)
	}
	if string(rec.Value("place")) != `"平场子村四组"` {
		t.Fatalf("place %s", rec.Value("place"))
	}

	// List: masked, newest first, counts per status, text on party names.
	page := f.svc.List(dispute.Query{Text: "张三"})
	if page.Total != 3 || page.Lines[0].Name != "王五赵六宅基地纠纷" || page.Lines[2].Name != "去年的纠纷" {
		t.Fatalf("page %+v", page)
	}
	if !strings.Contains(page.Lines[0].Parties, "********") || strings.Contains(page.Lines[0].Parties, testkit.IDNumber("19800101", 123)) {
		t.Fatalf("parties cell %q", page.Lines[0].Parties)
	}
	if page.Counts[dispute.StatusRegistered] != 3 {
		t.Fatalf("counts %v", page.Counts)
	}
	if p := f.svc.List(dispute.Query{From: "2026-01-01", To: "2026-12-31", Text: "宅基地"}); p.Total != 1 || p.Lines[0].Number != second.Number {
		t.Fatalf("period and text: %+v", p)
	}
	if err := f.svc.Store.Verify(); err != nil {
		t.Fatal(err)
	}
}

func TestRegistrationValidation(t *testing.T) {
	f := setup(t)
	bad := testkit.IDNumber("19800101", 123)
	bad = bad[:17] + map[bool]string{true: "0", false: "1"}[bad[17] != '0']
	scenarios := []struct {
		name   string
		edit   func(in *dispute.Input)
		field  string
		expect string
	}{
		{"no name", func(in *dispute.Input) { in.Name = " " }, "name", "纠纷名称不能为空"},
		{"future", func(in *dispute.Input) { in.Date = "2026-04-21" }, "date", "不能晚于今天"},
		{"no grid", func(in *dispute.Input) { in.Grid = "" }, "grid", "请选择所属网格"},
		{"unknown category", func(in *dispute.Input) { in.Category = "77" }, "category", "不在代码表中"},
		{"no parties", func(in *dispute.Input) { in.Parties = nil }, "parties", "至少填写一名当事人"},
		{"bad ID", func(in *dispute.Input) { in.Parties[0].IDNumber = bad }, "parties.0.idNumber", "校验码"},
		{"bad phone", func(in *dispute.Input) { in.Parties[1].Phone = "12345" }, "parties.1.phone", "格式不正确"},
		{"no role", func(in *dispute.Input) { in.Parties[1].Role = "" }, "parties.1.role", "申请人还是被申请人"},
		{"too few involved", func(in *dispute.Input) { in.Involved = 1 }, "involved", "不能少于当事人人数（2人）"},
		{"deadline first", func(in *dispute.Input) { in.Deadline = "2026-03-01" }, "deadline", "不能早于登记日期"},
		{"unknown mediator", func(in *dispute.Input) { in.Mediator = "nobody" }, "mediator", "不在网格人员中"},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			in := f.input("纠纷", "2026-03-02")
			sc.edit(&in)
			_, err := f.svc.Save(in)
			if msg := testkit.FieldMessage(t, err, sc.field); !strings.Contains(msg, sc.expect) {
				t.Fatalf("%s: %q", sc.field, msg)
			}
		})
	}
	if n := len(f.svc.Store.Rows(store.IndexKind, dispute.Kind)); n != 0 {
		t.Fatalf("%d disputes saved by refused registrations", n)
	}
}

// TestEveryTransition tries every step from every status: the allowed
// ones move the dispute and log it, the others are refused naming both
// states and change nothing.
func TestEveryTransition(t *testing.T) {
	f := setup(t)
	steps := []struct {
		name, to string
	}{
		{"accept", dispute.StatusAccepted}, {"decline", dispute.StatusDeclined}, {"record", dispute.StatusMediating},
		{"success", dispute.StatusSucceeded}, {"failure", dispute.StatusFailed}, {"visit", dispute.StatusVisited},
		{"archive", dispute.StatusArchived},
	}
	allowed := 0
	for _, from := range dispute.Statuses {
		for _, st := range steps {
			t.Run(from.Code+"→"+st.name, func(t *testing.T) {
				d := f.advance(t, f.register(t, f.input("纠纷"+from.Code+st.name, "2026-03-02")), from.Code)
				ok := dispute.Allowed(from.Code, st.to) || (st.name == "record" && from.Code == dispute.StatusMediating)
				got, err := f.do(d, st.name, "")
				if ok {
					allowed++
					if err != nil {
						t.Fatalf("refused: %v", err)
					}
					want := st.to
					last := got.Log[len(got.Log)-1]
					if st.name == "record" && from.Code == dispute.StatusMediating {
						if len(got.Records) != 2 || got.Status != dispute.StatusMediating || len(got.Log) != len(d.Log) {
							t.Fatalf("second record: %+v", got)
						}
						return
					}
					if got.Status != want || last.From != from.Code || last.To != want || last.FromName != from.Label || last.At == "" {
						t.Fatalf("moved to %s, log %+v", got.Status, last)
					}
					return
				}
				p := problem.As(err)
				if p.Code != dispute.ErrTransition || !strings.Contains(p.Message, "“"+from.Label+"”") {
					t.Fatalf("refusal %+v", p)
				}
				if st.name != "record" && !strings.Contains(p.Message, "“"+dispute.StatusName(st.to)+"”") {
					t.Fatalf("refusal does not name %s: %s", dispute.StatusName(st.to), p.Message)
				}
				after, _ := f.svc.Get(d.ID)
				if after.Status != from.Code || len(after.Log) != len(d.Log) || len(after.Records) != len(d.Records) {
					t.Fatalf("a refused step changed the dispute: %+v", after)
				}
			})
		}
	}
	if allowed != 9 {
		t.Fatalf("%d allowed steps, want 9", allowed)
	}
}

func TestStepsCheckWhatTheyNeed(t *testing.T) {
	f := setup(t)
	d := f.register(t, f.input("排水沟纠纷", "2026-03-02"))
	_, err := f.svc.Accept(dispute.AcceptInput{ID: d.ID, Date: "2026-03-01"})
	if msg := testkit.FieldMessage(t, err, "date"); !strings.Contains(msg, "不能早于登记日期（2026-03-02）") {
		t.Fatal(msg)
	}
	testkit.FieldMessage(t, err, "method")
	if msg := testkit.FieldMessage(t, err, "mediator"); !strings.Contains(msg, "调解员") {
		t.Fatal(msg)
	}
	_, err = f.svc.Decline(dispute.DeclineInput{ID: d.ID, Date: "2026-03-03"})
	if msg := testkit.FieldMessage(t, err, "reason"); !strings.Contains(msg, "不予受理的理由不能为空") {
		t.Fatal(msg)
	}
	_, err = f.svc.AddRecord(dispute.EntryInput{Dispute: d.ID, Date: "2026-03-03", Content: "x"})
	if p := problem.As(err); p.Code != dispute.ErrTransition || !strings.Contains(p.Message, "须先受理") {
		t.Fatalf("record before acceptance: %+v", p)
	}
	// Accepted by someone not on the staff list.
	d, err = f.svc.Accept(dispute.AcceptInput{ID: d.ID, Date: "2026-03-03", Method: "4", MediatorName: "司法所王所长", Deadline: "2026-04-02"})
	if err != nil {
		t.Fatal(err)
	}
	if d.MediatorName != "司法所王所长" || d.MethodName != "联合调解" || d.Deadline != "2026-04-02" {
		t.Fatalf("accepted %+v", d)
	}
	_, err = f.svc.Conclude(dispute.ResultInput{ID: d.ID, Date: "2026-03-04", Result: dispute.ResultSuccess, Agreement: "1"})
	if p := problem.As(err); p.Code != dispute.ErrTransition {
		t.Fatalf("conclude before mediation: %+v", p)
	}
	if d, err = f.svc.AddRecord(dispute.EntryInput{Dispute: d.ID, Date: "2026-03-05", Content: "第一次调解，未达成一致"}); err != nil {
		t.Fatal(err)
	}
	if d.Records[0].MediatorName != "司法所王所长" || d.Status != dispute.StatusMediating {
		t.Fatalf("record %+v", d)
	}
	_, err = f.svc.Conclude(dispute.ResultInput{ID: d.ID, Date: "2026-03-06", Result: dispute.ResultSuccess})
	if msg := testkit.FieldMessage(t, err, "agreement"); !strings.Contains(msg, "协议形式") {
		t.Fatal(msg)
	}
	_, err = f.svc.Conclude(dispute.ResultInput{ID: d.ID, Date: "2026-03-06", Result: dispute.ResultFailure})
	if msg := testkit.FieldMessage(t, err, "channel"); !strings.Contains(msg, "引导去向") {
		t.Fatal(msg)
	}
	_, err = f.svc.Conclude(dispute.ResultInput{ID: d.ID, Date: "2026-03-04", Result: dispute.ResultSuccess, Agreement: "2"})
	if msg := testkit.FieldMessage(t, err, "date"); !strings.Contains(msg, "最后一次调解日期") {
		t.Fatal(msg)
	}
	_, err = f.svc.Conclude(dispute.ResultInput{ID: d.ID, Date: "2026-03-06", Result: "3"})
	testkit.FieldMessage(t, err, "result")
	d, err = f.svc.Conclude(dispute.ResultInput{ID: d.ID, Date: "2026-03-06", Result: dispute.ResultFailure, Channel: "3", Note: "一方坚持上访"})
	if err != nil {
		t.Fatal(err)
	}
	if d.ResultName != "不成功" || d.ChannelName != "信访" || d.Log[len(d.Log)-1].Note != "一方坚持上访" {
		t.Fatalf("failure %+v", d)
	}
	_, err = f.svc.FollowUp(dispute.VisitInput{ID: d.ID, Date: "2026-03-10", By: f.staff.ID})
	if msg := testkit.FieldMessage(t, err, "satisfaction"); !strings.Contains(msg, "满意度") {
		t.Fatal(msg)
	}
	_, err = f.svc.Archive(dispute.ArchiveInput{ID: d.ID, Date: "2026-03-10"})
	if p := problem.As(err); p.Code != dispute.ErrTransition || !strings.Contains(p.Message, "归档须在回访之后") {
		t.Fatalf("archive before visit: %+v", p)
	}
	if d, err = f.svc.FollowUp(dispute.VisitInput{ID: d.ID, Date: "2026-03-10", By: f.staff.ID, Satisfaction: "3", Note: "对结果不满意"}); err != nil {
		t.Fatal(err)
	}
	if d.Visit.ByName != "李调解" || d.Visit.SatisfactionName != "不满意" {
		t.Fatalf("visit %+v", d.Visit)
	}
	if d, err = f.svc.Archive(dispute.ArchiveInput{ID: d.ID, Date: "2026-03-11"}); err != nil {
		t.Fatal(err)
	}
	// Archived: locked.
	_, err = f.svc.Save(dispute.Input{ID: d.ID, Name: "改名"})
	if p := problem.As(err); p.Code != dispute.ErrLocked {
		t.Fatalf("edit after archiving: %+v", p)
	}
	want := []string{"已登记", "已受理", "调处中", "调处不成功", "已回访", "已归档"}
	var got []string
	for _, c := range d.Log {
		got = append(got, c.ToName)
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("log %v", got)
	}
	if err := f.svc.Store.Verify(); err != nil {
		t.Fatal(err)
	}
}
