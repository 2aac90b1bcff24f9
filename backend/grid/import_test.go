package grid_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zongzhi/backend/demo"
	"zongzhi/backend/grid"
	"zongzhi/backend/importer"
	"zongzhi/backend/testkit"
)

var villages = []string{"平场子村", "大坪社区", "木瓜坡村", "新寨村"}

func rosterSetup(t *testing.T) *grid.Service {
	svc := newService(t)
	testkit.Villages(t, svc, villages...)
	return svc
}

// rejectRows counts the data rows of a reject report, sheet by sheet.
func rejectRows(t *testing.T, report []byte) (n int, reasons []string) {
	t.Helper()
	if report == nil {
		return 0, nil
	}
	f := testkit.Workbook(t, report)
	for _, sh := range f.GetSheetList() {
		rows, _ := f.GetRows(sh)
		if len(rows) < 2 || rows[1][0] != "原行号" || rows[1][1] != "未导入原因" {
			t.Fatalf("reject sheet %s has no reason column: %v", sh, rows[:min(2, len(rows))])
		}
		for _, r := range rows[2:] {
			n++
			reasons = append(reasons, r[1])
		}
	}
	return n, reasons
}

func TestRosterImportTakesAMessySheetAndAccountsForEveryRow(t *testing.T) {
	svc := rosterSetup(t)
	sheet, err := demo.MessyRoster(7, villages, 160)
	if err != nil {
		t.Fatal(err)
	}
	area := grid.RosterImport{S: svc}
	sess, err := importer.Prepare(context.Background(), area, sheet.Data, importer.Options{Year: 2023})
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	if len(sess.Sheets) != 3 || !sess.Sheets[0].Recognised || !sess.Sheets[1].Recognised || sess.Sheets[2].Recognised {
		t.Fatalf("sheets: %+v", sess.Sheets)
	}
	if sess.Sheets[0].Year != 2024 {
		t.Errorf("year from the title = %d, want 2024 (not the default 2023)", sess.Sheets[0].Year)
	}
	c := sess.Counts()
	t.Logf("counts %+v, sheet says %d data rows, %d bad", c, sheet.DataRows, sheet.Bad)
	if c.Read != sheet.DataRows {
		t.Fatalf("read %d data rows, the sheet has %d", c.Read, sheet.DataRows)
	}
	if c.Import+c.Update+c.Duplicate+c.Reject != c.Read || c.Reject < sheet.Bad || c.Import == 0 || c.Skipped < 4 {
		t.Fatalf("counts do not add up: %+v (bad %d)", c, sheet.Bad)
	}
	lines, total := sess.Lines(importer.Reject, 0, 1000)
	if total != c.Reject {
		t.Fatalf("reject lines %d, count %d", total, c.Reject)
	}
	seen := map[string]bool{}
	for _, l := range lines {
		for _, want := range []string{"团结村", "联系电话", "不存在", "岗位", "主责任人", "重复"} {
			if strings.Contains(l.Reason, want) {
				seen[want] = true
			}
		}
		if l.Reason == "" {
			t.Errorf("sheet %s line %d rejected without a reason", l.Sheet, l.Line)
		}
	}
	if !seen["团结村"] || len(seen) < 3 {
		t.Errorf("expected reasons missing: %v in %+v", seen, lines)
	}
	before := svc.Store.VersionVector()

	res, err := sess.Commit(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := rejectRows(t, res.RejectReport)
	if written := res.Counts.Import + res.Counts.Update; written+n != sheet.DataRows {
		t.Fatalf("written %d + reject report %d != %d data rows", written, n, sheet.DataRows)
	}
	if err := svc.Store.Verify(); err != nil {
		t.Fatal(err)
	}
	if vv := svc.Store.VersionVector(); vv[svc.Store.Site().ID] <= before[svc.Store.Site().ID] {
		t.Fatal("nothing written")
	}
	// Every grid has exactly one primary at the year's end; codes issued.
	grids := svc.ListGrids(grid.GridQuery{})
	if len(grids) < 10 {
		t.Fatalf("only %d grids", len(grids))
	}
	codes := map[string]string{}
	for _, g := range grids {
		if len(g.Code) != 15 || !strings.HasPrefix(g.Code, g.Village) {
			t.Errorf("grid %s has code %q", g.Name, g.Code)
		}
		if other, dup := codes[g.Code]; dup {
			t.Errorf("grids %s and %s share the code %s", other, g.Name, g.Code)
		}
		codes[g.Code] = g.Name
		staff := testkit.Must[[]grid.AssignmentView](t)(svc.ResponsibleOn(grid.ResponsibleQuery{Grid: g.ID, Date: "2024-12-31"}))
		primaries := 0
		for _, a := range staff {
			if a.Primary {
				primaries++
			}
		}
		if primaries != 1 {
			t.Errorf("grid %s has %d primaries on 2024-12-31 (%d staff)", g.Name, primaries, len(staff))
		}
	}

	// The same file again changes nothing: every row is a duplicate or
	// still rejected.
	vv := svc.Store.VersionVector()
	again, err := importer.Prepare(context.Background(), area, sheet.Data, importer.Options{Year: 2023})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	c2 := again.Counts()
	if c2.Update > 0 {
		ls, _ := again.Lines(importer.Update, 0, 10)
		t.Logf("updates: %+v", ls)
	}
	if c2.Import != 0 || c2.Update != 0 || c2.Duplicate != c.Import+c.Update {
		t.Fatalf("second import %+v after first %+v", c2, c)
	}
	if _, err := again.Commit(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if got := svc.Store.VersionVector(); fmt.Sprint(got) != fmt.Sprint(vv) {
		t.Fatalf("second import wrote: %v → %v", vv, got)
	}
}

func TestRosterImportCancelLeavesTheRestInTheRejectReport(t *testing.T) {
	svc := rosterSetup(t)
	sheet, err := demo.MessyRoster(3, villages, 1300)
	if err != nil {
		t.Fatal(err)
	}
	sess, err := importer.Prepare(context.Background(), grid.RosterImport{S: svc}, sheet.Data, importer.Options{Year: 2024})
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var calls []int
	res, err := sess.Commit(ctx, func(done, total int) {
		calls = append(calls, done)
		cancel() // after the first batch
	})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Cancelled || len(calls) != 1 || calls[0] != 100 {
		t.Fatalf("cancelled=%v progress=%v", res.Cancelled, calls)
	}
	n, reasons := rejectRows(t, res.RejectReport)
	if written := res.Counts.Import + res.Counts.Update; written+n != sheet.DataRows || written == 0 {
		t.Fatalf("written %d + report %d != %d", written, n, sheet.DataRows)
	}
	if !strings.Contains(strings.Join(reasons, "|"), "导入已取消") {
		t.Error("the report does not say the rest was cancelled")
	}
	if err := svc.Store.Verify(); err != nil {
		t.Fatal(err)
	}
	if _, err := sess.Commit(context.Background(), nil); err == nil {
		t.Error("a session committed twice")
	}
}

func TestRosterImportRefusesWhatIsNotARoster(t *testing.T) {
	svc := rosterSetup(t)
	area := grid.RosterImport{S: svc}
	if _, err := importer.Prepare(context.Background(), area, []byte("序号,姓名\n"), importer.Options{}); err == nil || !strings.Contains(err.Error(), "xlsx") {
		t.Fatalf("csv accepted: %v", err)
	}
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"片区", "人员", "手机号码"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"平场子村", "张三", "13812345678"})
	var buf bytes.Buffer
	f.Write(&buf)
	sess, err := importer.Prepare(context.Background(), area, buf.Bytes(), importer.Options{})
	if !errors.Is(err, importer.ErrNoData) || len(sess.Sheets) != 1 || len(sess.Sheets[0].Unknown) != 3 {
		t.Fatalf("unknown headers: %v %+v", err, sess)
	}
}
