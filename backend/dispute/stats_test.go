package dispute_test

import (
	"strings"
	"testing"

	"zongzhi/backend/dispute"
	"zongzhi/backend/problem"
	"zongzhi/backend/testkit"
	"zongzhi/backend/zeroreport"
)

// known registers a known set: in March 2026, 邻里 (02): 3 成功 visited
// 满意/基本满意/不满意 and 1 不成功; 婚姻家庭 (01): 1 调处中 and 1 不予受理;
// 合同 (04): 1 only registered. In April, one 邻里 成功 visited 满意 in
// the second grid. Involved: 2 per dispute, 5 on the 婚姻家庭 one in
// mediation.
func (f *fixture) known(t *testing.T) {
	t.Helper()
	add := func(name, date, category, gridID, status, satisfaction string, involved int) {
		in := f.input(name, date)
		in.Category, in.Grid, in.Involved = category, gridID, involved
		d := f.register(t, in)
		if status == dispute.StatusVisited {
			d = f.advance(t, d, dispute.StatusSucceeded)
			var err error
			if d, err = f.do(d, "visit", satisfaction); err != nil {
				t.Fatal(err)
			}
			return
		}
		f.advance(t, d, status)
	}
	g1, g2 := f.grid.ID, f.grid2.ID
	add("邻里一", "2026-03-02", "02", g1, dispute.StatusVisited, "1", 0)
	add("邻里二", "2026-03-09", "02", g1, dispute.StatusVisited, "2", 0)
	add("邻里三", "2026-03-16", "02", g1, dispute.StatusVisited, "3", 0)
	add("邻里四", "2026-03-31", "02", g1, dispute.StatusFailed, "", 0)
	add("婚姻一", "2026-03-05", "01", g1, dispute.StatusMediating, "", 5)
	add("婚姻二", "2026-03-06", "01", g1, dispute.StatusDeclined, "", 0)
	add("合同一", "2026-03-20", "04", g1, dispute.StatusRegistered, "", 0)
	add("邻里五", "2026-04-01", "02", g2, dispute.StatusVisited, "1", 0)
}

func TestMonthlyStatisticsOnKnownData(t *testing.T) {
	f := setup(t)
	f.known(t)
	m, err := f.svc.Monthly(dispute.MonthlyQuery{Month: "2026-03"})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]dispute.Counts{}
	for _, r := range m.Rows {
		byName[r.CategoryName] = r.Counts
	}
	if len(m.Rows) != len(dispute.Categories) || m.Rows[0].CategoryName != "婚姻家庭" || m.Rows[len(m.Rows)-1].CategoryName != "其他" {
		t.Fatalf("rows %+v", m.Rows)
	}
	want := map[string]dispute.Counts{
		"邻里":   {Registered: 4, Accepted: 4, Succeeded: 3, Failed: 1, Involved: 8, Visited: 3, Satisfied: 2},
		"婚姻家庭": {Registered: 2, Accepted: 1, Declined: 1, Mediating: 1, Involved: 7},
		"合同":   {Registered: 1, Involved: 2},
		"医疗":   {},
	}
	for name, w := range want {
		if byName[name] != w {
			t.Errorf("%s: %+v, want %+v", name, byName[name], w)
		}
	}
	total := dispute.Counts{Registered: 7, Accepted: 5, Declined: 1, Succeeded: 3, Failed: 1, Mediating: 1, Involved: 17, Visited: 3, Satisfied: 2}
	if m.Total != total {
		t.Fatalf("total %+v, want %+v", m.Total, total)
	}
	if m.SuccessRate != (dispute.Rate{Num: 3, Den: 4, Percent: 75, Text: "75.0%"}) {
		t.Fatalf("success rate %+v", m.SuccessRate)
	}
	if m.SatisfactionRate != (dispute.Rate{Num: 2, Den: 3, Percent: 66.7, Text: "66.7%"}) {
		t.Fatalf("satisfaction rate %+v", m.SatisfactionRate)
	}
	if m.Zero || m.MonthName != "2026年3月" || m.ScopeName != "全乡（镇）" {
		t.Fatalf("header %+v", m)
	}
	// The second grid had nothing in March: a zero month with "—" rates.
	g2, err := f.svc.Monthly(dispute.MonthlyQuery{Month: "2026-03", Grid: f.grid2.ID})
	if err != nil {
		t.Fatal(err)
	}
	if !g2.Zero || g2.Total != (dispute.Counts{}) || g2.SuccessRate.Text != "—" || g2.SatisfactionRate.Percent != 0 || g2.ZeroReport != nil {
		t.Fatalf("empty grid %+v", g2)
	}
	// Its 零报告 is taken and shows on the table; the township's is refused.
	if _, err := f.zero.Save(zeroreport.Report{Area: zeroreport.AreaDispute, Period: "2026-03", Scope: f.grid2.ID, Reporter: "李网格"}); err != nil {
		t.Fatal(err)
	}
	if g2, _ = f.svc.Monthly(dispute.MonthlyQuery{Month: "2026-03", Grid: f.grid2.ID}); g2.ZeroReport == nil || g2.ZeroReport.Reporter != "李网格" {
		t.Fatalf("zero report not on the table: %+v", g2.ZeroReport)
	}
	_, err = f.zero.Save(zeroreport.Report{Area: zeroreport.AreaDispute, Period: "2026-03", Scope: "530521103201", Reporter: "李网格"})
	if p := problem.As(err); p.Code != zeroreport.ErrHasItems || !strings.Contains(p.Message, "7件") {
		t.Fatalf("village zero report: %+v", p)
	}
	if _, err := f.svc.Monthly(dispute.MonthlyQuery{Month: "2026/03"}); err == nil {
		t.Fatal("bad month accepted")
	}
}

func TestRatesPerMonthQuarterYearAndGrid(t *testing.T) {
	f := setup(t)
	f.known(t)
	rates := func(groupBy string) dispute.RateTable {
		t.Helper()
		r, err := f.svc.Rates(dispute.RatesQuery{From: "2026-01-01", To: "2026-04-30", GroupBy: groupBy})
		if err != nil {
			t.Fatal(err)
		}
		if r.Total.SuccessRate.Text != "80.0%" || r.Total.SatisfactionRate.Text != "75.0%" || r.Total.Registered != 8 {
			t.Fatalf("%s total %+v", groupBy, r.Total)
		}
		return r
	}
	type point struct{ key, success, satisfaction string }
	check := func(groupBy string, want []point) {
		t.Helper()
		r := rates(groupBy)
		if len(r.Buckets) != len(want) {
			t.Fatalf("%s: %d buckets %+v", groupBy, len(r.Buckets), r.Buckets)
		}
		for i, w := range want {
			b := r.Buckets[i]
			if b.Key != w.key || b.SuccessRate.Text != w.success || b.SatisfactionRate.Text != w.satisfaction {
				t.Errorf("%s bucket %d: %s %s %s, want %+v", groupBy, i, b.Key, b.SuccessRate.Text, b.SatisfactionRate.Text, w)
			}
		}
	}
	check("month", []point{{"2026-01", "—", "—"}, {"2026-02", "—", "—"}, {"2026-03", "75.0%", "66.7%"}, {"2026-04", "100.0%", "100.0%"}})
	check("quarter", []point{{"2026-Q1", "75.0%", "66.7%"}, {"2026-Q2", "100.0%", "100.0%"}})
	check("year", []point{{"2026", "80.0%", "75.0%"}})
	check("grid", []point{{f.grid.ID, "75.0%", "66.7%"}, {f.grid2.ID, "100.0%", "100.0%"}})
	if r := rates("quarter"); r.Buckets[0].Label != "2026年第一季度" {
		t.Fatalf("label %q", r.Buckets[0].Label)
	}
	if r := rates("grid"); r.Buckets[1].Label != "平场子二组" {
		t.Fatalf("label %q", r.Buckets[1].Label)
	}
	// Scoped to the second grid: one dispute.
	r, err := f.svc.Rates(dispute.RatesQuery{From: "2026-01-01", To: "2026-12-31", GroupBy: "year", Grid: f.grid2.ID})
	if err != nil || r.Total.Registered != 1 || r.Total.SuccessRate.Percent != 100 {
		t.Fatalf("grid scope %+v %v", r.Total, err)
	}
	_, err = f.svc.Rates(dispute.RatesQuery{From: "2026-04-01", To: "2026-03-01", GroupBy: "week"})
	testkit.FieldMessage(t, err, "to")
	testkit.FieldMessage(t, err, "groupBy")
}
