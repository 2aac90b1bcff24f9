package bench

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/klauspost/compress/zstd"

	"zongzhi/backend/api"
	"zongzhi/backend/grid"
	"zongzhi/backend/hlc"
	"zongzhi/backend/record"
	"zongzhi/backend/store"
	zsync "zongzhi/backend/sync"
	"zongzhi/backend/testkit"
)

// syntheticOps are 100,000 edits of another site on grid records, as a
// season of work at a busy township would produce.
func syntheticOps(n int) []record.Op {
	ops := make([]record.Op, n)
	start := time.Now().Add(-24 * time.Hour).UnixMilli()
	for i := range ops {
		id := fmt.Sprintf("0192f000-0000-7000-8000-%012d", i/10)
		v := func(s string) json.RawMessage { b, _ := json.Marshal(s); return b }
		ops[i] = record.Op{Site: "0192aaaa-bbbb-7ccc-8ddd-eeeeffff0000", Seq: uint64(i + 1), HLC: hlc.New(start+int64(i), 0), Author: "平场子村工作站",
			Writes: []record.Write{
				{Kind: grid.KindGrid, ID: id, Field: "name", Value: v(fmt.Sprintf("平场子村第%d网格", i/10))},
				{Kind: grid.KindGrid, ID: id, Field: "scope", Value: v(fmt.Sprintf("东至%d号路，西至河边，南至茶厂，北至松林", i%97))},
				{Kind: grid.KindGrid, ID: id, Field: "households", Value: json.RawMessage(fmt.Sprint(40 + i%150))},
			}}
	}
	return ops
}

// Export and import of a 100,000-op package, and its size next to the
// same ops as zstd-compressed plain JSON (goal ≤ 1.2×).
func BenchmarkSyncPackage100kOps(b *testing.B) {
	const n = 100_000
	ops := syntheticOps(n)
	root := b.TempDir()
	src := testkit.Open(b, store.DefaultOptions(filepath.Join(root, "src")), api.Indexers())
	if _, err := src.Import(ops, nil); err != nil {
		b.Fatal(err)
	}
	join, err := zsync.CreateGroup(src, "基准组")
	if err != nil {
		b.Fatal(err)
	}
	plain, _ := json.Marshal(ops)
	enc, _ := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedBetterCompression))
	baseline := len(enc.EncodeAll(plain, nil))

	var exportT, importT time.Duration
	var size int64
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		path, count, err := zsync.Export(src, "all", filepath.Join(root, fmt.Sprint("stick", i)))
		if err != nil || count != n {
			b.Fatalf("export: %d ops, %v", count, err)
		}
		exportT += time.Since(t0)
		fi, _ := os.Stat(path)
		size = fi.Size()
		dst := testkit.Open(b, store.DefaultOptions(filepath.Join(root, fmt.Sprint("dst", i))), api.Indexers())
		if _, err := zsync.Join(dst, join); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		rep, err := zsync.ImportFile(dst, path, false)
		if err != nil || rep.Store.Applied != n {
			b.Fatalf("import: %+v %v", rep.Store, err)
		}
		importT += time.Since(t1)
		dst.Close()
	}
	nn := float64(b.N)
	b.ReportMetric(exportT.Seconds()/nn, "export-s")
	b.ReportMetric(importT.Seconds()/nn, "import-s")
	b.ReportMetric(float64(size)/1e6, "package-MB")
	b.ReportMetric(float64(size)/float64(baseline), "size-vs-zstd-json")
	fmt.Fprintf(os.Stderr, "sync 100k ops: export %.2f s, import %.2f s, package %.2f MB vs zstd JSON %.2f MB: ratio %.2f\n",
		exportT.Seconds()/nn, importT.Seconds()/nn, float64(size)/1e6, float64(baseline)/1e6, float64(size)/float64(baseline))
}
