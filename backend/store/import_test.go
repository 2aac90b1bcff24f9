package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"zongzhi/backend/record"
	"zongzhi/backend/store"
	"zongzhi/backend/testkit"
)

func TestImportAppliesInCausalOrderWaitsAndIsIdempotent(t *testing.T) {
	a, b := open(t, t.TempDir()), open(t, t.TempDir())
	defer a.Close()
	defer b.Close()
	id := store.NewID()
	put(t, a, id, thing{Name: "一", Status: "在用"})
	put(t, a, id, thing{Name: "二", Status: "在用"})
	put(t, a, id, thing{Name: "三", Status: "停用"})
	ops := testkit.Ops(t, a)

	// The last two arrive first: they wait, and the gap is named.
	rep, err := b.Import(ops[1:], []store.Site{a.Site()})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Applied != 0 || rep.Waiting != 2 || len(rep.Gaps) != 1 || rep.Gaps[0] != (store.Gap{Site: a.Site().ID, From: 1, To: 1}) {
		t.Fatalf("report %+v", rep)
	}
	rep, err = b.Import(ops[:1], nil)
	if err != nil || rep.Applied != 3 || rep.Waiting != 0 || len(rep.Gaps) != 0 {
		t.Fatalf("after the gap filled: %+v %v", rep, err)
	}
	if row, _ := b.Row(id); row.Name != "三" || row.Status != "停用" {
		t.Fatalf("row %+v", row)
	}
	// Twice: nothing changes.
	rep, err = b.Import(ops, nil)
	if err != nil || rep.Applied != 0 || rep.Duplicate != 3 {
		t.Fatalf("second import: %+v %v", rep, err)
	}
	if b.VersionVector()[a.Site().ID] != 3 {
		t.Fatalf("vv %v", b.VersionVector())
	}
	if err := b.Verify(); err != nil {
		t.Fatal(err)
	}
	sites, _ := b.Sites()
	if len(sites) != 2 {
		t.Fatalf("sites %+v", sites)
	}
}

func TestConcurrentEditsAreBothKeptAndConverge(t *testing.T) {
	a, b := open(t, t.TempDir()), open(t, t.TempDir())
	defer a.Close()
	defer b.Close()
	id := store.NewID()
	put(t, a, id, thing{Name: "原名"})
	if _, err := b.Import(testkit.Ops(t, a), nil); err != nil {
		t.Fatal(err)
	}
	put(t, a, id, thing{Name: "甲改"})
	put(t, b, id, thing{Name: "乙改"})
	ab, ba := testkit.Ops(t, a), testkit.Ops(t, b)
	if _, err := b.Import(ab, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Import(ba, nil); err != nil {
		t.Fatal(err)
	}
	ra, _ := a.Get("thing", id)
	rb, _ := b.Get("thing", id)
	ja, _ := json.Marshal(ra)
	jb, _ := json.Marshal(rb)
	if string(ja) != string(jb) {
		t.Fatalf("replicas differ:\n%s\n%s", ja, jb)
	}
	if c := ra.Conflicts(); len(c) != 1 || c[0] != "name" || len(ra.Candidates("name")) != 2 {
		t.Fatalf("conflicts %v: %+v", c, ra.Fields["name"])
	}
	// A resolution replaces both candidates everywhere.
	put(t, a, id, thing{Name: "定名"})
	if _, err := b.Import(testkit.Ops(t, a), nil); err != nil {
		t.Fatal(err)
	}
	rb, _ = b.Get("thing", id)
	if len(rb.Conflicts()) != 0 || string(rb.Value("name")) != `"定名"` {
		t.Fatalf("after resolution: %+v", rb.Fields["name"])
	}
}

func TestImportRefusesForkedIdentityBeforeChangingAnything(t *testing.T) {
	a, b := open(t, t.TempDir()), open(t, t.TempDir())
	defer a.Close()
	defer b.Close()
	put(t, a, store.NewID(), thing{Name: "一"})
	ops := testkit.Ops(t, a)
	if _, err := b.Import(ops, nil); err != nil {
		t.Fatal(err)
	}
	forged := ops[0]
	forged.Writes = []record.Write{{Kind: "thing", ID: store.NewID(), Field: "name", Value: json.RawMessage(`"冒充"`)}}
	before := b.DumpIndex()
	if _, err := b.Import([]record.Op{forged}, nil); !errors.Is(err, store.ErrForkedSite) {
		t.Fatalf("forged op: %v", err)
	}
	mine := record.Op{Site: b.Site().ID, Seq: 99, HLC: forged.HLC, Writes: forged.Writes}
	if _, err := b.Import([]record.Op{mine}, nil); !errors.Is(err, store.ErrForkedSite) {
		t.Fatalf("own identity from elsewhere: %v", err)
	}
	bad := record.Op{Site: "x", Seq: 1, Writes: []record.Write{{Kind: "nokind", ID: "1", Field: "f", Value: json.RawMessage(`1`)}}}
	if _, err := b.Import([]record.Op{bad}, nil); !errors.Is(err, store.ErrBadOp) {
		t.Fatalf("bad op: %v", err)
	}
	if len(b.DumpIndex()) != len(before) {
		t.Fatal("a refused import changed the store")
	}
}

// A change stamped days ahead of our clock is held back, not adopted; it
// applies once our clock catches up (or the other site's clock is fixed).
func TestChangesFromAFarFutureClockAreHeldBack(t *testing.T) {
	offset := time.Duration(0)
	now := func() time.Time { return time.Now().Add(offset) }
	a := testkit.Open(t, store.DefaultOptions(t.TempDir()).WithNow(now), indexers)
	future := testkit.Open(t, store.DefaultOptions(t.TempDir()).WithNow(func() time.Time { return time.Now().Add(72 * time.Hour) }), indexers)
	put(t, future, store.NewID(), thing{Name: "未来"})
	rep, err := a.Import(testkit.Ops(t, future), nil)
	if err != nil || rep.ClockAhead != 1 || rep.Applied != 0 {
		t.Fatalf("report %+v %v", rep, err)
	}
	if a.Clock().Last().Wall().After(time.Now().Add(time.Hour)) {
		t.Fatal("the far-future stamp was adopted by our clock")
	}
	offset = 71 * time.Hour
	rep, err = a.Import(nil, nil) // what waits is retried at every import
	if err != nil || rep.Applied != 1 || rep.ClockAhead != 0 {
		t.Fatalf("after the clock caught up: %+v %v", rep, err)
	}
}

func TestCancelledImportKeepsWhatItAppliedAndResumes(t *testing.T) {
	a, b := open(t, t.TempDir()), open(t, t.TempDir())
	defer a.Close()
	defer b.Close()
	for i := 0; i < 200; i++ {
		put(t, a, store.NewID(), thing{Name: fmt.Sprint("第", i)})
	}
	ops := testkit.Ops(t, a)
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	_, err := b.ImportWith(ctx, ops, nil, func(done, total int) {
		calls++
		if total != 200 {
			t.Errorf("total %d", total)
		}
		cancel() // stop after the first batch
	})
	if !errors.Is(err, context.Canceled) || calls != 1 {
		t.Fatalf("err %v after %d batches", err, calls)
	}
	if got := b.VersionVector()[a.Site().ID]; got == 0 || got >= 200 {
		t.Fatalf("after cancel b holds %d", got)
	}
	rep, err := b.Import(ops, nil)
	if err != nil || rep.Applied+rep.Duplicate != 200 || b.VersionVector()[a.Site().ID] != 200 {
		t.Fatalf("resume: %+v %v", rep, err)
	}
	if err := b.Verify(); err != nil {
		t.Fatal(err)
	}
}

// Ops that each carry many records (a visit history saved at once) do
// not fit 64 to a Badger transaction: the import bounds and splits its
// batches instead of stopping with "Txn is too big".
func TestImportOfLargeOpsFitsBadgerTransactions(t *testing.T) {
	a, b := open(t, t.TempDir()), open(t, t.TempDir())
	defer a.Close()
	defer b.Close()
	long := fmt.Sprintf("%0400d", 0) // a long field value
	var ids []string
	for i := 0; i < 40; i++ {
		if _, err := a.Update("tester", func(tx *store.Txn) error {
			for j := 0; j < 120; j++ {
				id := store.NewID()
				ids = append(ids, id)
				if err := tx.Put("thing", id, thing{Name: fmt.Sprintf("第%d批第%d条%s", i, j, long), Status: "在用"}); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := b.Import(testkit.Ops(t, a), []store.Site{a.Site()})
	if err != nil || rep.Applied != 40 {
		t.Fatalf("import: %+v %v", rep, err)
	}
	for _, id := range ids {
		if _, ok := b.Row(id); !ok {
			t.Fatalf("record %s missing after import", id)
		}
	}
}
