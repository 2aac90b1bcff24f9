package sync_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	gosync "sync"
	"testing"
	"time"

	"zongzhi/backend/api"
	"zongzhi/backend/caseflow"
	"zongzhi/backend/dict"
	"zongzhi/backend/dispute"
	"zongzhi/backend/grid"
	"zongzhi/backend/ledger"
	"zongzhi/backend/meeting"
	"zongzhi/backend/people"
	"zongzhi/backend/record"
	"zongzhi/backend/store"
	zsync "zongzhi/backend/sync"
	"zongzhi/backend/testkit"
	"zongzhi/backend/volunteer"
)

// envInt reads a simulation setting: ZONGZHI_SIM_SEEDS (how many seeds,
// 60 by default, 500 in make test), ZONGZHI_SIM_SEED (the first one).
func envInt(name string, def int64) int64 {
	if v, err := strconv.ParseInt(os.Getenv(name), 10, 64); err == nil {
		return v
	}
	return def
}

// deleted holds the grids some site deleted during a run: no package,
// however stale, may bring one back (the simulation never restores).
type replica struct {
	hist    *history
	deleted map[string]bool
	dir     string
	st      *store.Store
	grid    *grid.Service
	ledger  *ledger.Service
	dispute *dispute.Service
	meeting *meeting.Service
	vol     *volunteer.Service
	inbox   []string // package files delivered, not yet imported
}

func openReplica(t *testing.T, dir string, skew time.Duration) *replica {
	t.Helper()
	now := func() time.Time { return time.Now().Add(skew) }
	st := testkit.Open(t, store.DefaultOptions(dir).WithNow(now), api.Indexers())
	g := grid.New(st)
	g.Now = now
	d := dict.New(st, func() string { return st.Site().Name })
	l := ledger.New(st, d, func() ledger.Calendar { return nil }) // deadlines are dates here: no calendar needed
	l.Now = now
	ds := dispute.New(st, g, d, nil)
	ds.Now = now
	ms := meeting.New(st, d, l)
	ms.Now = now
	ps := people.New(st, g)
	ps.Now = now
	vs := volunteer.New(st, d, ps)
	vs.Now = now
	return &replica{dir: dir, st: st, grid: g, ledger: l, dispute: ds, meeting: ms, vol: vs}
}

// state is a canonical hash of every record: equal hashes, equal replicas.
func state(t *testing.T, st *store.Store) string {
	h := sha256.New()
	for _, kind := range []string{grid.KindDivision, grid.KindGrid, grid.KindStaff, grid.KindAssignment, grid.KindLink, ledger.KindItem, dispute.Kind,
		meeting.Kind, meeting.KindBody, meeting.KindVersion, volunteer.KindTeam, volunteer.KindVolunteer, volunteer.KindActivity} {
		recs, err := st.Records(kind)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			raw, _ := json.Marshal(r)
			h.Write(raw)
		}
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

func copyFile(t *testing.T, from, to string) {
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// A seed runs 2–7 replicas with skewed clocks through random edits and a
// random, lossy, duplicated, tampered package exchange, then a full
// exchange, and checks the invariants of DESIGN.md "USB sync".
func TestSimulation(t *testing.T) {
	from, n := envInt("ZONGZHI_SIM_SEED", 1), envInt("ZONGZHI_SIM_SEEDS", 60)
	for seed := from; seed < from+n; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			t.Parallel()
			defer func() {
				if t.Failed() {
					t.Logf("replay: ZONGZHI_SIM_SEED=%d ZONGZHI_SIM_SEEDS=1 go test ./backend/sync -run TestSimulation -v", seed)
				}
			}()
			simulate(t, seed)
		})
	}
}

func simulate(t *testing.T, seed int64) {
	rng := rand.New(rand.NewSource(seed))
	n := 2 + rng.Intn(6)
	root := t.TempDir()
	reps := make([]*replica, n)
	hist := &history{}
	for i := range reps {
		skew := time.Duration(rng.Intn(4*3600)-2*3600) * time.Second
		reps[i] = openReplica(t, filepath.Join(root, fmt.Sprint("site", i)), skew)
		reps[i].hist = hist
	}
	join, err := zsync.CreateGroup(reps[0].st, "勐简乡同步组")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reps[1:] {
		if _, err := zsync.Join(r.st, join); err != nil {
			t.Fatal(err)
		}
	}
	// The center creates the divisions; every site gets them first.
	c := reps[0].grid
	testkit.Villages(t, c, "平场子村")
	for i := 0; i < 3; i++ {
		c.SaveGrid(grid.Grid{Name: fmt.Sprint("初始网格", i), Village: "530521103201", Level: "1", Type: "1"})
	}
	team, err := reps[0].vol.SaveTeam(volunteer.Team{Name: "平安志愿队", Type: "01", Level: "township"})
	if err != nil {
		t.Fatal(err)
	}
	gs := reps[0].grid.ListGrids(grid.GridQuery{})
	for i := 0; i < 3; i++ {
		v, err := reps[0].vol.SaveVolunteer(volunteer.VolunteerInput{PersonInput: &people.Person{Name: fmt.Sprint("志愿者", i),
			IDNumber: testkit.IDNumber("19800101", 100+i), Grid: gs[0].ID}})
		if err == nil {
			_, err = reps[0].vol.SetMembership(volunteer.MembershipInput{Volunteer: v.ID, Team: team.ID, Joined: "2025-01-01"})
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, err := reps[0].meeting.SaveBody(meeting.Body{Name: "联席会议", Type: "01", Rule: meeting.RuleMajority,
		Members: []meeting.Member{{Key: "m1", Name: "甲"}, {Key: "m2", Name: "乙"}, {Key: "m3", Name: "丙"}}}); err != nil {
		t.Fatal(err)
	}
	stick := filepath.Join(root, "stick")
	path, _, err := zsync.Export(reps[0].st, "all", stick)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reps[1:] {
		if _, err := zsync.ImportFile(r.st, path, false); err != nil {
			t.Fatal(err)
		}
	}

	var packages []string
	for round := 0; round < 6; round++ {
		for _, r := range reps {
			edit(t, rng, r)
		}
		// Some sites write a package; it reaches random sites, maybe twice,
		// maybe never; old packages come back late.
		for i, r := range reps {
			if rng.Intn(3) == 0 {
				continue
			}
			out := filepath.Join(root, fmt.Sprintf("out-%d-%d", round, i))
			p, _, err := zsync.Export(r.st, "all", out)
			if err != nil {
				t.Fatal(err)
			}
			packages = append(packages, p)
		}
		for _, r := range reps {
			for k := rng.Intn(4); k > 0 && len(packages) > 0; k-- {
				r.inbox = append(r.inbox, packages[rng.Intn(len(packages))])
			}
			rng.Shuffle(len(r.inbox), func(a, b int) { r.inbox[a], r.inbox[b] = r.inbox[b], r.inbox[a] })
			for _, p := range r.inbox {
				if rng.Intn(5) == 0 {
					tamper(t, rng, r, p)
				}
				if _, err := zsync.ImportFile(r.st, p, false); err != nil {
					t.Fatalf("import %s: %v", p, err)
				}
			}
			r.inbox = nil
		}
	}
	// Crash mid-import then resume equals a clean import: a prefix of a
	// package's batches applied, then the whole package again.
	crashResume(t, rng, reps, packages)

	// Full exchange until nothing new moves.
	for pass := 0; pass < 3; pass++ {
		var round []string
		for i, r := range reps {
			p, _, err := zsync.Export(r.st, "all", filepath.Join(root, fmt.Sprintf("final-%d-%d", pass, i)))
			if err != nil {
				t.Fatal(err)
			}
			round = append(round, p)
		}
		for _, r := range reps {
			rng.Shuffle(len(round), func(a, b int) { round[a], round[b] = round[b], round[a] })
			for _, p := range round {
				if _, err := zsync.ImportFile(r.st, p, false); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	checkInvariants(t, reps, packages)
}

// opID names an op by its site and sequence number.
type opID struct {
	site string
	seq  uint64
}

// history is the simulation's own record of causality: for every save, the
// version vector of the site that made it. It is independent of the
// store's replace lists, so conflicts can be checked against it.
type history struct {
	mu  gosync.Mutex
	ctx map[opID]map[string]uint64
	// logged holds every log entry a site wrote, by record: sync must
	// bring each to every site.
	logged map[string][]string
}

// log notes the log entries a save returned (the last one is its own).
func (h *history) log(id string, entries []caseflow.Entry) {
	if len(entries) == 0 {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.logged == nil {
		h.logged = map[string][]string{}
	}
	h.logged[id] = append(h.logged[id], entries[len(entries)-1].ID)
}

// saw is what the site held when it made op; an op not recorded (the
// center's first saves) knew only its own site's earlier ops.
func (h *history) saw(op opID) map[string]uint64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	if c, ok := h.ctx[op]; ok {
		return c
	}
	return map[string]uint64{op.site: op.seq - 1}
}

// before tells whether a happened before b.
func (h *history) before(a, b opID) bool { return a != b && h.saw(b)[a.site] >= a.seq }

// recordEdits notes the context of the ops r made since it held vv: no
// package arrives during an edit, so each saw vv and its own earlier ops.
func (h *history) recordEdits(r *replica, vv map[string]uint64) {
	me := r.st.Site().ID
	now := r.st.VersionVector()[me]
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.ctx == nil {
		h.ctx = map[opID]map[string]uint64{}
	}
	for seq := vv[me] + 1; seq <= now; seq++ {
		c := make(map[string]uint64, len(vv))
		for k, v := range vv {
			c[k] = v
		}
		c[me] = seq - 1
		h.ctx[opID{me, seq}] = c
	}
}

// edit makes a few random saves through the grid service, as users would.
func edit(t *testing.T, rng *rand.Rand, r *replica) {
	defer r.hist.recordEdits(r, r.st.VersionVector())
	grids := r.grid.ListGrids(grid.GridQuery{})
	for k := rng.Intn(5); k > 0; k-- {
		switch x := rng.Intn(10); {
		case x < 3 || len(grids) == 0:
			r.grid.SaveGrid(grid.Grid{Name: fmt.Sprint("网格", rng.Intn(1000)), Village: "530521103201", Level: "1", Type: "1"})
		case x < 7:
			d, err := r.grid.GetGrid(grids[rng.Intn(len(grids))].ID)
			if err != nil {
				continue
			}
			g := d.Grid
			switch rng.Intn(3) {
			case 0:
				g.Name = fmt.Sprint("改名", rng.Intn(100))
			case 1:
				g.Households = rng.Intn(300)
			default:
				g.Scope = fmt.Sprint("东至", rng.Intn(50), "号路")
			}
			r.grid.SaveGrid(g)
		case x < 8:
			id := grids[rng.Intn(len(grids))].ID
			if r.grid.DeleteGrid(id) == nil {
				if r.deleted == nil {
					r.deleted = map[string]bool{}
				}
				r.deleted[id] = true
			}
		default:
			s, err := r.grid.SaveStaff(grid.Staff{Name: fmt.Sprint("人员", rng.Intn(100)), Phone: fmt.Sprintf("138%08d", rng.Intn(1e8)), Role: "02"})
			if err == nil && len(grids) > 0 {
				r.grid.Assign(grid.AssignInput{Grid: grids[rng.Intn(len(grids))].ID, Staff: s.ID, Role: "01", Primary: true, Start: "2024-01-01"})
			}
		}
	}
	for k := rng.Intn(4); k > 0 && len(grids) > 0; k-- {
		caseEdit(rng, r, grids[rng.Intn(len(grids))].ID)
	}
}

// caseDay is the day every case step is dated: never in the future, never
// before the step it follows.
const caseDay = "2026-01-05"

// caseEdit registers or moves a rectification item or a dispute through
// the case-flow kernel, as a user would, a step the record's status (as
// this site sees it) allows; refused steps write nothing.
func caseEdit(rng *rand.Rand, r *replica, gridID string) {
	staff, _ := r.grid.ListStaff(grid.StaffQuery{})
	if rng.Intn(3) == 0 {
		if rng.Intn(2) == 0 {
			meetingEdit(rng, r)
		} else {
			volunteerEdit(rng, r)
		}
		return
	}
	if rng.Intn(2) == 0 {
		items, _ := r.ledger.List(ledger.Query{})
		if len(items.Lines) == 0 || rng.Intn(4) == 0 {
			it, err := r.ledger.Save(ledger.ItemInput{Source: "1", Category: "05", Place: fmt.Sprint("地点", rng.Intn(100)), Grid: gridID, Found: caseDay, Description: "隐患"})
			if err == nil {
				r.hist.log(it.ID, it.Steps)
			}
			return
		}
		line := items.Lines[rng.Intn(len(items.Lines))]
		if len(staff) < 3 {
			return
		}
		p := rng.Perm(len(staff))
		a, b, c := staff[p[0]].ID, staff[p[1]].ID, staff[p[2]].ID
		var it ledger.Item
		var err error
		switch line.Status {
		case ledger.StatusNew:
			var saved ledger.Saved
			saved, err = r.ledger.Assign(ledger.AssignInput{ID: line.ID, Date: caseDay, Dispatcher: a, Unit: "05", Responsible: b, Reviewer: c, Project: "整改", Measures: "清理", Deadline: "2026-02-05"})
			it = saved.Item
		case ledger.StatusAssigned:
			it, err = r.ledger.Act(ledger.ActInput{ID: line.ID, Action: ledger.ActAccept, Staff: b, Date: caseDay})
		case ledger.StatusHandling:
			if rng.Intn(2) == 0 {
				it, err = r.ledger.Act(ledger.ActInput{ID: line.ID, Action: ledger.ActFeedback, Staff: b, Date: caseDay, Note: fmt.Sprint("进展", rng.Intn(100))})
			} else {
				it, err = r.ledger.Act(ledger.ActInput{ID: line.ID, Action: ledger.ActSubmit, Staff: b, Date: caseDay, Done: "已整改"})
			}
		case ledger.StatusVerifying:
			it, err = r.ledger.Act(ledger.ActInput{ID: line.ID, Action: ledger.ActPass, Staff: c, Date: caseDay})
		default:
			return
		}
		if err == nil {
			r.hist.log(it.ID, it.Steps)
		}
		return
	}
	page := r.dispute.List(dispute.Query{})
	if len(page.Lines) == 0 || rng.Intn(4) == 0 {
		d, err := r.dispute.Save(dispute.Input{Name: fmt.Sprint("纠纷", rng.Intn(100)), Date: caseDay, Place: "村口", Grid: gridID, Category: "02",
			Parties: []dispute.Party{{Name: "甲", Role: "1"}}, Description: "经过"})
		if err == nil {
			r.hist.log(d.ID, d.Log)
		}
		return
	}
	line := page.Lines[rng.Intn(len(page.Lines))]
	var d dispute.Dispute
	var err error
	switch line.Status {
	case dispute.StatusRegistered:
		if rng.Intn(4) == 0 {
			d, err = r.dispute.Decline(dispute.DeclineInput{ID: line.ID, Date: caseDay, Reason: "不属受理范围"})
		} else {
			d, err = r.dispute.Accept(dispute.AcceptInput{ID: line.ID, Date: caseDay, Method: "1", MediatorName: "调解员"})
		}
	case dispute.StatusAccepted, dispute.StatusMediating:
		if line.Status == dispute.StatusMediating && rng.Intn(2) == 0 {
			d, err = r.dispute.Conclude(dispute.ResultInput{ID: line.ID, Date: caseDay, Result: dispute.ResultSuccess, Agreement: "2"})
		} else {
			var before dispute.Dispute
			if before, err = r.dispute.Get(line.ID); err == nil {
				d, err = r.dispute.AddRecord(dispute.EntryInput{Dispute: line.ID, Date: caseDay, Content: fmt.Sprint("调解", rng.Intn(100))})
				if err == nil && len(d.Log) == len(before.Log) {
					return // a second record logs no move
				}
			}
		}
	case dispute.StatusSucceeded, dispute.StatusFailed:
		d, err = r.dispute.FollowUp(dispute.VisitInput{ID: line.ID, Date: caseDay, ByName: "回访人", Satisfaction: "1"})
	case dispute.StatusVisited:
		d, err = r.dispute.Archive(dispute.ArchiveInput{ID: line.ID, Date: caseDay})
	default:
		return
	}
	if err == nil {
		r.hist.log(d.ID, d.Log)
	}
}

// tamper imports a damaged copy of p: it must be refused and change nothing.
func tamper(t *testing.T, rng *rand.Rand, r *replica, p string) {
	data, _ := os.ReadFile(p)
	bad := append([]byte(nil), data...)
	switch rng.Intn(3) {
	case 0:
		bad[rng.Intn(len(bad))] ^= byte(1 + rng.Intn(255))
	case 1:
		bad = bad[:rng.Intn(len(bad))]
	default:
		bad = append(bad, 0)
	}
	f := p + ".tampered"
	os.WriteFile(f, bad, 0o644)
	before, vv := state(t, r.st), r.st.VersionVector()
	if _, err := zsync.ImportFile(r.st, f, false); err == nil && !bytes.Equal(bad, data) {
		t.Fatalf("tampered package %s accepted", f)
	}
	if state(t, r.st) != before || !reflect.DeepEqual(vv, r.st.VersionVector()) {
		t.Fatal("a refused package changed the store")
	}
}

func crashResume(t *testing.T, rng *rand.Rand, reps []*replica, packages []string) {
	if len(packages) == 0 {
		return
	}
	r := reps[rng.Intn(len(reps))]
	p := packages[rng.Intn(len(packages))]
	// Two copies of the replica's folder: one imports cleanly, the other
	// applies a prefix first (a crash after some batches), then resumes.
	clean, crashed := t.TempDir(), t.TempDir()
	r.st.Close()
	copyDir(t, r.dir, clean)
	copyDir(t, r.dir, crashed)
	deleted, hist := r.deleted, r.hist
	*r = *openReplica(t, r.dir, 0)
	r.deleted, r.hist = deleted, hist
	a, b := openReplica(t, clean, 0), openReplica(t, crashed, 0)
	if _, err := zsync.ImportFile(a.st, p, false); err != nil {
		t.Fatal(err)
	}
	ops := packageOps(t, a.st, p)
	if len(ops) > 1 {
		if _, err := b.st.Import(ops[:rng.Intn(len(ops))], nil); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := zsync.ImportFile(b.st, p, false); err != nil {
		t.Fatal(err)
	}
	if state(t, a.st) != state(t, b.st) || !reflect.DeepEqual(a.st.VersionVector(), b.st.VersionVector()) {
		t.Fatal("crash + resume differs from a clean import")
	}
}

func copyDir(t *testing.T, from, to string) {
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		copyFile(t, filepath.Join(from, e.Name()), filepath.Join(to, e.Name()))
	}
}

// packageOps reads a package's ops through the exported API of a store
// that imported it: every op it holds from sites other than a's own.
func packageOps(t *testing.T, st *store.Store, p string) []record.Op {
	var out []record.Op
	vv := st.VersionVector()
	sites := make([]string, 0, len(vv))
	for s := range vv {
		sites = append(sites, s)
	}
	sort.Strings(sites)
	for _, s := range sites {
		if s == st.Site().ID {
			continue
		}
		ops, err := st.Ops(s, 0, vv[s])
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, ops...)
	}
	return out
}

func checkInvariants(t *testing.T, reps []*replica, packages []string) {
	want := state(t, reps[0].st)
	vv := reps[0].st.VersionVector()
	for i, r := range reps {
		if got := state(t, r.st); got != want {
			t.Fatalf("replica %d did not converge", i)
		}
		if !reflect.DeepEqual(r.st.VersionVector(), vv) {
			t.Fatalf("replica %d holds %v, replica 0 %v", i, r.st.VersionVector(), vv)
		}
		if err := r.st.Verify(); err != nil {
			t.Fatalf("replica %d: %v", i, err)
		}
		// Idempotence: every package again changes nothing.
		for _, p := range packages {
			rep, err := zsync.ImportFile(r.st, p, false)
			if err != nil || rep.Store.Applied != 0 || rep.Store.Waiting != 0 {
				t.Fatalf("replica %d re-import %s: %+v %v", i, p, rep.Store, err)
			}
		}
		if state(t, r.st) != want {
			t.Fatalf("replica %d changed on re-import", i)
		}
	}
	// Deletes are never undone by a stale package.
	for _, r := range reps {
		for id := range r.deleted {
			rec, err := reps[0].st.Get(grid.KindGrid, id)
			if err != nil || !rec.Deleted() {
				t.Fatalf("grid %s deleted at one site is back: %v", id, err)
			}
		}
	}
	checkCases(t, reps)
	// Version vectors are derived from the log: a reopen gives the same.
	r0 := reps[0]
	r0.st.Close()
	hist := r0.hist
	*r0 = *openReplica(t, r0.dir, 0)
	r0.hist = hist
	if !reflect.DeepEqual(r0.st.VersionVector(), vv) {
		t.Fatalf("version vector after reopen %v, before %v", r0.st.VersionVector(), vv)
	}
	// No saved write lost: each is a candidate or was replaced by name.
	st := reps[0].st
	replaced := map[record.Version]bool{}
	var writes []struct {
		w record.Write
		v record.Version
	}
	for site, seq := range vv {
		ops, _ := st.Ops(site, 0, seq)
		for _, op := range ops {
			for _, w := range op.Writes {
				for _, r := range w.Replaces {
					replaced[r] = true
				}
				writes = append(writes, struct {
					w record.Write
					v record.Version
				}{w, op.Version()})
			}
		}
	}
	conflicted := 0
	for _, kind := range []string{grid.KindGrid, grid.KindStaff, grid.KindAssignment} {
		recs, _ := st.Records(kind)
		for _, r := range recs {
			conflicted += len(r.Conflicts())
		}
	}
	t.Logf("%d sites, %d writes, %d packages, %d conflicting fields", len(reps), len(writes), len(packages), conflicted)
	checkConflictsAreTheConcurrentWrites(t, st, hist, vv)
	for _, x := range writes {
		if replaced[x.v] {
			continue
		}
		rec, err := st.Get(x.w.Kind, x.w.ID)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, c := range rec.Candidates(x.w.Field) {
			found = found || c.Ver == x.v
		}
		if !found {
			t.Fatalf("write %s/%s.%s by %v lost", x.w.Kind, x.w.ID, x.w.Field, x.v)
		}
	}
}

// volunteerEdit plans, holds, records hours for, approves or corrects a
// volunteer activity, as a team's secretary would.
func volunteerEdit(rng *rand.Rand, r *replica) {
	teams := r.vol.Teams()
	vols := r.vol.Volunteers(volunteer.VolunteerQuery{})
	if len(teams) == 0 || len(vols) == 0 {
		return
	}
	page := r.vol.Activities(volunteer.ActivityQuery{})
	if len(page.Lines) == 0 || rng.Intn(5) == 0 {
		a, err := r.vol.Plan(volunteer.ActivityInput{Teams: []string{teams[0].ID}, Title: fmt.Sprint("巡逻", rng.Intn(100)), Type: "01", Date: caseDay,
			Start: "08:00", End: "12:00", OrganizerName: "组织者"})
		if err == nil {
			r.hist.log(a.ID, a.Log)
		}
		return
	}
	line := page.Lines[rng.Intn(len(page.Lines))]
	v := vols[rng.Intn(len(vols))]
	var a volunteer.Activity
	var err error
	logged := true
	switch line.Status {
	case volunteer.StatusPlanned:
		a, err = r.vol.Hold(volunteer.HoldInput{ID: line.ID, RecorderName: "记录人"})
	case volunteer.StatusHeld:
		if rng.Intn(3) > 0 {
			_, err = r.vol.SetHours(volunteer.HoursInput{Activity: line.ID, Volunteer: v.ID, Hours: float64(1 + rng.Intn(4))})
			logged = false
		} else {
			a, err = r.vol.Approve(volunteer.ApproveInput{ID: line.ID, ApproverName: "审核人", Date: caseDay})
		}
	case volunteer.StatusApproved:
		a, err = r.vol.Correct(volunteer.CorrectInput{Activity: line.ID, Volunteer: v.ID, Hours: float64(rng.Intn(4)) + 0.5, Reason: "更正"})
	default:
		return
	}
	if err == nil && logged {
		r.hist.log(a.ID, a.Log)
	}
}

// meetingEdit holds, marks, extends, signs, corrects or archives a
// meeting, as a secretary would, a step its status (as this site sees
// it) allows.
func meetingEdit(rng *rand.Rand, r *replica) {
	page := r.meeting.List(meeting.Query{})
	bodies := r.meeting.Bodies()
	if len(bodies) == 0 {
		return
	}
	if len(page.Lines) == 0 || rng.Intn(5) == 0 {
		m, err := r.meeting.Create(meeting.Header{Body: bodies[0].ID, Title: fmt.Sprint("联席会议", rng.Intn(100)), Date: caseDay, HostName: "主持人", RecorderName: "记录人"})
		if err == nil {
			r.hist.log(m.ID, m.Log)
		}
		return
	}
	line := page.Lines[rng.Intn(len(page.Lines))]
	var m meeting.Meeting
	var err error
	switch line.Status {
	case meeting.StatusDraft:
		switch rng.Intn(5) {
		case 0:
			_, err = r.meeting.SetAttendance(meeting.AttendanceInput{Meeting: line.ID, Key: []string{"m1", "m2", "m3"}[rng.Intn(3)],
				Role: []string{meeting.RolePresent, meeting.RoleAbsent}[rng.Intn(2)]})
		case 1:
			_, err = r.meeting.SaveItem(meeting.ItemInput{Meeting: line.ID, Topic: fmt.Sprint("议题", rng.Intn(100))})
		case 2:
			_, err = r.meeting.SaveDecision(meeting.DecisionInput{Meeting: line.ID, Text: fmt.Sprint("议定", rng.Intn(100)), Unit: "05"})
		default:
			if m, err = r.meeting.Sign(meeting.SignInput{ID: line.ID, Date: caseDay}); err == nil {
				r.hist.log(m.ID, m.Log)
			}
		}
	case meeting.StatusSigned:
		if rng.Intn(2) == 0 {
			m, err = r.meeting.Archive(meeting.ArchiveInput{ID: line.ID, Date: caseDay})
		} else {
			m, err = r.meeting.Revise(meeting.ReviseInput{ID: line.ID, Reason: "更正"})
		}
		if err == nil {
			r.hist.log(m.ID, m.Log)
		}
	}
}

// checkCases: every log entry any site wrote reached every site; every
// status is a state its flow declares and one a logged move led to; no
// two records share a number unless two sites drew the same site code.
func checkCases(t *testing.T, reps []*replica) {
	h := reps[0].hist
	codes := map[string]bool{}
	sameCode := false
	for _, r := range reps {
		code := caseflow.SiteCode(r.st.Site())
		sameCode = sameCode || codes[code]
		codes[code] = true
	}
	items, disputes, meetings := 0, 0, 0
	for _, r := range reps {
		for id, want := range h.logged {
			var log []caseflow.Entry
			var status string
			var flow *caseflow.Flow
			if it, err := r.ledger.Get(id); err == nil {
				log, status, flow = it.Steps, it.Status, ledger.Flow
				items++
			} else if d, err := r.dispute.Get(id); err == nil {
				log, status, flow = d.Log, d.Status, dispute.Flow
				disputes++
			} else if a, err := r.vol.GetActivity(id); err == nil {
				log, status, flow = a.Log, a.Status, volunteer.Flow
				seen := map[string]bool{}
				for _, h := range a.Hours {
					if seen[h.Volunteer] {
						t.Fatalf("activity %s counts %s twice", id, h.Name)
					}
					seen[h.Volunteer] = true
				}
			} else if m, err := r.meeting.Get(id); err == nil {
				log, status, flow = m.Log, m.Status, meeting.Flow
				meetings++
				for _, d := range m.Decisions {
					if it, err := r.ledger.Get(d.Ledger); d.Ledger != "" && (err != nil || it.FollowUp != "meeting/"+m.ID) {
						t.Fatalf("decision %s of %s is tracked as %s, which is missing or not linked back: %v", d.ID, id, d.Ledger, err)
					}
				}
			} else {
				t.Fatalf("record %s with a log is missing at %s", id, r.st.Site().Name)
			}
			have := map[string]bool{}
			led := map[string]bool{}
			for _, e := range log {
				have[e.ID] = true
				led[e.To] = true
			}
			for _, e := range want {
				if !have[e] {
					t.Fatalf("log entry %s of %s lost at %s", e, id, r.st.Site().Name)
				}
			}
			if flow.State(status).Code == "" || !led[status] {
				t.Fatalf("%s is in status %q, which no logged move led to (%v)", id, status, log)
			}
		}
		if c := caseflow.Clashes(r.st, []caseflow.Numbered{{Kind: ledger.KindItem, What: "整改事项"}, {Kind: dispute.Kind, What: "矛盾纠纷"},
			{Kind: meeting.Kind, What: "会议"}, {Kind: volunteer.KindActivity, What: "志愿服务活动"}}); len(c) > 0 && !sameCode {
			t.Fatalf("numbers issued twice by sites with different codes: %+v", c)
		}
	}
	t.Logf("%d items, %d disputes and %d meetings checked at every site", items/len(reps), disputes/len(reps), meetings/len(reps))
}

func resetSyncKey(t *testing.T, r *replica) {
	if err := zsync.ResetSigningKey(r.st); err != nil {
		t.Fatal(err)
	}
}

// checkConflictsAreTheConcurrentWrites: a field is in conflict exactly when
// the writes to it that no other write to it happened after (by the
// simulation's own causal history) hold more than one value; a deleted
// record is a delete-vs-edit conflict exactly when a surviving edit of
// another field did not happen before any surviving delete write.
func checkConflictsAreTheConcurrentWrites(t *testing.T, st *store.Store, h *history, vv map[string]uint64) {
	type fieldKey struct{ kind, id, field string }
	type fwrite struct {
		op    opID
		value string
	}
	byField := map[fieldKey][]fwrite{}
	for site, seq := range vv {
		ops, err := st.Ops(site, 0, seq)
		if err != nil {
			t.Fatal(err)
		}
		for _, op := range ops {
			for _, w := range op.Writes {
				k := fieldKey{w.Kind, w.ID, w.Field}
				byField[k] = append(byField[k], fwrite{opID{op.Site, op.Seq}, string(w.Value)})
			}
		}
	}
	// The surviving writes of each field: none of the field's other writes
	// happened after them.
	survivors := map[fieldKey][]fwrite{}
	for k, ws := range byField {
		for _, a := range ws {
			later := false
			for _, b := range ws {
				later = later || h.before(a.op, b.op)
			}
			if !later {
				survivors[k] = append(survivors[k], a)
			}
		}
	}
	want := map[string][]string{} // kind/id → conflicting fields
	records := map[string]bool{}
	for k, ws := range survivors {
		records[k.kind+"/"+k.id] = true
		values := map[string]bool{}
		for _, w := range ws {
			values[w.value] = true
		}
		if len(values) > 1 {
			want[k.kind+"/"+k.id] = append(want[k.kind+"/"+k.id], k.field)
		}
	}
	for k, dels := range survivors {
		if k.field != record.DeletedField {
			continue
		}
		rec, err := st.Get(k.kind, k.id)
		if err != nil {
			t.Fatal(err)
		}
		if !rec.Deleted() || contains(want[k.kind+"/"+k.id], record.DeletedField) {
			continue
		}
		for other, edits := range survivors {
			if other.kind != k.kind || other.id != k.id || other.field == record.DeletedField {
				continue
			}
			for _, e := range edits {
				seen := false
				for _, d := range dels {
					seen = seen || h.before(e.op, d.op) || e.op == d.op
				}
				if !seen && !contains(want[k.kind+"/"+k.id], record.DeletedField) {
					want[k.kind+"/"+k.id] = append(want[k.kind+"/"+k.id], record.DeletedField)
				}
			}
		}
	}
	for key := range records {
		var kind, id string
		fmt.Sscanf(key, "%s", &kind)
		for i := range key {
			if key[i] == '/' {
				kind, id = key[:i], key[i+1:]
				break
			}
		}
		rec, err := st.Get(kind, id)
		if err != nil {
			t.Fatal(err)
		}
		got := rec.Conflicts()
		exp := append([]string(nil), want[key]...)
		sort.Strings(exp)
		if fmt.Sprint(got) != fmt.Sprint(exp) {
			t.Fatalf("%s: store reports conflicts %v, the causal history says %v", key, got, exp)
		}
	}
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
