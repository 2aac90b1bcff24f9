package demo_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"zongzhi/backend/demo"
	"zongzhi/backend/grid"
	"zongzhi/backend/people"
	"zongzhi/backend/testkit"
)

// snapshot is the dataset without record ids (UUIDv7 differ per run).
func load(t *testing.T, seed int64) (demo.Summary, []string) {
	t.Helper()
	st := testkit.Store(t, grid.Indexers(), people.Indexers())
	svc := grid.New(st)
	ps := people.New(st, svc)
	today := time.Date(2026, 3, 18, 10, 0, 0, 0, time.UTC)
	ps.Now = func() time.Time { return today }
	sum, err := demo.Load(demo.Areas{Grid: svc, People: ps}, demo.ScaleTownship, seed)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Verify(); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, g := range svc.ListGrids(grid.GridQuery{}) {
		lines = append(lines, g.Code+" "+g.Name+" "+g.Primary)
	}
	// The board: some overdue, most not; people by name and category.
	b := ps.Overdue(people.BoardQuery{Limit: 10000})
	if b.Active < sum.Enrollments*8/10 || b.Counts.Overdue == 0 || b.Counts.Overdue > b.Active/3 {
		t.Fatalf("board: %d active, %d overdue of %d enrollments", b.Active, b.Counts.Overdue, sum.Enrollments)
	}
	for _, l := range b.Overdue {
		lines = append(lines, "overdue "+l.Name+" "+l.CategoryName+" "+l.Next)
	}
	return sum, lines
}

func TestDemoIsDeterministicAndRealistic(t *testing.T) {
	sum, a := load(t, 42)
	_, b := load(t, 42)
	_, c := load(t, 43)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed gave different data")
	}
	if reflect.DeepEqual(a, c) {
		t.Fatal("different seeds gave the same data")
	}
	if sum.Townships != 1 || sum.Villages != 12 || sum.Grids < 36 || sum.Staff < 100 || sum.Links == 0 ||
		sum.Persons < 150 || sum.Enrollments != sum.Persons || sum.Visits < sum.Persons*5 {
		t.Fatalf("summary %+v", sum)
	}
	for _, l := range a {
		if strings.HasPrefix(l, "overdue ") {
			continue
		}
		if len(l) < 16 || l[len(l)-1] == ' ' {
			t.Fatalf("grid without a primary: %q", l)
		}
	}
}
