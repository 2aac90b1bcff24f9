package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"zongzhi/backend/api"
	"zongzhi/backend/cli"
	"zongzhi/backend/ledger"
)

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
	raw, err := exec.Command("pdftotext", pdf, "-").Output()
	text := strings.Join(strings.Fields(string(raw)), "")
	if err != nil || !strings.Contains(text, "隐患排查整改台账") || !strings.Contains(text, "责任单位：派出所") || !strings.Contains(text, lines[0].Number) {
		t.Fatalf("ledger PDF (%v): %.300s", err, text)
	}
	if _, err := run(t, "export", "pdf", "rectification-ledger", "--period", "2026-13", "--data", dir, "--out", pdf); err == nil || !strings.Contains(err.Error(), "2026-Q1") {
		t.Fatalf("bad period: %v", err)
	}
	// A month long ago prints as 零报告.
	out, err = run(t, "export", "pdf", "rectification-ledger", "--period", "2001-01", "--data", dir, "--out", pdf)
	raw, _ = exec.Command("pdftotext", pdf, "-").Output()
	if err != nil || !strings.Contains(string(raw), "零报告") {
		t.Fatalf("empty month: %v %s %.300s", err, out, raw)
	}

	// The list as Excel, and a sheet of the office's own in.
	xl := filepath.Join(t.TempDir(), "台账.xlsx")
	if out, err = run(t, "export", "xlsx", "rectification", "--status", "open", "--data", dir, "--out", xl); err != nil {
		t.Fatalf("export xlsx: %v %s", err, out)
	}
	book, err := excelize.OpenFile(xl)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := book.GetRows(book.GetSheetList()[0])
	if len(rows) < 3 || !strings.Contains(strings.Join(rows[1], ","), "整改时限") {
		t.Fatalf("xlsx rows: %v", rows[:min(3, len(rows))])
	}
	sheet := excelize.NewFile()
	for i, r := range [][]any{
		{"序号", "发现日期", "地点", "问题类别", "存在问题", "所属网格", "责任单位", "整改时限", "整改情况", "销号日期"},
		{1, "2026年3月5日", "测试砖厂", "安全生产", "粉尘", "没有这个网格", "安监站", "2026-03-20", "√", "2026-03-18"},
	} {
		for j, v := range r {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			sheet.SetCellValue("Sheet1", cell, v)
		}
	}
	in := filepath.Join(t.TempDir(), "本乡台账.xlsx")
	if err := sheet.SaveAs(in); err != nil {
		t.Fatal(err)
	}
	out, err = run(t, "import", "xlsx", "rectification", in, "--data", dir)
	m := regexp.MustCompile(`读取 1 行，新增 0，更新 0，未导入 1（其中重复 0）；未导入清单：(\S+)`).FindStringSubmatch(out)
	if err != nil || m == nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	if _, err := os.Stat(m[1]); err != nil {
		t.Fatalf("reject report: %v", err)
	}
}
