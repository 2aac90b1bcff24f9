// Package bench holds the figures `make bench` prints. Each benchmark
// measures its baseline in the same run and reports both.
package bench

import (
	"context"
	"fmt"
	"io"
	"math/rand"
	"os"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"zongzhi/backend/api"
	"zongzhi/backend/demo"
	"zongzhi/backend/grid"
	"zongzhi/backend/people"
	"zongzhi/backend/store"
	"zongzhi/backend/testkit"
)

var (
	fixtures   = map[string]string{}
	fixturesMu sync.Mutex
)

// built returns the store folder of fixture key, which build fills (and
// closes) in a fresh folder the first time in a run. A folder whose build
// failed is removed, not kept; TestMain removes the rest.
func built(b *testing.B, key string, build func(dir string)) string {
	fixturesMu.Lock()
	defer fixturesMu.Unlock()
	if dir, ok := fixtures[key]; ok {
		return dir
	}
	dir, err := os.MkdirTemp("", "zongzhi-bench-"+key)
	if err != nil {
		b.Fatal(err)
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(dir)
		}
	}()
	build(dir)
	fixtures[key], ok = dir, true
	return dir
}

// fixture returns a closed store folder holding the demo data of scale,
// built once per run (fixed seed).
func fixture(b *testing.B, scale string) string {
	return built(b, scale, func(dir string) {
		st := testkit.Open(b, store.DefaultOptions(dir), api.Indexers())
		g := grid.New(st)
		if _, err := demo.Load(demo.Areas{Grid: g, People: people.New(st, g)}, scale, 1); err != nil {
			b.Fatal(err)
		}
		st.Close()
	})
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, dir := range fixtures {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// bareScan is the floor under any cold open: Badger opened with the same
// options and every key visited, values read.
func bareScan(b *testing.B, dir string) (time.Duration, int) {
	start := time.Now()
	db, err := badger.Open(badger.DefaultOptions(dir).WithLogger(nil).
		WithMemTableSize(8 << 20).WithNumMemtables(2).WithBlockCacheSize(16 << 20).
		WithIndexCacheSize(16 << 20).WithValueLogFileSize(64 << 20).WithNumCompactors(2))
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.DefaultIteratorOptions)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			it.Item().Value(func([]byte) error { return nil })
			n++
		}
		return nil
	})
	db.Close()
	return time.Since(start), n
}

// Cold open of the township demo store (migrations, site, version vector,
// index rebuild) next to a bare Badger scan of the same folder. The
// county's cold open is BenchmarkColdOpenPeopleCounty.
func BenchmarkColdOpenTownship(b *testing.B) {
	coldOpen(b, fixture(b, demo.ScaleTownship), "township", nil)
}

// coldOpen times store.Open of dir (plus then, when given: the first
// query a user waits for) next to a bare Badger scan of the folder.
func coldOpen(b *testing.B, dir, label string, then func(*store.Store)) {
	var open, first, bare time.Duration
	var keys, rows int
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		st, err := store.Open(store.DefaultOptions(dir), api.Indexers())
		if err != nil {
			b.Fatal(err)
		}
		open += time.Since(start)
		if then != nil {
			start = time.Now()
			then(st)
			first += time.Since(start)
		}
		rows = len(st.Rows(store.IndexID))
		st.Close()
		d, n := bareScan(b, dir)
		bare += d
		keys = n
	}
	b.StopTimer()
	n := float64(b.N)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / n / 1000 }
	ratio := float64(open+first) / float64(bare)
	b.ReportMetric(ms(open), "open-ms")
	if then != nil {
		b.ReportMetric(ms(first), "first-query-ms")
	}
	b.ReportMetric(ms(bare), "bare-scan-ms")
	b.ReportMetric(ratio, "ratio")
	b.ReportMetric(float64(rows), "index-rows")
	fmt.Fprintf(os.Stderr, "cold open %s: %.1f ms (index %d rows) + first query %.1f ms vs bare Badger scan %.1f ms (%d keys): ratio %.2f\n",
		label, ms(open), rows, ms(first), ms(bare), keys, ratio)
}

// The grid list filtered by text and level at county scale: p50 and p99
// of single queries.
func BenchmarkListGridsFilteredCounty(b *testing.B) {
	dir, _ := boardFixture(b)
	st := testkit.Open(b, store.DefaultOptions(dir), api.Indexers())
	svc := grid.New(st)
	queries := []grid.GridQuery{
		{Text: "一组", Level: "1"},
		{Type: "2"},
		{Located: "no", Text: "村"},
		{Village: "530521101201"},
	}
	const perIteration = 200 // enough samples for a p99
	lat := make([]time.Duration, 0, b.N*perIteration)
	var found int
	b.ResetTimer()
	for i := 0; i < b.N*perIteration; i++ {
		start := time.Now()
		found = len(svc.ListGrids(queries[i%len(queries)]))
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	p := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(p(0.5), "p50-ms")
	b.ReportMetric(p(0.99), "p99-ms")
	b.ReportMetric(float64(len(st.Rows(store.IndexKind, grid.KindGrid))), "grids")
	_ = found
}

// The 网格责任人花名册 with 2,000 rows, rendered to PDF.
func BenchmarkRosterPDF2000Rows(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	lines := make([]grid.RosterLine, 2000)
	roles := []string{"网格长", "专职网格员", "兼职网格员", "网格警长", "法律顾问"}
	for i := range lines {
		lines[i] = grid.RosterLine{
			Village: fmt.Sprintf("平场子%d村", i/100),
			Grid:    grid.GridSummary{Name: fmt.Sprintf("平场子村第%d网格（含茶厂及集贸市场周边）", i/5), Code: fmt.Sprintf("530521103%03d%03d", 200+i/100, i/5%1000)},
			Staff: grid.AssignmentView{
				Assignment: grid.Assignment{RoleName: roles[rng.Intn(len(roles))], Start: "2023-03-05", Primary: i%5 == 0},
				StaffName:  []string{"张国华", "李秀兰", "欧阳建明", "王芳"}[rng.Intn(4)],
				StaffPhone: fmt.Sprintf("138%08d", rng.Intn(1e8)),
				StaffUnit:  []string{"平场子村委会", "勐简乡派出所", "云南某某律师事务所驻村法律顾问", "乡综治中心"}[rng.Intn(4)],
			},
		}
	}
	ledger := api.RosterLedger(lines, "勐简乡综治中心", "2024-06-01")
	var pages int
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := ledger.Render(context.Background(), io.Discard)
		if err != nil {
			b.Fatal(err)
		}
		pages = res.Pages
	}
	b.StopTimer()
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/pdf")
}
