package dispute_test

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zongzhi/backend/dispute"
	"zongzhi/backend/importer"
	"zongzhi/backend/store"
	"zongzhi/backend/testkit"
)

// messySheet is a ledger as an office keeps it: a title with the year,
// headers in its own words, dates in several spellings, an ID number
// stored as a number, and rows the import must refuse.
func messySheet(t *testing.T, rows [][]any) []byte {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	sh := "Sheet1"
	x.SetCellValue(sh, "A1", "勐简乡2026年矛盾纠纷排查调处台账")
	x.MergeCell(sh, "A1", "P1")
	testkit.SetRows(t, x, sh, 2, []any{"序号", "纠纷编号", "日期", "纠纷事项", "类型", "村（社区）", "网格", "当事人（申请人）", "申请人身份证号码",
		"被申请人", "纠纷简要情况", "调解人", "是否化解", "协议形式", "去向", "满意度", "回访时间", "归档日期"})
	testkit.SetRows(t, x, sh, 3, rows...)
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestImportOfAMessySheet(t *testing.T) {
	f := setup(t)
	// Already registered: one by number, one by date and name.
	byNumber := f.register(t, f.input("赵钱土地纠纷", "2026-02-10"))
	byName := f.register(t, f.input("孙李合同纠纷", "2026-02-11"))
	good := testkit.IDNumber("19750505", 321)
	bad := good[:17] + map[bool]string{true: "0", false: "1"}[good[17] != '0']
	mangled, _ := strconv.ParseFloat(good[:15]+"000", 64)
	rows := [][]any{
		// 1 import: resolved, visited, archived
		{1, "", "2026-03-02", "张王排水沟纠纷", "邻里纠纷", "平场子村", "平场子一组", "张三、王五", good + "、", "李四", "排水沟堵塞", "李调解", "已化解", "书面", "", "满意", "2026.3.20", "2026年3月25日"},
		// 2 import: still in mediation, date without a year (title says 2026)
		{2, "", "3月5日", "刘家婚姻纠纷", "婚姻家庭", "", "平场子二组", "刘一", "", "刘二", "夫妻争吵", "村调委会主任", "调处中", "", "", "", "", ""},
		// 3 reject: 成功 without the agreement's form
		{3, "", "2026-03-06", "欠薪纠纷", "劳资", "", "平场子一组", "工人甲", "", "老板乙", "拖欠工资", "李调解", "成功", "", "", "", "", ""},
		// 4 reject: no such grid
		{4, "", "2026-03-07", "宅基地纠纷", "宅基地", "", "不存在组", "甲", "", "乙", "地界不清", "", "", "", "", "", "", ""},
		// 5 reject: ID number stored as a number
		{5, "", "2026-03-08", "车祸赔偿纠纷", "交通事故", "", "平场子一组", "周某", mangled, "吴某", "车辆剐蹭", "", "", "", "", "", "", ""},
		// 6 reject: wrong check digit
		{6, "", "2026-03-09", "医患纠纷", "医疗", "", "平场子一组", "郑某", bad, "卫生院", "治疗费用", "", "", "", "", "", "", ""},
		// 7 duplicate of row 1
		{7, "", "2026/03/02", "张王排水沟纠纷", "邻里", "", "平场子一组", "张三", "", "李四", "排水沟堵塞", "", "", "", "", "", "", ""},
		// 8 duplicate: number already registered, nothing new
		{8, byNumber.Number, "2026-02-10", "赵钱土地纠纷", "邻里", "", "平场子一组", "张三", "", "李四", "因排水沟堵塞引发邻里争执", "", "", "", "", "", "", ""},
		// 9 update: same date and name, a new description
		{9, "", "20260211", "孙李合同纠纷", "合同", "", "平场子一组", "孙某", "", "李某", "买卖合同尾款未付已核实", "", "", "", "", "", "", ""},
		// 10 import: not resolved, sent to arbitration
		{10, "勐简调〔2026〕3号", "2026-03-12", "工伤赔偿纠纷", "损害赔偿", "平场子村", "平场子一组", "陈某", "", "某砖厂", "工伤赔偿数额争议", "李调解", "不成功", "", "劳动仲裁", "基本满意", "2026-04-01", ""},
		// 11 reject: unknown category
		{11, "", "2026-03-13", "打架", "斗殴", "", "平场子一组", "甲", "", "乙", "口角", "", "", "", "", "", "", ""},
		// 12 reject: archived without a visit
		{12, "", "2026-03-14", "噪音纠纷", "环境污染", "", "平场子一组", "甲", "", "乙", "夜间施工", "李调解", "成功", "口头", "", "", "", "2026-03-30"},
	}
	data := messySheet(t, rows)
	area := dispute.SheetImport{S: f.svc}
	sess, err := importer.Prepare(context.Background(), area, data, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	all, _ := sess.Lines("", 0, 100)
	want := []struct {
		action importer.Action
		reason string
	}{
		{importer.Import, ""}, {importer.Import, ""}, {importer.Reject, "协议形式"}, {importer.Reject, "网格“不存在组”不存在"},
		{importer.Reject, "存成了数字"}, {importer.Reject, "校验码"}, {importer.Duplicate, "第3行日期、名称相同"},
		{importer.Duplicate, "纠纷已登记（" + byNumber.Number}, {importer.Update, ""}, {importer.Import, ""},
		{importer.Reject, "纠纷类别“斗殴”不在代码表中"}, {importer.Reject, "归档须在回访之后"},
	}
	if len(all) != len(want) {
		t.Fatalf("%d lines: %+v", len(all), all)
	}
	for i, w := range want {
		l := all[i]
		if l.Action != w.action || !strings.Contains(l.Reason, w.reason) {
			t.Errorf("row %d (line %d): %s %q, want %s %q", i+1, l.Line, l.Action, l.Reason, w.action, w.reason)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	res, err := sess.Commit(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if c := res.Counts; c.Import != 3 || c.Update != 1 || c.Duplicate != 2 || c.Reject != 6 || c.Read != 12 {
		t.Fatalf("counts %+v", c)
	}
	if res.RejectReport == nil {
		t.Fatal("no reject report")
	}

	find := func(name string) dispute.Dispute {
		t.Helper()
		p := f.svc.List(dispute.Query{Text: name})
		if p.Total != 1 {
			t.Fatalf("%s: %d found", name, p.Total)
		}
		d, err := f.svc.Get(p.Lines[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	site := f.svc.Store.Site().Code
	d := find("张王排水沟纠纷")
	if d.Status != dispute.StatusArchived || d.CategoryName != "邻里" || d.Mediator != f.staff.ID || d.AgreementName != "书面协议" ||
		d.Visit.Date != "2026-03-20" || d.Archived != "2026-03-25" || d.Involved != 3 || len(d.Parties) != 3 {
		t.Fatalf("row 1: %+v", d)
	}
	if d.Number != fmt.Sprintf("JF-2026-%s-0003", site) || len(d.Log) != 1 || !strings.Contains(d.Log[0].Note, "Sheet1第3行") {
		t.Fatalf("row 1 number %s log %+v", d.Number, d.Log)
	}
	if d.Parties[0].IDNumber != good[:6]+"********"+good[14:] {
		t.Fatalf("party %+v", d.Parties[0])
	}
	d = find("刘家婚姻纠纷")
	if d.Date != "2026-03-05" || d.Status != dispute.StatusMediating || d.MediatorName != "村调委会主任" || d.Mediator != "" || d.MethodName != "人民调解" {
		t.Fatalf("row 2: %+v", d)
	}
	if d.Number != fmt.Sprintf("JF-2026-%s-0004", site) {
		t.Fatalf("row 2 number %s", d.Number)
	}
	d = find("工伤赔偿纠纷")
	if d.Number != "勐简调〔2026〕3号" || d.Status != dispute.StatusVisited || d.ChannelName != "仲裁" || d.Visit.SatisfactionName != "基本满意" {
		t.Fatalf("row 10: %+v", d)
	}
	// An imported dispute carries on through the normal flow.
	if d, err = f.svc.Archive(dispute.ArchiveInput{ID: d.ID, Date: "2026-04-02"}); err != nil || d.StatusName != "已归档" || len(d.Log) != 2 {
		t.Fatalf("archiving an imported dispute: %+v %v", d, err)
	}
	if d = find("孙李合同纠纷"); d.Description != "买卖合同尾款未付已核实" || d.Status != dispute.StatusRegistered || d.Number != byName.Number {
		t.Fatalf("row 9 update: %+v", d)
	}
	if err := f.svc.Store.Verify(); err != nil {
		t.Fatal(err)
	}

	// The same file again writes nothing.
	vv := fmt.Sprint(f.svc.Store.VersionVector())
	again, err := importer.Prepare(context.Background(), area, data, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if c := again.Counts(); c.Import != 0 || c.Update != 0 {
		t.Fatalf("second import %+v", c)
	}
	if _, err := again.Commit(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(f.svc.Store.VersionVector()) != vv {
		t.Fatal("second import wrote")
	}
	if n := len(f.svc.Store.Rows(store.IndexKind, dispute.Kind)); n != 5 {
		t.Fatalf("%d disputes", n)
	}
}

// A sheet previewed, the dispute accepted meanwhile, then the import
// committed: the registration is corrected, the acceptance stays.
func TestAnImportCorrectionKeepsAStepTakenSinceThePreview(t *testing.T) {
	f := setup(t)
	d := f.register(t, f.input("孙李合同纠纷", "2026-02-11"))
	rows := [][]any{{1, "", "2026-02-11", "孙李合同纠纷", "合同", "", "平场子一组", "孙某", "", "李某", "新的简要情况", "", "", "", "", "", "", ""}}
	sess, err := importer.Prepare(context.Background(), dispute.SheetImport{S: f.svc}, messySheet(t, rows), importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	if c := sess.Counts(); c.Update != 1 {
		t.Fatalf("preview: %+v", c)
	}
	accepted, err := f.do(d, "accept", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sess.Commit(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	got, _ := f.svc.Get(d.ID)
	if got.Status != accepted.Status || got.Accepted == "" || got.Description != "新的简要情况" || len(got.Log) != len(accepted.Log) {
		t.Fatalf("after the import: %s accepted=%q %q, %d log entries (had %d)", got.StatusName, got.Accepted, got.Description, len(got.Log), len(accepted.Log))
	}
}

func TestImportedVisitAndArchiveDatesFollowTheFlow(t *testing.T) {
	f := setup(t)
	rows := [][]any{
		{1, "", "2026-03-10", "甲乙邻里纠纷", "邻里", "", "平场子一组", "甲某", "", "乙某", "排水沟", "李网格", "成功", "口头", "", "满意", "2026-03-01", ""},
		{2, "", "2026-03-10", "丙丁邻里纠纷", "邻里", "", "平场子一组", "丙某", "", "丁某", "围墙", "李网格", "成功", "口头", "", "满意", "2026-03-20", "2026-03-15"},
	}
	sess, err := importer.Prepare(context.Background(), dispute.SheetImport{S: f.svc}, messySheet(t, rows), importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	lines, _ := sess.Lines(importer.Reject, 0, 10)
	if len(lines) != 2 || !strings.Contains(lines[0].Reason, "回访日期不能早于登记日期") || !strings.Contains(lines[1].Reason, "归档日期不能早于回访日期") {
		for _, l := range lines {
			t.Log(l.Reason)
		}
		t.Fatalf("%d rejected", len(lines))
	}
}
