package demo_test

import (
	"reflect"
	"testing"
	"time"

	"zongzhi/backend/demo"
	"zongzhi/backend/dict"
	"zongzhi/backend/dispute"
	"zongzhi/backend/grid"
	"zongzhi/backend/store"
	"zongzhi/backend/testkit"
	"zongzhi/backend/zeroreport"
)

// loadDisputes loads the grids and the disputes only (the population is
// the slow part and has its own test) and returns what a reader sees.
func loadDisputes(t *testing.T, seed int64) (demo.Summary, *dispute.Service, []string, time.Duration) {
	t.Helper()
	st := testkit.Store(t, grid.Indexers(), dispute.Indexers(), zeroreport.Indexers(), map[string]store.Indexer{dict.Kind: dict.Indexer})
	today := time.Date(2026, 3, 18, 10, 0, 0, 0, time.Local)
	clock := func() time.Time { return today }
	g := grid.New(st)
	z := zeroreport.New(st)
	z.Now = clock
	ds := dispute.New(st, g, dict.New(st, func() string { return "演示" }), z)
	ds.Now = clock
	start := time.Now()
	sum, err := demo.Load(demo.Areas{Grid: g, Disputes: ds}, demo.ScaleTownship, seed)
	took := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Verify(); err != nil {
		t.Fatal(err)
	}
	ledger, err := ds.Ledger(dispute.Query{})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, d := range ledger {
		// Numbers carry the site code, which differs per store.
		lines = append(lines, d.Date+" "+d.Name+" "+d.GridName+" "+d.Status+" "+d.Visit.Satisfaction+" "+d.Agreement+" "+d.Channel)
	}
	return sum, ds, lines, took
}

func TestDemoDisputesInEveryState(t *testing.T) {
	sum, ds, a, took := loadDisputes(t, 42)
	_, _, b, _ := loadDisputes(t, 42)
	_, _, c, _ := loadDisputes(t, 1)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed gave different disputes")
	}
	if reflect.DeepEqual(a, c) {
		t.Fatal("different seeds gave the same disputes")
	}
	if sum.Disputes < 100 || sum.Disputes != len(a) || sum.ZeroReports != 3 {
		t.Fatalf("summary %+v, %d disputes listed", sum, len(a))
	}
	t.Logf("%d disputes, %d zero reports, whole load %s", sum.Disputes, sum.ZeroReports, took)

	all, _ := ds.Ledger(dispute.Query{})
	status, satisfaction, agreement, channel := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	records := 0
	for _, d := range all {
		status[d.Status]++
		satisfaction[d.Visit.Satisfaction]++
		agreement[d.Agreement]++
		channel[d.Channel]++
		if d.Status == dispute.StatusMediating {
			records += len(d.Records)
		}
	}
	t.Logf("by status %v", status)
	for _, s := range dispute.Statuses {
		if status[s.Code] == 0 {
			t.Errorf("no dispute %s: %v", s.Label, status)
		}
	}
	for _, c := range []struct {
		what string
		got  map[string]int
		want []dispute.Code
	}{{"satisfaction", satisfaction, dispute.Satisfactions}, {"agreement", agreement, dispute.Agreements}, {"channel", channel, dispute.Channels}} {
		for _, code := range c.want {
			if c.got[code.Code] == 0 {
				t.Errorf("no %s %s: %v", c.what, code.Label, c.got)
			}
		}
	}
	if records < status[dispute.StatusMediating] {
		t.Errorf("mediating disputes without records: %d records for %d", records, status[dispute.StatusMediating])
	}
	// Rates look like an office's: most mediations succeed, most parties are satisfied.
	rates, err := ds.Rates(dispute.RatesQuery{From: "2025-03-01", To: "2026-03-18", GroupBy: "year"})
	if err != nil {
		t.Fatal(err)
	}
	if p := rates.Total.SuccessRate.Percent; p < 85 || p == 100 {
		t.Errorf("success rate %v", rates.Total.SuccessRate)
	}
	if p := rates.Total.SatisfactionRate.Percent; p < 75 || p == 100 {
		t.Errorf("satisfaction rate %v", rates.Total.SatisfactionRate)
	}
	// Each zero report is for a grid and month with no dispute, and shows on the month's table.
	for _, m := range []string{"2026-02", "2026-01", "2025-12"} {
		zs, _ := ds.Zero.List(zeroreport.AreaDispute, map[bool]int{true: 2026, false: 2025}[m >= "2026"])
		found := false
		for _, z := range zs {
			if z.Period != m {
				continue
			}
			found = true
			st, err := ds.Monthly(dispute.MonthlyQuery{Month: m, Grid: z.Scope})
			if err != nil || !st.Zero || st.ZeroReport == nil || z.Items != 0 {
				t.Errorf("%s %s: zero %v report %v items %d err %v", m, z.ScopeName, st.Zero, st.ZeroReport, z.Items, err)
			}
		}
		if !found {
			t.Errorf("no zero report for %s", m)
		}
	}
	if took > 2*time.Second {
		t.Errorf("grids and disputes took %s", took)
	}
}
