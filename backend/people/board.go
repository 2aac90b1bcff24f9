package people

import (
	"sort"
	"strings"
	"sync"

	"zongzhi/backend/cadence"
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
}

type entry struct {
	id, person, name, grid, category, level, status, enrolled string
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

// Overdue answers the board for a query.
func (s *Service) Overdue(q BoardQuery) Board {
	b := &s.board
	b.mu.Lock()
	defer b.mu.Unlock()
	b.refresh()
	if q.Limit <= 0 {
		q.Limit = 300
	}
	out := Board{Today: b.day, Overdue: []BoardLine{}, DueThisWeek: []BoardLine{}, Checks: []BoardLine{}, ByStaff: []StaffLoad{}}
	var overdue, week, checks []*entry
	load := map[string]*StaffLoad{}
	for _, e := range b.entries {
		if (q.Grid != "" && e.grid != q.Grid) || (q.Category != "" && e.category != q.Category) {
			continue
		}
		if q.Staff != "" && !containsString(e.responsible, q.Staff) {
			continue
		}
		if q.Village != "" && !s.inVillage(e.grid, q.Village) {
			continue
		}
		out.Active++
		late, soon := e.due.OverdueDays > 0, e.due.DueThisWeek
		if late {
			overdue = append(overdue, e)
		} else if soon {
			week = append(week, e)
		}
		if len(e.checks) > 0 {
			checks = append(checks, e)
		}
		if late || soon {
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
	sort.Slice(overdue, func(i, j int) bool {
		if overdue[i].due.OverdueDays != overdue[j].due.OverdueDays {
			return overdue[i].due.OverdueDays > overdue[j].due.OverdueDays
		}
		return overdue[i].id < overdue[j].id
	})
	sort.Slice(week, func(i, j int) bool {
		return week[i].due.Next < week[j].due.Next || (week[i].due.Next == week[j].due.Next && week[i].id < week[j].id)
	})
	sort.Slice(checks, func(i, j int) bool { return checks[i].id < checks[j].id })
	out.Counts.Overdue, out.Counts.DueThisWeek, out.Counts.Checks = len(overdue), len(week), len(checks)
	out.Overdue = s.lines(overdue, q.Limit)
	out.DueThisWeek = s.lines(week, q.Limit)
	out.Checks = s.lines(checks, q.Limit)
	for _, l := range load {
		l.Name = s.name(l.Staff)
		out.ByStaff = append(out.ByStaff, *l)
	}
	sort.Slice(out.ByStaff, func(i, j int) bool {
		a, c := out.ByStaff[i], out.ByStaff[j]
		if a.Overdue != c.Overdue {
			return a.Overdue > c.Overdue
		}
		return a.Staff < c.Staff
	})
	return out
}

func (s *Service) lines(es []*entry, limit int) []BoardLine {
	out := make([]BoardLine, 0, min(len(es), limit))
	for _, e := range es[:min(len(es), limit)] {
		l := BoardLine{Enrollment: e.id, Person: e.person, Name: e.name, Grid: e.grid, GridName: s.name(e.grid),
			Category: e.category, CategoryName: s.Dict.Label(TableCategories, e.category), Status: e.status,
			Last: e.last, Next: e.due.Next, OverdueDays: e.due.OverdueDays, Reason: e.due.Reason, Responsible: []string{}}
		for _, st := range e.responsible {
			l.Responsible = append(l.Responsible, s.name(st))
		}
		for _, p := range e.checks {
			l.Checks = append(l.Checks, p.Name)
		}
		out = append(out, l)
	}
	return out
}

func (s *Service) name(id string) string {
	if r, ok := s.Store.Row(id); ok {
		return r.Name
	}
	return ""
}

func (s *Service) inVillage(gridID, village string) bool {
	r, ok := s.Store.Row(gridID)
	return ok && r.Parent == village
}

func containsString(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
