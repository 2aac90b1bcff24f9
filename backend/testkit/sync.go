package testkit

import (
	"testing"

	"zongzhi/backend/record"
	"zongzhi/backend/store"
)

// Ops is every op st holds, of every site.
func Ops(t testing.TB, st *store.Store) []record.Op {
	t.Helper()
	var all []record.Op
	for site, seq := range st.VersionVector() {
		ops, err := st.Ops(site, 0, seq)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, ops...)
	}
	return all
}

// Exchange imports every op of from, with its sites, into to, as a USB
// stick carrying everything does; it fails the test if any op is left
// waiting (from holds every op an op of it builds on).
func Exchange(t testing.TB, from, to *store.Store) store.ImportReport {
	t.Helper()
	ops := Ops(t, from)
	sites, err := from.Sites()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := to.Import(ops, sites)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Waiting != 0 {
		t.Fatalf("import left %d ops waiting: %+v", rep.Waiting, rep)
	}
	return rep
}
