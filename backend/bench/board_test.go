package bench

import (
	"fmt"
	"math/rand"
	"os"
	"runtime"
	"runtime/debug"
	"sort"
	"syscall"
	"testing"
	"time"

	"zongzhi/backend/api"
	"zongzhi/backend/cadence"
	"zongzhi/backend/demo"
	"zongzhi/backend/dict"
	"zongzhi/backend/grid"
	"zongzhi/backend/idcard"
	"zongzhi/backend/people"
	"zongzhi/backend/record"
	"zongzhi/backend/store"
	"zongzhi/backend/testkit"
)

// The overdue board at county scale (issue #5): ~30,000 active
// enrollments with ~500,000 visits. demo.Load saves the population one
// service call per record (>10 min, 5 GB), so the population here is
// generated directly and written through the real store in batches: the
// records and the op log are what the services would write, and every
// index row is rebuilt from them when a benchmark opens the folder.
const (
	boardKey      = "board-county" // key in fixtures
	boardActive   = 30_000         // active enrollments wanted
	boardBatchMax = 250            // records per Update: Badger refuses a txn over ~1.2 MB (8 MB memtables); 400 of these failed, 330 passed
)

// boardSummary is what the fixture holds and what the queries filter by.
type boardSummary struct {
	Grids, Staff, Persons, Enrollments, Active, Visits int
	Built                                              time.Duration
	staff, villages, grids                             []string // query targets, picked with the seed
}

var boardSum boardSummary

// boardFixture returns a closed store folder with the county's grids and
// population, built once per run (fixed seed; dates relative to today).
func boardFixture(b *testing.B) (string, boardSummary) {
	dir := built(b, boardKey, func(dir string) {
		start := time.Now()
		// Badger's compactions keep ~2 GB of table builders alive while the
		// population goes in; a soft limit has the GC return what they
		// release at once (peak RSS measured ~3.6 GB instead of ~6 GB).
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(3584 << 20))
		st := testkit.Open(b, store.DefaultOptions(dir), writerIndexers())
		g := grid.New(st)
		// The grids and their crews through the services (a few thousand
		// saves); the population below skips the services.
		if _, err := demo.Load(demo.Areas{Grid: g}, demo.ScaleCounty, 1); err != nil {
			b.Fatal(err)
		}
		gridsDone := time.Since(start)
		sum, err := writePopulation(st, 1, boardActive)
		if err != nil {
			b.Fatal(err)
		}
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
		sum.Built = time.Since(start)
		fmt.Fprintf(os.Stderr, "board fixture: %d grids, %d staff (demo.Load %.1f s); %d persons, %d enrollments (%d active), %d visits: built in %.1f s, process peak RSS %d MB\n",
			sum.Grids, sum.Staff, gridsDone.Seconds(), sum.Persons, sum.Enrollments, sum.Active, sum.Visits, sum.Built.Seconds(), selfPeakRSS())
		boardSum = sum
	})
	return dir, boardSum
}

// selfPeakRSS is this process's peak resident set so far, in MB (Linux
// reports ru_maxrss in KB).
func selfPeakRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return int64(ru.Maxrss) / 1024
}

// writerIndexers are api.Indexers with the population kinds indexed by id
// and kind only. Indexers shape the in-memory rows, never what Badger
// holds, and the benchmarks open the folder with api.Indexers, which
// rebuilds every row from the records; full rows here would only add
// ~1.3 GB to the writer's heap and decode every record once more.
func writerIndexers() map[string]store.Indexer {
	ix := api.Indexers()
	slim := func(*record.Record) (store.Row, error) { return store.Row{}, nil }
	for _, k := range []string{people.KindPerson, people.KindEnrollment, people.KindVisit} {
		ix[k] = slim
	}
	return ix
}

type boardGrid struct {
	id, village string
	crew        []string // staff currently assigned as 网格长 or 网格员: the 包保责任人
}

type popGen struct {
	rng    *rand.Rand
	today  time.Time
	now    string
	table  cadence.Table
	ids    map[string]bool
	staff  map[string]string // id → name
	author string
}

var (
	popCategories = []struct {
		code   string
		weight int
	}{{"01", 28}, {"02", 10}, {"03", 25}, {"04", 14}, {"05", 3}, {"06", 8}, {"51", 12}}
	popSurnames   = []rune("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡")
	popGiven      = []rune("国华建明永春秀兰英玉芳丽红志勇军伟强磊洋艳娟涛斌超霞平刚桂琼云海燕德福兴旺学文成林琳婷静敏慧")
	popBehaviours = []string{
		"在家务农，情绪稳定，按时服药", "外出务工，电话联系正常", "生活规律，与家人关系和睦", "近期情绪低落，已联系卫生院随访",
		"遵守矫正规定，按时报到", "在村茶厂务工，表现良好", "家属反映睡眠不好，已提醒按时复诊", "无异常，已宣传禁毒法规",
	}
	popMeasures = []string{"", "", "送去慰问品", "协助申请低保", "联系就业岗位", "提醒定期复诊"}
	popExits    = []string{"矫正期满，依法解除", "戒断三年未复吸，经评估解除", "迁往外省居住", "病情稳定，经评估解除"}
)

func codeName(table []grid.Code, code string) string {
	l, _ := dict.Label(table, code)
	return l
}

// writePopulation enrolls people in the store's grids until active
// enrollments reach active, each with a visit history at its cadence, and
// writes them boardBatchMax records per transaction. Only one batch is
// held in memory.
func writePopulation(st *store.Store, seed int64, active int) (boardSummary, error) {
	var sum boardSummary
	p := &popGen{rng: rand.New(rand.NewSource(seed)), today: time.Now(), table: cadence.Table(cadence.Defaults()),
		ids: map[string]bool{}, staff: map[string]string{}, author: st.Site().Name}
	p.now = p.today.Format("2006-01-02")
	for _, r := range st.Rows(store.IndexKind, grid.KindStaff) {
		p.staff[r.ID] = r.Name
	}
	var grids []boardGrid
	villages := map[string]bool{}
	for _, r := range st.Rows(store.IndexKind, grid.KindGrid) {
		bg := boardGrid{id: r.ID, village: r.Parent}
		for _, a := range st.Rows(store.IndexParent, grid.KindAssignment, r.ID) {
			if a.End == "" && (a.Category == "01" || a.Category == "02" || a.Category == "03") {
				bg.crew = append(bg.crew, a.Ref)
			}
		}
		if len(bg.crew) > 0 {
			grids = append(grids, bg)
			villages[r.Parent] = true
		}
	}
	if len(grids) == 0 {
		return sum, fmt.Errorf("board fixture: no staffed grids")
	}
	sum.Grids, sum.Staff = len(grids), len(p.staff)

	type put struct {
		kind, id string
		v        any
	}
	batch := make([]put, 0, boardBatchMax+64)
	flush := func() error {
		_, err := st.Update(p.author, func(tx *store.Txn) error {
			for _, w := range batch {
				if err := tx.PutNew(w.kind, w.id, w.v); err != nil {
					return err
				}
			}
			return nil
		})
		clear(batch) // let the records go
		batch = batch[:0]
		return err
	}
	used := map[string]bool{}
	var usedStaff []string
	for sum.Active < active {
		// Grids get uneven shares, as real ones do.
		bg := grids[p.rng.Intn(len(grids))]
		if p.rng.Intn(3) == 0 {
			bg = grids[p.rng.Intn(len(grids)/4+1)]
		}
		person, e, visits := p.enrollOne(bg)
		if len(batch)+2+len(visits) > boardBatchMax {
			if err := flush(); err != nil {
				return sum, err
			}
		}
		batch = append(batch, put{people.KindPerson, person.ID, person}, put{people.KindEnrollment, e.ID, e})
		for i := range visits {
			batch = append(batch, put{people.KindVisit, visits[i].ID, visits[i]})
		}
		sum.Persons++
		sum.Enrollments++
		sum.Visits += len(visits)
		if people.Active(e.Status) {
			sum.Active++
		}
		for _, s := range e.Responsible {
			if !used[s] {
				used[s] = true
				usedStaff = append(usedStaff, s)
			}
		}
	}
	if len(batch) > 0 {
		if err := flush(); err != nil {
			return sum, err
		}
	}
	// Query targets: staff, villages and grids drawn with the seed.
	for i := 0; i < 20; i++ {
		sum.staff = append(sum.staff, usedStaff[p.rng.Intn(len(usedStaff))])
		sum.grids = append(sum.grids, grids[p.rng.Intn(len(grids))].id)
	}
	vs := make([]string, 0, len(villages))
	for v := range villages {
		vs = append(vs, v)
	}
	sort.Strings(vs)
	for i := 0; i < 10; i++ {
		sum.villages = append(sum.villages, vs[p.rng.Intn(len(vs))])
	}
	return sum, nil
}

func (p *popGen) pick(list []string) string { return list[p.rng.Intn(len(list))] }

func (p *popGen) name() string {
	n := string(popSurnames[p.rng.Intn(len(popSurnames))])
	for i := 0; i < 1+p.rng.Intn(2); i++ {
		n += string(popGiven[p.rng.Intn(len(popGiven))])
	}
	return n
}

// person fills a Person as SavePerson would after checkPerson: sex and
// birth from a valid, unique ID number.
func (p *popGen) person(gridID string, age int) people.Person {
	birth := p.today.AddDate(-age, -p.rng.Intn(12), -p.rng.Intn(28))
	var number string
	for number == "" || p.ids[number] {
		body := fmt.Sprintf("530521%s%03d", birth.Format("20060102"), p.rng.Intn(1000))
		number = body + string(idcard.CheckDigit(body))
	}
	p.ids[number] = true
	sex := "2"
	if (number[16]-'0')%2 == 1 {
		sex = "1"
	}
	return people.Person{ID: store.NewID(), IDType: "111", IDNumber: number, Name: p.name(),
		Sex: sex, SexName: codeName(people.Sexes, sex), Birth: birth.Format("2006-01-02"),
		Ethnicity: "01", EthnicName: "汉族", Phone: fmt.Sprintf("1%d%d%08d", 3+p.rng.Intn(6), p.rng.Intn(10), p.rng.Intn(1e8)),
		Address: fmt.Sprintf("%d组%d号", 1+p.rng.Intn(10), 1+p.rng.Intn(80)), Grid: gridID,
		Status: "1", StatusName: "在册"}
}

// enrollOne makes a person, an enrollment and its visits like
// demo/population.go: visits at the category's cadence with jitter, about
// one in seven fallen behind lately, a few enrolled lately never visited,
// one in twenty ended, one in a hundred 脱管/漏管.
func (p *popGen) enrollOne(bg boardGrid) (people.Person, people.Enrollment, []people.Visit) {
	cat := "01"
	for r, i := p.rng.Intn(100), 0; i < len(popCategories); i++ {
		if r < popCategories[i].weight {
			cat = popCategories[i].code
			break
		}
		r -= popCategories[i].weight
	}
	age := 20 + p.rng.Intn(50)
	if cat == "06" {
		age = 12 + p.rng.Intn(6)
	}
	person := p.person(bg.id, age)
	responsible := []string{bg.crew[p.rng.Intn(len(bg.crew))]}
	if len(bg.crew) > 1 && p.rng.Intn(4) == 0 { // a second 包保责任人
		if other := bg.crew[p.rng.Intn(len(bg.crew))]; other != responsible[0] {
			responsible = append(responsible, other)
		}
	}
	e := people.Enrollment{ID: store.NewID(), Person: person.ID, PersonName: person.Name, Grid: bg.id, Category: cat,
		Attention: []string{"01", "02", "02", "03"}[p.rng.Intn(4)], Control: fmt.Sprint(1 + p.rng.Intn(3)),
		Responsible: responsible, Source: fmt.Sprint(1 + p.rng.Intn(4)), Status: "1",
		Enrolled: p.today.AddDate(0, -2-p.rng.Intn(37), -p.rng.Intn(28)).Format("2006-01-02"), Details: demo.Details(p.rng, cat)}
	fillEnrollment(&e)

	every := p.table.For(e.Category, e.Level).Every
	day := cadence.AddInterval(e.Enrolled, every)
	stop := p.now
	switch x := p.rng.Intn(100); {
	case x < 14:
		stop = cadence.AddInterval(stop, cadence.Interval{N: -(1 + p.rng.Intn(3)) * every.N, Unit: every.Unit})
	case x < 17 && e.Enrolled >= cadence.AddInterval(p.now, cadence.Interval{N: -2 * every.N, Unit: every.Unit}):
		stop = e.Enrolled
	}
	names := make([]string, len(responsible))
	for i, s := range responsible {
		names[i] = p.staff[s]
	}
	snap := people.Snapshot{Attention: e.Attention, AttentionName: e.AttentionName, Control: e.Control, ControlName: e.ControlName,
		Level: e.Level, LevelName: e.LevelName, Status: e.Status, StatusName: e.StatusName}
	var visits []people.Visit
	for day != "" && day < stop {
		d, _ := time.Parse("2006-01-02", day)
		actual := d.AddDate(0, 0, p.rng.Intn(9)-6).Format("2006-01-02")
		if actual <= e.Enrolled || actual > p.now {
			actual = day
		}
		method := []string{"1", "1", "1", "2", "3"}[p.rng.Intn(5)]
		visits = append(visits, people.Visit{ID: store.NewID(), Enrollment: e.ID, Person: person.ID, Grid: bg.id,
			Date: actual, Method: method, MethodName: codeName(people.Methods, method),
			Visitors: responsible, VisitorNames: names, Behaviour: p.pick(popBehaviours), Measures: p.pick(popMeasures), Snapshot: snap})
		day = cadence.AddInterval(day, every)
	}
	switch x := p.rng.Intn(100); {
	case x < 5 && len(visits) > 0: // left management after the last visit, with the reason
		to, date := []string{"4", "7"}[p.rng.Intn(2)], visits[len(visits)-1].Date
		e.History = []people.StatusChange{{Date: date, From: "1", To: to, Reason: p.pick(popExits), By: p.author}}
		e.Status, e.StatusName, e.Ended, e.EndReason = to, codeName(people.Statuses, to), date, e.History[0].Reason
	case x == 99: // 脱管 or 漏管: still on the board
		to := []string{"2", "3"}[p.rng.Intn(2)]
		e.History = []people.StatusChange{{Date: p.now, From: "1", To: to, Reason: "联系不上本人及家属", By: p.author}}
		e.Status, e.StatusName = to, codeName(people.Statuses, to)
	}
	return person, e, visits
}

// fillEnrollment sets the labels and the cadence level as Enroll's checks
// do (shipped code tables only).
func fillEnrollment(e *people.Enrollment) {
	e.CategoryName = codeName(people.Categories, e.Category)
	e.AttentionName = codeName(people.Attention, e.Attention)
	e.ControlName = codeName(people.Control, e.Control)
	e.SourceName = codeName(people.Sources, e.Source)
	e.StatusName = codeName(people.Statuses, e.Status)
	e.Level, e.LevelName = e.Attention, "关注程度："+e.AttentionName
	e.DetailNames = map[string]string{}
	for _, d := range people.Details[e.Category] {
		v := e.Details[d.Key]
		if v == "" {
			continue
		}
		if d.Kind == "code" {
			e.DetailNames[d.Key] = codeName(d.Table, v)
		}
		if d.Level {
			e.Level, e.LevelName = v, d.Label+"："+e.DetailNames[d.Key]
		}
	}
}

// boardQueries is the mix the board screen sends: the centre's whole
// board, one staff member's own (我的走访), a village, a grid, a category.
func boardQueries(sum boardSummary) (qs []people.BoardQuery, kinds []string) {
	cats := []string{"03", "01", "04", "51", "02"}
	for i := 0; i < 20; i++ {
		qs = append(qs, people.BoardQuery{}, people.BoardQuery{Staff: sum.staff[i]}, people.BoardQuery{Village: sum.villages[i%len(sum.villages)]},
			people.BoardQuery{Grid: sum.grids[i]}, people.BoardQuery{Category: cats[i%len(cats)]})
		kinds = append(kinds, "all", "staff", "village", "grid", "category")
	}
	return qs, kinds
}

func percentile(lat []time.Duration, q float64) float64 {
	return float64(lat[int(q*float64(len(lat)-1))].Microseconds()) / 1000
}

// The overdue board at county scale: p50 and p99 of single queries
// (goal p99 ≤ 5 ms), next to the first query after open, which builds the
// board from the index (every enrollment and every visit row).
func BenchmarkOverdueBoardCounty(b *testing.B) {
	dir, sum := boardFixture(b)
	st := testkit.Open(b, store.DefaultOptions(dir), api.Indexers())
	g := grid.New(st)
	queries, kinds := boardQueries(sum)
	const perIteration = 200 // enough samples for a p99
	lat := make([]time.Duration, 0, b.N*perIteration)
	byKind := map[string][]time.Duration{}
	var first time.Duration
	var heap uint64
	var board people.Board
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// A fresh service has an unbuilt board, as after open. (Each adds
		// a store watcher; nothing is written here, so they stay idle.)
		ps := people.New(st, g)
		start := time.Now()
		board = ps.Overdue(people.BoardQuery{})
		first += time.Since(start)
		if i == 0 {
			// What the app holds at this scale: the index and the board.
			b.StopTimer()
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			heap = ms.HeapAlloc
			b.StartTimer()
		}
		for j := 0; j < perIteration; j++ {
			k := (i*perIteration + j) % len(queries)
			start := time.Now()
			ps.Overdue(queries[k])
			d := time.Since(start)
			lat = append(lat, d)
			byKind[kinds[k]] = append(byKind[kinds[k]], d)
		}
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	firstMs := float64(first.Microseconds()) / float64(b.N) / 1000
	b.ReportMetric(percentile(lat, 0.5), "p50-ms")
	b.ReportMetric(percentile(lat, 0.99), "p99-ms")
	b.ReportMetric(firstMs, "first-query-ms")
	b.ReportMetric(float64(board.Active), "active")
	b.ReportMetric(float64(heap>>20), "heap-mb")
	var detail string
	for _, k := range []string{"all", "staff", "village", "grid", "category"} {
		l := byKind[k]
		sort.Slice(l, func(i, j int) bool { return l[i] < l[j] })
		detail += fmt.Sprintf(" %s %.2f/%.2f", k, percentile(l, 0.5), percentile(l, 0.99))
	}
	fmt.Fprintf(os.Stderr, "overdue board county: p50 %.2f ms, p99 %.2f ms over %d queries (goal p99 ≤ 5 ms); first query after open (builds the board) %.0f ms; %d active enrollments (%d overdue, %d due this week), %d visits; Go heap with the store open %d MB; p50/p99 ms by query:%s\n",
		percentile(lat, 0.5), percentile(lat, 0.99), len(lat), firstMs, board.Active, board.Counts.Overdue, board.Counts.DueThisWeek, sum.Visits, heap>>20, detail)
}

// Cold open of the county store with its population (index rebuild) plus
// the first board query, next to a bare Badger scan of the same folder.
func BenchmarkColdOpenPeopleCounty(b *testing.B) {
	dir, sum := boardFixture(b)
	coldOpen(b, dir, fmt.Sprintf("county with population (%d active enrollments, %d visits)", sum.Active, sum.Visits), func(st *store.Store) {
		people.New(st, grid.New(st)).Overdue(people.BoardQuery{})
	})
}
