package api_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"zongzhi/backend/api"
	"zongzhi/backend/dispute"
	"zongzhi/backend/grid"
	"zongzhi/backend/people"
	"zongzhi/backend/testkit"
	"zongzhi/backend/zeroreport"
)

type disputeFixture struct {
	svc   *api.DisputeService
	zero  *zeroreport.Service
	grid  grid.Grid
	staff grid.Staff
}

func disputeSetup(t *testing.T) *disputeFixture {
	t.Helper()
	st := testkit.Store(t, api.Indexers(), dispute.Indexers(), zeroreport.Indexers())
	now := func() time.Time { return time.Date(2026, 4, 20, 9, 0, 0, 0, time.Local) }
	g := grid.New(st)
	g.Now = now
	p := people.New(st, g)
	p.Now = now
	f := &disputeFixture{zero: zeroreport.New(st)}
	f.zero.Now = now
	d := dispute.New(st, g, p.Dict, f.zero)
	d.Now = now
	f.svc = api.NewDisputeService(d)
	f.grid = testkit.Township(t, g)
	f.staff = testkit.Staff(t, g, grid.Staff{Name: "李调解", Phone: "13812345678", Role: "02"})[0]
	return f
}

func (f *disputeFixture) march(t *testing.T) (string, string) {
	t.Helper()
	id := testkit.IDNumber("19800101", 123)
	d, err := f.svc.Save(dispute.Input{Name: "张三李四排水沟纠纷", Date: "2026-03-02", Grid: f.grid.ID, Category: "02", Source: "1",
		Description: "排水沟堵塞", Parties: []dispute.Party{{Name: "张三", IDNumber: id, Role: "1"}, {Name: "李四", Role: "2"}}})
	if err != nil {
		t.Fatal(err)
	}
	steps := []func() (dispute.Dispute, error){
		func() (dispute.Dispute, error) {
			return f.svc.Accept(dispute.AcceptInput{ID: d.ID, Date: "2026-03-03", Method: "1", Mediator: f.staff.ID})
		},
		func() (dispute.Dispute, error) {
			return f.svc.AddRecord(dispute.EntryInput{Dispute: d.ID, Date: "2026-03-04", Content: "现场调解"})
		},
		func() (dispute.Dispute, error) {
			return f.svc.Conclude(dispute.ResultInput{ID: d.ID, Date: "2026-03-05", Result: dispute.ResultSuccess, Agreement: "1", Amount: 800})
		},
		func() (dispute.Dispute, error) {
			return f.svc.FollowUp(dispute.VisitInput{ID: d.ID, Date: "2026-03-20", By: f.staff.ID, Satisfaction: "2"})
		},
	}
	for _, s := range steps {
		if _, err := s(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.svc.Save(dispute.Input{Name: "王家宅基地纠纷", Date: "2026-03-10", Grid: f.grid.ID, Category: "03",
		Description: "宅基地界址不清", Deadline: "2026-04-10", Parties: []dispute.Party{{Name: "王五", Role: "1"}, {Name: "王六", Role: "2"}}}); err != nil {
		t.Fatal(err)
	}
	return id, d.Number
}

func TestDisputeLedgerAndMonthlyPrint(t *testing.T) {
	f := disputeSetup(t)
	id, number := f.march(t)

	got := pdfText(t)(f.svc.DisputeLedger(dispute.Query{From: "2026-03-01", To: "2026-03-31"}))
	for _, want := range []string{"矛盾纠纷排查调处台账", "勐简乡综治中心", "统计期间：2026年3月", "张三李四排水沟纠纷", "王家宅基地纠纷",
		number, id[:6] + "********" + id[14:], "人民调解", "李调解", "书面协议", "800元", "基本满意", "已回访", "逾期", "填表人", "分管领导"} {
		if !strings.Contains(got, want) {
			t.Errorf("ledger lacks %q", want)
		}
	}
	if strings.Contains(got, id) || strings.Contains(got, "零报告") {
		t.Errorf("ledger shows the full ID number or a zero report:\n%s", got)
	}

	got = pdfText(t)(f.svc.DisputeMonthly(dispute.MonthlyQuery{Month: "2026-03"}))
	for _, want := range []string{"矛盾纠纷排查化解月度统计表", "统计月份：2026年3月", "婚姻家庭", "邻里", "房屋宅基地", "合计",
		"调处成功率：100.0%（调处成功1件÷已调处1件）", "回访满意率：100.0%（满意及基本满意1件÷已回访1件）"} {
		if !strings.Contains(got, want) {
			t.Errorf("monthly table lacks %q:\n%s", want, got)
		}
	}

	// February had nothing: both print as 零报告, with the report filed.
	if _, err := f.zero.Save(zeroreport.Report{Area: zeroreport.AreaDispute, Period: "2026-02", Reporter: "王秘书", Date: "2026-03-02"}); err != nil {
		t.Fatal(err)
	}
	got = pdfText(t)(f.svc.DisputeMonthly(dispute.MonthlyQuery{Month: "2026-02"}))
	for _, want := range []string{"月度统计表（零报告）", "本月未排查出矛盾纠纷，零报告。", "报告人：王秘书", "2026年3月2日"} {
		if !strings.Contains(got, want) {
			t.Errorf("zero month lacks %q:\n%s", want, got)
		}
	}
	if got = pdfText(t)(f.svc.DisputeLedger(dispute.Query{From: "2026-02-01", To: "2026-02-28"})); !strings.Contains(got, "零报告") || !strings.Contains(got, "报告人：王秘书") {
		t.Errorf("empty ledger:\n%s", got)
	}
	if _, err := f.svc.DisputeMonthly(dispute.MonthlyQuery{Month: "三月"}); err == nil {
		t.Error("bad month accepted")
	}
}

func TestDisputeListExport(t *testing.T) {
	f := disputeSetup(t)
	id, number := f.march(t)
	doc, err := f.svc.DisputeList(dispute.Query{From: "2026-03-01", To: "2026-03-31"})
	if err != nil {
		t.Fatal(err)
	}
	x := testkit.Workbook(t, doc.Data)
	rows, err := x.GetRows(x.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	all := fmt.Sprint(rows)
	if len(rows) != 4 || !strings.Contains(all, number) || !strings.Contains(all, id[:6]+"********"+id[14:]) || strings.Contains(all, id) {
		t.Fatalf("export rows %v", rows)
	}
	if rows[2][3] != "张三李四排水沟纠纷" || rows[3][14] != "已登记" {
		t.Fatalf("rows %v", rows[2:])
	}
}
