package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"zongzhi/backend/testkit"
)

func render(t testing.TB, l Ledger) (string, Result) {
	t.Helper()
	var buf bytes.Buffer
	res, err := l.Render(context.Background(), &buf)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "ledger.pdf")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return file, res
}

var sample = []rune("网格员张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文瞾䶮堃喆昇淼燚犇村社区组平场子勐简乡综治中心矛盾纠纷排查调处整改台账")

func randomText(rng *rand.Rand, n int) string {
	parts := []string{"，", "。", "（", "）", "、", " ", "2024-03-05", "13812345678", "A-12", "Wi-Fi", "《条例》"}
	var b strings.Builder
	for b.Len() < n*3 {
		if rng.Intn(6) == 0 {
			b.WriteString(parts[rng.Intn(len(parts))])
		} else {
			b.WriteRune(sample[rng.Intn(len(sample))])
		}
	}
	return b.String()
}

// Every character of every cell comes back out of pdftotext, in order,
// over many wrapped lines.
func TestLedgerTextRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	l := Ledger{Title: "往返测试台账", Columns: []Column{{Title: "内容"}}}
	for i := 0; i < 200; i++ {
		l.Rows = append(l.Rows, []string{fmt.Sprintf("R%04d", i) + randomText(rng, 10+rng.Intn(120))})
	}
	file, res := render(t, l)
	text := testkit.Squeeze(testkit.PDFFileText(t, file))
	for i, row := range l.Rows {
		if !strings.Contains(text, testkit.Squeeze(row[0])) {
			t.Fatalf("row %d not found intact in the PDF text: %q", i, row[0])
		}
	}
	if got := testkit.PDFPages(t, file); got != res.Pages || res.Pages < 3 {
		t.Fatalf("Result.Pages %d, pdfinfo %d", res.Pages, got)
	}
}

// A multi-column ledger: header on every page, page numbers with the
// right total, signature block on the last page, every character present.
func TestLedgerPagesHeaderFooterSignatures(t *testing.T) {
	rng := rand.New(rand.NewSource(9))
	l := Ledger{
		Title: "网格责任人花名册", Unit: "填报单位：勐简乡综治中心", Period: "截至日期：2024年6月1日", Landscape: true,
		Columns: []Column{{Title: "序号", Width: 10, Align: "C"}, {Title: "网格名称", Width: 40}, {Title: "姓名", Width: 20, Align: "C"},
			{Title: "联系电话", Width: 30, Align: "C"}, {Title: "工作单位及职务说明", Width: 50}, {Title: "备注", Width: 40}},
		Signatures: []string{"填表人", "审核人", "分管领导", "日期"}, Seal: true, Note: "本表由各村（社区）核实后报送。",
	}
	want := map[rune]int{}
	for i := 0; i < 150; i++ {
		row := []string{fmt.Sprint(i + 1), randomText(rng, 5+rng.Intn(30)), randomText(rng, 3), fmt.Sprintf("138%08d", rng.Intn(1e8)),
			randomText(rng, rng.Intn(60)), randomText(rng, rng.Intn(20))}
		l.Rows = append(l.Rows, row)
		for _, c := range row {
			for _, r := range testkit.Squeeze(c) {
				want[r]++
			}
		}
	}
	file, res := render(t, l)
	n := testkit.PDFPages(t, file)
	if n != res.Pages || n < 3 {
		t.Fatalf("pages: result %d, pdfinfo %d", res.Pages, n)
	}
	have := map[rune]int{}
	for _, r := range testkit.Squeeze(testkit.PDFFileText(t, file)) {
		have[r]++
	}
	for r, c := range want {
		if have[r] < c {
			t.Fatalf("character %q: %d in the input, %d in the PDF", r, c, have[r])
		}
	}
	for p := 1; p <= n; p++ {
		page := testkit.Squeeze(testkit.PDFFileText(t, file, "-f", fmt.Sprint(p), "-l", fmt.Sprint(p)))
		// A last page holding only the signature block has no table.
		if !strings.Contains(page, "工作单位及职务说明") && !(p == n && !strings.Contains(page, "138")) {
			t.Errorf("page %d has no header row", p)
		}
		if !strings.Contains(page, fmt.Sprintf("第%d页共%d页", p, n)) {
			t.Errorf("page %d lacks 第%d页共%d页", p, p, n)
		}
		hasSig := strings.Contains(page, "分管领导：")
		if hasSig != (p == n) {
			t.Errorf("page %d: signature block present=%v", p, hasSig)
		}
	}
	if dir := os.Getenv("ZONGZHI_ARTEFACTS"); dir != "" {
		testkit.Tool(t, "pdftoppm")
		os.MkdirAll(dir, 0o755)
		data, _ := os.ReadFile(file)
		os.WriteFile(filepath.Join(dir, "ledger-sample.pdf"), data, 0o644)
		if out, err := exec.Command("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", file, filepath.Join(dir, "ledger-sample")).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v %s", err, out)
		}
	}
}

// A cell taller than a page is split across pages without losing text.
func TestLedgerSplitsARowTallerThanAPage(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	long := ""
	for i := 0; i < 120; i++ {
		long += fmt.Sprintf("第%d条：%s\n", i+1, randomText(rng, 20))
	}
	l := Ledger{Title: "超长行", Columns: []Column{{Title: "事项", Width: 20}, {Title: "说明", Width: 80}},
		Rows: [][]string{{"前一行", "短"}, {"长事项", long}, {"后一行", "短"}}}
	file, res := render(t, l)
	if res.Pages < 3 {
		t.Fatalf("a 120-line cell fit on %d pages", res.Pages)
	}
	text := testkit.Squeeze(testkit.PDFFileText(t, file))
	for i := 1; i <= 120; i++ {
		if !strings.Contains(text, fmt.Sprintf("第%d条：", i)) {
			t.Fatalf("line %d of the long cell is missing", i)
		}
	}
	if !strings.Contains(text, "后一行") {
		t.Fatal("the row after the long one is missing")
	}
}

func TestLedgerReplacesWhatTheFontCannotDraw(t *testing.T) {
	l := Ledger{Title: "生僻字", Columns: []Column{{Title: "姓名"}}, Rows: [][]string{{"王𫖮"}, {"李😀四"}, {"张\x07三"}}}
	file, res := render(t, l)
	if len(res.Replaced) != 3 || !strings.Contains(res.Replaced[0], "第1行") || !strings.Contains(res.Replaced[0], "𫖮") {
		t.Fatalf("replaced %q", res.Replaced)
	}
	text := testkit.Squeeze(testkit.PDFFileText(t, file))
	if !strings.Contains(text, "王"+Placeholder) || !strings.Contains(text, "李"+Placeholder+"四") {
		t.Fatalf("placeholders missing: %s", text)
	}
}

func TestLedgerRenderIsCancellable(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	l := Ledger{Title: "取消", Columns: []Column{{Title: "甲"}}, Rows: [][]string{{"一"}}}
	if _, err := l.Render(ctx, &bytes.Buffer{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
}

// progressWriter notes how far the render was when bytes first arrived.
type progressWriter struct {
	bytes.Buffer
	done, firstAt int
}

func (w *progressWriter) Write(p []byte) (int, error) {
	if w.Len() == 0 {
		w.firstAt = w.done
	}
	return w.Buffer.Write(p)
}

// A long ledger's pages reach the writer while it is still being drawn
// (the patched gofpdf streams them), and the streamed document is whole:
// every page there, the last row's text on the last page.
func TestLedgerStreamsPagesWhileDrawing(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	w := &progressWriter{firstAt: -1}
	l := Ledger{Title: "流式台账", Landscape: true, Columns: []Column{{Title: "序号", Width: 10}, {Title: "内容", Width: 90}}}
	l.Progress = func(done, total int) { w.done = done }
	for i := 0; i < 600; i++ {
		l.Rows = append(l.Rows, []string{fmt.Sprint(i + 1), randomText(rng, 30)})
	}
	l.Rows[599][1] = "最后一行的内容"
	res, err := l.Render(context.Background(), w)
	if err != nil {
		t.Fatal(err)
	}
	if w.firstAt < 0 || w.firstAt >= len(l.Rows)*3/4 {
		t.Fatalf("first bytes written at progress %d of %d: pages were held until the end", w.firstAt, len(l.Rows))
	}
	file := filepath.Join(t.TempDir(), "stream.pdf")
	if err := os.WriteFile(file, w.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if n := testkit.PDFPages(t, file); n != res.Pages || n < 10 {
		t.Fatalf("pages: result %d, pdfinfo %d", res.Pages, n)
	}
	last := strconv.Itoa(res.Pages)
	if text := testkit.Squeeze(testkit.PDFFileText(t, file, "-f", last, "-l", last)); !strings.Contains(text, "最后一行的内容") || !strings.Contains(text, "第"+last+"页共"+last+"页") {
		t.Fatalf("last page: %s", text)
	}
}

func BenchmarkLedger2000Rows(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	l := Ledger{Title: "基准台账", Landscape: true, Signatures: []string{"填表人", "审核人"},
		Columns: []Column{{Title: "序号", Width: 10}, {Title: "村", Width: 25}, {Title: "网格", Width: 35}, {Title: "姓名", Width: 18},
			{Title: "岗位", Width: 20}, {Title: "电话", Width: 28}, {Title: "单位", Width: 35}, {Title: "备注", Width: 30}}}
	for i := 0; i < 2000; i++ {
		l.Rows = append(l.Rows, []string{fmt.Sprint(i + 1), randomText(rng, 4), randomText(rng, 12), randomText(rng, 3),
			"专职网格员", fmt.Sprintf("139%08d", rng.Intn(1e8)), randomText(rng, 14), randomText(rng, rng.Intn(10))})
	}
	var pages int
	for i := 0; i < b.N; i++ {
		res, err := l.Render(context.Background(), &bytes.Buffer{})
		if err != nil {
			b.Fatal(err)
		}
		pages = res.Pages
	}
	b.ReportMetric(float64(pages), "pages")
}
