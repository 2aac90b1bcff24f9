package cli_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"zongzhi/backend/api"
	"zongzhi/backend/cli"
	"zongzhi/backend/demo"
	"zongzhi/backend/dispute"
	"zongzhi/backend/grid"
	"zongzhi/backend/ledger"
	"zongzhi/backend/testkit"
	"zongzhi/backend/zeroreport"
)

func TestImportAndExportCommands(t *testing.T) {
	dir := t.TempDir()
	if out, err := run(t, "demo", "--data", dir, "--scale", "township", "--seed", "3"); err != nil {
		t.Fatalf("demo: %v %s", err, out)
	}
	st, err := cli.OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	divs, err := grid.New(st).Divisions()
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	var villages []string
	for _, d := range divs {
		if d.Level == "village" {
			villages = append(villages, d.Name)
		}
	}
	sheet, err := demo.MessyRoster(5, villages[:4], 120)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "花名册.xlsx")
	out, err := run(t, "sample", "roster", "--villages", strings.Join(villages[:4], ","), "--seed", "5", "--out", file)
	if err != nil || !strings.Contains(out, "数据 "+itoa(sheet.DataRows)+" 行") {
		t.Fatalf("sample: %v %s", err, out)
	}

	counts := regexp.MustCompile(`读取 (\d+) 行，(?:将)?新增 (\d+)，(?:将)?更新 (\d+)，未导入 (\d+)（其中重复 (\d+)）；未导入清单：(\S+)`)
	out, err = run(t, "import", "xlsx", "grids", file, "--dry-run", "--data", dir)
	m := counts.FindStringSubmatch(out)
	if err != nil || m == nil || !strings.Contains(out, "（预览，未写入）") || !strings.Contains(out, "表头在第 3–4 行") {
		t.Fatalf("dry run: %v\n%s", err, out)
	}
	if m[1] != itoa(sheet.DataRows) || atoi(m[2])+atoi(m[3])+atoi(m[4]) != sheet.DataRows {
		t.Fatalf("dry-run counts %v for %d rows", m[1:], sheet.DataRows)
	}
	out, err = run(t, "import", "xlsx", "grids", file, "--data", dir)
	m = counts.FindStringSubmatch(out)
	if err != nil || m == nil || strings.Contains(out, "预览") {
		t.Fatalf("import: %v\n%s", err, out)
	}
	report := testkit.WorkbookFile(t, m[6])
	n := 0
	for _, sh := range report.GetSheetList() {
		rows, _ := report.GetRows(sh)
		n += len(rows) - 2
	}
	if atoi(m[2])+atoi(m[3])+n != sheet.DataRows || n != atoi(m[4]) {
		t.Fatalf("written %s+%s, report %d rows, data %d\n%s", m[2], m[3], n, sheet.DataRows, out)
	}

	pdf := filepath.Join(t.TempDir(), "roster.pdf")
	out, err = run(t, "export", "pdf", "grid-roster", "--data", dir, "--date", "2024-12-31", "--out", pdf)
	if err != nil || !strings.Contains(out, "页") {
		t.Fatalf("export pdf: %v %s", err, out)
	}
	if text := testkit.PDFFileText(t, pdf); !strings.Contains(text, "网格责任人花名册") || !strings.Contains(text, villages[0]) {
		t.Fatalf("roster PDF text: %.300s", text)
	}
	xl := filepath.Join(t.TempDir(), "grids.xlsx")
	if out, err = run(t, "export", "xlsx", "grids", "--data", dir, "--out", xl); err != nil {
		t.Fatalf("export xlsx: %v %s", err, out)
	}
	testkit.WorkbookFile(t, xl)
	// The special populations: a sample roster in, the rosters and ledgers out.
	ppl := filepath.Join(t.TempDir(), "特殊人群.xlsx")
	if out, err = run(t, "sample", "people", "--data", dir, "--rows", "60", "--out", ppl); err != nil {
		t.Fatalf("sample people: %v %s", err, out)
	}
	out, err = run(t, "import", "xlsx", "people", ppl, "--data", dir)
	if err != nil || !regexp.MustCompile(`读取 60 行，不同人员 \d+ 人，新列管 \d+ 条，新增 \d+`).MatchString(out) {
		t.Fatalf("import people: %v\n%s", err, out)
	}
	for _, c := range [][]string{
		{"special-roster"}, {"special-roster", "--category", "01", "--public"}, {"visit-ledger", "--from", "2020-01-01"},
	} {
		f := filepath.Join(t.TempDir(), "out.pdf")
		args := append(append([]string{"export", "pdf"}, c...), "--data", dir, "--out", f)
		if out, err = run(t, args...); err != nil {
			t.Fatalf("%v: %v %s", c, err, out)
		}
		text := testkit.PDFFileText(t, f)
		if !strings.Contains(text, "台账") && !strings.Contains(text, "花名册") {
			t.Fatalf("%v: PDF text %.200s", c, text)
		}
		if strings.Contains(text, "********") == false && c[0] == "special-roster" {
			t.Fatalf("%v: ID numbers not masked", c)
		}
	}
	if _, err := run(t, "export", "pdf", "special-roster", "--category", "03", "--public", "--data", dir, "--out", pdf); err == nil || !strings.Contains(err.Error(), "保密") {
		t.Fatalf("public roster of a confidential category: %v", err)
	}
	if _, err := run(t, "export", "pdf", "nonsense", "--data", dir, "--out", pdf); err == nil || !strings.Contains(err.Error(), "未知的导出") {
		t.Fatalf("unknown export: %v", err)
	}
	if _, err := run(t, "import", "xlsx", "grids", filepath.Join(t.TempDir(), "missing.xlsx"), "--data", dir); err == nil || !strings.Contains(err.Error(), "无法读取") {
		t.Fatalf("missing file: %v", err)
	}
}

func TestRectificationLedgerFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	if out, err := run(t, "demo", "--data", dir, "--scale", "township", "--seed", "4"); err != nil || !strings.Contains(out, "整改事项") {
		t.Fatalf("demo: %v %s", err, out)
	}
	year := time.Now().Format("2006")
	st, err := cli.OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := api.New(st, dir).Domain.Ledger.All(ledger.Query{From: year + "-01-01", Unit: "02"})
	st.Close()
	if err != nil || len(lines) == 0 {
		t.Fatalf("demo items of 派出所 this year: %d %v", len(lines), err)
	}

	// The year's ledger of one unit: its items are in the PDF text.
	pdf := filepath.Join(t.TempDir(), "台账.pdf")
	out, err := run(t, "export", "pdf", "rectification-ledger", "--period", year, "--unit", "02", "--data", dir, "--out", pdf)
	if err != nil || !strings.Contains(out, "页") {
		t.Fatalf("export: %v %s", err, out)
	}
	text := testkit.Squeeze(testkit.PDFFileText(t, pdf))
	if !strings.Contains(text, "隐患排查整改台账") || !strings.Contains(text, "责任单位：派出所") || !strings.Contains(text, lines[0].Number) {
		t.Fatalf("ledger PDF: %.300s", text)
	}
	if _, err := run(t, "export", "pdf", "rectification-ledger", "--period", "2026-13", "--data", dir, "--out", pdf); err == nil || !strings.Contains(err.Error(), "2026-Q1") {
		t.Fatalf("bad period: %v", err)
	}
	// A month long ago prints as 零报告.
	out, err = run(t, "export", "pdf", "rectification-ledger", "--period", "2001-01", "--data", dir, "--out", pdf)
	raw := testkit.PDFFileText(t, pdf)
	if err != nil || !strings.Contains(raw, "零报告") {
		t.Fatalf("empty month: %v %s %.300s", err, out, raw)
	}

	// The list as Excel, and a sheet of the office's own in.
	xl := filepath.Join(t.TempDir(), "台账.xlsx")
	if out, err = run(t, "export", "xlsx", "rectification", "--status", "open", "--data", dir, "--out", xl); err != nil {
		t.Fatalf("export xlsx: %v %s", err, out)
	}
	book := testkit.WorkbookFile(t, xl)
	rows, _ := book.GetRows(book.GetSheetList()[0])
	if len(rows) < 3 || !strings.Contains(strings.Join(rows[1], ","), "整改时限") {
		t.Fatalf("xlsx rows: %v", rows[:min(3, len(rows))])
	}
	sheet := excelize.NewFile()
	testkit.SetRows(t, sheet, "Sheet1", 1,
		[]any{"序号", "发现日期", "地点", "问题类别", "存在问题", "所属网格", "责任单位", "整改时限", "整改情况", "销号日期"},
		[]any{1, "2026年3月5日", "测试砖厂", "安全生产", "粉尘", "没有这个网格", "安监站", "2026-03-20", "√", "2026-03-18"})
	in := testkit.SaveSheet(t, sheet, "本乡台账.xlsx")
	out, err = run(t, "import", "xlsx", "rectification", in, "--data", dir)
	m := regexp.MustCompile(`读取 1 行，新增 0，更新 0，未导入 1（其中重复 0）；未导入清单：(\S+)`).FindStringSubmatch(out)
	if err != nil || m == nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	if _, err := os.Stat(m[1]); err != nil {
		t.Fatalf("reject report: %v", err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// pdfText is a PDF's text with the spaces and line breaks a table cell
// puts into long values taken out.
func pdfText(t *testing.T, file string) string {
	return testkit.Squeeze(testkit.PDFFileText(t, file, "-layout"))
}

func TestDisputeCommands(t *testing.T) {
	dir := t.TempDir()
	if out, err := run(t, "demo", "--data", dir, "--seed", "3"); err != nil {
		t.Fatalf("demo: %v %s", err, out)
	}
	// What the store holds for last month: the numbers, the rates, a grid.
	st, err := cli.OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	svcs := api.New(st, dir)
	month := time.Now().AddDate(0, 0, -time.Now().Day()).Format("2006-01")
	from, to, _ := zeroreport.Period(month)
	ds, err := svcs.Domain.Dispute.Ledger(dispute.Query{From: from, To: to})
	if err != nil || len(ds) == 0 {
		t.Fatalf("no disputes in %s: %v", month, err)
	}
	stats, err := svcs.Domain.Dispute.Monthly(dispute.MonthlyQuery{Month: month})
	if err != nil {
		t.Fatal(err)
	}
	grids := svcs.Grid.ListGrids(grid.GridQuery{})
	one, _ := svcs.Domain.Dispute.Ledger(dispute.Query{Grid: ds[0].Grid, From: from, To: to})
	st.Close()

	// The ledger of the month: every number; and of one grid by its code.
	file := filepath.Join(t.TempDir(), "台账.pdf")
	out, err := run(t, "export", "pdf", "dispute-ledger", "--period", month, "--data", dir, "--out", file)
	if err != nil || !strings.Contains(out, "页") {
		t.Fatalf("dispute-ledger: %v %s", err, out)
	}
	text := pdfText(t, file)
	if !strings.Contains(text, "矛盾纠纷排查调处台账") || !strings.Contains(text, "统计期间："+zeroreport.MonthName(month)) {
		t.Fatalf("ledger heading: %.300s", text)
	}
	for _, d := range ds {
		if !strings.Contains(text, d.Number) {
			t.Fatalf("ledger lacks %s", d.Number)
		}
	}
	var code string
	for _, g := range grids {
		if g.ID == ds[0].Grid {
			code = g.Code
		}
	}
	if _, err := run(t, "export", "pdf", "dispute-ledger", "--from", from, "--to", to, "--grid", code, "--data", dir, "--out", file); err != nil {
		t.Fatalf("dispute-ledger --grid: %v", err)
	}
	text = pdfText(t, file)
	if !strings.Contains(text, ds[0].GridName) || strings.Count(text, "JF-") != len(one) {
		t.Fatalf("grid ledger: %d numbers for %d disputes", strings.Count(text, "JF-"), len(one))
	}

	// The monthly table: the month's figures and the rates line.
	out, err = run(t, "export", "pdf", "dispute-monthly", "--month", month, "--data", dir, "--out", file)
	if err != nil {
		t.Fatalf("dispute-monthly: %v %s", err, out)
	}
	text = pdfText(t, file)
	rates := fmt.Sprintf("调处成功率：%s（调处成功%d件÷已调处%d件）", stats.SuccessRate.Text, stats.SuccessRate.Num, stats.SuccessRate.Den)
	if !strings.Contains(text, "矛盾纠纷排查化解月度统计表") || !strings.Contains(text, rates) || !strings.Contains(text, "回访满意率："+stats.SatisfactionRate.Text) {
		t.Fatalf("monthly table lacks %q: %.600s", rates, text)
	}

	// The list for the year, and the refusals.
	xl := filepath.Join(t.TempDir(), "纠纷.xlsx")
	if out, err = run(t, "export", "xlsx", "disputes", "--period", month[:4], "--data", dir, "--out", xl); err != nil {
		t.Fatalf("xlsx disputes: %v %s", err, out)
	}
	book := testkit.WorkbookFile(t, xl)
	if rows, _ := book.GetRows(book.GetSheetList()[0]); len(rows) < len(ds)+2 {
		t.Fatalf("list has %d rows for at least %d disputes", len(rows), len(ds))
	}
	for _, c := range [][]string{
		{"dispute-ledger", "--status", "done"}, {"dispute-ledger", "--period", "2026-13"}, {"dispute-ledger", "--grid", "没有这个网格"},
		{"dispute-ledger", "--period", month, "--from", from}, {"dispute-monthly", "--month", "三月"},
	} {
		if _, err := run(t, append(append([]string{"export", "pdf"}, c...), "--data", dir, "--out", file)...); err == nil {
			t.Fatalf("%v accepted", c)
		}
	}

	// A small sheet as an office keeps it: two good rows, one duplicate of
	// the first, a wrong check digit and a grid that does not exist.
	good := "11010519491231002X"
	x := excelize.NewFile()
	x.SetCellValue("Sheet1", "A1", month[:4]+"年矛盾纠纷排查调处台账")
	rows := [][]any{
		{"序号", "日期", "纠纷事项", "类型", "村（社区）", "网格", "当事人", "身份证号码", "被申请人", "纠纷简要情况", "调解人", "是否化解"},
		{1, from, "测试排水沟纠纷", "邻里纠纷", grids[0].VillageName, grids[0].Name, "甲某", good, "乙某", "排水沟堵塞", "村调委会主任", "调处中"},
		{2, from, "测试欠薪纠纷", "劳资", grids[1].VillageName, grids[1].Name, "丙某", "", "某砖厂", "拖欠工资", "", ""},
		{3, from, "测试排水沟纠纷", "邻里", grids[0].VillageName, grids[0].Name, "甲某", "", "乙某", "排水沟堵塞", "", ""},
		{4, from, "测试医疗纠纷", "医疗", grids[0].VillageName, grids[0].Name, "丁某", good[:17] + "1", "卫生院", "治疗费用", "", ""},
		{5, from, "测试宅基地纠纷", "宅基地", "", "不存在的网格", "戊某", "", "己某", "地界不清", "", ""},
	}
	testkit.SetRows(t, x, "Sheet1", 2, rows...)
	sheet := testkit.SaveSheet(t, x, "纠纷台账.xlsx")
	out, err = run(t, "import", "xlsx", "disputes", sheet, "--data", dir)
	if err != nil || !strings.Contains(out, "读取 5 行，新增 2，更新 0，未导入 3（其中重复 1）") || !strings.Contains(out, "校验码") {
		t.Fatalf("import disputes: %v\n%s", err, out)
	}
}
