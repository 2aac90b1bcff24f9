package zeroreport_test

import (
	"strings"
	"testing"
	"time"

	"zongzhi/backend/grid"
	"zongzhi/backend/problem"
	"zongzhi/backend/testkit"
	"zongzhi/backend/zeroreport"
)

type fixture struct {
	svc   *zeroreport.Service
	grid  grid.Grid
	items map[string]int // "from to scope" → count the fake counter answers
	asked []string
}

func setup(t *testing.T) *fixture {
	t.Helper()
	st := testkit.Store(t, grid.Indexers(), zeroreport.Indexers())
	now := time.Date(2026, 4, 10, 9, 0, 0, 0, time.UTC)
	g := grid.New(st)
	g.Now = func() time.Time { return now }
	f := &fixture{items: map[string]int{}, grid: testkit.Township(t, g)}
	f.svc = zeroreport.New(st)
	f.svc.Now = func() time.Time { return now }
	f.svc.Register(zeroreport.AreaDispute, func(from, to, scope string) int {
		key := from + " " + to + " " + scope
		f.asked = append(f.asked, key)
		return f.items[key]
	})
	return f
}

func problemOf(t *testing.T, err error) *problem.Error {
	t.Helper()
	if err == nil {
		t.Fatal("expected a refusal")
	}
	return problem.As(err)
}

func TestZeroReportIsRefusedWhenTheAreaHasItems(t *testing.T) {
	f := setup(t)
	f.items["2026-03-01 2026-03-31 "] = 2
	_, err := f.svc.Save(zeroreport.Report{Area: zeroreport.AreaDispute, Period: "2026-03", Reporter: "王秘书"})
	if p := problemOf(t, err); p.Code != zeroreport.ErrHasItems || !strings.Contains(p.Message, "2026年3月") || !strings.Contains(p.Message, "2件") {
		t.Fatalf("refusal %+v", p)
	}
	// The grid's own scope has nothing: its zero report is taken.
	z, err := f.svc.Save(zeroreport.Report{Area: zeroreport.AreaDispute, Period: "2026-03", Scope: f.grid.ID, Reporter: "王秘书", Date: "2026-04-02", Note: "经排查无矛盾纠纷"})
	if err != nil {
		t.Fatal(err)
	}
	if z.ScopeName != "平场子一组" || z.AreaName != "矛盾纠纷排查化解" || z.ID != zeroreport.ID(zeroreport.AreaDispute, "2026-03", f.grid.ID) {
		t.Fatalf("saved %+v", z)
	}
	if last := f.asked[len(f.asked)-1]; last != "2026-03-01 2026-03-31 "+f.grid.ID {
		t.Fatalf("counter asked %q", last)
	}
	// February 2026 ends on the 28th; a village is a scope too.
	if _, err := f.svc.Save(zeroreport.Report{Area: zeroreport.AreaDispute, Period: "2026-02", Scope: "530521103201", Reporter: "王秘书"}); err != nil {
		t.Fatal(err)
	}
	if last := f.asked[len(f.asked)-1]; last != "2026-02-01 2026-02-28 530521103201" {
		t.Fatalf("counter asked %q", last)
	}
	// Saving again corrects the same report.
	if _, err := f.svc.Save(zeroreport.Report{Area: zeroreport.AreaDispute, Period: "2026-03", Scope: f.grid.ID, Reporter: "李网格"}); err != nil {
		t.Fatal(err)
	}
	list, err := f.svc.List(zeroreport.AreaDispute, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Period != "2026-02" || list[1].Reporter != "李网格" || list[1].Items != 0 {
		t.Fatalf("list %+v", list)
	}
	// Something registered afterwards shows on the list.
	f.items["2026-03-01 2026-03-31 "+f.grid.ID] = 1
	list, _ = f.svc.List(zeroreport.AreaDispute, 2026)
	if list[1].Items != 1 {
		t.Fatalf("late item not shown: %+v", list[1])
	}
	if other, _ := f.svc.List(zeroreport.AreaDispute, 2025); len(other) != 0 {
		t.Fatalf("2025: %+v", other)
	}
	if err := f.svc.Delete(list[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, ok := f.svc.Find(zeroreport.AreaDispute, "2026-02", "530521103201"); ok {
		t.Fatal("deleted report still found")
	}
	if p := problemOf(t, f.svc.Delete(list[0].ID)); p.Code != problem.CodeNotFound {
		t.Fatalf("second delete %+v", p)
	}
	if err := f.svc.Store.Verify(); err != nil {
		t.Fatal(err)
	}
}

func TestZeroReportValidation(t *testing.T) {
	f := setup(t)
	scenarios := []struct {
		name  string
		in    zeroreport.Report
		field string
		want  string
	}{
		{"no area", zeroreport.Report{Period: "2026-03", Reporter: "王"}, "area", "请选择报告类别"},
		{"unknown area", zeroreport.Report{Area: "visits", Period: "2026-03", Reporter: "王"}, "area", "不存在"},
		{"bad month", zeroreport.Report{Area: "dispute", Period: "2026-13", Reporter: "王"}, "period", "格式不正确"},
		{"future month", zeroreport.Report{Area: "dispute", Period: "2026-05", Reporter: "王"}, "period", "尚未到来"},
		{"no reporter", zeroreport.Report{Area: "dispute", Period: "2026-03"}, "reporter", "报告人不能为空"},
		{"date before month", zeroreport.Report{Area: "dispute", Period: "2026-03", Reporter: "王", Date: "2026-02-27"}, "date", "不能早于所报月份"},
		{"future date", zeroreport.Report{Area: "dispute", Period: "2026-03", Reporter: "王", Date: "2026-04-11"}, "date", "不能晚于今天"},
		{"unknown scope", zeroreport.Report{Area: "dispute", Period: "2026-03", Reporter: "王", Scope: "nope"}, "scope", "不存在"},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			_, err := f.svc.Save(sc.in)
			p := problemOf(t, err)
			found := false
			for _, fe := range p.Fields {
				found = found || (fe.Field == sc.field && strings.Contains(fe.Message, sc.want))
			}
			if !found {
				t.Fatalf("want %s: %q, got %+v", sc.field, sc.want, p)
			}
		})
	}
	// An area whose counter is not registered yet cannot claim zero.
	_, err := f.svc.Save(zeroreport.Report{Area: zeroreport.AreaRectification, Period: "2026-03", Reporter: "王"})
	if p := problemOf(t, err); p.Code != zeroreport.ErrNotConnected {
		t.Fatalf("unconnected area: %+v", p)
	}
}

func TestAWithdrawnReportCanBeFiledAgain(t *testing.T) {
	s := setup(t).svc
	r, err := s.Save(zeroreport.Report{Area: zeroreport.AreaDispute, Period: "2026-01", Reporter: "李四", Date: "2026-02-01"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(r.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Find(zeroreport.AreaDispute, "2026-01", ""); ok {
		t.Fatal("withdrawn report still found")
	}
	if _, err := s.Save(zeroreport.Report{Area: zeroreport.AreaDispute, Period: "2026-01", Reporter: "王五", Date: "2026-02-02"}); err != nil {
		t.Fatal(err)
	}
	if got, ok := s.Find(zeroreport.AreaDispute, "2026-01", ""); !ok || got.Reporter != "王五" {
		t.Fatalf("filed again: %+v %v", got, ok)
	}
}
