package people_test

import (
	"bytes"
	"image"
	"image/jpeg"
	"strings"
	"testing"
	"time"

	"zongzhi/backend/attach"
	"zongzhi/backend/grid"
	"zongzhi/backend/people"
	"zongzhi/backend/problem"
	"zongzhi/backend/store"
	"zongzhi/backend/testkit"
)

type fixture struct {
	svc   *people.Service
	grid  grid.Grid
	staff grid.Staff
	now   time.Time
	dir   string
}

func indexers() map[string]store.Indexer {
	return testkit.Indexers(grid.Indexers(), people.Indexers())
}

func setup(t *testing.T) *fixture {
	t.Helper()
	dir := t.TempDir()
	st := testkit.Open(t, store.DefaultOptions(dir), indexers())
	f := &fixture{now: time.Date(2024, 6, 12, 9, 0, 0, 0, time.UTC), dir: dir} // a Wednesday
	g := grid.New(st)
	g.Now = func() time.Time { return f.now }
	f.svc = people.New(st, g)
	f.svc.Now = func() time.Time { return f.now }
	f.grid = testkit.Township(t, g)
	f.staff = testkit.Staff(t, g, grid.Staff{Name: "李网格", Phone: "13812345678", Role: "02"})[0]
	return f
}

func (f *fixture) person(t *testing.T, name, id string) people.Person {
	t.Helper()
	saved, err := f.svc.SavePerson(people.Person{Name: name, IDNumber: id, Grid: f.grid.ID, Phone: "13912345678"})
	if err != nil {
		t.Fatal(err)
	}
	return saved.Person
}

// enroll saves an enrollment, failing the test if it is refused.
func (f *fixture) enroll(t *testing.T, in people.EnrollInput) people.Enrollment {
	t.Helper()
	return testkit.Must[people.Enrollment](t)(f.svc.Enroll(in))
}

func TestPersonRegistrationValidatesTheIDNumber(t *testing.T) {
	f := setup(t)
	good := testkit.IDNumber("19800101", 123) // order 123: odd → male
	bad := good[:17] + map[bool]string{true: "0", false: "1"}[good[17] != '0']
	_, err := f.svc.SavePerson(people.Person{Name: "张三", IDNumber: bad, Grid: f.grid.ID})
	if msg := testkit.FieldMessage(t, err, "idNumber"); !strings.Contains(msg, "校验码") {
		t.Fatalf("wrong check digit: %q", msg)
	}
	saved, err := f.svc.SavePerson(people.Person{Name: "张三", IDNumber: strings.ToLower(good), Grid: f.grid.ID, Sex: "2"})
	if err != nil {
		t.Fatal(err)
	}
	p := saved.Person
	if p.Birth != "1980-01-01" || p.Sex != "2" || len(saved.Warnings) == 0 || !strings.Contains(strings.Join(saved.Warnings, ""), "性别") {
		t.Fatalf("derived %+v warnings %v", p, saved.Warnings)
	}
	// One person per ID number: the second registration names the first.
	_, err = f.svc.SavePerson(people.Person{Name: "张三丰", IDNumber: good, Grid: f.grid.ID})
	if pe := problem.As(err); pe.Code != people.ErrDuplicatePerson || !strings.Contains(pe.Fields[0].Message, p.ID) || pe.Fields[0].Ref != p.ID {
		t.Fatalf("duplicate: %v", err)
	}
	if id, _ := f.svc.FindPerson(good); id != p.ID {
		t.Fatalf("FindPerson = %q", id)
	}
	// The page masks; revealing logs who, when and why.
	d, err := f.svc.GetPerson(p.ID)
	if err != nil || d.Person.IDNumber != good[:6]+"********"+good[14:] || d.Age != 44 || d.Minor {
		t.Fatalf("masked page %+v %v", d.Person, err)
	}
	if _, err := f.svc.RevealPerson(people.RevealRequest{Person: p.ID}); err == nil {
		t.Fatal("revealed without a reason")
	}
	full, err := f.svc.RevealPerson(people.RevealRequest{Person: p.ID, Reason: "核实低保申请"})
	if err != nil || full.IDNumber != good {
		t.Fatalf("reveal %+v %v", full, err)
	}
	if d, _ := f.svc.GetPerson(p.ID); len(d.Reveals) != 1 || d.Reveals[0].Reason != "核实低保申请" {
		t.Fatalf("reveal log %+v", d.Reveals)
	}
}

func TestEnrollmentLifecycleNeverDeletes(t *testing.T) {
	f := setup(t)
	p := f.person(t, "王五", testkit.IDNumber("19700505", 456))
	in := people.EnrollInput{Person: p.ID, Category: "03", Responsible: []string{f.staff.ID}, Enrolled: "2024-01-10",
		Details: map[string]string{"risk": "3", "diagnosis": "01", "support": "01,02", "nonsense": "x"}}
	e := f.enroll(t, in)
	if e.Level != "3" || e.DetailNames["support"] != "民政、卫生" || e.Details["nonsense"] != "" || e.StatusName != "在管" {
		t.Fatalf("enrollment %+v", e)
	}
	if _, err := f.svc.Enroll(in); !strings.Contains(testkit.FieldMessage(t, err, "category"), "同一类别只能有一条在管记录") {
		t.Fatalf("second active enrollment: %v", err)
	}
	bad := in
	bad.Category = "01"
	bad.Details = map[string]string{"assessment": "07"}
	if _, err := f.svc.Enroll(bad); !strings.Contains(testkit.FieldMessage(t, err, "details.assessment"), "不在代码表中") {
		t.Fatalf("bad detail: %v", err)
	}
	// 在管 → 解除 needs a reason; 解除 is final; re-enrollment is new.
	if _, err := f.svc.ChangeStatus(people.StatusInput{ID: e.ID, Status: "4", Date: "2024-05-01"}); !strings.Contains(testkit.FieldMessage(t, err, "reason"), "原因") {
		t.Fatalf("no reason: %v", err)
	}
	if _, err := f.svc.ChangeStatus(people.StatusInput{ID: e.ID, Status: "4", Date: "2030-01-01", Reason: "x"}); err == nil {
		t.Fatal("a future date accepted")
	}
	ended, err := f.svc.ChangeStatus(people.StatusInput{ID: e.ID, Status: "4", Date: "2024-05-01", Reason: "病情稳定，经评估解除"})
	if err != nil || ended.Ended != "2024-05-01" || len(ended.History) != 1 {
		t.Fatalf("end: %+v %v", ended, err)
	}
	if _, err := f.svc.ChangeStatus(people.StatusInput{ID: e.ID, Status: "1", Date: "2024-05-02", Reason: "x"}); !strings.Contains(testkit.FieldMessage(t, err, "status"), "不能再变更") {
		t.Fatalf("ended enrollment changed: %v", err)
	}
	again := in
	again.Enrolled = "2024-06-01"
	if _, err := f.svc.Enroll(again); err != nil {
		t.Fatalf("re-enrollment: %v", err)
	}
	d, _ := f.svc.GetPerson(p.ID)
	if len(d.Enrollments) != 2 {
		t.Fatalf("history lost: %d enrollments", len(d.Enrollments))
	}
	// Allowed and forbidden transitions, table-driven.
	for _, c := range []struct {
		from, to string
		ok       bool
	}{
		{"1", "2", true}, {"2", "1", true}, {"1", "3", true}, {"3", "6", true}, {"1", "1", false}, {"2", "3", false},
	} {
		order := 100 + int(c.from[0]-'0')*10 + int(c.to[0]-'0')
		e2 := f.enroll(t, people.EnrollInput{Person: f.person(t, "人"+c.from+c.to, testkit.IDNumber("19900101", order)).ID,
			Category: "04", Responsible: []string{f.staff.ID}, Enrolled: "2024-01-01"})
		if c.from != "1" {
			if _, err := f.svc.ChangeStatus(people.StatusInput{ID: e2.ID, Status: c.from, Date: "2024-02-01", Reason: "失去联系"}); err != nil {
				t.Fatal(err)
			}
		}
		_, err = f.svc.ChangeStatus(people.StatusInput{ID: e2.ID, Status: c.to, Date: "2024-03-01", Reason: "核实"})
		if (err == nil) != c.ok {
			t.Errorf("%s → %s: %v", c.from, c.to, err)
		}
	}
}

func TestVisitsKeepASnapshotAndMoveTheBoard(t *testing.T) {
	f := setup(t)
	p := f.person(t, "赵六", testkit.IDNumber("19850707", 789))
	e := f.enroll(t, people.EnrollInput{Person: p.ID, Category: "03", Responsible: []string{f.staff.ID}, Enrolled: "2024-03-01",
		Details: map[string]string{"risk": "3"}})
	// 3级: every 2 weeks; never visited since 03-01 → due 03-15, overdue on 06-12.
	b := f.svc.Overdue(people.BoardQuery{})
	if b.Counts.Overdue != 1 || b.Overdue[0].Name != "赵六" || b.Overdue[0].OverdueDays != 89 || b.ByStaff[0].Name != "李网格" {
		t.Fatalf("board %+v", b)
	}
	if b := f.svc.Overdue(people.BoardQuery{Staff: "someone-else"}); b.Counts.Overdue != 0 {
		t.Fatal("staff filter ignored")
	}
	for _, c := range []struct {
		q    people.BoardQuery
		want int
	}{
		{people.BoardQuery{Village: "530521103201"}, 1}, {people.BoardQuery{Village: "530521103202"}, 0},
		{people.BoardQuery{Grid: f.grid.ID}, 1}, {people.BoardQuery{Grid: f.grid.ID, Category: "01"}, 0},
		{people.BoardQuery{Category: "03", Staff: f.staff.ID, Village: "530521103201"}, 1},
		{people.BoardQuery{Category: "03"}, 1}, {people.BoardQuery{Category: "01"}, 0},
	} {
		for _, small := range []int{2048, 0} { // both ways a filtered query is answered
			restore := people.SetSmallBucket(small)
			b := f.svc.Overdue(c.q)
			restore()
			if b.Counts.Overdue != c.want || b.Active != c.want {
				t.Fatalf("board %+v (bucket threshold %d): %d overdue, %d active; want %d", c.q, small, b.Counts.Overdue, b.Active, c.want)
			}
		}
	}
	_, err := f.svc.SaveVisit(people.VisitInput{Enrollment: e.ID, Date: "2024-06-13", Method: "1", Visitors: []string{f.staff.ID}, Behaviour: "情绪稳定"})
	if !strings.Contains(testkit.FieldMessage(t, err, "date"), "不能晚于今天") {
		t.Fatalf("future visit: %v", err)
	}
	if _, err := f.svc.SaveVisit(people.VisitInput{Enrollment: e.ID, Date: "2024-06-11", Method: "1", Visitors: []string{f.staff.ID}}); !strings.Contains(testkit.FieldMessage(t, err, "behaviour"), "现实表现") {
		t.Fatalf("no behaviour: %v", err)
	}
	v, err := f.svc.SaveVisit(people.VisitInput{Enrollment: e.ID, Date: "2024-06-11", Method: "1", Visitors: []string{f.staff.ID},
		Behaviour: "按时服药，情绪稳定", Assessed: "1"})
	if err != nil {
		t.Fatal(err)
	}
	if v.Snapshot.Level != "1" || v.VisitorNames[0] != "李网格" {
		t.Fatalf("snapshot %+v", v)
	}
	d, _ := f.svc.GetPerson(p.ID)
	if d.Enrollments[0].Level != "1" || d.Enrollments[0].Next != "2024-07-11" || d.Enrollments[0].OverdueDays != 0 {
		t.Fatalf("after visit: level %s next %s", d.Enrollments[0].Level, d.Enrollments[0].Next)
	}
	if b := f.svc.Overdue(people.BoardQuery{}); b.Counts.Overdue != 0 {
		t.Fatalf("still overdue: %+v", b.Overdue)
	}
	// Time passes: a month later the 1级 person is due again.
	f.now = time.Date(2024, 7, 15, 9, 0, 0, 0, time.UTC)
	if b := f.svc.Overdue(people.BoardQuery{}); b.Counts.Overdue != 1 || b.Overdue[0].OverdueDays != 4 {
		t.Fatalf("a month later: %+v", b.Counts)
	}
	// A change that bypasses the service (as a sync import does) reaches
	// the board through the store's watch.
	if _, err := f.svc.Store.Update("sync", func(tx *store.Txn) error {
		w := v
		w.ID, w.Date = store.NewID(), "2024-07-14"
		return tx.Put(people.KindVisit, w.ID, w)
	}); err != nil {
		t.Fatal(err)
	}
	if b := f.svc.Overdue(people.BoardQuery{}); b.Counts.Overdue != 0 {
		t.Fatalf("imported visit not seen: %+v", b.Counts)
	}
	// Ended enrollments leave the board and take no visits after the end.
	if _, err := f.svc.ChangeStatus(people.StatusInput{ID: e.ID, Status: "7", Date: "2024-07-15", Reason: "迁往外省"}); err != nil {
		t.Fatal(err)
	}
	if b := f.svc.Overdue(people.BoardQuery{}); b.Active != 0 {
		t.Fatalf("ended enrollment still on the board: %+v", b.Counts)
	}
	lines, err := f.svc.Visits(people.VisitsQuery{From: "2024-06-01", To: "2024-07-31"})
	if err != nil || len(lines) != 2 || lines[0].Name != "赵六" {
		t.Fatalf("visit ledger lines %+v %v", lines, err)
	}
}

func TestVisitPhotosAreCheckedAndKept(t *testing.T) {
	f := setup(t)
	p := f.person(t, "吴九", testkit.IDNumber("19700101", 135))
	e := f.enroll(t, people.EnrollInput{Person: p.ID, Category: "04", Responsible: []string{f.staff.ID}, Enrolled: "2024-05-01"})
	img := image.NewRGBA(image.Rect(0, 0, 16, 12))
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	in := people.VisitInput{Enrollment: e.ID, Date: "2024-06-10", Method: "1", Visitors: []string{f.staff.ID}, Behaviour: "在家",
		Photos: []attach.Upload{{Name: "门口.jpg", Data: buf.Bytes()}, {Name: "说明.txt", Data: []byte("不是图片")}}}
	_, err := f.svc.SaveVisit(in)
	if !strings.Contains(testkit.FieldMessage(t, err, "photos"), "“说明.txt”不是JPEG或PNG图片") {
		t.Fatalf("a text file as a photo: %v", err)
	}
	if d, _ := f.svc.GetPerson(p.ID); len(d.Visits) != 0 {
		t.Fatal("a refused visit was saved")
	}
	in.Photos = in.Photos[:1]
	v, err := f.svc.SaveVisit(in)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := f.svc.GetPerson(p.ID)
	if len(d.Visits) != 1 || len(d.Visits[0].Photos) != 1 || d.Visits[0].Photos[0].Mime != "image/jpeg" || d.Visits[0].Photos[0].Owner != v.ID {
		t.Fatalf("visit photos: %+v", d.Visits)
	}
	got, err := attach.Get(f.svc.Store, d.Visits[0].Photos[0].ID)
	if err != nil || !bytes.Equal(got.Data, buf.Bytes()) {
		t.Fatalf("photo bytes: %d %v", len(got.Data), err)
	}
}
