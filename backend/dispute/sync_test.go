package dispute_test

import (
	"sort"
	"strings"
	"testing"

	"zongzhi/backend/dispute"
	"zongzhi/backend/testkit"
)

func contents(d dispute.Dispute) string {
	var out []string
	for _, e := range d.Records {
		out = append(out, e.Content)
	}
	sort.Strings(out)
	return strings.Join(out, "|")
}

// TestConcurrentMediationRecordsAreBothKept: the township center and a
// village laptop each add mediation records to the same dispute offline;
// after the stick goes both ways each holds every record, with no
// conflict to resolve.
func TestConcurrentMediationRecordsAreBothKept(t *testing.T) {
	a := setup(t)
	b := open(t)
	b.grid, b.grid2, b.staff = a.grid, a.grid2, a.staff
	d := a.register(t, a.input("张三李四排水沟纠纷", "2026-03-02"))
	d = a.advance(t, d, dispute.StatusAccepted)
	testkit.Exchange(t, a.svc.Store, b.svc.Store)

	// Both add the first record: both move it to 调处中 and both log it.
	if _, err := a.svc.AddRecord(dispute.EntryInput{Dispute: d.ID, Date: "2026-03-03", Content: "中心：电话联系双方"}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.svc.AddRecord(dispute.EntryInput{Dispute: d.ID, Date: "2026-03-03", Content: "村里：到现场查看排水沟"}); err != nil {
		t.Fatal(err)
	}
	// And more while still apart.
	if _, err := a.svc.AddRecord(dispute.EntryInput{Dispute: d.ID, Date: "2026-03-05", Content: "中心：组织双方面谈"}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.svc.AddRecord(dispute.EntryInput{Dispute: d.ID, Date: "2026-03-04", MediatorName: "村调委会主任", Content: "村里：第二次调解"}); err != nil {
		t.Fatal(err)
	}
	// B registers a dispute of its own meanwhile: its number cannot collide.
	own := b.register(t, b.input("王五赵六宅基地纠纷", "2026-03-04"))

	testkit.Exchange(t, a.svc.Store, b.svc.Store)
	testkit.Exchange(t, b.svc.Store, a.svc.Store)
	want := "中心：电话联系双方|中心：组织双方面谈|村里：到现场查看排水沟|村里：第二次调解"
	for name, s := range map[string]*fixture{"A": a, "B": b} {
		got, err := s.svc.Get(d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if contents(got) != want {
			t.Fatalf("%s holds %q", name, contents(got))
		}
		if got.Records[0].Date != "2026-03-03" || got.Records[3].Content != "中心：组织双方面谈" {
			t.Fatalf("%s: records not in date order: %+v", name, got.Records)
		}
		if got.Status != dispute.StatusMediating || len(got.Log) != 4 { // 登记, 受理, 开始调处 twice
			t.Fatalf("%s: status %s, log %+v", name, got.Status, got.Log)
		}
		rec, err := s.svc.Store.Get(dispute.Kind, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if c := rec.Conflicts(); len(c) != 0 {
			t.Fatalf("%s: conflicts on %v", name, c)
		}
		if err := s.svc.Store.Verify(); err != nil {
			t.Fatal(err)
		}
		if p := s.svc.List(dispute.Query{}); p.Total != 2 {
			t.Fatalf("%s lists %d disputes", name, p.Total)
		}
	}
	if own.Number == d.Number || !strings.Contains(own.Number, b.svc.Store.Site().Code) || !strings.Contains(d.Number, a.svc.Store.Site().Code) {
		t.Fatalf("numbers %s and %s", d.Number, own.Number)
	}
	// The result recorded at one site carries on at the other.
	done, err := a.svc.Conclude(dispute.ResultInput{ID: d.ID, Date: "2026-03-06", Result: dispute.ResultSuccess, Agreement: "1"})
	if err != nil {
		t.Fatal(err)
	}
	testkit.Exchange(t, a.svc.Store, b.svc.Store)
	got, _ := b.svc.Get(d.ID)
	if got.Status != dispute.StatusSucceeded || len(got.Records) != 4 || len(got.Log) != len(done.Log) {
		t.Fatalf("B after the result: %+v", got)
	}
}
