package xlsx

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

var testSchema = Schema{
	{Key: "seq", Label: "序号", Kind: Seq},
	{Key: "village", Label: "村（社区）", Synonyms: []string{"所属村", "村居"}, Required: true, Kind: Line},
	{Key: "name", Label: "姓名", Required: true, Kind: Line},
	{Key: "phone", Label: "联系电话", Synonyms: []string{"电话", "手机"}, Kind: Number},
	{Key: "id", Label: "身份证号", Synonyms: []string{"身份证号码", "公民身份号码"}, Kind: Number},
	{Key: "date", Label: "日期", Synonyms: []string{"发现时间", "登记日期"}, Kind: Date},
	{Key: "done", Label: "是否整改", Synonyms: []string{"整改情况"}, Kind: Bool},
	{Key: "note", Label: "备注", Kind: Text},
}

// messyBook builds a workbook like the ones offices keep: merged title,
// two-level header, a vertically merged village column, blank and
// pre-numbered rows, full-width digits, line breaks, dates in every
// spelling, an ID number stored as a number, a totals row and signatures.
func messyBook(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	s := "Sheet1"
	set := func(cell string, v any) {
		if err := f.SetCellValue(s, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	merge := func(a, b string) {
		if err := f.MergeCell(s, a, b); err != nil {
			t.Fatal(err)
		}
	}
	set("A1", "青石镇2023年隐患排查整改台账")
	merge("A1", "H1")
	set("A2", "填报单位：青石镇综治中心")
	// Two-level header: 序号/村/姓名 span both rows; 联系方式 groups two.
	for col, h := range map[string]string{"A3": "序号", "B3": "所属村", "C3": "姓 名", "D3": "联系方式", "F3": "发现时间", "G3": "整改情况", "H3": "备注"} {
		set(col, h)
	}
	set("D4", "电话")
	set("E4", "身份证号码")
	for _, c := range []string{"A", "B", "C", "F", "G", "H"} {
		merge(c+"3", c+"4")
	}
	merge("D3", "E3")
	rows := [][]any{
		{1, "平场子村", "张三", "13812345678", "530521199001011234", 45000.0, "已整改", "第一行\n第二行"},
		{2, nil, "李四", "１３９１２３４５６７８", 530521199001011000.0, "2023.3.5", "√", ""},
		{3, nil, "王五", "0871-6543210", "", "2023年3月6日", "×", ""},
		{nil, nil, nil, nil, nil, nil, nil, nil},
		{4, "勐简村", "赵六", "", "", "3月7日", "是", ""},
		{5, nil, "孙七", "", "", "2023/02/30", "否", ""},
		{6, nil, "周八", "", "", "20230308", "也许", ""},
		{7},
		{"合计", nil, "6人"},
		{"填表人：冯燚", nil, nil, "审核人：王嵘", nil, "填报日期：2023年12月31日"},
	}
	for i, row := range rows {
		for j, v := range row {
			if v == nil {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(j+1, 5+i)
			set(cell, v)
		}
	}
	merge("B5", "B7") // 平场子村 fills down over 李四 and 王五
	merge("B9", "B11")
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDetectMessySheet(t *testing.T) {
	b, err := Read(bytes.NewReader(messyBook(t)))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	tab, ok := Detect(b.Sheets[0], testSchema, nil, 2020)
	if !ok {
		t.Fatalf("header not found: %+v", tab)
	}
	if got := fmt.Sprint(tab.Header); got != "[3 4]" {
		t.Fatalf("header rows = %s, want 3、4", got)
	}
	if tab.Year != 2023 {
		t.Errorf("year from title = %d, want 2023", tab.Year)
	}
	if len(tab.Missing) != 0 || len(tab.Unknown) != 0 {
		t.Errorf("missing %v unknown %v", tab.Missing, tab.Unknown)
	}
	if len(tab.Rows) != 6 {
		for _, r := range tab.Rows {
			t.Logf("row %d: %q", r.Line, r.Raw)
		}
		t.Fatalf("data rows = %d, want 6", len(tab.Rows))
	}
	want := []struct {
		village, name, phone, date string
		mangled                    bool
		done                       bool
		dateErr, boolErr           bool
	}{
		{"平场子村", "张三", "13812345678", "2023-03-15", false, true, false, false},
		{"平场子村", "李四", "13912345678", "2023-03-05", true, true, false, false},
		{"平场子村", "王五", "0871-6543210", "2023-03-06", false, false, false, false},
		{"勐简村", "赵六", "", "2023-03-07", false, true, false, false},
		{"勐简村", "孙七", "", "", false, false, true, false},
		{"勐简村", "周八", "", "2023-03-08", false, false, false, true},
	}
	for i, w := range want {
		r := tab.Rows[i]
		if got := r.Get("village").Text; got != w.village {
			t.Errorf("row %d village = %q, want %q", r.Line, got, w.village)
		}
		if got := r.Get("name").Text; got != w.name {
			t.Errorf("row %d name = %q, want %q", r.Line, got, w.name)
		}
		if got := r.Get("phone").Text; got != w.phone {
			t.Errorf("row %d phone = %q, want %q", r.Line, got, w.phone)
		}
		if got := Mangled(r.Get("id")); got != w.mangled {
			t.Errorf("row %d id %q mangled = %v, want %v", r.Line, r.Get("id").Text, got, w.mangled)
		}
		d, err := ParseDate(r.Get("date").Text, r.Year())
		if (err != nil) != w.dateErr || d != w.date {
			t.Errorf("row %d date %q = %q, %v", r.Line, r.Get("date").Text, d, err)
		}
		done, err := ParseBool(r.Get("done").Text)
		if (err != nil) != w.boolErr || (err == nil && done != w.done) {
			t.Errorf("row %d done %q = %v, %v", r.Line, r.Get("done").Text, done, err)
		}
	}
	if got := tab.Rows[0].Get("note").Text; got != "第一行\n第二行" {
		t.Errorf("line break lost: %q", got)
	}
	var reasons []string
	for _, s := range tab.Skipped {
		reasons = append(reasons, s.Reason)
	}
	if len(tab.Skipped) != 2 || !strings.Contains(reasons[0], "合计") || !strings.Contains(reasons[1], "落款") {
		t.Errorf("skipped = %+v", tab.Skipped)
	}
}

func TestUnknownHeadersNeedMapping(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"片区", "人员", "手机号码", "说明"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"平场子村", "张三", "13812345678", "x"})
	var buf bytes.Buffer
	f.Write(&buf)
	b, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	tab, ok := Detect(b.Sheets[0], testSchema, nil, 2024)
	if ok {
		t.Fatalf("detected without a mapping: %+v", tab)
	}
	if strings.Join(tab.Unknown, ",") != "片区,人员,手机号码,说明" {
		t.Fatalf("unknown = %v", tab.Unknown)
	}
	m := Mapping{"片区": "village", "人员": "name", "手机号码": "phone", "说明": Ignore}
	tab, ok = Detect(b.Sheets[0], testSchema, m, 2024)
	if !ok || len(tab.Rows) != 1 || tab.Rows[0].Get("name").Text != "张三" || len(tab.Unknown) != 0 {
		t.Fatalf("with mapping: ok=%v %+v", ok, tab)
	}
	if Signature(tab.Headers) != Signature([]string{"片区 ", "人员", "手机号码", "说明"}) {
		t.Error("signature depends on spacing")
	}
}

func TestParseDate(t *testing.T) {
	for _, c := range []struct {
		in   string
		year int
		want string
		bad  bool
	}{
		{"2023-03-05", 0, "2023-03-05", false},
		{"2023.3.5", 0, "2023-03-05", false},
		{"2023/03/05", 0, "2023-03-05", false},
		{"2023年3月5日", 0, "2023-03-05", false},
		{"2023 年 3 月 5 号", 0, "2023-03-05", false},
		{"2023-03-05 14:30", 0, "2023-03-05", false},
		{"20230305", 0, "2023-03-05", false},
		{"3月5日", 2024, "2024-03-05", false},
		{"3月5日", 0, "", true},
		{"44990", 0, "2023-03-05", false},
		{"2024-02-29", 0, "2024-02-29", false},
		{"2023-02-29", 0, "", true},
		{"明天", 0, "", true},
		{"", 0, "", false},
	} {
		got, err := ParseDate(Normalize(c.in), c.year)
		if got != c.want || (err != nil) != c.bad {
			t.Errorf("ParseDate(%q, %d) = %q, %v", c.in, c.year, got, err)
		}
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"　张　三　":         "张 三",
		"１３８１２３４５６７８":   "13812345678",
		" a \r\n\n b ":  "a\nb",
		"ＡＢＣ（备注）":       "ABC(备注)",
		"2023年\t3月  5日": "2023年 3月 5日",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteList(t *testing.T) {
	l := List{Sheet: "网格", Title: "网格清单", Columns: []Column{
		{Title: "序号", Kind: Int}, {Title: "身份证号", Kind: Number}, {Title: "电话", Kind: Number}, {Title: "日期", Kind: Date}, {Title: "说明"},
	}, Rows: [][]string{{"1", "530521199001011234", "13812345678", "2024-03-05", "多行\n文本"}}}
	var buf bytes.Buffer
	if err := l.Write(&buf); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := f.GetCellValue("网格", "B3"); v != "530521199001011234" {
		t.Errorf("ID number = %q", v)
	}
	if typ, _ := f.GetCellType("网格", "B3"); typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset {
		t.Errorf("ID number stored as number (%v)", typ)
	}
	if v, _ := f.GetCellValue("网格", "D3", excelize.Options{RawCellValue: true}); v != "45356" {
		t.Errorf("date raw = %q, want the serial 45356", v)
	}
	if v, _ := f.GetCellValue("网格", "D3"); v != "2024-03-05" {
		t.Errorf("date shown = %q", v)
	}
	panes, _ := f.GetPanes("网格")
	if !panes.Freeze || panes.YSplit != 2 {
		t.Errorf("header not frozen: %+v", panes)
	}
	lay, _ := f.GetPageLayout("网格")
	if lay.Orientation == nil || *lay.Orientation != "landscape" || lay.FitToWidth == nil || *lay.FitToWidth != 1 {
		t.Errorf("page layout = %+v", lay)
	}
	names := f.GetDefinedName()
	if len(names) != 1 || names[0].Name != "_xlnm.Print_Titles" || !strings.Contains(names[0].RefersTo, "$2:$2") {
		t.Errorf("print titles = %+v", names)
	}
	// It reads back through our own reader: title skipped, header found.
	b, err := Read(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	tab, ok := Detect(b.Sheets[0], testSchema, Mapping{"电话": "phone", "说明": "note"}, 2024)
	if !ok || len(tab.Rows) != 1 || tab.Rows[0].Get("id").Text != "530521199001011234" || Mangled(tab.Rows[0].Get("id")) {
		t.Fatalf("read back: ok=%v rows=%d", ok, len(tab.Rows))
	}
	if d, _ := ParseDate(tab.Rows[0].Get("date").Text, 0); d != "2024-03-05" {
		t.Errorf("date read back = %q", d)
	}
}

func TestReadRejectsNonWorkbooks(t *testing.T) {
	for _, data := range [][]byte{nil, []byte("序号,姓名\n1,张三\n"), []byte("PK\x03\x04broken")} {
		if _, err := Read(bytes.NewReader(data)); err == nil {
			t.Errorf("%q read as a workbook", data)
		}
	}
}

// Our own reading of merged ranges agrees with excelize's.
func TestMergeRangesMatchExcelize(t *testing.T) {
	data := messyBook(t)
	ours := mergeRanges(data)["Sheet1"]
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := excelizeMerges(f, "Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(ours)
	sort.Strings(theirs)
	if len(ours) < 8 || fmt.Sprint(ours) != fmt.Sprint(theirs) {
		t.Fatalf("ours %v, excelize %v", ours, theirs)
	}
}
