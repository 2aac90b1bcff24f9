package people

import (
	"sort"
	"strings"
	"sync"

	"zongzhi/backend/cadence"
	"zongzhi/backend/grid"
	"zongzhi/backend/store"
)

// The overdue board (无人脱管、无人漏管) is the most used screen: who must
// be visited, by whom, and how late. Each active enrollment's due date is
// kept in memory and recomputed only when its enrollment or one of its
// visits changes (the store's Watch tells, for local saves and sync
// imports alike) or when the day changes, so a county's board answers
// in milliseconds.
type board struct {
	mu      sync.Mutex
	s       *Service
	built   bool
	day     string
	year    int
	periods []cadence.Period
	entries map[string]*entry // active enrollments
	dirty   map[string]bool   // enrollment ids to recompute
	retable bool              // the cadence rules changed: recompute every due date
	stale   bool              // grids or staff changed: names and villages in the view
	view    *boardView
}

type entry struct {
	id, person, name, grid, category, level, status, enrolled string
	village                                                   string // the grid's, set by derive
	responsible                                               []string
	last                                                      string   // last actual visit
	thisYear                                                  []string // actual visit dates in the current year
	due                                                       cadence.Due
	checks                                                    []cadence.Period
}

func (b *board) init(s *Service) {
	b.s = s
	b.dirty = map[string]bool{}
}

// changed runs inside every commit: note what to recompute, nothing more.
func (b *board) changed(list []store.Changed) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.built {
		for _, c := range list {
			if c.Kind == KindCadenceRule {
				b.s.dropRules()
			}
		}
		return
	}
	for _, c := range list {
		switch c.Kind {
		case KindCadenceRule:
			b.s.dropRules()
			b.retable = true
		case grid.KindGrid, grid.KindStaff:
			b.stale = true
		case KindEnrollment:
			b.dirty[c.ID] = true
		case KindVisit:
			if r, ok := b.s.Store.Row(c.ID); ok {
				b.dirty[r.Parent] = true
			}
		}
	}
}

// refresh brings the entries up to date; caller holds b.mu.
func (b *board) refresh() {
	today := b.s.Now()
	day := today.Format(dateLayout)
	all := false
	if b.built && b.day[:4] != day[:4] {
		b.built = false // a new year: this year's visit counts start over
	}
	if !b.built {
		b.build(day)
		all = true
	} else if b.day != day || b.retable {
		all = true // due dates move with the day and with the rules
	}
	b.retable = false
	changed := all || len(b.dirty) > 0 || b.stale || b.view == nil
	b.stale = false
	if b.day != day {
		b.day, b.year = day, today.Year()
		b.periods = cadence.HolidayChecks(b.year)
	}
	table := b.s.cadenceTable()
	compute := func(e *entry) {
		e.due = cadence.NextDue(table.For(e.category, e.level), e.enrolled, e.last, len(e.thisYear), today)
		e.checks = cadence.PendingChecks(b.periods, e.category, e.thisYear, today)
	}
	for id := range b.dirty {
		delete(b.entries, id)
		r, ok := b.s.Store.Row(id)
		if !ok || !Active(r.Status) {
			continue
		}
		e := newEntry(r)
		for _, v := range b.s.Store.Rows(store.IndexParent, KindVisit, id) {
			e.add(v, day)
		}
		b.entries[id] = e
		if !all {
			compute(e)
		}
	}
	clear(b.dirty)
	if all {
		for _, e := range b.entries {
			compute(e)
		}
	}
	if changed {
		b.derive()
	}
}

// build reads every active enrollment and every visit from the indexes.
func (b *board) build(day string) {
	b.entries = map[string]*entry{}
	for _, r := range b.s.Store.Rows(store.IndexKind, KindEnrollment) {
		if Active(r.Status) {
			b.entries[r.ID] = newEntry(r)
		}
	}
	for _, v := range b.s.Store.Rows(store.IndexKind, KindVisit) {
		if e, ok := b.entries[v.Parent]; ok {
			e.add(v, day)
		}
	}
	b.built = true
	clear(b.dirty)
}

// add counts one visit row of the entry.
func (e *entry) add(v *store.Row, day string) {
	if v.Status != visitDone {
		return
	}
	if v.Start > e.last {
		e.last = v.Start
	}
	if len(v.Start) >= 4 && v.Start[:4] == day[:4] {
		e.thisYear = append(e.thisYear, v.Start)
	}
}

func newEntry(r *store.Row) *entry {
	e := &entry{id: r.ID, person: r.Parent, name: r.Name, grid: r.Grid, category: r.Category, level: r.Code,
		status: r.Status, enrolled: r.Start}
	if r.Tag != "" {
		e.responsible = strings.Split(r.Tag, ",")
	}
	return e
}

// BoardQuery filters the board; empty fields match everything.
type BoardQuery struct {
	Staff    string `json:"staff,omitempty"` // 包保责任人
	Village  string `json:"village,omitempty"`
	Grid     string `json:"grid,omitempty"`
	Category string `json:"category,omitempty"`
	Limit    int    `json:"limit,omitempty"` // lines per list (default 300); counts are always complete
}

// BoardLine is one person to visit.
type BoardLine struct {
	Enrollment   string   `json:"enrollment"`
	Person       string   `json:"person"`
	Name         string   `json:"name"`
	Grid         string   `json:"grid"`
	GridName     string   `json:"gridName"`
	Category     string   `json:"category"`
	CategoryName string   `json:"categoryName"`
	Status       string   `json:"status"`
	Responsible  []string `json:"responsible"` // names
	Last         string   `json:"last"`
	Next         string   `json:"next"`
	OverdueDays  int      `json:"overdueDays"`
	Reason       string   `json:"reason"`
	Checks       []string `json:"checks,omitempty"` // holiday periods still to check
}

// StaffLoad is one responsible person's share.
type StaffLoad struct {
	Staff       string `json:"staff"`
	Name        string `json:"name"`
	Overdue     int    `json:"overdue"`
	DueThisWeek int    `json:"dueThisWeek"`
}

// Board is the overdue board.
type Board struct {
	Today       string      `json:"today"`
	Active      int         `json:"active"`
	Overdue     []BoardLine `json:"overdue"` // most overdue first
	DueThisWeek []BoardLine `json:"dueThisWeek"`
	Checks      []BoardLine `json:"checks"` // 节假日必查 not yet done
	Counts      struct {
		Overdue     int `json:"overdue"`
		DueThisWeek int `json:"dueThisWeek"`
		Checks      int `json:"checks"`
	} `json:"counts"`
	ByStaff []StaffLoad `json:"byStaff"` // most overdue first
}

// boardView is what queries read: the entries sorted and bucketed once
// per change, so a query touches only the entries its filter selects
// (a county has ~30,000 active enrollments; a query must answer in a
// few milliseconds).
type boardView struct {
	overdue, week, checks []*entry // every active enrollment's, sorted
	byGrid                map[string][]*entry
	byStaff               map[string][]*entry
	byVillage             map[string][]*entry
	byCategory            map[string][]*entry
	load                  []StaffLoad // unfiltered, sorted
	names                 map[string]string
	// Per category (the commonest filter, and the widest), ready to serve.
	categories map[string]*categoryView
}

type categoryView struct {
	overdue, week, checks []*entry
	load                  []StaffLoad
}

// smallBucket: a filtered query's bucket below this size is classified
// and sorted; above it, the sorted lists are filtered instead.
var smallBucket = 2048

func lessOverdue(a, b *entry) bool {
	if a.due.OverdueDays != b.due.OverdueDays {
		return a.due.OverdueDays > b.due.OverdueDays
	}
	return a.id < b.id
}

func lessDue(a, b *entry) bool {
	return a.due.Next < b.due.Next || (a.due.Next == b.due.Next && a.id < b.id)
}

func lessID(a, b *entry) bool { return a.id < b.id }

// derive rebuilds the view from the entries; caller holds b.mu.
func (b *board) derive() {
	v := &boardView{byGrid: map[string][]*entry{}, byStaff: map[string][]*entry{}, byVillage: map[string][]*entry{},
		byCategory: map[string][]*entry{}, names: map[string]string{}}
	villageOf := map[string]string{}
	for _, e := range b.entries {
		v.byGrid[e.grid] = append(v.byGrid[e.grid], e)
		v.byCategory[e.category] = append(v.byCategory[e.category], e)
		for _, st := range e.responsible {
			v.byStaff[st] = append(v.byStaff[st], e)
		}
		vil, ok := villageOf[e.grid]
		if !ok {
			if r, found := b.s.Store.Row(e.grid); found {
				vil = r.Parent
			}
			villageOf[e.grid] = vil
		}
		e.village = vil
		v.byVillage[vil] = append(v.byVillage[vil], e)
		if e.due.OverdueDays > 0 {
			v.overdue = append(v.overdue, e)
		} else if e.due.DueThisWeek {
			v.week = append(v.week, e)
		}
		if len(e.checks) > 0 {
			v.checks = append(v.checks, e)
		}
	}
	sortEntries(v.overdue, lessOverdue)
	sortEntries(v.week, lessDue)
	sortEntries(v.checks, lessID)
	v.load = b.s.loads(v, v.overdue, v.week)
	v.categories = map[string]*categoryView{}
	cat := func(c string) *categoryView {
		if v.categories[c] == nil {
			v.categories[c] = &categoryView{}
		}
		return v.categories[c]
	}
	for _, e := range v.overdue {
		cat(e.category).overdue = append(cat(e.category).overdue, e)
	}
	for _, e := range v.week {
		cat(e.category).week = append(cat(e.category).week, e)
	}
	for _, e := range v.checks {
		cat(e.category).checks = append(cat(e.category).checks, e)
	}
	for _, c := range v.categories {
		c.load = b.s.loads(v, c.overdue, c.week)
	}
	b.view = v
}

func sortEntries(es []*entry, less func(a, b *entry) bool) {
	sort.Slice(es, func(i, j int) bool { return less(es[i], es[j]) })
}

// Overdue answers the board for a query.
func (s *Service) Overdue(q BoardQuery) Board {
	b := &s.board
	b.mu.Lock()
	defer b.mu.Unlock()
	b.refresh()
	v := b.view
	if q.Limit <= 0 {
		q.Limit = 300
	}
	out := Board{Today: b.day}
	var overdue, week, checks []*entry
	if q.Grid == "" && q.Staff == "" && q.Village == "" && q.Category == "" {
		out.Active = len(b.entries)
		overdue, week, checks = v.overdue, v.week, v.checks
		out.ByStaff = append([]StaffLoad{}, v.load...)
	} else if q.Grid == "" && q.Staff == "" && q.Village == "" {
		out.Active = len(v.byCategory[q.Category])
		out.ByStaff = []StaffLoad{}
		if c := v.categories[q.Category]; c != nil {
			overdue, week, checks = c.overdue, c.week, c.checks
			out.ByStaff = append(out.ByStaff, c.load...)
		}
	} else {
		// The narrowest bucket the query names gives the active count;
		// the lists come from the bucket when it is small, else from the
		// sorted lists, filtered (their order holds: no sort).
		var bucket []*entry
		switch {
		case q.Grid != "":
			bucket = v.byGrid[q.Grid]
		case q.Staff != "":
			bucket = v.byStaff[q.Staff]
		case q.Village != "":
			bucket = v.byVillage[q.Village]
		default:
			bucket = v.byCategory[q.Category]
		}
		match := func(e *entry) bool {
			return (q.Grid == "" || e.grid == q.Grid) && (q.Category == "" || e.category == q.Category) &&
				(q.Staff == "" || containsString(e.responsible, q.Staff)) && (q.Village == "" || e.village == q.Village)
		}
		if len(bucket) < smallBucket {
			for _, e := range bucket {
				if !match(e) {
					continue
				}
				out.Active++
				if e.due.OverdueDays > 0 {
					overdue = append(overdue, e)
				} else if e.due.DueThisWeek {
					week = append(week, e)
				}
				if len(e.checks) > 0 {
					checks = append(checks, e)
				}
			}
			sortEntries(overdue, lessOverdue)
			sortEntries(week, lessDue)
			sortEntries(checks, lessID)
		} else {
			for _, e := range bucket {
				if match(e) {
					out.Active++
				}
			}
			pick := func(es []*entry) (out []*entry) {
				for _, e := range es {
					if match(e) {
						out = append(out, e)
					}
				}
				return out
			}
			overdue, week, checks = pick(v.overdue), pick(v.week), pick(v.checks)
		}
		out.ByStaff = s.loads(v, overdue, week)
	}
	out.Counts.Overdue, out.Counts.DueThisWeek, out.Counts.Checks = len(overdue), len(week), len(checks)
	out.Overdue = s.lines(v, overdue, q.Limit)
	out.DueThisWeek = s.lines(v, week, q.Limit)
	out.Checks = s.lines(v, checks, q.Limit)
	return out
}

// loads counts each responsible person's overdue and due-this-week.
func (s *Service) loads(v *boardView, overdue, week []*entry) []StaffLoad {
	load := map[string]*StaffLoad{}
	count := func(es []*entry, late bool) {
		for _, e := range es {
			for _, st := range e.responsible {
				l := load[st]
				if l == nil {
					l = &StaffLoad{Staff: st}
					load[st] = l
				}
				if late {
					l.Overdue++
				} else {
					l.DueThisWeek++
				}
			}
		}
	}
	count(overdue, true)
	count(week, false)
	out := make([]StaffLoad, 0, len(load))
	for _, l := range load {
		l.Name = s.cachedName(v, l.Staff)
		out = append(out, *l)
	}
	sort.Slice(out, func(i, j int) bool {
		a, c := out[i], out[j]
		if a.Overdue != c.Overdue {
			return a.Overdue > c.Overdue
		}
		return a.Staff < c.Staff
	})
	return out
}

func (s *Service) lines(v *boardView, es []*entry, limit int) []BoardLine {
	out := make([]BoardLine, 0, min(len(es), limit))
	for _, e := range es[:min(len(es), limit)] {
		l := BoardLine{Enrollment: e.id, Person: e.person, Name: e.name, Grid: e.grid, GridName: s.cachedName(v, e.grid),
			Category: e.category, CategoryName: s.Dict.Label(TableCategories, e.category), Status: e.status,
			Last: e.last, Next: e.due.Next, OverdueDays: e.due.OverdueDays, Reason: e.due.Reason, Responsible: []string{}}
		for _, st := range e.responsible {
			l.Responsible = append(l.Responsible, s.cachedName(v, st))
		}
		for _, p := range e.checks {
			l.Checks = append(l.Checks, p.Name)
		}
		out = append(out, l)
	}
	return out
}

// cachedName is a grid's or staff member's name; the view's cache is
// dropped whenever a grid or staff record changes. Caller holds b.mu.
func (s *Service) cachedName(v *boardView, id string) string {
	if n, ok := v.names[id]; ok {
		return n
	}
	n := ""
	if r, ok := s.Store.Row(id); ok {
		n = r.Name
	}
	v.names[id] = n
	return n
}

func containsString(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
