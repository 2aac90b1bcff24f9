package people_test

import (
	"strings"
	"testing"

	"zongzhi/backend/cadence"
	"zongzhi/backend/dict"
	"zongzhi/backend/people"
	"zongzhi/backend/store"
	"zongzhi/backend/testkit"
)

func offered(codes []dict.Code, code string) (string, bool) {
	for _, c := range codes {
		if c.Code == code {
			return c.Label, true
		}
	}
	return "", false
}

func TestCodeTablesAreEditableAndKeepWhatWasSaved(t *testing.T) {
	f := setup(t)
	d := f.svc.Dict
	p := f.person(t, "钱七", testkit.IDNumber("19790303", 321))
	old := f.enroll(t, people.EnrollInput{Person: p.ID, Category: "54", Responsible: []string{f.staff.ID}, Enrolled: "2024-05-01"})

	// Refusals name the field and the problem.
	for _, c := range []struct {
		in            dict.EntryInput
		field, expect string
	}{
		{dict.EntryInput{Table: people.TableCategories, Code: "5", Label: "涉诈人员", New: true}, "code", "两位数字"},
		{dict.EntryInput{Table: people.TableCategories, Code: "03", Label: "涉诈人员", New: true}, "code", "已被“严重精神障碍患者”使用"},
		{dict.EntryInput{Table: people.TableCategories, Code: "55", Label: "信访人员", New: true}, "label", "已是代码51的名称"},
		{dict.EntryInput{Table: people.TableCategories, Code: "55", Label: "", New: true}, "label", "请填写名称"},
		{dict.EntryInput{Table: "nope", Code: "1", Label: "x"}, "table", "没有名为"},
	} {
		_, err := d.Save(c.in)
		if !strings.Contains(testkit.FieldMessage(t, err, c.field), c.expect) {
			t.Errorf("%+v: %v", c.in, err)
		}
	}

	// A local category, kept off public rosters; a renamed shipped one; a retired one.
	if _, err := d.Save(dict.EntryInput{Table: people.TableCategories, Code: "55", Label: "涉诈重点人员", Private: true, New: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Save(dict.EntryInput{Table: people.TableCategories, Code: "54", Label: "重点关注对象"}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Save(dict.EntryInput{Table: people.TableCategories, Code: "53", Label: "邪教人员", Disabled: true}); err != nil {
		t.Fatal(err)
	}
	codes := f.svc.Codes().Categories
	if l, ok := offered(codes, "55"); !ok || l != "涉诈重点人员" || !f.svc.Confidential("55") {
		t.Fatalf("local category: %q %v", l, ok)
	}
	if l, _ := offered(codes, "54"); l != "重点关注对象" {
		t.Fatalf("renamed: %q", l)
	}
	if _, ok := offered(codes, "53"); ok {
		t.Fatal("a retired category is still offered")
	}
	if e, _ := d.Lookup(people.TableCategories, "54"); e.Original != "重点关注人员" || !e.Shipped {
		t.Fatalf("renamed entry: %+v", e)
	}

	// What was saved keeps its words; new saves take the new ones.
	det, _ := f.svc.GetPerson(p.ID)
	if det.Enrollments[0].CategoryName != "重点关注人员" {
		t.Fatalf("the old enrollment changed its words: %q", det.Enrollments[0].CategoryName)
	}
	e55, err := f.svc.Enroll(people.EnrollInput{Person: p.ID, Category: "55", Responsible: []string{f.staff.ID}, Enrolled: "2024-05-02"})
	if err != nil || e55.CategoryName != "涉诈重点人员" {
		t.Fatalf("enroll in a local category: %+v %v", e55, err)
	}
	_, err = f.svc.Enroll(people.EnrollInput{Person: p.ID, Category: "53", Responsible: []string{f.staff.ID}, Enrolled: "2024-05-02"})
	if !strings.Contains(testkit.FieldMessage(t, err, "category"), "已停用") {
		t.Fatalf("retired category accepted: %v", err)
	}
	// An enrollment in a category retired later can still be edited.
	if _, err := d.Save(dict.EntryInput{Table: people.TableCategories, Code: "54", Label: "重点关注对象", Disabled: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Enroll(people.EnrollInput{ID: old.ID, Responsible: []string{f.staff.ID}, Enrolled: "2024-05-01", Attention: "01"}); err != nil {
		t.Fatalf("editing an enrollment of a retired category: %v", err)
	}

	// The edits are records: they survive a reopen and would travel by sync.
	f.svc.Store.Close()
	st := testkit.Open(t, store.DefaultOptions(f.dir), indexers())
	again := people.New(st, nil)
	if l, _ := offered(again.Codes().Categories, "55"); l != "涉诈重点人员" {
		t.Fatalf("after reopen: %q", l)
	}
}

func TestCadenceRulesAreEditableAndMoveDueDates(t *testing.T) {
	f := setup(t)
	p := f.person(t, "孙八", testkit.IDNumber("19800808", 456))
	e := f.enroll(t, people.EnrollInput{Person: p.ID, Category: "01", Responsible: []string{f.staff.ID}, Enrolled: "2024-06-01",
		Details: map[string]string{"assessment": "01"}})
	next := func() string {
		t.Helper()
		d, err := f.svc.GetPerson(p.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range d.Enrollments {
			if x.ID == e.ID {
				return x.Next
			}
		}
		return ""
	}
	if n := next(); n != "2024-07-01" { // 重点帮教: monthly
		t.Fatalf("shipped rule: next %s", n)
	}
	key := ""
	for _, r := range f.svc.CadenceRules() {
		if r.Category == "01" && len(r.Levels) == 1 && r.Levels[0] == "01" {
			key = r.Key
		}
	}
	_, err := f.svc.SaveCadenceRule(people.CadenceInput{Key: key, Every: cadence.Interval{N: 0, Unit: cadence.UnitWeek}})
	if !strings.Contains(testkit.FieldMessage(t, err, "every"), "间隔") {
		t.Fatalf("zero interval: %v", err)
	}
	r, err := f.svc.SaveCadenceRule(people.CadenceInput{Key: key, Every: cadence.Interval{N: 2, Unit: cadence.UnitWeek}})
	if err != nil || !r.Changed || r.Label != "刑满释放人员（重点帮教）：每2周至少1次" {
		t.Fatalf("changed rule %+v %v", r, err)
	}
	if n := next(); n != "2024-06-15" {
		t.Fatalf("after the change: next %s", n)
	}
	b := f.svc.Overdue(people.BoardQuery{})
	if b.Counts.Overdue != 0 || b.Counts.DueThisWeek != 1 || b.DueThisWeek[0].Next != "2024-06-15" { // 06-12 is a Wednesday
		t.Fatalf("board %+v", b.Counts)
	}
	if r, err := f.svc.SaveCadenceRule(people.CadenceInput{Key: key, Reset: true}); err != nil || r.Changed {
		t.Fatalf("reset %+v %v", r, err)
	}
	if n := next(); n != "2024-07-01" {
		t.Fatalf("after reset: next %s", n)
	}

	// A rule of the office's own for its own category.
	if _, err := f.svc.Dict.Save(dict.EntryInput{Table: people.TableCategories, Code: "56", Label: "重点精神关爱对象", New: true}); err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.SaveCadenceRule(people.CadenceInput{Category: "01", Every: cadence.Interval{N: 1, Unit: cadence.UnitMonth}})
	if !strings.Contains(testkit.FieldMessage(t, err, "category"), "已有走访规则") {
		t.Fatalf("second rule for 01: %v", err)
	}
	own, err := f.svc.SaveCadenceRule(people.CadenceInput{Category: "56", Every: cadence.Interval{N: 10, Unit: cadence.UnitDay}, MinPerYear: 12})
	if err != nil || own.Label != "重点精神关爱对象：每10天至少1次，每年不少于12次" {
		t.Fatalf("own rule %+v %v", own, err)
	}
	e56 := f.enroll(t, people.EnrollInput{Person: p.ID, Category: "56", Responsible: []string{f.staff.ID}, Enrolled: "2024-06-01"})
	b = f.svc.Overdue(people.BoardQuery{Category: "56"})
	if b.Counts.Overdue != 1 || b.Overdue[0].Enrollment != e56.ID || b.Overdue[0].Next != "2024-06-11" {
		t.Fatalf("own rule on the board: %+v", b)
	}
	if _, err := f.svc.SaveCadenceRule(people.CadenceInput{Key: own.Key, Reset: true}); err != nil {
		t.Fatal(err)
	}
	for _, r := range f.svc.CadenceRules() {
		if r.Category == "56" {
			t.Fatalf("removed rule still in force: %+v", r)
		}
	}
}
