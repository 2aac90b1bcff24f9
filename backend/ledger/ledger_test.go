package ledger_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"zongzhi/backend/attach"
	"zongzhi/backend/dict"
	"zongzhi/backend/grid"
	"zongzhi/backend/ledger"
	"zongzhi/backend/problem"
	"zongzhi/backend/store"
	"zongzhi/backend/testkit"
	"zongzhi/backend/workday"
)

type fixture struct {
	st                      *store.Store
	svc                     *ledger.Service
	days                    *workday.Service
	grid                    grid.Grid
	a, b, c, d              grid.Staff // dispatcher, handler, verifier, another
	now                     time.Time
	dispatcher, handler, vr string
}

func indexers() map[string]store.Indexer {
	return testkit.Indexers(grid.Indexers(), map[string]store.Indexer{
		dict.Kind: dict.Indexer, attach.Kind: attach.Indexer, ledger.KindItem: ledger.Indexer, workday.Kind: workday.Indexer,
	})
}

// open gives f a fresh store with the services over it.
func open(t *testing.T, f *fixture) {
	t.Helper()
	f.st = testkit.Store(t, indexers())
	f.days = workday.New(f.st, func() string { return "测试" })
	f.svc = ledger.New(f.st, dict.New(f.st, func() string { return "测试" }), func() ledger.Calendar { return f.days.Calendar() })
	f.svc.Now = func() time.Time { return f.now }
}

func setup(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{now: time.Date(2026, 2, 12, 9, 0, 0, 0, time.UTC)} // a Thursday before 春节
	open(t, f)
	g := grid.New(f.st)
	g.Now = func() time.Time { return f.now }
	f.grid = testkit.Township(t, g)
	var staff []grid.Staff
	for i, name := range []string{"赵指派", "钱处置", "孙核查", "李其他"} {
		staff = append(staff, grid.Staff{Name: name, Phone: fmt.Sprintf("1381234567%d", i), Role: "02"})
	}
	s := testkit.Staff(t, g, staff...)
	f.a, f.b, f.c, f.d = s[0], s[1], s[2], s[3]
	return f
}

func (f *fixture) register(t *testing.T, place string) ledger.Item {
	t.Helper()
	it, err := f.svc.Save(ledger.ItemInput{Source: "1", Category: "01", Place: place, Grid: f.grid.ID, Found: f.now.Format("2006-01-02"),
		Description: place + "存在安全隐患"})
	if err != nil {
		t.Fatal(err)
	}
	return it
}

func (f *fixture) assign(t *testing.T, id string) ledger.Saved {
	t.Helper()
	s, err := f.svc.Assign(ledger.AssignInput{ID: id, Dispatcher: f.a.ID, Unit: "05", CoUnits: []string{"02"}, Responsible: f.b.ID, Reviewer: f.c.ID,
		Project: "清理通道", Measures: "清理堆放杂物，设置警示标志", Funds: "无", DeadlineDays: 5, WorkingDays: true})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func (f *fixture) act(t *testing.T, in ledger.ActInput) ledger.Item {
	t.Helper()
	it, err := f.svc.Act(in)
	if err != nil {
		t.Fatalf("%s: %v", in.Action, err)
	}
	return it
}

func TestClosedLoopWithFailedVerificationAndSeparationOfDuties(t *testing.T) {
	f := setup(t)
	it := f.register(t, "平场子村砖厂")
	if it.Number != ledger.Numbers.Format(f.st.Site().Code, "2026", 1) || it.Status != ledger.StatusNew {
		t.Fatalf("registered: %+v", it)
	}

	// 5 working days from Thursday 2026-02-12: 13, 14 (Sat, 调休上班), then
	// the 春节 break 15–23, then 24, 25, 26.
	s := f.assign(t, it.ID)
	if s.Item.Deadline != "2026-02-26" || s.Item.DeadlineRule != "5个工作日" || len(s.Warnings) != 0 {
		t.Fatalf("deadline: %+v %v", s.Item, s.Warnings)
	}

	f.now = f.now.AddDate(0, 0, 12) // 2026-02-24
	f.act(t, ledger.ActInput{ID: it.ID, Action: ledger.ActAccept, Staff: f.b.ID})
	f.act(t, ledger.ActInput{ID: it.ID, Action: ledger.ActSubmit, Staff: f.b.ID, Done: "杂物已清理"})

	// Neither the handler nor the dispatcher may verify.
	for _, who := range []grid.Staff{f.b, f.a} {
		_, err := f.svc.Act(ledger.ActInput{ID: it.ID, Action: ledger.ActPass, Staff: who.ID})
		if m := testkit.FieldMessage(t, err, "staff"); !strings.Contains(m, "核查人不能是") || !strings.Contains(m, who.Name) {
			t.Fatalf("verifier %s: %v", who.Name, err)
		}
	}
	// 核查不通过 needs a reason and sends the item back.
	if _, err := f.svc.Act(ledger.ActInput{ID: it.ID, Action: ledger.ActFail, Staff: f.c.ID}); !strings.Contains(testkit.FieldMessage(t, err, "note"), "原因") {
		t.Fatalf("fail without reason: %v", err)
	}
	back := f.act(t, ledger.ActInput{ID: it.ID, Action: ledger.ActFail, Staff: f.c.ID, Note: "警示标志未设置"})
	if back.Status != ledger.StatusHandling {
		t.Fatalf("after failed verification: %s", back.StatusName)
	}
	f.now = f.now.AddDate(0, 0, 1)
	f.act(t, ledger.ActInput{ID: it.ID, Action: ledger.ActSubmit, Staff: f.b.ID, Done: "警示标志已设置"})
	done := f.act(t, ledger.ActInput{ID: it.ID, Action: ledger.ActPass, Staff: f.c.ID})
	if done.Status != ledger.StatusClosed || done.Closed != "2026-02-25" || done.VerifierName != "孙核查" {
		t.Fatalf("closed: %+v", done)
	}

	v, err := f.svc.Get(it.ID)
	if err != nil {
		t.Fatal(err)
	}
	var trail []string
	for _, st := range v.Steps {
		trail = append(trail, st.Label+":"+st.From+">"+st.To)
	}
	want := "登记:>1 指派:1>2 接收处置:2>3 反馈整改结果:3>4 核查不通过:4>3 反馈整改结果:3>4 核查通过并销号:4>5"
	if strings.Join(trail, " ") != want {
		t.Fatalf("log:\n got %s\nwant %s", strings.Join(trail, " "), want)
	}
	if v.Overdue || len(v.Next) != 0 {
		t.Fatalf("closed on time, nothing next: %+v", v)
	}
	// A closed item takes no more moves.
	if _, err := f.svc.Act(ledger.ActInput{ID: it.ID, Action: ledger.ActCancel, Note: "x"}); !isCode(err, "transition") {
		t.Fatalf("cancel after close: %v", err)
	}
}

func isCode(err error, code string) bool {
	var p *problem.Error
	return errors.As(err, &p) && p.Code == code
}

// inStatus brings a fresh item to a status through the loop.
func (f *fixture) inStatus(t *testing.T, status string) ledger.Item {
	t.Helper()
	it := f.register(t, "状态"+status)
	step := func(in ledger.ActInput) { in.ID = it.ID; it = f.act(t, in) }
	switch status {
	case ledger.StatusNew:
		return it
	case ledger.StatusRejected:
		step(ledger.ActInput{Action: ledger.ActReject, Note: "不属于本辖区"})
		return it
	case ledger.StatusCancelled:
		step(ledger.ActInput{Action: ledger.ActCancel, Note: "重复登记"})
		return it
	}
	it = f.assign(t, it.ID).Item
	if status == ledger.StatusAssigned {
		return it
	}
	step(ledger.ActInput{Action: ledger.ActAccept, Staff: f.b.ID})
	if status == ledger.StatusHandling {
		return it
	}
	step(ledger.ActInput{Action: ledger.ActSubmit, Staff: f.b.ID, Done: "已整改"})
	if status == ledger.StatusVerifying {
		return it
	}
	step(ledger.ActInput{Action: ledger.ActPass, Staff: f.c.ID})
	return it
}

// validInput is an input each action accepts when its status allows it.
func (f *fixture) validInput(id, act string) ledger.ActInput {
	in := ledger.ActInput{ID: id, Action: act, Staff: f.d.ID, Note: "说明", Done: "已整改", Deadline: "2026-12-31"}
	switch act {
	case ledger.ActAccept, ledger.ActSubmit, ledger.ActExtendRequest:
		in.Staff = f.b.ID
	}
	return in
}

func TestEveryTransitionAllowedOrRefused(t *testing.T) {
	f := setup(t)
	statuses := []string{ledger.StatusNew, ledger.StatusAssigned, ledger.StatusHandling, ledger.StatusVerifying,
		ledger.StatusClosed, ledger.StatusCancelled, ledger.StatusRejected}
	acts := []string{ledger.ActAccept, ledger.ActSubmit, ledger.ActPass, ledger.ActFail, ledger.ActCancel, ledger.ActReject,
		ledger.ActFeedback, ledger.ActExtendRequest}
	allowed := map[string]map[string]string{ // action → from → to ("" keeps)
		ledger.ActAccept:        {"2": "3"},
		ledger.ActSubmit:        {"3": "4"},
		ledger.ActPass:          {"4": "5"},
		ledger.ActFail:          {"4": "3"},
		ledger.ActCancel:        {"1": "8", "2": "8", "3": "8", "4": "8"},
		ledger.ActReject:        {"1": "9"},
		ledger.ActFeedback:      {"2": "", "3": "", "4": ""},
		ledger.ActExtendRequest: {"2": "", "3": ""},
	}
	for _, from := range statuses {
		for _, act := range acts {
			it := f.inStatus(t, from)
			before, _ := f.st.Get(ledger.KindItem, it.ID)
			got, err := f.svc.Act(f.validInput(it.ID, act))
			to, ok := allowed[act][from]
			if !ok {
				if !isCode(err, "transition") || !strings.Contains(err.Error(), it.StatusName) {
					t.Errorf("%s from %s: want refusal naming the status, got %v", act, from, err)
				}
				after, _ := f.st.Get(ledger.KindItem, it.ID)
				if len(after.Versions()) != len(before.Versions()) {
					t.Errorf("%s from %s: a refused move wrote", act, from)
				}
				continue
			}
			if err != nil {
				t.Errorf("%s from %s: %v", act, from, err)
				continue
			}
			if to == "" {
				to = from
			}
			if got.Status != to {
				t.Errorf("%s from %s: status %s, want %s", act, from, got.Status, to)
			}
		}
	}
	// Assigning is allowed from 待受理 and (改派) from 已指派 only.
	for _, from := range statuses {
		it := f.inStatus(t, from)
		_, err := f.svc.Assign(ledger.AssignInput{ID: it.ID, Dispatcher: f.a.ID, Unit: "05", Responsible: f.b.ID, Reviewer: f.c.ID,
			Project: "p", Measures: "m", Deadline: "2026-03-31"})
		if ok := from == ledger.StatusNew || from == ledger.StatusAssigned; ok != (err == nil) {
			t.Errorf("assign from %s: %v", from, err)
		}
	}
}

func TestAssignRefusalsNameTheField(t *testing.T) {
	f := setup(t)
	it := f.register(t, "集贸市场")
	cases := []struct {
		in           ledger.AssignInput
		field, words string
	}{
		{ledger.AssignInput{Dispatcher: f.a.ID, Unit: "05", Responsible: f.b.ID, Reviewer: f.b.ID, Project: "p", Measures: "m", Deadline: "2026-03-01"}, "reviewer", "整改责任人本人"},
		{ledger.AssignInput{Dispatcher: f.a.ID, Unit: "05", Responsible: f.b.ID, Reviewer: f.a.ID, Project: "p", Measures: "m", Deadline: "2026-03-01"}, "reviewer", "指派人本人"},
		{ledger.AssignInput{Dispatcher: f.a.ID, Unit: "05", Responsible: f.b.ID, Reviewer: f.c.ID, Project: "p", Measures: "m"}, "deadline", "整改时限"},
		{ledger.AssignInput{Dispatcher: f.a.ID, Unit: "05", Responsible: f.b.ID, Reviewer: f.c.ID, Project: "p", Measures: "m", Deadline: "2026-01-01"}, "deadline", "不能早于指派日期"},
		{ledger.AssignInput{Dispatcher: f.a.ID, Unit: "77", Responsible: f.b.ID, Reviewer: f.c.ID, Project: "p", Measures: "m", Deadline: "2026-03-01"}, "unit", "责任单位"},
		{ledger.AssignInput{Dispatcher: f.a.ID, Unit: "05", CoUnits: []string{"05"}, Responsible: f.b.ID, Reviewer: f.c.ID, Project: "p", Measures: "m", Deadline: "2026-03-01"}, "coUnits", "不能与责任单位相同"},
		{ledger.AssignInput{Dispatcher: f.a.ID, Unit: "05", Responsible: f.b.ID, Reviewer: f.c.ID, Measures: "m", Deadline: "2026-03-01"}, "project", "整改项目不能为空"},
	}
	for _, c := range cases {
		c.in.ID = it.ID
		_, err := f.svc.Assign(c.in)
		if m := testkit.FieldMessage(t, err, c.field); !strings.Contains(m, c.words) {
			t.Errorf("%s: want %q, got %v", c.field, c.words, err)
		}
	}
	if got, _ := f.svc.Get(it.ID); got.Status != ledger.StatusNew || len(got.Steps) != 1 {
		t.Fatalf("refused assignments changed the item: %+v", got.Item)
	}

	// A deadline running into a year without a holiday schedule warns.
	f.now = time.Date(2026, 12, 24, 9, 0, 0, 0, time.UTC)
	it = f.register(t, "年末检查")
	s, err := f.svc.Assign(ledger.AssignInput{ID: it.ID, Dispatcher: f.a.ID, Unit: "05", Responsible: f.b.ID, Reviewer: f.c.ID,
		Project: "p", Measures: "m", DeadlineDays: 7, WorkingDays: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0], "2027年") || s.Item.Deadline != "2027-01-04" {
		t.Fatalf("deadline %s warnings %v", s.Item.Deadline, s.Warnings)
	}
}

func TestExtensionNeedsAnotherApprover(t *testing.T) {
	f := setup(t)
	it := f.inStatus(t, ledger.StatusHandling)
	if _, err := f.svc.Act(ledger.ActInput{ID: it.ID, Action: ledger.ActExtendRequest, Staff: f.b.ID, Deadline: "2026-02-20", Note: "x"}); !strings.Contains(testkit.FieldMessage(t, err, "deadline"), "应晚于") {
		t.Fatalf("earlier extension: %v", err)
	}
	f.act(t, ledger.ActInput{ID: it.ID, Action: ledger.ActExtendRequest, Staff: f.b.ID, Deadline: "2026-03-20", Note: "需采购设备"})
	if _, err := f.svc.Act(ledger.ActInput{ID: it.ID, Action: ledger.ActExtendRequest, Staff: f.b.ID, Deadline: "2026-03-25", Note: "x"}); !isCode(err, "transition") {
		t.Fatalf("second request: %v", err)
	}
	if _, err := f.svc.Act(ledger.ActInput{ID: it.ID, Action: ledger.ActExtendApprove, Staff: f.b.ID}); !strings.Contains(testkit.FieldMessage(t, err, "staff"), "申请人自己") {
		t.Fatalf("self approval: %v", err)
	}
	ok := f.act(t, ledger.ActInput{ID: it.ID, Action: ledger.ActExtendApprove, Staff: f.a.ID})
	if ok.Deadline != "2026-03-20" || ok.Extension != nil {
		t.Fatalf("approved: %+v", ok)
	}
	f.act(t, ledger.ActInput{ID: it.ID, Action: ledger.ActExtendRequest, Staff: f.b.ID, Deadline: "2026-04-20", Note: "再延"})
	no := f.act(t, ledger.ActInput{ID: it.ID, Action: ledger.ActExtendRefuse, Staff: f.a.ID, Note: "无正当理由"})
	if no.Deadline != "2026-03-20" || no.Extension != nil {
		t.Fatalf("refused: %+v", no)
	}
}

func TestOverdueIsDerivedAndListsFilter(t *testing.T) {
	f := setup(t)
	late := f.inStatus(t, ledger.StatusHandling) // deadline 2026-02-26
	f.inStatus(t, ledger.StatusClosed)
	f.inStatus(t, ledger.StatusNew)
	f.now = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

	page, err := f.svc.List(ledger.Query{Status: "overdue"})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 1 || page.Lines[0].ID != late.ID || !page.Lines[0].Overdue || page.Lines[0].OverdueDays != 4 {
		t.Fatalf("overdue: %+v", page)
	}
	c := f.svc.Count("05")
	if c.Open != 1 || c.Overdue != 1 || c.ByStatus[ledger.StatusClosed] != 1 {
		t.Fatalf("unit counts: %+v", c)
	}
	if p, _ := f.svc.List(ledger.Query{From: "2026-02-13"}); p.Total != 0 {
		t.Fatalf("period after every item: %d", p.Total)
	}
	if p, _ := f.svc.List(ledger.Query{Text: strings.ToLower(late.Number)}); p.Total != 1 {
		t.Fatalf("by number: %d", p.Total)
	}
	// Closing it takes it off the overdue list at once.
	f.act(t, ledger.ActInput{ID: late.ID, Action: ledger.ActSubmit, Staff: f.b.ID, Done: "完成"})
	f.act(t, ledger.ActInput{ID: late.ID, Action: ledger.ActPass, Staff: f.c.ID})
	if p, _ := f.svc.List(ledger.Query{Status: "overdue"}); p.Total != 0 {
		t.Fatalf("closed item still overdue: %+v", p)
	}
	if v, _ := f.svc.Get(late.ID); !v.Overdue || v.OverdueDays != 4 {
		t.Fatalf("closed late is 逾期办结: %+v", v)
	}
}

func TestRatesOnKnownData(t *testing.T) {
	f := setup(t)
	// February: 4 counted (1 closed on time, 1 closed late, 1 open overdue,
	// 1 new without deadline), 1 cancelled (not counted).
	onTime := f.inStatus(t, ledger.StatusClosed)
	lateOne := f.inStatus(t, ledger.StatusVerifying)
	f.inStatus(t, ledger.StatusHandling)
	f.inStatus(t, ledger.StatusNew)
	f.inStatus(t, ledger.StatusCancelled)
	f.now = time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	f.act(t, ledger.ActInput{ID: lateOne.ID, Action: ledger.ActPass, Staff: f.c.ID})
	// March: one item, closed on time.
	f.inStatus(t, ledger.StatusClosed)

	st, err := f.svc.Stats(ledger.StatsQuery{From: "2026-01-01", To: "2026-12-31", Group: "month"})
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Buckets) != 2 {
		t.Fatalf("buckets: %+v", st.Buckets)
	}
	feb, mar := st.Buckets[0], st.Buckets[1]
	if feb.Label != "2026年2月" || feb.Total != 4 || feb.Closed != 2 || feb.OnTime != 1 || feb.OverdueDone != 1 || feb.Overdue != 1 {
		t.Fatalf("february: %+v", feb)
	}
	if feb.ClosedRate != 0.5 || feb.OnTimeRate != 0.5 || mar.ClosedRate != 1 || mar.OnTimeRate != 1 {
		t.Fatalf("rates: %+v %+v", feb, mar)
	}
	if st.Total.Total != 5 || st.Total.Closed != 3 || math.Abs(st.Total.OnTimeRate-2.0/3) > 1e-9 {
		t.Fatalf("total: %+v", st.Total)
	}
	// Clicking a figure lists exactly its items.
	p, _ := f.svc.List(feb.OverdueQuery)
	if p.Total != feb.Overdue {
		t.Fatalf("click-through %+v lists %d, figure says %d", feb.OverdueQuery, p.Total, feb.Overdue)
	}
	p, _ = f.svc.List(feb.Filter)
	if p.Total != 5 { // the list shows the cancelled one too
		t.Fatalf("february list: %d", p.Total)
	}
	byUnit, _ := f.svc.Stats(ledger.StatsQuery{From: "2026-01-01", To: "2026-12-31", Group: "unit"})
	if byUnit.Buckets[0].Label != "未指派" || byUnit.Buckets[1].Label != "安监站" || byUnit.Buckets[1].Total != 4 {
		t.Fatalf("by unit: %+v", byUnit.Buckets)
	}
	_ = onTime
}

func TestStepsFromTwoSitesBothKept(t *testing.T) {
	f := setup(t)
	it := f.inStatus(t, ledger.StatusHandling)
	other := &fixture{now: f.now}
	open(t, other)
	if p, _ := other.svc.List(ledger.Query{}); p.Total != 0 { // the view is built, then items arrive by sync
		t.Fatalf("empty store lists %d", p.Total)
	}
	testkit.Exchange(t, f.st, other.st)
	if p, _ := other.svc.List(ledger.Query{Status: ledger.StatusHandling, Unit: "05"}); p.Total != 1 || p.Lines[0].ID != it.ID {
		t.Fatalf("imported item not in the list: %+v", p)
	}

	// Offline at both: a feedback here, a feedback and an extension request there.
	f.act(t, ledger.ActInput{ID: it.ID, Action: ledger.ActFeedback, Staff: f.b.ID, Note: "已联系业主"})
	other.act(t, ledger.ActInput{ID: it.ID, Action: ledger.ActFeedback, Staff: f.d.ID, Note: "派出所已到场"})
	testkit.Exchange(t, f.st, other.st)
	testkit.Exchange(t, other.st, f.st)
	testkit.Exchange(t, other.st, f.st) // twice: nothing changes

	for _, x := range []*fixture{f, other} {
		v, err := x.svc.Get(it.ID)
		if err != nil {
			t.Fatal(err)
		}
		var notes []string
		for _, s := range v.Steps {
			if s.Action == ledger.ActFeedback {
				notes = append(notes, s.Note)
			}
		}
		if len(notes) != 2 || len(v.Steps) != 5 {
			t.Fatalf("steps after sync: %+v", v.Steps)
		}
	}
}

func TestNumbersAndViewSurviveReopen(t *testing.T) {
	f := setup(t)
	dir := t.TempDir()
	_ = dir
	var nums []string
	for i := 0; i < 3; i++ {
		nums = append(nums, f.register(t, fmt.Sprintf("地点%d", i)).Number)
	}
	code := f.st.Site().Code
	if nums[2] != ledger.Numbers.Format(code, "2026", 3) {
		t.Fatalf("numbers: %v", nums)
	}
	f.now = time.Date(2027, 1, 4, 9, 0, 0, 0, time.UTC)
	if n := f.register(t, "新年").Number; n != ledger.Numbers.Format(code, "2027", 1) {
		t.Fatalf("new year: %s", n)
	}
	p, _ := f.svc.List(ledger.Query{})
	if p.Total != 4 || p.Lines[0].Number != ledger.Numbers.Format(code, "2027", 1) {
		t.Fatalf("newest first: %+v", p.Lines)
	}
}

func TestTheUIReadsLinesAndViewsWhole(t *testing.T) {
	f := setup(t)
	it := f.inStatus(t, ledger.StatusHandling)
	f.now = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	v, err := f.svc.Get(it.ID)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(v)
	p, _ := f.svc.List(ledger.Query{})
	line, _ := json.Marshal(p.Lines[0])
	for _, want := range []string{`"overdue":true`, `"overdueDays":4`, `"number":"`, `"unitName":"安监站"`, `"responsibleName":"钱处置"`} {
		if !strings.Contains(string(raw), want) || !strings.Contains(string(line), want) {
			t.Fatalf("%s missing:\n%s\n%s", want, raw, line)
		}
	}
	if !strings.Contains(string(raw), `"steps":[{`) {
		t.Fatalf("view without its log: %s", raw)
	}
	if !strings.Contains(string(raw), `"next":["submit"`) || !strings.Contains(string(raw), `"photos":[]`) {
		t.Fatalf("view: %s", raw)
	}
}

func TestWhoeverTookPartMayNotVerifyAndLateExtensionsAreRefused(t *testing.T) {
	f := setup(t)
	it := f.register(t, "仓库")
	f.assign(t, it.ID) // handler b, dispatcher a, reviewer c
	// Someone other than the named handler takes it up and hands it in …
	f.act(t, ledger.ActInput{ID: it.ID, Action: ledger.ActAccept, Staff: f.d.ID})
	f.act(t, ledger.ActInput{ID: it.ID, Action: ledger.ActSubmit, Staff: f.d.ID, Done: "已整改"})
	// … and may not verify their own work.
	_, err := f.svc.Act(ledger.ActInput{ID: it.ID, Action: ledger.ActPass, Staff: f.d.ID})
	if m := testkit.FieldMessage(t, err, "staff"); !strings.Contains(m, "参与指派或处置") || !strings.Contains(m, "李其他") {
		t.Fatalf("verifier who handled it: %v", err)
	}
	f.act(t, ledger.ActInput{ID: it.ID, Action: ledger.ActPass, Staff: f.c.ID})

	// An extension is asked for before the deadline, not after it.
	late := f.inStatus(t, ledger.StatusHandling) // deadline 2026-02-26
	f.now = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	if _, err := f.svc.Act(ledger.ActInput{ID: late.ID, Action: ledger.ActExtendRequest, Staff: f.b.ID, Deadline: "2026-03-31", Note: "x"}); !strings.Contains(testkit.FieldMessage(t, err, "date"), "已过") {
		t.Fatalf("extension after the deadline: %v", err)
	}
	// A pending request is dropped by a new assignment (its deadline rules).
	f.now = time.Date(2026, 2, 12, 9, 0, 0, 0, time.UTC)
	other := f.inStatus(t, ledger.StatusAssigned)
	f.act(t, ledger.ActInput{ID: other.ID, Action: ledger.ActExtendRequest, Staff: f.b.ID, Deadline: "2026-03-10", Note: "等材料"})
	s, err := f.svc.Assign(ledger.AssignInput{ID: other.ID, Dispatcher: f.a.ID, Unit: "02", Responsible: f.b.ID, Reviewer: f.c.ID,
		Project: "p", Measures: "m", Deadline: "2026-04-30"})
	if err != nil || s.Item.Extension != nil || s.Item.Deadline != "2026-04-30" {
		t.Fatalf("改派 with a pending extension: %+v %v", s.Item.Extension, err)
	}
	if _, err := f.svc.Act(ledger.ActInput{ID: other.ID, Action: ledger.ActExtendApprove, Staff: f.a.ID}); !isCode(err, "transition") {
		t.Fatalf("approving a dropped request: %v", err)
	}
}

func TestAnEditKeepsAMoveMadeMeanwhile(t *testing.T) {
	f := setup(t)
	it := f.register(t, "砖厂")
	f.assign(t, it.ID)
	orig := f.svc.Author
	f.svc.Author = func() string {
		// Called as the edit begins: another window takes the item up first.
		f.svc.Author = orig
		f.act(t, ledger.ActInput{ID: it.ID, Action: ledger.ActAccept, Staff: f.b.ID})
		return orig()
	}
	if _, err := f.svc.Save(ledger.ItemInput{ID: it.ID, Source: "1", Category: "01", Place: "砖厂东侧", Grid: f.grid.ID, Found: "2026-02-12",
		Description: "改了描述"}); err != nil {
		t.Fatal(err)
	}
	v, _ := f.svc.Get(it.ID)
	if v.Status != ledger.StatusHandling || v.Place != "砖厂东侧" || v.Project != "清理通道" || len(v.Steps) != 4 {
		t.Fatalf("after the edit: %s %q %q, %d steps", v.StatusName, v.Place, v.Project, len(v.Steps))
	}
}

func TestAStepIsNotDatedBeforeTheLastOne(t *testing.T) {
	f := setup(t)
	it := f.register(t, "路口")
	f.now = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	if _, err := f.svc.Assign(ledger.AssignInput{ID: it.ID, Date: "2026-02-20", Dispatcher: f.a.ID, Unit: "08", Responsible: f.b.ID, Reviewer: f.c.ID,
		Project: "p", Measures: "m", Deadline: "2026-03-20"}); err != nil {
		t.Fatal(err)
	}
	_, err := f.svc.Act(ledger.ActInput{ID: it.ID, Action: ledger.ActAccept, Staff: f.b.ID, Date: "2026-02-19"})
	if m := testkit.FieldMessage(t, err, "date"); !strings.Contains(m, "不能早于上一步“指派”的日期（2026-02-20）") {
		t.Fatalf("accept dated before the assignment: %v", err)
	}
	f.act(t, ledger.ActInput{ID: it.ID, Action: ledger.ActAccept, Staff: f.b.ID, Date: "2026-02-20"})
}
