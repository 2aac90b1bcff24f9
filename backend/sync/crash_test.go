package sync_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"zongzhi/backend/api"
	"zongzhi/backend/grid"
	"zongzhi/backend/store"
	zsync "zongzhi/backend/sync"
	"zongzhi/backend/testkit"
)

// A process killed (SIGKILL) at any point of an import, then the import
// run again, gives exactly the state of a clean import.
func TestKillMidImportThenResumeEqualsCleanImport(t *testing.T) {
	if dir := os.Getenv("ZONGZHI_IMPORT_DIR"); dir != "" {
		st, err := store.Open(store.DefaultOptions(dir), api.Indexers())
		if err != nil {
			os.Exit(3)
		}
		fmt.Println("ready")
		zsync.ImportFile(st, os.Getenv("ZONGZHI_IMPORT_FILE"), false)
		st.Close()
		os.Exit(0)
	}
	root := t.TempDir()
	src := openReplica(t, filepath.Join(root, "src"), 0)
	join, err := zsync.CreateGroup(src.st, "崩溃测试组")
	if err != nil {
		t.Fatal(err)
	}
	testkit.Villages(t, src.grid, "平场子村")
	for i := 0; i < 1500; i++ {
		g, err := src.grid.SaveGrid(grid.Grid{Name: fmt.Sprint("网格", i), Village: "530521103201", Level: "1", Type: "1"})
		if err == nil && i%2 == 0 {
			g.Scope = fmt.Sprint("东至", i, "号路")
			src.grid.SaveGrid(g)
		}
		if i == 998 { // the village's codes run out at 999
			break
		}
	}
	pkg, n, err := zsync.Export(src.st, "all", filepath.Join(root, "stick"))
	if err != nil {
		t.Fatal(err)
	}
	src.st.Close()

	clean := openReplica(t, filepath.Join(root, "clean"), 0)
	if _, err := zsync.Join(clean.st, join); err != nil {
		t.Fatal(err)
	}
	if rep, err := zsync.ImportFile(clean.st, pkg, false); err != nil || rep.Store.Applied != n {
		t.Fatalf("clean import: %+v %v", rep.Store, err)
	}
	want, wantVV := state(t, clean.st), clean.st.VersionVector()
	clean.st.Close()

	for round, delay := range []time.Duration{30, 60, 80, 100, 120, 300} {
		dir := filepath.Join(root, fmt.Sprint("crash", round))
		r := openReplica(t, dir, 0)
		if _, err := zsync.Join(r.st, join); err != nil {
			t.Fatal(err)
		}
		r.st.Close()
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillMidImportThenResumeEqualsCleanImport$")
		cmd.Env = append(os.Environ(), "ZONGZHI_IMPORT_DIR="+dir, "ZONGZHI_IMPORT_FILE="+pkg)
		out, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 6)
		out.Read(buf) // "ready": the store is open, the import starts now
		time.Sleep(delay * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()

		r = openReplica(t, dir, 0)
		partial := r.st.VersionVector()
		if err := r.st.Verify(); err != nil {
			t.Fatalf("round %d: after the kill: %v", round, err)
		}
		if _, err := zsync.ImportFile(r.st, pkg, false); err != nil {
			t.Fatalf("round %d: resume: %v", round, err)
		}
		if state(t, r.st) != want || fmt.Sprint(r.st.VersionVector()) != fmt.Sprint(wantVV) {
			t.Fatalf("round %d: resume differs from a clean import", round)
		}
		raw, _ := json.Marshal(partial)
		t.Logf("round %d: killed after %v holding %s of %d ops", round, delay*time.Millisecond, raw, n)
		r.st.Close()
	}
}
