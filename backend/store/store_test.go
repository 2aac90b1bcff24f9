package store_test

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"zongzhi/backend/record"
	"zongzhi/backend/store"
	"zongzhi/backend/testkit"
)

type thing struct {
	Name   string `json:"name"`
	Parent string `json:"parent"`
	Status string `json:"status"`
}

var indexers = map[string]store.Indexer{
	"thing": func(r *record.Record) (store.Row, error) {
		var t thing
		if err := r.Decode(&t); err != nil {
			return store.Row{}, err
		}
		return store.Row{Name: t.Name, Parent: t.Parent, Status: t.Status}, nil
	},
}

func open(t *testing.T, dir string) *store.Store {
	t.Helper()
	return testkit.Open(t, store.DefaultOptions(dir).WithSiteName("测试站"), indexers)
}

func put(t *testing.T, s *store.Store, id string, v thing) record.Op {
	t.Helper()
	op, err := s.Update("tester", func(tx *store.Txn) error { return tx.Put("thing", id, v) })
	if err != nil {
		t.Fatal(err)
	}
	return op
}

func TestSiteIdentityAndSequenceSurviveReopen(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	site := s.Site()
	if site.ID == "" || len(site.Code) != 4 || site.Name != "测试站" {
		t.Fatalf("site = %+v", site)
	}
	a := put(t, s, store.NewID(), thing{Name: "甲"})
	b := put(t, s, store.NewID(), thing{Name: "乙"})
	if a.Seq != 1 || b.Seq != 2 || b.HLC <= a.HLC {
		t.Fatalf("ops %d@%d, %d@%d", a.Seq, a.HLC, b.Seq, b.HLC)
	}
	s.Close()

	s = open(t, dir)
	defer s.Close()
	if s.Site() != site {
		t.Fatalf("site changed across reopen: %+v → %+v", site, s.Site())
	}
	c := put(t, s, store.NewID(), thing{Name: "丙"})
	if c.Seq != 3 || c.HLC <= b.HLC {
		t.Fatalf("after reopen: seq %d hlc %d (last %d)", c.Seq, c.HLC, b.HLC)
	}
	if vv := s.VersionVector(); vv[site.ID] != 3 {
		t.Fatalf("version vector %v", vv)
	}
	ops, err := s.Ops(site.ID, 1, 3)
	if err != nil || len(ops) != 2 || ops[0].Seq != 2 || ops[1].Seq != 3 {
		t.Fatalf("Ops(1,3] = %+v, %v", ops, err)
	}
}

func TestUnchangedSaveWritesNothing(t *testing.T) {
	s := open(t, t.TempDir())
	defer s.Close()
	id := store.NewID()
	put(t, s, id, thing{Name: "甲", Status: "在用"})
	op := put(t, s, id, thing{Name: "甲", Status: "在用"})
	if op.Seq != 0 {
		t.Fatalf("unchanged save wrote op %d", op.Seq)
	}
	op = put(t, s, id, thing{Name: "甲", Status: "停用"})
	if op.Seq != 2 || len(op.Writes) != 1 || op.Writes[0].Field != "status" {
		t.Fatalf("edit wrote %+v", op)
	}
}

func TestFailedOrPanickingSaveLeavesNothing(t *testing.T) {
	s := open(t, t.TempDir())
	defer s.Close()
	keep := store.NewID()
	put(t, s, keep, thing{Name: "原值"})
	before := s.DumpIndex()

	boom := errors.New("名称不能为空")
	_, err := s.Update("tester", func(tx *store.Txn) error {
		if err := tx.Put("thing", store.NewID(), thing{Name: "半截"}); err != nil {
			return err
		}
		if err := tx.Put("thing", keep, thing{Name: "被改"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	func() {
		defer func() { recover() }()
		s.Update("tester", func(tx *store.Txn) error {
			tx.Put("thing", keep, thing{Name: "崩溃"})
			panic("crash half-way")
		})
	}()
	if _, err := s.Update("tester", func(tx *store.Txn) error { return tx.Put("nokind", store.NewID(), thing{}) }); !errors.Is(err, store.ErrNoIndexer) {
		t.Fatalf("unindexed kind: %v", err)
	}

	if after := s.DumpIndex(); !reflect.DeepEqual(before, after) {
		t.Fatalf("index changed: %+v", after)
	}
	rec, _ := s.Get("thing", keep)
	var got thing
	rec.Decode(&got)
	if got.Name != "原值" {
		t.Fatalf("record changed to %q", got.Name)
	}
	if vv := s.VersionVector(); vv[s.Site().ID] != 1 {
		t.Fatalf("failed saves used sequence numbers: %v", vv)
	}
	next := put(t, s, keep, thing{Name: "新值"})
	if next.Seq != 2 {
		t.Fatalf("next seq %d", next.Seq)
	}
	if err := s.Verify(); err != nil {
		t.Fatal(err)
	}
}

func TestTxnSeesOwnWritesAndFoldsRepeatedFields(t *testing.T) {
	s := open(t, t.TempDir())
	defer s.Close()
	id := store.NewID()
	put(t, s, id, thing{Name: "一"})
	op, err := s.Update("tester", func(tx *store.Txn) error {
		tx.Put("thing", id, thing{Name: "二"})
		rec, _ := tx.Get("thing", id)
		var v thing
		rec.Decode(&v)
		if v.Name != "二" {
			return fmt.Errorf("txn sees %q", v.Name)
		}
		// Every later write of the field in the save is seen too.
		for _, name := range []string{"四", "三"} {
			tx.Put("thing", id, thing{Name: name})
			rec, _ := tx.Get("thing", id)
			rec.Decode(&v)
			if v.Name != name {
				return fmt.Errorf("after writing %q the txn sees %q", name, v.Name)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(op.Writes) != 1 || string(op.Writes[0].Value) != `"三"` || len(op.Writes[0].Replaces) != 1 {
		t.Fatalf("op writes %+v", op.Writes)
	}
	rec, _ := s.Get("thing", id)
	if len(rec.Candidates("name")) != 1 || len(rec.Conflicts()) != 0 {
		t.Fatalf("record %+v", rec.Fields)
	}
	if err := s.Verify(); err != nil {
		t.Fatal(err)
	}
}

// The live indexes must equal a fresh rebuild after any mix of writes,
// deletes and reopens.
func TestIndexEqualsRebuildAfterRandomWritesDeletesReopen(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	rng := rand.New(rand.NewSource(7))
	var ids []string
	statuses := []string{"在用", "停用", "待定"}
	for step := 0; step < 600; step++ {
		switch r := rng.Intn(100); {
		case r < 40 || len(ids) == 0:
			id := store.NewID()
			ids = append(ids, id)
			put(t, s, id, thing{Name: fmt.Sprintf("网格%d", step), Parent: ids[rng.Intn(len(ids))], Status: statuses[rng.Intn(3)]})
		case r < 75:
			id := ids[rng.Intn(len(ids))]
			_, err := s.Update("tester", func(tx *store.Txn) error {
				return tx.Save("thing", id, map[string]json.RawMessage{"status": json.RawMessage(fmt.Sprintf("%q", statuses[rng.Intn(3)]))})
			})
			if err != nil {
				t.Fatal(err)
			}
		case r < 90:
			id := ids[rng.Intn(len(ids))]
			if _, err := s.Update("tester", func(tx *store.Txn) error { return tx.Delete("thing", id) }); err != nil {
				t.Fatal(err)
			}
		case r < 97:
			// A save touching several records at once.
			a, b := ids[rng.Intn(len(ids))], ids[rng.Intn(len(ids))]
			s.Update("tester", func(tx *store.Txn) error {
				tx.Save("thing", a, map[string]json.RawMessage{"name": json.RawMessage(`"改名"`)})
				return tx.Save("thing", b, map[string]json.RawMessage{"parent": json.RawMessage(fmt.Sprintf("%q", a))})
			})
		default:
			s.Close()
			s = open(t, dir)
		}
		if step%50 == 0 {
			assertIndexFresh(t, s)
		}
	}
	assertIndexFresh(t, s)
	if err := s.Verify(); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = open(t, dir)
	defer s.Close()
	assertIndexFresh(t, s)
	if n := len(s.Rows(store.IndexKind, "thing")); n == 0 || n == len(ids) {
		t.Fatalf("expected some but not all of %d records live, got %d", len(ids), n)
	}
}

func assertIndexFresh(t *testing.T, s *store.Store) {
	t.Helper()
	fresh, err := s.RebuildIndex()
	if err != nil {
		t.Fatal(err)
	}
	if live := s.DumpIndex(); !reflect.DeepEqual(live, fresh) {
		t.Fatalf("live index (%d rows) != rebuild (%d rows)", len(live), len(fresh))
	}
}

// A process killed with SIGKILL in the middle of saving leaves a store
// whose records equal a replay of its op log.
func TestKillMidWriteLeavesStoreConsistent(t *testing.T) {
	if dir := os.Getenv("ZONGZHI_CRASH_DIR"); dir != "" {
		s, err := store.Open(store.DefaultOptions(dir), indexers)
		if err != nil {
			os.Exit(3)
		}
		fmt.Println("ready")
		for i := 0; ; i++ {
			s.Update("crasher", func(tx *store.Txn) error {
				for j := 0; j < 5; j++ {
					tx.Put("thing", store.NewID(), thing{Name: fmt.Sprintf("批%d-%d", i, j), Status: "在用"})
				}
				return nil
			})
		}
	}
	dir := t.TempDir()
	for round := 0; round < 3; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillMidWriteLeavesStoreConsistent$")
		cmd.Env = append(os.Environ(), "ZONGZHI_CRASH_DIR="+dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(400+200*round) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()

		s := open(t, dir)
		if err := s.Verify(); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		n := len(s.Rows(store.IndexKind, "thing"))
		seq := s.VersionVector()[s.Site().ID]
		if uint64(n) != seq*5 {
			t.Fatalf("round %d: %d records for %d ops of 5", round, n, seq)
		}
		t.Logf("round %d: %d ops survived the kill", round, seq)
		s.Close()
	}
}

func TestEncryptedStore(t *testing.T) {
	dir := t.TempDir()
	key := []byte("0123456789abcdef0123456789abcdef")
	s, err := store.Open(store.DefaultOptions(dir).WithEncryptionKey(key), indexers)
	if err != nil {
		t.Fatal(err)
	}
	id := store.NewID()
	put(t, s, id, thing{Name: "加密的名字"})
	s.Close()
	// Let Badger's background goroutines run: without IndexCacheSize one
	// panics shortly after open with a key.
	time.Sleep(100 * time.Millisecond)

	if _, err := store.Open(store.DefaultOptions(dir), indexers); err == nil {
		t.Fatal("opened an encrypted store without its key")
	}
	s, err = store.Open(store.DefaultOptions(dir).WithEncryptionKey(key), indexers)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if row, ok := s.Row(id); !ok || row.Name != "加密的名字" {
		t.Fatalf("row %+v", row)
	}
}

func TestRefusesDataFromANewerSchema(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	s.Close()
	db, err := badger.Open(badger.DefaultOptions(dir).WithLogger(nil))
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(txn *badger.Txn) error {
		return txn.Set([]byte("m/schema"), binary.BigEndian.AppendUint32(nil, uint32(store.SchemaVersion()+1)))
	})
	db.Close()
	if _, err := store.Open(store.DefaultOptions(dir), indexers); !errors.Is(err, store.ErrSchemaTooNew) {
		t.Fatalf("err = %v", err)
	}
}

// A data folder copied to another machine (or a backup restored there)
// writes under a new site identity, so two sites never share one.
func TestCopiedFolderTakesANewIdentityOnAnotherMachine(t *testing.T) {
	dir := t.TempDir()
	s, err := store.Open(store.DefaultOptions(dir).WithMachine("pc-1").WithSiteName("平场子村工作站"), indexers)
	if err != nil {
		t.Fatal(err)
	}
	first := s.Site()
	put(t, s, store.NewID(), thing{Name: "甲"})
	s.Close()

	s, err = store.Open(store.DefaultOptions(dir).WithMachine("pc-1"), indexers)
	if err != nil || s.Site() != first {
		t.Fatalf("same machine changed identity: %+v %v", s.Site(), err)
	}
	s.Close()

	s, err = store.Open(store.DefaultOptions(dir).WithMachine("pc-2"), indexers)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	moved := s.Site()
	if moved.ID == first.ID || moved.Code == first.Code || moved.Name != first.Name {
		t.Fatalf("moved folder: %+v (was %+v)", moved, first)
	}
	op := put(t, s, store.NewID(), thing{Name: "乙"})
	if op.Site != moved.ID || op.Seq != 1 {
		t.Fatalf("new edit %s/%d", op.Site, op.Seq)
	}
	if vv := s.VersionVector(); vv[first.ID] != 1 || vv[moved.ID] != 1 {
		t.Fatalf("vv %v", vv)
	}
	if err := s.Verify(); err != nil {
		t.Fatal(err)
	}
}

// Close while reads and writes are in flight (an HTTP request, a sync
// job): they finish or fail with ErrClosed; Badger never faults.
func TestCloseWaitsForCallsInFlight(t *testing.T) {
	s := open(t, t.TempDir())
	// Enough to flush memtables: reads then walk memory-mapped tables,
	// which Badger unmaps on Close.
	pad := strings.Repeat("档", 1500)
	for i := 0; i < 40; i++ {
		if _, err := s.Update("tester", func(tx *store.Txn) error {
			for j := 0; j < 100; j++ {
				if err := tx.Put("thing", store.NewID(), thing{Name: fmt.Sprintf("记录%d-%d%s", i, j, pad), Status: "在用"}); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := 0; i < 4; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for {
				if _, err := s.Records("thing"); err != nil {
					errs <- err
					return
				}
			}
		}()
		go func() {
			defer wg.Done()
			for {
				if _, err := s.Update("tester", func(tx *store.Txn) error { return tx.Put("thing", store.NewID(), thing{Name: "并发"}) }); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	time.Sleep(50 * time.Millisecond)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if !errors.Is(err, store.ErrClosed) {
			t.Fatalf("a call in flight ended with %v", err)
		}
	}
}
