package demo_test

import (
	"reflect"
	"testing"

	"zongzhi/backend/demo"
	"zongzhi/backend/grid"
	"zongzhi/backend/store"
)

// snapshot is the dataset without record ids (UUIDv7 differ per run).
func load(t *testing.T, seed int64) (demo.Summary, []string) {
	t.Helper()
	st, err := store.Open(store.DefaultOptions(t.TempDir()), grid.Indexers())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := grid.New(st)
	sum, err := demo.Load(svc, demo.ScaleTownship, seed)
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
	if sum.Townships != 1 || sum.Villages != 12 || sum.Grids < 36 || sum.Staff < 100 || sum.Links == 0 {
		t.Fatalf("summary %+v", sum)
	}
	for _, l := range a {
		if len(l) < 16 || l[len(l)-1] == ' ' {
			t.Fatalf("grid without a primary: %q", l)
		}
	}
}
