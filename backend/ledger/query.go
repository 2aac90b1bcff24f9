package ledger

import (
	"sort"

	"zongzhi/backend/dict"
	"zongzhi/backend/period"
)

// Line is an item with whether it is overdue, for printing and export.
type Line struct {
	Item
	Overdue     bool `json:"overdue"`
	OverdueDays int  `json:"overdueDays"`
}

// ListLine is one row of the on-screen list, served from memory: the
// description is cut short, labels are the tables' current ones.
type ListLine struct {
	ID              string `json:"id"`
	Number          string `json:"number"`
	Found           string `json:"found"`
	Place           string `json:"place"`
	Description     string `json:"description"`
	Project         string `json:"project"`
	Category        string `json:"category"`
	CategoryName    string `json:"categoryName"`
	SourceName      string `json:"sourceName"`
	Level           string `json:"level"`
	Grid            string `json:"grid"`
	GridName        string `json:"gridName"`
	Unit            string `json:"unit"`
	UnitName        string `json:"unitName"`
	ResponsibleName string `json:"responsibleName"`
	Deadline        string `json:"deadline"`
	Closed          string `json:"closed"`
	Status          string `json:"status"`
	StatusName      string `json:"statusName"`
	Overdue         bool   `json:"overdue"`
	OverdueDays     int    `json:"overdueDays"`
}

// Page is one page of the list.
type Page struct {
	Lines []ListLine `json:"lines"`
	Total int        `json:"total"`
}

// List returns the items matching q, newest first, without reading the
// store: a county's list answers in milliseconds.
func (s *Service) List(q Query) (Page, error) {
	if q.Limit <= 0 {
		q.Limit = 50
	}
	q.Limit = min(q.Limit, 1000)
	today := s.Today()
	hits, total := s.view.match(q, today, max(q.Offset, 0), q.Limit)
	p := Page{Lines: make([]ListLine, len(hits)), Total: total}
	grids := map[string]string{}
	for i, e := range hits {
		show := func(k int) string {
			if k < len(e.show) {
				return e.show[k]
			}
			return ""
		}
		g, ok := grids[e.grid]
		if !ok {
			if r, found := s.Store.Row(e.grid); found {
				g = r.Name
			}
			grids[e.grid] = g
		}
		l := ListLine{ID: e.id, Number: e.number, Found: e.found, Place: e.place, Description: show(showDesc), Project: show(showProject),
			Category: e.category, CategoryName: s.Dict.Label(TableCategories, e.category), SourceName: s.Dict.Label(TableSources, show(showSource)),
			Level: show(showLevel), Grid: e.grid, GridName: g, Unit: e.unit, ResponsibleName: show(showResponsible),
			Deadline: e.deadline, Closed: e.closed, Status: e.status, StatusName: dict.Name(Statuses, e.status)}
		if e.unit != "" {
			l.UnitName = s.Dict.Label(TableUnits, e.unit)
		}
		l.Overdue, l.OverdueDays = overdue(e.status, e.deadline, e.closed, today)
		p.Lines[i] = l
	}
	return p, nil
}

// All returns every item matching q, in ledger order (oldest first, as
// the paper ledger runs), read whole from the store for printing and
// export.
func (s *Service) All(q Query) ([]Line, error) {
	hits, _ := s.view.match(q, s.Today(), 0, 1<<31-1)
	out := make([]Line, 0, len(hits))
	today := s.Today()
	for i := len(hits) - 1; i >= 0; i-- {
		it, err := s.read(hits[i].id)
		if err != nil {
			return nil, err
		}
		l := Line{Item: it}
		l.Overdue, l.OverdueDays = overdue(it.Status, it.Deadline, it.Closed, today)
		out = append(out, l)
	}
	return out, nil
}

// Counts is how many items each status holds, plus 逾期 (open and past
// the deadline), for the tabs above the list.
type Counts struct {
	ByStatus map[string]int `json:"byStatus"`
	Open     int            `json:"open"`
	Overdue  int            `json:"overdue"`
}

// Count counts the items of a unit ("" = all).
func (s *Service) Count(unit string) Counts {
	c := Counts{ByStatus: map[string]int{}}
	for _, st := range Statuses {
		_, n := s.view.match(Query{Status: st.Code, Unit: unit}, "", 0, 0)
		c.ByStatus[st.Code] = n
	}
	_, c.Open = s.view.match(Query{Status: openStatus, Unit: unit}, "", 0, 0)
	_, c.Overdue = s.view.match(Query{Status: "overdue", Unit: unit}, s.Today(), 0, 0)
	return c
}

// Rates are the figures the director reads for one bucket (a period, a
// grid or a unit). Cancelled and rejected items count nowhere.
type Rates struct {
	Key          string  `json:"key"`
	Label        string  `json:"label"`
	Total        int     `json:"total"`        // 应办: registered, not cancelled or rejected
	Closed       int     `json:"closed"`       // 已销号
	OnTime       int     `json:"onTime"`       // 销号不晚于时限
	Overdue      int     `json:"overdue"`      // 超期未办结 (as of today)
	OverdueDone  int     `json:"overdueDone"`  // 超期办结
	ClosedRate   float64 `json:"closedRate"`   // 办结率 = 已销号 ÷ 应办
	OnTimeRate   float64 `json:"onTimeRate"`   // 按期办结率 = 按期销号 ÷ 已销号
	Filter       Query   `json:"filter"`       // the list these items are (click-through)
	OverdueQuery Query   `json:"overdueQuery"` // the overdue items among them
}

// StatsQuery asks for the rates of a span grouped by month, quarter,
// year, grid or unit.
type StatsQuery struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Group string `json:"group"` // month | quarter | year | grid | unit
	Unit  string `json:"unit,omitempty"`
	Grid  string `json:"grid,omitempty"`
}

// Stats are the rates per bucket and for the whole span.
type Stats struct {
	Buckets []Rates `json:"buckets"`
	Total   Rates   `json:"total"`
}

// Stats computes the director's figures over items found in the span.
func (s *Service) Stats(q StatsQuery) (Stats, error) {
	today := s.Today()
	buckets := map[string]*Rates{}
	total := &Rates{Key: "total", Label: "合计", Filter: Query{From: q.From, To: q.To, Unit: q.Unit, Grid: q.Grid}}
	var err error
	s.view.each(q.From, q.To, func(e *entry) {
		if (q.Unit != "" && e.unit != q.Unit) || (q.Grid != "" && e.grid != q.Grid) || e.status == StatusCancelled || e.status == StatusRejected {
			return
		}
		var key string
		filter := Query{From: q.From, To: q.To, Unit: q.Unit, Grid: q.Grid}
		switch q.Group {
		case "grid":
			key, filter.Grid = e.grid, e.grid
		case "unit":
			key, filter.Unit = e.unit, e.unit
		default:
			p, perr := period.Of(q.Group, e.found)
			if perr != nil {
				err = perr
				return
			}
			key, filter.From, filter.To = p.Key, max(p.From, q.From), p.To
			if q.To != "" {
				filter.To = min(p.To, q.To)
			}
		}
		b := buckets[key]
		if b == nil {
			b = &Rates{Key: key, Filter: filter}
			buckets[key] = b
		}
		for _, r := range []*Rates{b, total} {
			r.Total++
			switch {
			case e.status == StatusClosed:
				r.Closed++
				if e.deadline == "" || e.closed <= e.deadline {
					r.OnTime++
				} else {
					r.OverdueDone++
				}
			case e.deadline != "" && e.deadline < today:
				r.Overdue++
			}
		}
	})
	if err != nil {
		return Stats{}, err
	}
	out := Stats{Buckets: make([]Rates, 0, len(buckets))}
	for _, b := range buckets {
		b.Label = s.bucketLabel(q.Group, b.Key)
		out.Buckets = append(out.Buckets, *b)
	}
	sort.Slice(out.Buckets, func(i, j int) bool { return out.Buckets[i].Key < out.Buckets[j].Key })
	for i := range out.Buckets {
		out.Buckets[i].rates()
	}
	total.rates()
	out.Total = *total
	return out, nil
}

func (r *Rates) rates() {
	if r.Total > 0 {
		r.ClosedRate = float64(r.Closed) / float64(r.Total)
	}
	if r.Closed > 0 {
		r.OnTimeRate = float64(r.OnTime) / float64(r.Closed)
	}
	r.OverdueQuery = r.Filter
	r.OverdueQuery.Status = "overdue"
}

func (s *Service) bucketLabel(group, key string) string {
	switch group {
	case "grid":
		if r, ok := s.Store.Row(key); ok {
			return r.Name
		}
		return key
	case "unit":
		if key == "" {
			return "未指派"
		}
		return s.Dict.Label(TableUnits, key)
	}
	if p, err := period.Parse(key); err == nil {
		return p.Label
	}
	return key
}

// FoundCounter counts the items found in [from, to] within scope: ""
// (the whole township), a grid id, or a village or township division
// code. It is the 零报告 check: a zero report is refused while it finds
// items. (A function, not a method: services' methods are the API.)
func FoundCounter(s *Service) func(from, to, scope string) int {
	return s.countFound
}

func (s *Service) countFound(from, to, scope string) int {
	n := 0
	inScope := map[string]bool{}
	s.view.each(from, to, func(e *entry) {
		ok, seen := inScope[e.grid]
		if !seen {
			ok = scope == "" || e.grid == scope
			if g, found := s.Store.Row(e.grid); !ok && found && len(g.Parent) == 12 {
				ok = g.Parent == scope || g.Parent[:9]+"000" == scope
			}
			inScope[e.grid] = ok
		}
		if ok {
			n++
		}
	})
	return n
}
