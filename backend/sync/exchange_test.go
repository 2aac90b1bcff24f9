package sync_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"zongzhi/backend/api"
	"zongzhi/backend/record"
	"zongzhi/backend/store"
	"zongzhi/backend/testkit"

	"zongzhi/backend/grid"
	zsync "zongzhi/backend/sync"
)

func pair(t *testing.T) (*replica, *replica, string) {
	t.Helper()
	a, b := openReplica(t, t.TempDir(), 0), openReplica(t, t.TempDir(), 0)
	join, err := zsync.CreateGroup(a.st, "测试组")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := zsync.Join(b.st, join); err != nil {
		t.Fatal(err)
	}
	return a, b, t.TempDir()
}

func exchange(t *testing.T, from, to *replica, stick string) zsync.Report {
	t.Helper()
	p, _, err := zsync.Export(from.st, "all", stick)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := zsync.ImportFile(to.st, p, false)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestConflictingEditIsKeptThenResolvedEverywhere(t *testing.T) {
	a, b, stick := pair(t)
	testkit.Villages(t, a.grid, "平场子村")
	g, err := a.grid.SaveGrid(grid.Grid{Name: "一组", Village: "530521103201", Level: "1", Type: "1"})
	if err != nil {
		t.Fatal(err)
	}
	exchange(t, a, b, stick)

	ga, gb := g, g
	ga.Name, gb.Name = "一组（中心改）", "一组（村站改）"
	gb.Households = 88 // a different field: no conflict
	a.grid.SaveGrid(ga)
	b.grid.SaveGrid(gb)
	pa, _, err := zsync.Export(a.st, "all", stick)
	if err != nil {
		t.Fatal(err)
	}
	preview, err := zsync.ImportFile(b.st, pa, true)
	if err != nil || len(preview.Conflicts) != 1 || preview.Conflicts[0].Field != "name" {
		t.Fatalf("the preview does not foresee the conflict: %+v %v", preview.Conflicts, err)
	}
	repB, err := zsync.ImportFile(b.st, pa, false)
	if err != nil {
		t.Fatal(err)
	}
	repA := exchange(t, b, a, stick)
	if len(repA.Conflicts) != 1 || repA.Conflicts[0].Field != "name" || len(repB.Conflicts) != 1 {
		t.Fatalf("conflicts: a %+v, b %+v", repA.Conflicts, repB.Conflicts)
	}
	ra, _ := a.st.Get(grid.KindGrid, g.ID)
	rb, _ := b.st.Get(grid.KindGrid, g.ID)
	if string(ra.Value("name")) != string(rb.Value("name")) || len(ra.Candidates("name")) != 2 {
		t.Fatalf("provisional winners differ: %s vs %s", ra.Value("name"), rb.Value("name"))
	}
	if string(ra.Value("households")) != "88" {
		t.Fatalf("the other field's edit was lost: %s", ra.Value("households"))
	}
	// A person resolves it at the center; the resolution travels.
	d, _ := a.grid.GetGrid(g.ID)
	d.Grid.Name = "平场子一组"
	if _, err := a.grid.SaveGrid(d.Grid); err != nil {
		t.Fatal(err)
	}
	exchange(t, a, b, stick)
	rb, _ = b.st.Get(grid.KindGrid, g.ID)
	if len(rb.Conflicts()) != 0 || string(rb.Value("name")) != `"平场子一组"` {
		t.Fatalf("after resolution: %+v", rb.Fields["name"])
	}
}

func TestPackagesFromOutsidersOrImpostorsAreRefused(t *testing.T) {
	a, b, stick := pair(t)
	a.grid.SaveDivision(grid.Division{Code: "530521103000", Name: "勐简乡", Level: "township"})
	p, _, err := zsync.Export(a.st, "all", stick)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := zsync.ImportFile(b.st, p, false); err != nil {
		t.Fatal(err)
	}

	// A site of another group.
	other := openReplica(t, t.TempDir(), 0)
	if _, err := zsync.CreateGroup(other.st, "别的组"); err != nil {
		t.Fatal(err)
	}
	if _, err := zsync.ImportFile(other.st, p, false); !errors.Is(err, zsync.ErrOtherGroup) {
		t.Fatalf("other group: %v", err)
	}

	// An impostor with the group key but its own signing key, claiming to
	// be site a: a copy of a's data folder keeps a's site id, not its key.
	impDir := t.TempDir()
	a.st.Close()
	copyDir(t, a.dir, impDir)
	*a = *openReplica(t, a.dir, 0)
	imp := openReplica(t, impDir, 0)
	// Give the impostor a fresh signing key, as a reinstalled program would.
	resetSyncKey(t, imp)
	imp.grid.SaveDivision(grid.Division{Code: "530521104000", Name: "冒充乡", Level: "township"})
	q, _, err := zsync.Export(imp.st, "all", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	before := state(t, b.st)
	if _, err := zsync.ImportFile(b.st, q, false); !errors.Is(err, zsync.ErrWrongSigner) {
		t.Fatalf("impostor: %v", err)
	}
	// Truncated and non-package files.
	data, _ := os.ReadFile(p)
	cut := filepath.Join(t.TempDir(), "cut.zzpkg")
	os.WriteFile(cut, data[:len(data)/2], 0o644)
	if _, err := zsync.ImportFile(b.st, cut, false); err == nil || !strings.Contains(err.Error(), "未导入") {
		t.Fatalf("truncated: %v", err)
	}
	junk := filepath.Join(t.TempDir(), "junk.zzpkg")
	os.WriteFile(junk, []byte("hello"), 0o644)
	if _, err := zsync.ImportFile(b.st, junk, false); !errors.Is(err, zsync.ErrNotAPackage) {
		t.Fatalf("junk: %v", err)
	}
	if state(t, b.st) != before {
		t.Fatal("a refused package changed the store")
	}
}

func TestDeletedHereEditedThereIsAConflictNotALoss(t *testing.T) {
	a, b, stick := pair(t)
	testkit.Villages(t, a.grid, "平场子村")
	g, _ := a.grid.SaveGrid(grid.Grid{Name: "一组", Village: "530521103201", Level: "1", Type: "1"})
	exchange(t, a, b, stick)
	if err := a.grid.DeleteGrid(g.ID); err != nil {
		t.Fatal(err)
	}
	edited := g
	edited.Scope = "东至河边"
	if _, err := b.grid.SaveGrid(edited); err != nil {
		t.Fatal(err)
	}
	repA := exchange(t, b, a, stick)
	repB := exchange(t, a, b, stick)
	for i, rep := range []zsync.Report{repA, repB} {
		if len(rep.Conflicts) != 1 || rep.Conflicts[0].Field != "deleted" {
			t.Fatalf("replica %d conflicts %+v", i, rep.Conflicts)
		}
	}
	for _, r := range []*replica{a, b} {
		recs, _ := r.st.ConflictedRecords(grid.KindGrid)
		if len(recs) != 1 || string(recs[0].Value("scope")) != `"东至河边"` {
			t.Fatalf("the edit is not kept for a person to decide: %+v", recs)
		}
	}
	// The person restores the grid at b: the edit comes back everywhere.
	if _, err := b.st.Update("tester", func(tx *store.Txn) error {
		return tx.Resolve(grid.KindGrid, g.ID, record.DeletedField, json.RawMessage("false"))
	}); err != nil {
		t.Fatal(err)
	}
	exchange(t, b, a, stick)
	for _, r := range []*replica{a, b} {
		d, err := r.grid.GetGrid(g.ID)
		if err != nil || d.Grid.Scope != "东至河边" {
			t.Fatalf("restored grid: %+v %v", d.Grid, err)
		}
		if recs, _ := r.st.ConflictedRecords(grid.KindGrid); len(recs) != 0 {
			t.Fatal("conflict left after resolution")
		}
	}
}

// A data folder copied to another machine becomes a new site of the group:
// its packages import alongside the original's, no identity is shared.
func TestCopiedFolderBecomesANewSite(t *testing.T) {
	a, b, stick := pair(t)
	a.grid.SaveDivision(grid.Division{Code: "530521103000", Name: "勐简乡", Level: "township"})
	a.st.Close()
	laptopDir := t.TempDir()
	copyDir(t, a.dir, laptopDir)
	*a = *openReplica(t, a.dir, 0)
	laptop := testkit.Open(t, store.DefaultOptions(laptopDir).WithMachine("laptop-2"), api.Indexers())
	if laptop.Site().ID == a.st.Site().ID {
		t.Fatal("the copy kept the identity")
	}
	lg := grid.New(laptop)
	lg.SaveDivision(grid.Division{Code: "530521104000", Name: "笔记本新增乡", Level: "township"})
	a.grid.SaveDivision(grid.Division{Code: "530521105000", Name: "中心新增乡", Level: "township"})
	exchange(t, a, b, stick)
	p, _, err := zsync.Export(laptop, "all", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := zsync.ImportFile(b.st, p, false); err != nil {
		t.Fatalf("the copy's package: %v", err)
	}
	ds, _ := b.grid.Divisions()
	if len(ds) != 3 {
		t.Fatalf("divisions at b: %+v", ds)
	}
}

func TestPassphraseGroup(t *testing.T) {
	a, b := openReplica(t, t.TempDir(), 0), openReplica(t, t.TempDir(), 0)
	if _, err := zsync.JoinPassphrase(a.st, "勐简乡同步组", "短"); err == nil || !strings.Contains(err.Error(), "口令太短") {
		t.Fatalf("short passphrase: %v", err)
	}
	ga, err := zsync.JoinPassphrase(a.st, "勐简乡同步组", "平场子村的茶叶最好喝了")
	if err != nil {
		t.Fatal(err)
	}
	gb, err := zsync.JoinPassphrase(b.st, "勐简乡同步组", "平场子村的茶叶最好喝了")
	if err != nil || gb.ID != ga.ID {
		t.Fatalf("b derived %+v, %v", gb.ID, err)
	}
	a.grid.SaveDivision(grid.Division{Code: "530521103000", Name: "勐简乡", Level: "township"})
	exchange(t, a, b, t.TempDir())
	if ds, _ := b.grid.Divisions(); len(ds) != 1 {
		t.Fatalf("divisions %+v", ds)
	}
	c := openReplica(t, t.TempDir(), 0)
	if _, err := zsync.JoinPassphrase(c.st, "勐简乡同步组", "平场子村的茶叶不好喝了"); err != nil {
		t.Fatal(err)
	}
	p, _, _ := zsync.Export(a.st, "all", t.TempDir())
	if _, err := zsync.ImportFile(c.st, p, false); !errors.Is(err, zsync.ErrOtherGroup) {
		t.Fatalf("wrong passphrase: %v", err)
	}
}

// A backup restored over the data folder on the same machine is behind
// what the site already gave away: with the witness it takes a new
// identity before any edit, so its next changes never reuse sequence
// numbers the others hold. Without it they would (and be refused as a fork).
func TestRestoredBackupTakesANewIdentity(t *testing.T) {
	for _, withWitness := range []bool{true, false} {
		a, b, stick := pair(t)
		witness := ""
		if withWitness {
			witness = filepath.Join(t.TempDir(), "sites.json")
		}
		reopen := func() {
			st := testkit.Open(t, store.DefaultOptions(a.dir).WithWitness(witness), api.Indexers())
			*a = replica{dir: a.dir, st: st, grid: grid.New(st)}
		}
		a.st.Close()
		reopen()
		a.grid.SaveDivision(grid.Division{Code: "530521103000", Name: "勐简乡", Level: "township"})
		a.st.Close()
		backup := t.TempDir()
		copyDir(t, a.dir, backup)
		reopen()
		before := a.st.Site().ID
		a.grid.SaveDivision(grid.Division{Code: "530521104000", Name: "备份后新增乡", Level: "township"})
		exchange(t, a, b, stick)
		a.st.Close()

		os.RemoveAll(a.dir)
		os.MkdirAll(a.dir, 0o700)
		copyDir(t, backup, a.dir)
		reopen()
		a.grid.SaveDivision(grid.Division{Code: "530521105000", Name: "恢复后新增乡", Level: "township"})
		p, _, err := zsync.Export(a.st, "all", t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		_, err = zsync.ImportFile(b.st, p, false)
		if !withWitness {
			if !errors.Is(err, store.ErrForkedSite) {
				t.Fatalf("without the witness the restored folder should fork: %v", err)
			}
			continue
		}
		if a.st.Site().ID == before {
			t.Fatal("the restored backup kept the identity")
		}
		if err != nil {
			t.Fatalf("the restored site's package: %v", err)
		}
		if ds, _ := b.grid.Divisions(); len(ds) != 3 {
			t.Fatalf("divisions at b: %+v", ds)
		}
		// Reopening the same folder again keeps the new identity.
		now := a.st.Site().ID
		a.st.Close()
		reopen()
		if a.st.Site().ID != now {
			t.Fatal("identity changed on a plain reopen")
		}
		// A copy in another folder of the same machine becomes a new site too.
		a.st.Close()
		other := t.TempDir()
		copyDir(t, a.dir, other)
		cp := testkit.Open(t, store.DefaultOptions(other).WithWitness(witness), api.Indexers())
		if cp.Site().ID == now {
			t.Fatal("a copy on the same machine kept the identity")
		}
		cp.Close()
		reopen()
	}
}
