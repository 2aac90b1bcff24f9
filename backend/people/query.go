package people

import (
	"sort"
	"strings"

	"zongzhi/backend/attach"
	"zongzhi/backend/idcard"
	"zongzhi/backend/problem"
	"zongzhi/backend/store"
)

// PeopleQuery filters the list of enrolled people; empty fields match all.
type PeopleQuery struct {
	Text     string `json:"text,omitempty"` // part of name, ID number or phone
	Category string `json:"category,omitempty"`
	Grid     string `json:"grid,omitempty"`
	Village  string `json:"village,omitempty"`
	Status   string `json:"status,omitempty"` // enrollment status; "active" = 在管/脱管/漏管
	Offset   int    `json:"offset,omitempty"`
	Limit    int    `json:"limit,omitempty"` // default 100
}

// PersonLine is one row of the list: ID number and phone masked.
type PersonLine struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	IDMasked   string   `json:"idMasked"`
	Sex        string   `json:"sexName"`
	Age        int      `json:"age"`
	Minor      bool     `json:"minor"`
	GridName   string   `json:"gridName"`
	Categories []string `json:"categories"` // active enrollments, by label
	Status     string   `json:"statusName"`
}

// PeoplePage is one page of the list.
type PeoplePage struct {
	Lines []PersonLine `json:"lines"`
	Total int          `json:"total"`
}

// ListPeople lists persons with at least one enrollment matching q, by name.
func (s *Service) ListPeople(q PeopleQuery) PeoplePage {
	text := strings.ToLower(strings.TrimSpace(q.Text))
	if q.Limit <= 0 || q.Limit > 1000 {
		q.Limit = 100
	}
	type hit struct {
		row  *store.Row
		cats []string
	}
	byPerson := map[string]*hit{}
	for _, e := range s.Store.Rows(store.IndexKind, KindEnrollment) {
		if (q.Category != "" && e.Category != q.Category) || (q.Grid != "" && e.Grid != q.Grid) ||
			(q.Status == "active" && !Active(e.Status)) || (q.Status != "" && q.Status != "active" && e.Status != q.Status) ||
			(q.Village != "" && !s.inVillage(e.Grid, q.Village)) {
			continue
		}
		h := byPerson[e.Parent]
		if h == nil {
			p, ok := s.Store.Row(e.Parent)
			if !ok || (text != "" && !strings.Contains(p.Search, text)) {
				continue
			}
			h = &hit{row: p}
			byPerson[e.Parent] = h
		}
		if Active(e.Status) {
			h.cats = append(h.cats, s.Dict.Label(TableCategories, e.Category))
		}
	}
	hits := make([]*hit, 0, len(byPerson))
	for _, h := range byPerson {
		hits = append(hits, h)
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].row.Name != hits[j].row.Name {
			return hits[i].row.Name < hits[j].row.Name
		}
		return hits[i].row.ID < hits[j].row.ID
	})
	page := PeoplePage{Lines: []PersonLine{}, Total: len(hits)}
	now := s.Now()
	for _, h := range hits[min(q.Offset, len(hits)):min(q.Offset+q.Limit, len(hits))] {
		var p Person
		if err := s.Read(KindPerson, h.row.ID, "人员", &p); err != nil {
			continue
		}
		sort.Strings(h.cats)
		page.Lines = append(page.Lines, PersonLine{ID: p.ID, Name: p.Name, IDMasked: idcard.MaskID(p.IDNumber), Sex: p.SexName,
			Age: idcard.Age(p.Birth, now), Minor: idcard.Minor(p.Birth, now), GridName: p.GridName, Categories: h.cats, Status: p.StatusName})
	}
	return page
}

// EnrollmentView is an enrollment with names for its ids.
type EnrollmentView struct {
	Enrollment
	ResponsibleNames []string `json:"responsibleNames"`
	Next             string   `json:"next,omitempty"` // next visit due (active only)
	OverdueDays      int      `json:"overdueDays"`
	DueReason        string   `json:"dueReason,omitempty"`
}

// PersonDetail is the person page: masked personal data, enrollments
// (ended ones too), the visit timeline and who saw the full data.
type PersonDetail struct {
	Person      Person           `json:"person"` // IDNumber and Phone masked
	Age         int              `json:"age"`
	Minor       bool             `json:"minor"`
	Enrollments []EnrollmentView `json:"enrollments"`
	Visits      []VisitView      `json:"visits"` // newest first
	Reveals     []Reveal         `json:"reveals"`
}

// GetPerson returns the person page with ID number and phone masked.
func (s *Service) GetPerson(id string) (PersonDetail, error) {
	var d PersonDetail
	if err := s.Read(KindPerson, id, "人员", &d.Person); err != nil {
		return d, err
	}
	now := s.Now()
	d.Age, d.Minor = idcard.Age(d.Person.Birth, now), idcard.Minor(d.Person.Birth, now)
	d.Person.IDNumber, d.Person.Phone = idcard.MaskID(d.Person.IDNumber), idcard.MaskPhone(d.Person.Phone)
	d.Enrollments, d.Visits = []EnrollmentView{}, []VisitView{}
	for _, r := range s.Store.Rows(store.IndexParent, KindEnrollment, id) {
		var e Enrollment
		if err := s.Read(KindEnrollment, r.ID, "列管", &e); err != nil {
			return d, err
		}
		v := EnrollmentView{Enrollment: e, ResponsibleNames: []string{}}
		for _, st := range e.Responsible {
			v.ResponsibleNames = append(v.ResponsibleNames, s.name(st))
		}
		if due, ok := s.dueOf(e.ID); ok {
			v.Next, v.OverdueDays, v.DueReason = due.Next, due.OverdueDays, due.Reason
		}
		d.Enrollments = append(d.Enrollments, v)
		for _, vr := range s.Store.Rows(store.IndexParent, KindVisit, e.ID) {
			var visit Visit
			if err := s.Read(KindVisit, vr.ID, "走访记录", &visit); err != nil {
				return d, err
			}
			d.Visits = append(d.Visits, VisitView{Visit: visit, Photos: attach.Of(s.Store, visit.ID)})
		}
	}
	sort.Slice(d.Enrollments, func(i, j int) bool { return d.Enrollments[i].Enrolled > d.Enrollments[j].Enrolled })
	sort.Slice(d.Visits, func(i, j int) bool { return visitDay(d.Visits[i].Visit) > visitDay(d.Visits[j].Visit) })
	var err error
	d.Reveals, err = s.Reveals(id)
	return d, err
}

func visitDay(v Visit) string {
	if v.Date != "" {
		return v.Date
	}
	return v.Planned
}

// dueOf is an active enrollment's entry on the board.
func (s *Service) dueOf(id string) (d struct {
	Next        string
	OverdueDays int
	Reason      string
}, ok bool) {
	b := &s.board
	b.mu.Lock()
	defer b.mu.Unlock()
	b.refresh()
	e, ok := b.entries[id]
	if !ok {
		return d, false
	}
	d.Next, d.OverdueDays, d.Reason = e.due.Next, e.due.OverdueDays, e.due.Reason
	return d, true
}

// VisitsQuery chooses visits for the 走访台账.
type VisitsQuery struct {
	From     string `json:"from"`
	To       string `json:"to"`
	Category string `json:"category,omitempty"`
	Village  string `json:"village,omitempty"`
	Grid     string `json:"grid,omitempty"`
}

// VisitLine is one visit with its person and enrollment.
type VisitLine struct {
	Visit
	Name         string `json:"name"`
	IDMasked     string `json:"idMasked"`
	CategoryName string `json:"categoryName"`
	GridName     string `json:"gridName"`
}

// Visits lists the visits done in a period, by date.
func (s *Service) Visits(q VisitsQuery) ([]VisitLine, error) {
	var f problem.Fields
	f.Date("from", "开始日期", q.From, true)
	f.Date("to", "结束日期", q.To, true)
	if err := f.Err(); err != nil {
		return nil, err
	}
	out := []VisitLine{}
	for _, r := range s.Store.Rows(store.IndexKind, KindVisit) {
		if r.Status != visitDone || r.Start < q.From || r.Start > q.To || (q.Grid != "" && r.Grid != q.Grid) ||
			(q.Village != "" && !s.inVillage(r.Grid, q.Village)) {
			continue
		}
		e, ok := s.Store.Row(r.Parent)
		if !ok || (q.Category != "" && e.Category != q.Category) {
			continue
		}
		var v Visit
		if err := s.Read(KindVisit, r.ID, "走访记录", &v); err != nil {
			return nil, err
		}
		var p Person
		if err := s.Read(KindPerson, v.Person, "人员", &p); err != nil {
			return nil, err
		}
		out = append(out, VisitLine{Visit: v, Name: p.Name, IDMasked: idcard.MaskID(p.IDNumber), CategoryName: s.Dict.Label(TableCategories, e.Category), GridName: p.GridName})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Date != out[j].Date {
			return out[i].Date < out[j].Date
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
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
