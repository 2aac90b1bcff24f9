package dispute

import (
	"sort"
	"strings"

	"zongzhi/backend/idcard"
	"zongzhi/backend/problem"
	"zongzhi/backend/store"
)

// Query filters the dispute list; empty fields match all.
type Query struct {
	Status   string `json:"status,omitempty"` // a status, or "open" = not yet resulted (已登记/已受理/调处中)
	Category string `json:"category,omitempty"`
	Grid     string `json:"grid,omitempty"`
	Village  string `json:"village,omitempty"` // a village (or the township) code: every grid under it
	From     string `json:"from,omitempty"`    // on the 登记日期, inclusive
	To       string `json:"to,omitempty"`
	Text     string `json:"text,omitempty"` // part of the name, number, place or a party's name
	Overdue  bool   `json:"overdue,omitempty"`
	Offset   int    `json:"offset,omitempty"`
	Limit    int    `json:"limit,omitempty"` // default 100
}

// Line is one row of the list: parties' ID numbers masked.
type Line struct {
	ID           string `json:"id"`
	Number       string `json:"number"`
	Name         string `json:"name"`
	Date         string `json:"date"`
	CategoryName string `json:"categoryName"`
	ScaleName    string `json:"scaleName"`
	GridName     string `json:"gridName"`
	Parties      string `json:"parties"` // 张三（申请人，530521********1234）、李四（被申请人）
	Involved     int    `json:"involved"`
	MediatorName string `json:"mediatorName"`
	Status       string `json:"status"`
	StatusName   string `json:"statusName"`
	ResultName   string `json:"resultName"`
	Deadline     string `json:"deadline"`
	Overdue      bool   `json:"overdue"` // past the deadline without a result
}

// Page is one page of the list with the counts per status of everything
// the other filters match (the status tabs).
type Page struct {
	Lines  []Line         `json:"lines"`
	Total  int            `json:"total"`
	Counts map[string]int `json:"counts"`
}

// Open tells whether a dispute still waits for its result.
func Open(status string) bool {
	return status == StatusRegistered || status == StatusAccepted || status == StatusMediating
}

// inScope tells whether a grid lies in scope: "" = everywhere, the grid
// itself, its village, or its village's township.
func (s *Service) inScope(gridID, scope string) bool {
	if scope == "" || gridID == scope {
		return true
	}
	g, ok := s.Store.Row(gridID)
	if !ok {
		return false
	}
	if g.Parent == scope {
		return true
	}
	v, ok := s.Store.Row(g.Parent)
	return ok && v.Parent == scope
}

// rows lists the dispute rows matching q's filters but its status.
func (s *Service) rows(q Query) []*store.Row {
	text := strings.ToLower(strings.TrimSpace(q.Text))
	var src []*store.Row
	if q.Grid != "" {
		src = s.Store.Rows(store.IndexGrid, Kind, q.Grid)
	} else {
		src = s.Store.Rows(store.IndexKind, Kind)
	}
	today := s.Today()
	var out []*store.Row
	for _, r := range src {
		if (q.Category != "" && r.Category != q.Category) || (q.From != "" && r.Start < q.From) || (q.To != "" && r.Start > q.To) ||
			(text != "" && !strings.Contains(r.Search, text)) || (q.Overdue && !overdue(r, today)) ||
			(q.Village != "" && !s.inScope(r.Grid, q.Village)) {
			continue
		}
		out = append(out, r)
	}
	return out
}

func overdue(r *store.Row, today string) bool { return Open(r.Status) && r.End != "" && r.End < today }

func statusMatch(want, status string) bool {
	return want == "" || want == status || (want == "open" && Open(status))
}

// List lists disputes, newest first.
func (s *Service) List(q Query) Page {
	if q.Limit <= 0 || q.Limit > 1000 {
		q.Limit = 100
	}
	page := Page{Lines: []Line{}, Counts: map[string]int{}}
	var hits []*store.Row
	for _, r := range s.rows(q) {
		page.Counts[r.Status]++
		if statusMatch(q.Status, r.Status) {
			hits = append(hits, r)
		}
	}
	sortRows(hits, true)
	page.Total = len(hits)
	for _, r := range hits[min(q.Offset, len(hits)):min(q.Offset+q.Limit, len(hits))] {
		d, err := s.load(r.ID)
		if err != nil {
			continue
		}
		page.Lines = append(page.Lines, s.line(d))
	}
	return page
}

func sortRows(rows []*store.Row, newestFirst bool) {
	sort.Slice(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if newestFirst {
			a, b = b, a
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		return a.ID < b.ID
	})
}

func (s *Service) line(d Dispute) Line {
	return Line{ID: d.ID, Number: d.Number, Name: d.Name, Date: d.Date, CategoryName: d.CategoryName, ScaleName: d.ScaleName,
		GridName: d.GridName, Parties: PartiesText(d.Parties), Involved: d.Involved, MediatorName: d.MediatorName,
		Status: d.Status, StatusName: d.StatusName, ResultName: d.ResultName, Deadline: d.Deadline,
		Overdue: Open(d.Status) && d.Deadline != "" && d.Deadline < s.Today()}
}

// PartiesText lists parties for a list or a ledger cell, ID numbers
// masked: 张三（申请人，530521********1234）、李四（被申请人）.
func PartiesText(ps []Party) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		in := []string{}
		if p.RoleName != "" {
			in = append(in, p.RoleName)
		}
		if p.IDNumber != "" {
			id := p.IDNumber
			if !strings.Contains(id, "*") {
				id = idcard.MaskID(id)
			}
			in = append(in, id)
		}
		parts[i] = p.Name
		if len(in) > 0 {
			parts[i] += "（" + strings.Join(in, "，") + "）"
		}
	}
	return strings.Join(parts, "、")
}

// Ledger returns every dispute q matches (no paging), oldest first, with
// parties masked: the rows of the printed 台账 and of the list export.
func (s *Service) Ledger(q Query) ([]Dispute, error) {
	var f problem.Fields
	f.Date("from", "开始日期", q.From, false)
	f.Date("to", "结束日期", q.To, false)
	if q.From != "" && q.To != "" && q.To < q.From {
		f.Add("to", "order", "结束日期不能早于开始日期")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	var hits []*store.Row
	for _, r := range s.rows(q) {
		if statusMatch(q.Status, r.Status) {
			hits = append(hits, r)
		}
	}
	sortRows(hits, false)
	out := make([]Dispute, 0, len(hits))
	for _, r := range hits {
		d, err := s.load(r.ID)
		if err != nil {
			return nil, err
		}
		mask(&d)
		out = append(out, d)
	}
	return out, nil
}
