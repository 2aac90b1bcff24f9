package ledger

import (
	"sort"
	"strings"
	"sync"

	"zongzhi/backend/grid"
	"zongzhi/backend/record"
	"zongzhi/backend/store"
)

// Indexer maps an item to its index row:
//
//	Code=number Grid Status Category Ref=responsible unit Name=place
//	Start=found End=deadline Tag=closed Search=number, place, project
//	Show=description (cut), responsible, project, level, source
func Indexer(r *record.Record) (store.Row, error) {
	var it itemFields // the log is not needed here: skip decoding it
	err := r.Decode(&it)
	desc := []rune(it.Description)
	if len(desc) > showDescription {
		desc = append(desc[:showDescription-1], '…')
	}
	return store.Row{Code: it.Number, Grid: it.Grid, Status: it.Status, Category: it.Category, Ref: it.Unit, Name: it.Place,
		Start: it.Found, End: it.Deadline, Tag: it.Closed,
		Search: strings.ToLower(it.Number + " " + it.Place + " " + it.Project),
		Show:   []string{string(desc), it.ResponsibleName, it.Project, it.Level, it.Source}}, err
}

// showDescription is how much of the description the list keeps.
const showDescription = 60

// The Show values, by position.
const (
	showDesc = iota
	showResponsible
	showProject
	showLevel
	showSource
)

// The ledger list is filtered by status, unit and period on every
// keystroke, over up to a county's half million items. The view keeps
// the items in lists sorted newest first, one per status, per unit and
// per status and unit, so a query takes the one list that already
// matches two filters and finds the period by binary search.
type view struct {
	mu      sync.Mutex
	s       *Service
	built   bool
	entries map[string]*entry
	lists   map[string][]*entry
	dirty   map[string]bool
}

type entry struct {
	id, number, status, unit, grid, category string
	found, deadline, closed, search, place   string
	show                                     []string
}

// less orders newest first: by found date, then number.
func (a *entry) less(b *entry) bool {
	if a.found != b.found {
		return a.found > b.found
	}
	if a.number != b.number {
		return a.number > b.number
	}
	return a.id > b.id
}

const openStatus = "open" // the four statuses still in the loop

// keys are the lists an entry belongs to.
func (e *entry) keys() []string {
	ks := []string{"", "s" + e.status, "u" + e.unit, "s" + e.status + "u" + e.unit}
	if Open(e.status) {
		ks = append(ks, "s"+openStatus, "s"+openStatus+"u"+e.unit)
	}
	return ks
}

func listKey(status, unit string) string {
	k := ""
	if status != "" {
		k += "s" + status
	}
	if unit != "" {
		k += "u" + unit
	}
	return k
}

func (v *view) init(s *Service) {
	v.s = s
	v.dirty = map[string]bool{}
}

// changed runs inside every commit: note the items to refresh.
func (v *view) changed(cs []store.Changed) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if !v.built {
		return
	}
	for _, c := range cs {
		if c.Kind == KindItem {
			v.dirty[c.ID] = true
		}
	}
}

func entryOf(r *store.Row) *entry {
	return &entry{id: r.ID, number: r.Code, status: r.Status, unit: r.Ref, grid: r.Grid, category: r.Category,
		found: r.Start, deadline: r.End, closed: r.Tag, search: r.Search, place: r.Name, show: r.Show}
}

// refresh brings the lists up to date; caller holds v.mu.
func (v *view) refresh() {
	if !v.built || len(v.dirty) > 5000 {
		v.rebuild()
		return
	}
	for id := range v.dirty {
		if old := v.entries[id]; old != nil {
			v.remove(old)
			delete(v.entries, id)
		}
		if r, ok := v.s.Store.Row(id); ok && r.Kind == KindItem {
			e := entryOf(r)
			v.entries[id] = e
			v.insert(e)
		}
	}
	clear(v.dirty)
}

func (v *view) rebuild() {
	rows := v.s.Store.Rows(store.IndexKind, KindItem)
	v.entries = make(map[string]*entry, len(rows))
	v.lists = map[string][]*entry{}
	all := make([]*entry, 0, len(rows))
	for _, r := range rows {
		e := entryOf(r)
		v.entries[e.id] = e
		all = append(all, e)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].less(all[j]) })
	for _, e := range all {
		for _, k := range e.keys() {
			v.lists[k] = append(v.lists[k], e)
		}
	}
	v.built = true
	clear(v.dirty)
}

func (v *view) insert(e *entry) {
	for _, k := range e.keys() {
		l := v.lists[k]
		i := sort.Search(len(l), func(i int) bool { return !l[i].less(e) })
		l = append(l, nil)
		copy(l[i+1:], l[i:])
		l[i] = e
		v.lists[k] = l
	}
}

func (v *view) remove(e *entry) {
	for _, k := range e.keys() {
		l := v.lists[k]
		i := sort.Search(len(l), func(i int) bool { return !l[i].less(e) })
		if i < len(l) && l[i] == e {
			v.lists[k] = append(l[:i], l[i+1:]...)
		}
	}
}

// Query filters the ledger list; empty fields match all.
type Query struct {
	Status   string `json:"status,omitempty"` // a status code, "open" (在办) or "overdue" (逾期未办结)
	Unit     string `json:"unit,omitempty"`
	Grid     string `json:"grid,omitempty"`
	Village  string `json:"village,omitempty"` // 村（社区） division code
	Category string `json:"category,omitempty"`
	From     string `json:"from,omitempty"` // found on or after
	To       string `json:"to,omitempty"`   // found on or before
	Text     string `json:"text,omitempty"` // part of number, place or project
	Offset   int    `json:"offset,omitempty"`
	Limit    int    `json:"limit,omitempty"` // default 50, at most 1000
}

// match lists the entries matching q, newest first, and how many match.
// Entries are never changed once made, so they may be read after the
// lock is released.
func (v *view) match(q Query, today string, offset, limit int) ([]*entry, int) {
	var inVillage map[string]bool
	if q.Village != "" {
		inVillage = map[string]bool{}
		for _, g := range v.s.Store.Rows(store.IndexParent, grid.KindGrid, q.Village) {
			inVillage[g.ID] = true
		}
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	v.refresh()
	status, onlyOverdue := q.Status, false
	if status == "overdue" {
		status, onlyOverdue = openStatus, true
	}
	l := v.lists[listKey(status, q.Unit)]
	// The period by binary search: the list runs from newest to oldest.
	lo, hi := 0, len(l)
	if q.To != "" {
		lo = sort.Search(len(l), func(i int) bool { return l[i].found <= q.To })
	}
	if q.From != "" {
		hi = sort.Search(len(l), func(i int) bool { return l[i].found < q.From })
	}
	if lo > hi {
		lo = hi
	}
	text := strings.ToLower(strings.TrimSpace(q.Text))
	if !onlyOverdue && q.Grid == "" && q.Village == "" && q.Category == "" && text == "" {
		var hits []*entry
		for i := lo + offset; i < hi && len(hits) < limit; i++ {
			hits = append(hits, l[i])
		}
		return hits, hi - lo
	}
	var hits []*entry
	total := 0
	for _, e := range l[lo:hi] {
		if (q.Grid != "" && e.grid != q.Grid) || (inVillage != nil && !inVillage[e.grid]) || (q.Category != "" && e.category != q.Category) ||
			(onlyOverdue && (e.deadline == "" || e.deadline >= today)) || (text != "" && !strings.Contains(e.search, text)) {
			continue
		}
		if total >= offset && len(hits) < limit {
			hits = append(hits, e)
		}
		total++
	}
	return hits, total
}

// each calls fn for every item found in [from, to] (either may be ""),
// under the view's lock: fn must not call the view.
func (v *view) each(from, to string, fn func(e *entry)) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.refresh()
	l := v.lists[""]
	lo, hi := 0, len(l)
	if to != "" {
		lo = sort.Search(len(l), func(i int) bool { return l[i].found <= to })
	}
	if from != "" {
		hi = sort.Search(len(l), func(i int) bool { return l[i].found < from })
	}
	for _, e := range l[lo:min(max(lo, hi), len(l))] {
		fn(e)
	}
}
