package grid_test

import (
	"strings"
	"testing"
	"time"

	"zongzhi/backend/grid"
	"zongzhi/backend/problem"
	"zongzhi/backend/testkit"
)

func newService(t *testing.T) *grid.Service {
	t.Helper()
	svc := grid.New(testkit.Store(t, grid.Indexers()))
	svc.Now = func() time.Time { return time.Date(2024, 6, 1, 9, 0, 0, 0, time.Local) }
	return svc
}

// fieldErr asserts err is a validation error naming field, with a message
// containing want.
func fieldErr(t *testing.T, err error, field, want string) {
	t.Helper()
	if msg := testkit.FieldMessage(t, err, field); !strings.Contains(msg, want) {
		t.Fatalf("%s: message %q lacks %q", field, msg, want)
	}
}

func setup(t *testing.T) (*grid.Service, grid.Grid) {
	svc := newService(t)
	return svc, testkit.Township(t, svc)
}

func TestGridCodesAreIssuedAndNeverReused(t *testing.T) {
	svc, g1 := setup(t)
	if g1.Code != "530521103201001" || g1.LevelName != "一级网格" || g1.TypeName != "基础网格" {
		t.Fatalf("grid %+v", g1)
	}
	g2 := testkit.Must[grid.Grid](t)(svc.SaveGrid(grid.Grid{Name: "二组", Village: "530521103201", Level: "1", Type: "1"}))
	if err := svc.DeleteGrid(g2.ID); err != nil {
		t.Fatal(err)
	}
	g3 := testkit.Must[grid.Grid](t)(svc.SaveGrid(grid.Grid{Name: "三组", Village: "530521103201", Level: "1", Type: "1"}))
	if g3.Code != "530521103201003" {
		t.Fatalf("after deleting 002 the next code is %s", g3.Code)
	}
	// Editing keeps code and village whatever the form sends.
	g1.Name, g1.Code, g1.Village = "平场子一组（改）", "x", "530521103000"
	g1 = testkit.Must[grid.Grid](t)(svc.SaveGrid(g1))
	if g1.Code != "530521103201001" || g1.Village != "530521103201" {
		t.Fatalf("edit changed identity: %+v", g1)
	}
	if !svc.ListGrids(grid.GridQuery{Located: "no"})[0].Located == false {
		t.Fatal("located filter")
	}
}

func TestGridRulesAreEnforcedWithChineseMessages(t *testing.T) {
	svc, g1 := setup(t)
	before := svc.Store.VersionVector()

	_, err := svc.SaveGrid(grid.Grid{Name: "", Village: "530521103000", Level: "2", Type: "9"})
	fieldErr(t, err, "name", "网格名称不能为空")
	fieldErr(t, err, "village", "不能直接建在乡镇")
	fieldErr(t, err, "type", "不在代码表中")
	fieldErr(t, err, "parent", "二级网格须选择")

	_, err = svc.SaveGrid(grid.Grid{Name: "测绘", Village: "530521103201", Level: "1", Type: "1", Centre: &grid.Point{Lng: 0, Lat: 0}})
	fieldErr(t, err, "centre", "不在我国境内")

	sub := testkit.Must[grid.Grid](t)(svc.SaveGrid(grid.Grid{Name: "楼栋网格", Village: "530521103201", Level: "2", Type: "2", Parent: g1.ID}))
	_, err = svc.SaveGrid(grid.Grid{Name: "孙网格", Village: "530521103201", Level: "2", Type: "1", Parent: sub.ID})
	fieldErr(t, err, "parent", "必须是一级网格")

	_, err = svc.SaveDivision(grid.Division{Code: "530521104201", Name: "别村", Level: "village", Parent: "530521103000"})
	fieldErr(t, err, "code", "前9位应与所属乡镇一致")
	_, err = svc.SaveDivision(grid.Division{Code: "53052110", Name: "短", Level: "township"})
	fieldErr(t, err, "code", "12位数字")

	if err := svc.DeleteGrid(g1.ID); err == nil || !strings.Contains(err.Error(), "二级网格") {
		t.Fatalf("deleting a grid with sub-grids: %v", err)
	}
	after := svc.Store.VersionVector()
	site := svc.Store.Site().ID
	if after[site] != before[site]+1 { // only the sub-grid save landed
		t.Fatalf("rejected saves wrote ops: %d → %d", before[site], after[site])
	}
}

func TestAssignmentsKeepHistoryAndOnePrimary(t *testing.T) {
	svc, g := setup(t)
	zhang := testkit.Must[grid.Staff](t)(svc.SaveStaff(grid.Staff{Name: "张三", Phone: "13812345678", Role: "01"}))
	li := testkit.Must[grid.Staff](t)(svc.SaveStaff(grid.Staff{Name: "李四", Phone: "0871-6543210", Role: "02"}))
	wang := testkit.Must[grid.Staff](t)(svc.SaveStaff(grid.Staff{Name: "王五", Phone: "13912345678", Role: "05"}))

	_, err := svc.Assign(grid.AssignInput{Grid: g.ID, Staff: li.ID, Role: "02", Start: "2023-01-01"})
	fieldErr(t, err, "primary", "尚无主责任人")

	testkit.Must[grid.Assignment](t)(svc.Assign(grid.AssignInput{Grid: g.ID, Staff: zhang.ID, Role: "01", Primary: true, Start: "2023-01-01"}))
	testkit.Must[grid.Assignment](t)(svc.Assign(grid.AssignInput{Grid: g.ID, Staff: wang.ID, Role: "05", Start: "2023-02-01"}))
	_, err = svc.Assign(grid.AssignInput{Grid: g.ID, Staff: zhang.ID, Role: "02", Start: "2023-05-01"})
	fieldErr(t, err, "staff", "已在此网格任职")
	_, err = svc.Assign(grid.AssignInput{Grid: g.ID, Staff: li.ID, Role: "01", Primary: true, Start: "2022-12-01"})
	fieldErr(t, err, "start", "须晚于现任主责任人张三")

	// 李四 takes over on 2024-03-01: 张三's assignment ends the day before.
	testkit.Must[grid.Assignment](t)(svc.Assign(grid.AssignInput{Grid: g.ID, Staff: li.ID, Role: "01", Primary: true, Start: "2024-03-01"}))

	for date, want := range map[string]string{
		"2022-12-31": "",
		"2023-01-01": "张三",
		"2023-03-15": "张三,王五",
		"2024-02-29": "张三,王五",
		"2024-03-01": "李四,王五",
		"2026-01-01": "李四,王五",
	} {
		got := testkit.Must[[]grid.AssignmentView](t)(svc.ResponsibleOn(grid.ResponsibleQuery{Grid: g.ID, Date: date}))
		var names []string
		primaries := 0
		for _, a := range got {
			names = append(names, a.StaffName)
			if a.Primary {
				primaries++
			}
		}
		if strings.Join(names, ",") != want {
			t.Errorf("on %s: %v, want %s", date, names, want)
		}
		if len(got) > 0 && (primaries != 1 || !got[0].Primary) {
			t.Errorf("on %s: %d primaries, first %+v", date, primaries, got[0])
		}
	}
	d := testkit.Must[grid.GridDetail](t)(svc.GetGrid(g.ID))
	if len(d.Assignments) != 3 {
		t.Fatalf("history has %d entries", len(d.Assignments))
	}
	for _, a := range d.Assignments {
		if a.StaffName == "张三" && (a.End != "2024-02-29" || !strings.Contains(a.EndReason, "李四")) {
			t.Fatalf("handover not recorded: %+v", a)
		}
	}

	// The primary cannot leave while others serve; the grid cannot go
	// while anyone serves, and the reason names them.
	var liAssign grid.AssignmentView
	for _, a := range d.Assignments {
		if a.StaffName == "李四" {
			liAssign = a
		}
	}
	if _, err := svc.EndAssignment(grid.EndInput{ID: liAssign.ID, End: "2024-06-30"}); err == nil || !strings.Contains(err.Error(), "接任") {
		t.Fatalf("ending the primary: %v", err)
	}
	err = svc.DeleteGrid(g.ID)
	if p := problem.As(err); p.Code != "grid_in_use" || !strings.Contains(p.Message, "李四") || !strings.Contains(p.Message, "王五") {
		t.Fatalf("delete with staff: %v", err)
	}
	if err := svc.DeleteStaff(wang.ID); err == nil {
		t.Fatal("deleted serving staff")
	}
	var wangAssign grid.AssignmentView
	for _, a := range d.Assignments {
		if a.StaffName == "王五" {
			wangAssign = a
		}
	}
	_, err = svc.EndAssignment(grid.EndInput{ID: wangAssign.ID, End: "2022-01-01"})
	fieldErr(t, err, "end", "不能早于开始日期")
	testkit.Must[grid.Assignment](t)(svc.EndAssignment(grid.EndInput{ID: wangAssign.ID, End: "2024-05-31", Reason: "调离"}))
	testkit.Must[grid.Assignment](t)(svc.EndAssignment(grid.EndInput{ID: liAssign.ID, End: "2024-05-31"}))
	if err := svc.DeleteStaff(wang.ID); err != nil {
		t.Fatal(err)
	}
	if err := svc.DeleteGrid(g.ID); err != nil {
		t.Fatal(err)
	}
	// History still names the deleted staff member.
	sd := testkit.Must[grid.StaffDetail](t)(svc.GetStaff(li.ID))
	if len(sd.Assignments) != 1 || sd.Assignments[0].GridName != "平场子一组" {
		t.Fatalf("staff history %+v", sd.Assignments)
	}
	if err := svc.Store.Verify(); err != nil {
		t.Fatal(err)
	}
}

func TestStaffValidationAndLinks(t *testing.T) {
	svc, g := setup(t)
	_, err := svc.SaveStaff(grid.Staff{Name: " ", Phone: "12345", Role: ""})
	fieldErr(t, err, "name", "姓名不能为空")
	fieldErr(t, err, "phone", "“12345”格式不正确")
	fieldErr(t, err, "role", "请选择岗位")
	p := testkit.Must[grid.Staff](t)(svc.SaveStaff(grid.Staff{Name: "赵六", Phone: "13700001111", Role: "03", Unit: "平场子村委会"}))
	_, err = svc.SaveLink(grid.Link{Staff: p.ID, Object: "3", Target: "", Start: "2024-13-01"})
	fieldErr(t, err, "target", "包挂对象不能为空")
	fieldErr(t, err, "start", "不是有效日期")
	testkit.Must[grid.Link](t)(svc.SaveLink(grid.Link{Staff: p.ID, Grid: g.ID, Object: "3", Target: "平场子茶厂", Start: "2024-01-01"}))
	d := testkit.Must[grid.StaffDetail](t)(svc.GetStaff(p.ID))
	if len(d.Links) != 1 || d.Links[0].ObjectName != "企业" {
		t.Fatalf("links %+v", d.Links)
	}
	list := testkit.Must[[]grid.StaffSummary](t)(svc.ListStaff(grid.StaffQuery{Text: "村委"}))
	if len(list) != 1 || list[0].Name != "赵六" {
		t.Fatalf("search by unit: %+v", list)
	}
	tree := svc.Tree()
	if len(tree) != 1 || len(tree[0].Children) != 1 || tree[0].Children[0].Children[0].Label != "平场子一组" {
		t.Fatalf("tree %+v", tree)
	}
}
