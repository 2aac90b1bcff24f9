package ledger_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"zongzhi/backend/importer"
	"zongzhi/backend/ledger"
)

// messyLedger is an office's own 隐患排查整改台账: a merged title, a
// two-level merged header, dates in every spelling, status words, a
// blank row, a 合计 row and a 填表人 footer.
func messyLedger(t *testing.T, grid string) []byte {
	t.Helper()
	f := excelize.NewFile()
	sh := "Sheet1"
	f.SetSheetName(sh, "2026年隐患台账")
	set := func(cell string, v any) {
		if err := f.SetCellValue("2026年隐患台账", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	sh = "2026年隐患台账"
	set("A1", "勐简乡2026年隐患排查整改台账")
	f.MergeCell(sh, "A1", "K1")
	for i, h := range []string{"序号", "排查日期", "隐患地点", "隐患类型", "存在问题", "所属网格", "整改情况", "", "", "", "备注"} {
		col, _ := excelize.ColumnNumberToName(i + 1)
		set(col+"2", h)
		if h != "整改情况" && h != "" {
			f.MergeCell(sh, col+"2", col+"3")
		}
	}
	f.MergeCell(sh, "G2", "J2")
	for i, h := range []string{"责任单位", "整改时限", "是否整改", "完成时间"} {
		col, _ := excelize.ColumnNumberToName(7 + i)
		set(col+"3", h)
	}
	rows := [][]any{
		{1, "2026.3.5", "平场子村砖厂", "安全生产", "粉尘作业无防护", "平场子一组", "安监站", "2026年3月20日", "√", "2026/03/18", "原编号：AJ-12"},
		{2, "3月9日", "集贸市场", "消防", "消防通道被占用\n灭火器过期", "平场子一组", "市场监督管理所", "2026-04-01", "整改中", "", ""},
		{3, "2026-03-10", "河道", "环保", "垃圾堆放", "平场子一组", "", "", "", "", "尚未交办"},
		{4, "2026-03-11", "养殖场", "生态环境问题", "粪污直排", "不存在的网格", "生态环境站", "2026-04-01", "否", "", ""},
		{5, "2026-03-12", "小卖部", "安全生产", "电线老化", "平场子一组", "安监站", "2026-03-30", "已整改", "", ""},
		{6, "2026-03-13", "学校门口", "飞碟", "车辆乱停", "平场子一组", "交警中队", "2026-03-30", "是", "2026-03-25", ""},
		{},
		{7, "2026.3.5", "平场子村砖厂", "安全生产", "粉尘作业无防护", "平场子一组", "安监站", "2026-03-20", "√", "2026-03-18", ""},
		{"合计", "", "", "", "", "", "", "", "", "", ""},
		{"填表人：李四", "", "", "审核人：王五", "", "", "", "", "", "", ""},
	}
	for i, r := range rows {
		for j, v := range r {
			col, _ := excelize.ColumnNumberToName(j + 1)
			set(col+itoa(4+i), v)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	_ = grid
	return buf.Bytes()
}

func itoa(n int) string {
	return strings.TrimLeft(string([]byte{byte('0' + n/100), byte('0' + n/10%10), byte('0' + n%10)}), "0")
}

func TestLedgerImportTakesAMessySheetAndAccountsForEveryRow(t *testing.T) {
	f := setup(t)
	f.now = time.Date(2026, 4, 2, 9, 0, 0, 0, time.UTC)
	sess, err := importer.Prepare(context.Background(), ledger.SheetImport{S: f.svc}, messyLedger(t, f.grid.Name), importer.Options{Year: 2026})
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	c := sess.Counts()
	lines, _ := sess.Lines("", 0, 100)
	var got []string
	for _, l := range lines {
		got = append(got, string(l.Outcome.Action)+":"+l.Outcome.Reason)
	}
	t.Logf("%+v\n%s", c, strings.Join(got, "\n"))
	// 7 data rows: 4 imported (closed, in progress, 待受理, the 学校门口 row refused for its category),
	// refused: unknown grid, closed without a date, unknown category; row 7 repeats row 1.
	if c.Read != 7 || c.Import != 3 || c.Reject != 3 || c.Duplicate != 1 {
		t.Fatalf("counts %+v", c)
	}
	reasons := strings.Join(got, "\n")
	for _, want := range []string{"网格“不存在的网格”不存在", "已整改的事项须填写销号", "问题类别“飞碟”", "与2026年隐患台账第"} {
		if !strings.Contains(reasons, want) {
			t.Errorf("no row says %q", want)
		}
	}
	res, err := sess.Commit(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Counts.Import != 3 || len(res.RejectReport) == 0 {
		t.Fatalf("commit: %+v", res.Counts)
	}
	all, _ := f.svc.All(ledger.Query{})
	by := map[string]ledger.Line{}
	for _, l := range all {
		by[l.Place] = l
	}
	brick, market, river := by["平场子村砖厂"], by["集贸市场"], by["河道"]
	if brick.Status != ledger.StatusClosed || brick.Closed != "2026-03-18" || brick.Found != "2026-03-05" || !strings.Contains(brick.Remark, "AJ-12") {
		t.Errorf("closed row: %+v", brick.Item)
	}
	if market.Status != ledger.StatusHandling || market.Deadline != "2026-04-01" || market.UnitName != "市场监督管理所" || !market.Overdue {
		t.Errorf("in progress: %+v", market)
	}
	if river.Status != ledger.StatusNew || river.Category != "04" {
		t.Errorf("待受理: %+v", river.Item)
	}
	// Importing the same sheet again writes nothing.
	again, err := importer.Prepare(context.Background(), ledger.SheetImport{S: f.svc}, messyLedger(t, f.grid.Name), importer.Options{Year: 2026})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if c := again.Counts(); c.Import != 0 || c.Duplicate != 4 {
		t.Fatalf("second import: %+v", c)
	}
}
