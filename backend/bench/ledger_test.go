package bench

import (
	"fmt"
	"math/rand"
	"os"
	"runtime/debug"
	"sort"
	"strings"
	"testing"
	"time"

	"zongzhi/backend/api"
	"zongzhi/backend/ledger"
	"zongzhi/backend/period"
	"zongzhi/backend/record"
	"zongzhi/backend/store"
	"zongzhi/backend/testkit"
)

// The rectification ledger at county scale (issue #6): ~500,000 items,
// five years of 20–30 townships. Items are generated directly and written
// through the real store in batches (a service call per item would take
// over an hour); the list then runs through the real service.
const (
	ledgerKey   = "ledger-county"
	ledgerItems = 500_000
)

var ledgerUnitCodes = func() []string {
	var out []string
	for _, u := range ledger.Units {
		out = append(out, u.Code)
	}
	return out
}()

// ledgerFixture returns a closed store folder with the county's items,
// built once per run (fixed seed; dates relative to today).
func ledgerFixture(b *testing.B) string {
	return built(b, ledgerKey, func(dir string) {
		start := time.Now()
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(3584 << 20))
		// Written with a slim row per item (see writerIndexers): the benchmark
		// reopens the folder with the real indexers, which rebuild every row.
		ix := writerIndexers()
		ix[ledger.KindItem] = func(*record.Record) (store.Row, error) { return store.Row{}, nil }
		st := testkit.Open(b, store.DefaultOptions(dir), ix)
		rng := rand.New(rand.NewSource(1))
		today := time.Now()
		grids := make([]string, 5000)
		for i := range grids {
			grids[i] = store.NewID() // the list never looks grids up
		}
		seq := map[int]int{}
		batch := make([]ledger.Item, 0, 100) // ~5 KB of record and op each: Badger refuses a txn over ~1.2 MB
		flush := func() {
			if len(batch) == 0 {
				return
			}
			if _, err := st.Update("bench", func(tx *store.Txn) error {
				for i := range batch {
					if err := tx.PutNew(ledger.KindItem, batch[i].ID, batch[i]); err != nil {
						return err
					}
				}
				return nil
			}); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
		for i := 0; i < ledgerItems; i++ {
			found := today.AddDate(0, 0, -rng.Intn(5*365))
			seq[found.Year()]++
			batch = append(batch, countyItem(rng, found, today, fmt.Sprintf("XC%02d-%d-%05d", rng.Intn(25), found.Year(), seq[found.Year()]), grids))
			if len(batch) == cap(batch) {
				flush()
			}
		}
		flush()
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
		fmt.Fprintf(os.Stderr, "ledger fixture: %d items built in %.1f s, process peak RSS %d MB\n", ledgerItems, time.Since(start).Seconds(), selfPeakRSS())
	})
}

// countyItem is one item in the state its age makes likely: old ones
// mostly closed (some late), recent ones still in the loop.
func countyItem(rng *rand.Rand, found, today time.Time, number string, grids []string) ledger.Item {
	day := func(t time.Time) string { return t.Format("2006-01-02") }
	cat := ledger.Categories[rng.Intn(len(ledger.Categories))]
	src := ledger.Sources[rng.Intn(len(ledger.Sources))]
	unit := ledger.Units[rng.Intn(len(ledger.Units))]
	deadline := found.AddDate(0, 0, 5+rng.Intn(40))
	it := ledger.Item{ID: store.NewID(), Number: number, Source: src.Code, SourceName: src.Label, Category: cat.Code, CategoryName: cat.Label,
		Level: "1", LevelName: "一般", Place: ledgerPlaces[rng.Intn(len(ledgerPlaces))], Grid: grids[rng.Intn(len(grids))], Found: day(found),
		Description: ledgerProblems[rng.Intn(len(ledgerProblems))], Project: "问题整改", Measures: ledgerMeasures[rng.Intn(len(ledgerMeasures))],
		Unit: unit.Code, UnitName: unit.Label, Deadline: day(deadline), ResponsibleName: "责任人", ReviewerName: "复查人"}
	age := int(today.Sub(found).Hours() / 24)
	status := ledger.StatusClosed
	switch x := rng.Intn(100); {
	case x < 3:
		status = ledger.StatusCancelled
	case x < 5:
		status = ledger.StatusRejected
	case age < 60 && x < 45:
		status = []string{ledger.StatusNew, ledger.StatusAssigned, ledger.StatusHandling, ledger.StatusHandling, ledger.StatusVerifying}[rng.Intn(5)]
	case x < 7: // an old item still open: 逾期
		status = ledger.StatusHandling
	}
	it.Status = status
	for _, s := range ledger.Statuses {
		if s.Code == status {
			it.StatusName = s.Label
		}
	}
	if status == ledger.StatusClosed {
		closed := found.AddDate(0, 0, 3+rng.Intn(50))
		if closed.After(today) {
			closed = today
		}
		it.Closed, it.Finished, it.Done = day(closed), day(closed), "已整改到位"
	}
	it.Steps = []ledger.Step{{ID: store.NewID(), At: it.Found + "T09:00:00+08:00", Date: it.Found, By: "bench", Action: ledger.ActImport, Label: "导入", To: status}}
	return it
}

// ledgerQueries is the mix the list sends: status tabs, a unit's own
// items, a month, a quarter, a year, and their combinations.
func ledgerQueries(rng *rand.Rand, today time.Time, n int) []ledger.Query {
	statuses := []string{"", "", "open", "overdue", ledger.StatusNew, ledger.StatusHandling, ledger.StatusClosed}
	qs := make([]ledger.Query, n)
	for i := range qs {
		q := ledger.Query{Status: statuses[rng.Intn(len(statuses))], Limit: 50}
		if rng.Intn(2) == 0 {
			q.Unit = ledgerUnitCodes[rng.Intn(len(ledgerUnitCodes))]
		}
		day := today.AddDate(0, 0, -rng.Intn(5*365)).Format("2006-01-02")
		if kind := []string{"", "month", "quarter", "year"}[rng.Intn(4)]; kind != "" {
			p, _ := period.Of(kind, day)
			q.From, q.To = p.From, p.To
		}
		if rng.Intn(5) == 0 {
			q.Offset = 50 * rng.Intn(10)
		}
		qs[i] = q
	}
	return qs
}

// naiveList is the baseline: the store's own index filtered and sorted
// per query, as a list without the view would do it.
func naiveList(st *store.Store, q ledger.Query, today string) int {
	var rows []*store.Row
	switch q.Status {
	case "", "open", "overdue":
		rows = st.Rows(store.IndexKind, ledger.KindItem)
	default:
		rows = st.Rows(store.IndexStatus, ledger.KindItem, q.Status)
	}
	var hit []*store.Row
	for _, r := range rows {
		if (q.Unit != "" && r.Ref != q.Unit) || (q.From != "" && r.Start < q.From) || (q.To != "" && r.Start > q.To) ||
			((q.Status == "open" || q.Status == "overdue") && !ledger.Open(r.Status)) || (q.Status == "overdue" && (r.End == "" || r.End >= today)) {
			continue
		}
		hit = append(hit, r)
	}
	sort.Slice(hit, func(i, j int) bool { return hit[i].Start > hit[j].Start })
	return len(hit)
}

// The ledger list at county scale: p50 and p99 of single queries through
// the service, each reading its page of items from Badger (goal p99 ≤
// 5 ms), next to the first query after open (builds the view) and the
// same queries answered by filtering and sorting the store's index.
func BenchmarkLedgerListCounty(b *testing.B) {
	dir := ledgerFixture(b)
	openStart := time.Now()
	st := testkit.Open(b, store.DefaultOptions(dir), api.Indexers())
	opened := time.Since(openStart)
	svc := api.New(st, dir).Domain.Ledger
	today := time.Now()
	first := time.Now()
	if _, err := svc.List(ledger.Query{}); err != nil {
		b.Fatal(err)
	}
	build := time.Since(first)
	qs := ledgerQueries(rand.New(rand.NewSource(7)), today, 2000)
	b.ResetTimer()
	var lat []time.Duration
	matched := 0
	for i := 0; i < b.N; i++ {
		for _, q := range qs {
			start := time.Now()
			p, err := svc.List(q)
			if err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(start))
			matched += p.Total
		}
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	var naive []time.Duration
	day := today.Format("2006-01-02")
	for _, q := range qs[:100] {
		start := time.Now()
		naiveList(st, q, day)
		naive = append(naive, time.Since(start))
	}
	sort.Slice(naive, func(i, j int) bool { return naive[i] < naive[j] })
	p50, p99 := percentile(lat, 0.5), percentile(lat, 0.99)
	n50, n99 := percentile(naive, 0.5), percentile(naive, 0.99)
	b.ReportMetric(p50, "ms-p50")
	b.ReportMetric(p99, "ms-p99")
	b.ReportMetric(n99, "ms-p99/index-scan")
	b.ReportMetric(build.Seconds()*1000, "ms-first-query")
	fmt.Fprintf(os.Stderr, "ledger list, %d items: p50 %.2f ms, p99 %.2f ms (goal ≤ 5 ms) over %d queries (%s); "+
		"the same queries filtering and sorting the store's index: p50 %.1f ms, p99 %.1f ms; open %.1f s, first query (builds the view) %.0f ms\n",
		ledgerItems, p50, p99, len(lat), strings.Join([]string{"status", "unit", "month/quarter/year", "pages"}, "/"), n50, n99,
		opened.Seconds(), build.Seconds()*1000)
	_ = matched
}
