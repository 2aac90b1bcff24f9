package api_test

import (
	"strings"
	"testing"
	"time"

	"zongzhi/backend/api"
	"zongzhi/backend/api/apitest"
	"zongzhi/backend/demo"
	"zongzhi/backend/grid"
	"zongzhi/backend/ledger"
	"zongzhi/backend/people"
	"zongzhi/backend/store"
	"zongzhi/backend/testkit"
	"zongzhi/backend/zeroreport"
)

func TestRectificationNoticeReceiptAndZeroReport(t *testing.T) {
	s := apitest.New(t)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	g := testkit.Township(t, s.Grid)
	var staff []grid.Staff
	for i, n := range []string{"赵指派", "钱处置", "孙核查"} {
		staff = append(staff, grid.Staff{Name: n, Role: "02", Phone: "1381234500" + string(rune('0'+i))})
	}
	staff = testkit.Staff(t, s.Grid, staff...)
	today := time.Now().Format("2006-01-02")
	it, err := s.Ledger.Save(ledger.ItemInput{Source: "4", Category: "05", Place: "集贸市场东侧通道", Grid: g.ID, Found: today, Description: "消防通道被占用"})
	must(err)
	if _, err := s.Report.RectificationNotice(api.NoticeQuery{ID: it.ID}); err == nil || !strings.Contains(err.Error(), "尚未指派") {
		t.Fatalf("notice before assignment: %v", err)
	}
	_, err = s.Ledger.Assign(ledger.AssignInput{ID: it.ID, Dispatcher: staff[0].ID, Unit: "04", Responsible: staff[1].ID, Reviewer: staff[2].ID,
		Project: "清理通道", Measures: "清走占道货物，划定禁停线", DeadlineDays: 5, WorkingDays: true})
	must(err)
	v, _ := s.Ledger.Get(it.ID)

	notice, err := s.Report.RectificationNotice(api.NoticeQuery{ID: it.ID})
	must(err)
	testkit.Artefact(t, "整改通知书.pdf", notice.Data)
	text := testkit.PDFText(t, notice.Data)
	for _, want := range []string{"隐患整改通知书", v.Number, "市场监督管理所：", "12345热线", "清走占道货物", "钱处置", "孙核查", "勐简乡综治中心"} {
		if !strings.Contains(text, want) {
			t.Errorf("notice lacks %q: %s", want, text)
		}
	}
	receipt, err := s.Report.RectificationNotice(api.NoticeQuery{ID: it.ID, Receipt: true})
	must(err)
	if text := testkit.PDFText(t, receipt.Data); !strings.Contains(text, "隐患整改回执") || !strings.Contains(text, v.Number) {
		t.Errorf("receipt: %s", text)
	}

	// 零报告: refused for this month (an item was found), taken for an empty one,
	// and cited on that month's printed ledger.
	month := today[:7]
	if _, err := s.Zero.Save(zeroreport.Report{Area: zeroreport.AreaRectification, Period: month, Reporter: "李四"}); err == nil {
		t.Fatal("a zero report for a month with an item was taken")
	}
	z, err := s.Zero.Save(zeroreport.Report{Area: zeroreport.AreaRectification, Period: "2025-01", Reporter: "李四", Date: "2025-02-01"})
	must(err)
	doc, err := s.Report.RectificationLedger(api.LedgerPrint{Period: "2025-01"})
	must(err)
	if text := testkit.PDFText(t, doc.Data); !strings.Contains(text, "零报告") || !strings.Contains(text, "李四于2025年2月1日报告") {
		t.Fatalf("zero month (%+v): %s", z, text)
	}
	// A filter that matches nothing is no 零报告.
	doc, err = s.Report.RectificationLedger(api.LedgerPrint{Period: month, Query: ledger.Query{Status: "overdue"}})
	must(err)
	if text := testkit.PDFText(t, doc.Data); strings.Contains(text, "零报告") || !strings.Contains(text, "本期无符合筛选条件的事项") {
		t.Fatalf("filtered empty month: %s", text)
	}
}

func TestAnItemRaisedByAVisitIsLinkedBothWays(t *testing.T) {
	s := apitest.New(t)
	if _, err := demo.Load(demo.Areas{Grid: s.Domain.Grid, People: s.Domain.People}, demo.ScaleTownship, 2); err != nil {
		t.Fatal(err)
	}
	var visit people.Visit
	for _, r := range s.Store.Rows(store.IndexStatus, people.KindVisit, "done") {
		d, err := s.People.GetPerson(r.Ref)
		if err != nil {
			t.Fatal(err)
		}
		visit = d.Visits[0].Visit
		break
	}
	in := ledger.ItemInput{Source: "2", Category: "02", Place: "出租屋", Grid: visit.Grid, Found: visit.Date, Description: "走访中发现出租屋未登记流动人口",
		FollowUp: "visit/" + visit.ID}
	it, err := s.Ledger.Save(in)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := s.People.GetPerson(visit.Person)
	for _, v := range d.Visits {
		if v.ID == visit.ID && v.FollowUp != ledger.KindItem+"/"+it.ID {
			t.Fatalf("visit's follow-up: %q", v.FollowUp)
		}
	}
	if _, err := s.Ledger.Save(in); err == nil || !strings.Contains(err.Error(), "已登记为整改事项"+it.Number) {
		t.Fatalf("a second item from the same visit: %v", err)
	}
	in.FollowUp = "visit/nope"
	if _, err := s.Ledger.Save(in); err == nil || !strings.Contains(err.Error(), "走访记录不存在") {
		t.Fatalf("a missing visit: %v", err)
	}
}
