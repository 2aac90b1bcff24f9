package cli_test

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zongzhi/backend/cli"
	"zongzhi/backend/demo"
	"zongzhi/backend/grid"
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
	report, err := excelize.OpenFile(m[6])
	if err != nil {
		t.Fatalf("reject report %s: %v", m[6], err)
	}
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
	text, err := exec.Command("pdftotext", pdf, "-").Output()
	if err != nil || !strings.Contains(string(text), "网格责任人花名册") || !strings.Contains(string(text), villages[0]) {
		t.Fatalf("roster PDF text: %v", err)
	}
	xl := filepath.Join(t.TempDir(), "grids.xlsx")
	if out, err = run(t, "export", "xlsx", "grids", "--data", dir, "--out", xl); err != nil {
		t.Fatalf("export xlsx: %v %s", err, out)
	}
	if _, err := excelize.OpenFile(xl); err != nil {
		t.Fatal(err)
	}
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
		text, _ := exec.Command("pdftotext", f, "-").Output()
		if !strings.Contains(string(text), "台账") && !strings.Contains(string(text), "花名册") {
			t.Fatalf("%v: PDF text %.200s", c, text)
		}
		if strings.Contains(string(text), "********") == false && c[0] == "special-roster" {
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

func itoa(n int) string { return strconv.Itoa(n) }

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }
