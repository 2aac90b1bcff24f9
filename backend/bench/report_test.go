package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"zongzhi/backend/api"
	"zongzhi/backend/demo"
	"zongzhi/backend/grid"
	"zongzhi/backend/importer"
	"zongzhi/backend/ledger"
	"zongzhi/backend/report/pdf"
	"zongzhi/backend/report/xlsx"
	"zongzhi/backend/store"
	"zongzhi/backend/testkit"
)

// The 隐患排查整改台账 as the app prints it (api.RectificationLayout, A4
// landscape), with long problem descriptions wrapping over 2–5 lines.

var (
	ledgerPlaces   = []string{"白沙社区", "红旗社区", "杏花岭村", "石桥村", "双河口村", "青山坳村", "龙潭村", "松林村", "大坪子村", "小河边村"}
	ledgerProblems = []string{
		"防汛物资储备不足（救生衣、沙袋数量低于标准）",
		"应急演练未开展",
		"村道两侧垃圾堆放未及时清运",
		"部分农户房前屋后杂物乱堆乱放",
		"低保对象动态管理不规范，3户家庭收入核查资料缺失",
		"该问题在上轮督查中已指出，整改不彻底，存在反弹",
		"辖区内一处自建房存在违规加层，结构安全隐患突出，尚未完成鉴定",
		"“三资”管理台账与实际不符，集体资产出租合同到期未续签",
		"信访件办理超期（编号XF-2024-0315），答复意见未经群众确认",
		"高标准农田灌溉设施损坏，约120亩耕地无法正常灌溉",
		"小餐饮店燃气管道未安装泄漏报警装置，消防通道被占用",
		"河道沟渠漂浮物较多，存在生活污水直排现象，群众反映强烈",
		"网格员入户走访记录填写不完整，重点人员信息更新不及时",
		"矛盾纠纷排查台账记录不全，2起土地承包纠纷未按期回访",
		"校园周边流动摊贩占道经营，上下学时段交通秩序混乱",
		"独居老人家中电线老化，存在火灾隐患",
		"村级公共服务中心消防器材过期，灭火器压力不足",
		"涉及群众切身利益，需协调县级相关部门共同推进",
		"经营性自建房未张贴安全责任公示牌",
		"农村公厕保洁不到位，化粪池满溢",
	}
	ledgerMeasures = []string{
		"维修灌溉渠道及泵站设备，落实专人管护。",
		"开展网格员专项培训，每月抽查走访记录。",
		"组织保洁人员集中清运，建立长效保洁机制，每周开展一次巡查。",
		"委托有资质机构开展房屋安全鉴定，鉴定前设置警示标志、禁止使用。",
		"清理核实集体资产，重新签订租赁合同并在村务公开栏公示。",
		"督促商户安装燃气泄漏报警器，清理消防通道杂物。",
		"补充采购防汛物资，6月底前组织一次应急演练。",
		"逐户复核收入情况，补齐佐证材料，报镇民政办审核。",
		"约谈信访人当面答复，办理结果录入信访系统。",
		"更换过期消防器材，建立器材检查登记制度。",
	}
	ledgerUnits    = []string{"镇生态环境办", "镇应急管理办公室", "镇综合行政执法队", "村（居）委会", "镇农业综合服务中心", "镇社会事务办", "派出所"}
	ledgerSurnames = []string{"周", "欧阳", "赵", "陈", "司马", "王", "李", "张", "杨", "段", "普", "罗"}
	ledgerGiven    = []string{"秀英", "建国", "子涵", "丽娟", "玉兰", "明", "志强", "桂芳", "国华", "晓燕", "文", "春梅"}
	ledgerStatus   = []string{"已完成", "整改中", "未开始", "已销号"}
)

// ledgerLines are n items of the rectification ledger; the same n gives
// the same items.
func ledgerLines(n int) []ledger.Line {
	rng := rand.New(rand.NewSource(1))
	day0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	lines := make([]ledger.Line, n)
	for i := range lines {
		place := ledgerPlaces[rng.Intn(len(ledgerPlaces))]
		// 35–110 characters: 2–5 lines in the 问题描述 column.
		target := 35 + rng.Intn(70)
		var desc strings.Builder
		for tries := 0; tries < 20 && len([]rune(desc.String())) < target; tries++ {
			p := ledgerProblems[rng.Intn(len(ledgerProblems))]
			if len([]rune(desc.String()))+len([]rune(p)) > 110 {
				continue
			}
			if desc.Len() > 0 {
				desc.WriteString("；")
			}
			desc.WriteString(p)
		}
		desc.WriteString("。")
		found := day0.AddDate(0, 0, rng.Intn(330))
		status := ledger.Statuses[rng.Intn(5)]
		it := ledger.Item{Number: fmt.Sprintf("QS7K-2024-%04d", i+1), Found: found.Format("2006-01-02"), Place: place,
			CategoryName: ledger.Categories[rng.Intn(len(ledger.Categories))].Label, SourceName: ledger.Sources[rng.Intn(len(ledger.Sources))].Label,
			Description: desc.String(), Project: place + "问题整改", Measures: ledgerMeasures[rng.Intn(len(ledgerMeasures))], Funds: "自筹",
			UnitName:        ledgerUnits[rng.Intn(len(ledgerUnits))],
			ResponsibleName: ledgerSurnames[rng.Intn(len(ledgerSurnames))] + ledgerGiven[rng.Intn(len(ledgerGiven))],
			ReviewerName:    ledgerSurnames[rng.Intn(len(ledgerSurnames))] + ledgerGiven[rng.Intn(len(ledgerGiven))],
			Deadline:        found.AddDate(0, 0, 14+rng.Intn(106)).Format("2006-01-02"), Status: status.Code, StatusName: status.Label}
		if it.Status == ledger.StatusClosed {
			it.Closed, it.Done, it.Opinion = it.Deadline, "已按要求整改到位", "核查通过，予以销号"
		}
		lines[i] = ledger.Line{Item: it}
	}
	return lines
}

func rectificationLedger(n int) pdf.Ledger {
	return api.RectificationLayout(ledgerLines(n), "青石镇综治中心", "2024年")
}

// excelChars is an Excel column width (characters) holding what a PDF
// column of mm holds.
func excelChars(mm float64) float64 { return mm * 0.56 }

// rectificationList is the ledger's table as our .xlsx export.
func rectificationList(l pdf.Ledger) xlsx.List {
	out := xlsx.List{Sheet: "整改台账", Title: l.Title, Rows: l.Rows}
	for i, c := range l.Columns {
		kind := xlsx.Text
		if i == 0 {
			kind = xlsx.Seq
		}
		out.Columns = append(out.Columns, xlsx.Column{Title: strings.ReplaceAll(c.Title, "\n", ""), Width: excelChars(c.Width), Kind: kind})
	}
	return out
}

// rectificationBook is the rows as our .xlsx export, with every data row
// as tall as its wrapped text. LibreOffice does not fit the height of a
// row written without one (Excel does, on opening): without this its PDF
// clips each row to one line and has a sixth of the pages, which is not
// the same document.
func rectificationBook(l pdf.Ledger) ([]byte, error) {
	rows := l.Rows
	var buf bytes.Buffer
	if err := rectificationList(l).Write(&buf); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Calibri 11 (the workbook default) with CJK from a fallback font: a
	// CJK character is 11 pt wide, the rest about half; a column of w
	// characters is (7w+5) px; a line of Noto Sans SC 11 pt is 16 pt.
	measure := func(s string) float64 {
		w := 0.0
		for _, r := range s {
			if r < 0x2E80 {
				w += 6
			} else {
				w += 11
			}
		}
		return w
	}
	for i, row := range rows {
		lines := 1
		for c, text := range row {
			width := (7*excelChars(l.Columns[c].Width)+5)*0.75 - 4
			n := 0
			for _, part := range strings.Split(text, "\n") {
				n += len(pdf.Wrap(measure, part, width))
			}
			lines = max(lines, n)
		}
		if err := f.SetRowHeight("整改台账", i+3, float64(lines)*16+3); err != nil {
			return nil, err
		}
	}
	buf.Reset()
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

const (
	helperRowsEnv = "ZONGZHI_BENCH_RENDER_ROWS"
	helperOutEnv  = "ZONGZHI_BENCH_RENDER_OUT"
)

// TestHelperRender is not a test: BenchmarkLedgerPDFvsLibreOffice runs the
// test binary again with only this, to read the peak RSS of a process that
// builds the rows and renders the ledger and nothing else.
func TestHelperRender(t *testing.T) {
	n, out := os.Getenv(helperRowsEnv), os.Getenv(helperOutEnv)
	if n == "" {
		return
	}
	rows, err := strconv.Atoi(n)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := rectificationLedger(rows).Render(context.Background(), f); err != nil {
		t.Fatal(err)
	}
}

const peakArgsEnv = "ZONGZHI_BENCH_PEAK_ARGS"

// TestHelperPeak is not a test: peakRSS runs the test binary again with
// only this, to start a command and print the command's peak RSS.
func TestHelperPeak(t *testing.T) {
	args := os.Getenv(peakArgsEnv)
	if args == "" {
		return
	}
	var argv []string
	if err := json.Unmarshal([]byte(args), &argv); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	fmt.Printf("peak-kb %d us %d\n", cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss, time.Since(start).Microseconds())
}

var peakRe = regexp.MustCompile(`(?m)^peak-kb (\d+) us (\d+)$`)

// peakRSS runs argv with env and returns its peak resident set in MB,
// its children's included, and how long it ran. Linux carries the high-water RSS of the
// address space a process replaces at exec into its ru_maxrss, and Go
// starts commands sharing the parent's address space until the exec: a
// command started from this process would report this process's RSS if
// larger (the 20,000-row bench read 497 MB for both renderers). So a
// fresh copy of this binary (a small process) starts the command and
// reports what wait4 says of it.
func peakRSS(b *testing.B, env []string, argv ...string) (float64, time.Duration) {
	raw, _ := json.Marshal(argv)
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperPeak$", "-test.count=1")
	cmd.Env = append(append(os.Environ(), env...), peakArgsEnv+"="+string(raw))
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		b.Fatalf("%s: %v\n%s%s", argv[0], err, out.Bytes(), errOut.Bytes())
	}
	m := peakRe.FindSubmatch(out.Bytes())
	if m == nil {
		b.Fatalf("%s: no peak reported in %q", argv[0], out.Bytes())
	}
	kb, _ := strconv.Atoi(string(m[1]))
	us, _ := strconv.Atoi(string(m[2]))
	return float64(kb) / 1024, time.Duration(us) * time.Microsecond
}

// libreOffice converts .xlsx files to PDF with headless LibreOffice in a
// profile of its own, seeing the same Noto Sans SC the ledger embeds (a
// machine without a CJK font would let it draw empty boxes, cheaply).
type libreOffice struct {
	bin, profile, fontconf string
}

func newLibreOffice(b *testing.B) *libreOffice {
	skip := func(what string) {
		msg := what + " is not installed: `make deps-bench` installs it"
		fmt.Fprintf(os.Stderr, "%s: skipped, %s\n", b.Name(), msg) // seen without -v too
		b.Skip(msg)
	}
	bin, err := exec.LookPath("libreoffice")
	if err != nil {
		if bin, err = exec.LookPath("soffice"); err != nil {
			skip("LibreOffice")
		}
	}
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		skip("pdfinfo (poppler-utils)")
	}
	dir := b.TempDir()
	_, self, _, _ := runtime.Caller(0)
	fonts := filepath.Join(filepath.Dir(self), "..", "report", "pdf", "fonts")
	if _, err := os.Stat(filepath.Join(fonts, "NotoSansSC-Regular.ttf")); err != nil {
		b.Fatalf("the ledger's font, for LibreOffice to use too: %v", err)
	}
	lo := &libreOffice{bin: bin, profile: filepath.Join(dir, "profile"), fontconf: filepath.Join(dir, "fonts.conf")}
	conf := fmt.Sprintf(`<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>%s</dir>
  <cachedir>%s</cachedir>
</fontconfig>
`, fonts, filepath.Join(dir, "fontcache"))
	if err := os.WriteFile(lo.fontconf, []byte(conf), 0o644); err != nil {
		b.Fatal(err)
	}
	// The first start creates the profile and the font cache: not timed.
	tiny := filepath.Join(dir, "warm.xlsx")
	data, err := rectificationBook(rectificationLedger(3))
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(tiny, data, 0o644); err != nil {
		b.Fatal(err)
	}
	lo.convert(b, tiny, filepath.Join(dir, "warm"))
	return lo
}

// convert turns file into outDir/<name>.pdf and returns the PDF's path,
// the peak RSS in MB and the time taken. The libreoffice command is a
// shell script that execs oosplash, which starts soffice.bin and waits
// for it: the wait4 rusage of the command covers soffice.bin.
func (lo *libreOffice) convert(b *testing.B, file, outDir string) (string, float64, time.Duration) {
	mb, took := peakRSS(b, []string{"FONTCONFIG_FILE=" + lo.fontconf}, lo.bin, "-env:UserInstallation=file://"+lo.profile,
		"--headless", "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir", outDir, file)
	pdfFile := filepath.Join(outDir, strings.TrimSuffix(filepath.Base(file), ".xlsx")+".pdf")
	if _, err := os.Stat(pdfFile); err != nil {
		b.Fatalf("libreoffice wrote no PDF: %v", err)
	}
	return pdfFile, mb, took
}

// The ledger PDF of 2,000 and 20,000 rows next to LibreOffice headless
// converting the same rows as our .xlsx export (title, widths, A4
// landscape fitted to the width, header repeated). Goal: ≥ 10× faster and
// ≤ 1/5 of the peak memory. ms/ours is the render in this process; the
// peak memory of ours is the peak RSS of a child process (this test
// binary re-run as TestHelperRender) that builds the rows and renders.
func BenchmarkLedgerPDFvsLibreOffice(b *testing.B) {
	for _, n := range []int{2000, 20000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) { ledgerVsLibreOffice(b, n) })
	}
}

func ledgerVsLibreOffice(b *testing.B, n int) {
	lo := newLibreOffice(b)
	dir := b.TempDir()
	ledger := rectificationLedger(n)
	book := filepath.Join(dir, "ledger.xlsx")
	data, err := rectificationBook(ledger)
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(book, data, 0o644); err != nil {
		b.Fatal(err)
	}

	// Our peak memory, in a process of its own.
	oursMB, _ := peakRSS(b, []string{helperRowsEnv + "=" + strconv.Itoa(n), helperOutEnv + "=" + filepath.Join(dir, "helper.pdf")},
		os.Args[0], "-test.run=^TestHelperRender$", "-test.count=1")

	ours := filepath.Join(dir, "ours.pdf")
	var oursT, loT time.Duration
	var loMB float64
	var loPDF string
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		f, err := os.Create(ours)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ledger.Render(context.Background(), f); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
		oursT += time.Since(start)

		pdfFile, mb, took := lo.convert(b, book, filepath.Join(dir, "lo"))
		loPDF, loT, loMB = pdfFile, loT+took, max(loMB, mb)
	}
	b.StopTimer()
	oursPages, loPages := testkit.PDFPages(b, ours), testkit.PDFPages(b, loPDF)
	runs := float64(b.N)
	oursMS, loMS := float64(oursT.Microseconds())/runs/1000, float64(loT.Microseconds())/runs/1000
	b.ReportMetric(oursMS, "ms/ours")
	b.ReportMetric(loMS, "ms/libreoffice")
	b.ReportMetric(oursMB, "MB-peak/ours")
	b.ReportMetric(loMB, "MB-peak/libreoffice")
	b.ReportMetric(loMS/oursMS, "speedup-x")
	b.ReportMetric(oursMB/loMB, "memory-ratio")
	b.ReportMetric(float64(oursPages), "pages/ours")
	b.ReportMetric(float64(loPages), "pages/libreoffice")
	fmt.Fprintf(os.Stderr, "ledger %d rows: ours %.0f ms, %.0f MB peak, %d pages; LibreOffice %.0f ms, %.0f MB peak, %d pages: %.1f× faster (goal ≥ 10), %.2f of the memory (goal ≤ 0.2)\n",
		n, oursMS, oursMB, oursPages, loMS, loMB, loPages, loMS/oursMS, oursMB/loMB)
}

// importVillages are the 100 villages the roster names: 50,000 rows is a
// county's roster, about 200 grids a village (a village has at most 999
// grid codes).
var importVillages = func() []string {
	var vs []string
	for _, a := range []string{"大", "小", "上", "下", "新", "老", "东", "西", "南", "北"} {
		for i, b := range []string{"平", "寨", "坡", "河", "山", "箐", "坝", "田", "龙", "松"} {
			suffix := "村"
			if i == 9 {
				suffix = "社区"
			}
			vs = append(vs, a+b+suffix)
		}
	}
	return vs
}()

func importStore(b *testing.B) (*store.Store, *grid.Service) {
	st := testkit.Store(b, api.Indexers())
	svc := grid.New(st)
	svc.Now = func() time.Time { return time.Date(2024, 6, 1, 9, 0, 0, 0, time.Local) }
	testkit.Villages(b, svc, importVillages...)
	return st, svc
}

// Import of a messy 50,000-row roster workbook (demo.MessyRoster) into an
// empty township: read, detect the headers, validate and plan every row,
// write, reject report. Goal: ≤ 5 s on the 2-core build machine. The
// baseline is reading the workbook alone (xlsx.Read + xlsx.Detect of each
// sheet), the floor under any import of it.
func BenchmarkExcelImport50kRows(b *testing.B) {
	const rows = 50000
	sheet, err := demo.MessyRoster(1, importVillages, rows)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var read, prepare, commit time.Duration
	var counts importer.Counts
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, svc := importStore(b)
		area := grid.RosterImport{S: svc}
		start := time.Now()
		book, err := xlsx.Read(bytes.NewReader(sheet.Data))
		if err != nil {
			b.Fatal(err)
		}
		for _, sh := range book.Sheets {
			xlsx.Detect(sh, area.About().Schema, nil, 2024)
		}
		book.Close()
		read += time.Since(start)

		b.StartTimer()
		start = time.Now()
		sess, err := importer.Prepare(ctx, area, sheet.Data, importer.Options{Year: 2024})
		if err != nil {
			b.Fatal(err)
		}
		prepared := time.Now()
		res, err := sess.Commit(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		commit += time.Since(prepared)
		prepare += prepared.Sub(start)
		b.StopTimer()
		sess.Close()
		st.Close()
		counts = res.Counts
		if counts.Read != sheet.DataRows || counts.Import == 0 {
			b.Fatalf("read %d of %d data rows, imported %d", counts.Read, sheet.DataRows, counts.Import)
		}
	}
	runs := float64(b.N)
	total := (prepare + commit).Seconds() / runs
	b.ReportMetric(total, "s/import")
	b.ReportMetric(float64(counts.Read)/total, "rows/s")
	b.ReportMetric(prepare.Seconds()/runs, "s/prepare")
	b.ReportMetric(commit.Seconds()/runs, "s/commit")
	b.ReportMetric(read.Seconds()/runs, "s/read-detect")
	b.ReportMetric(float64(counts.Reject), "rejected")
	fmt.Fprintf(os.Stderr, "import %d data rows (%d imported, %d updates, %d duplicates, %d rejected): %.2f s (prepare %.2f s, commit %.2f s; goal ≤ 5 s) vs reading the workbook alone %.2f s\n",
		counts.Read, counts.Import, counts.Update, counts.Duplicate, counts.Reject, total, prepare.Seconds()/runs, commit.Seconds()/runs, read.Seconds()/runs)
}
