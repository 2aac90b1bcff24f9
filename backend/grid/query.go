package grid

import (
	"sort"
	"strings"

	"zongzhi/backend/problem"
	"zongzhi/backend/store"
)

// GridQuery filters the grid list; empty fields match everything.
type GridQuery struct {
	Text    string `json:"text,omitempty"` // part of code, name or scope
	Village string `json:"village,omitempty"`
	Level   string `json:"level,omitempty"`
	Type    string `json:"type,omitempty"`
	Located string `json:"located,omitempty"` // "yes" | "no" (待定位)
}

// GridSummary is one line of the grid list.
type GridSummary struct {
	ID          string `json:"id"`
	Code        string `json:"code"`
	Name        string `json:"name"`
	Village     string `json:"village"`
	VillageName string `json:"villageName"`
	Level       string `json:"level"`
	Type        string `json:"type"`
	Parent      string `json:"parent,omitempty"`
	ParentName  string `json:"parentName,omitempty"`
	Located     bool   `json:"located"`
	Primary     string `json:"primary"` // today's primary, by name
	StaffCount  int    `json:"staffCount"`
}

// ListGrids lists grids by code, from the indexes only.
func (s *Service) ListGrids(q GridQuery) []GridSummary {
	text := strings.ToLower(strings.TrimSpace(q.Text))
	rows := s.Store.Rows(store.IndexKind, KindGrid)
	if q.Village != "" {
		rows = s.Store.Rows(store.IndexParent, KindGrid, q.Village)
	}
	today := s.Today()
	out := []GridSummary{}
	for _, r := range rows {
		if (q.Level != "" && r.Status != q.Level) || (q.Type != "" && r.Category != q.Type) ||
			(q.Located == "yes" && r.Tag != tagLocated) || (q.Located == "no" && r.Tag != tagUnlocated) ||
			(text != "" && !strings.Contains(r.Search, text)) {
			continue
		}
		g := GridSummary{ID: r.ID, Code: r.Code, Name: r.Name, Village: r.Parent, Level: r.Status, Type: r.Category,
			Parent: r.Ref, Located: r.Tag == tagLocated, VillageName: s.rowName(r.Parent), ParentName: s.rowName(r.Ref)}
		for _, a := range s.Store.Rows(store.IndexParent, KindAssignment, r.ID) {
			if a.Start <= today && (a.End == "" || a.End >= today) {
				g.StaffCount++
				if a.Status == statusPrimary {
					g.Primary = s.rowName(a.Ref)
				}
			}
		}
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

func (s *Service) rowName(id string) string {
	if id == "" {
		return ""
	}
	if r, ok := s.Store.Row(id); ok {
		return r.Name
	}
	return ""
}

// TreeNode is a node of the division → grid tree.
type TreeNode struct {
	ID       string     `json:"id"`
	Kind     string     `json:"kind"` // township | village | grid
	Code     string     `json:"code"`
	Label    string     `json:"label"`
	Children []TreeNode `json:"children,omitempty"`
}

// Tree returns townships → villages → 一级 grids → 二级 grids, by code.
func (s *Service) Tree() []TreeNode {
	var grids func(village, parent string) []TreeNode
	grids = func(village, parent string) []TreeNode {
		var out []TreeNode
		for _, r := range byCode(s.Store.Rows(store.IndexParent, KindGrid, village)) {
			if r.Ref == parent {
				out = append(out, TreeNode{ID: r.ID, Kind: "grid", Code: r.Code, Label: r.Name, Children: grids(village, r.ID)})
			}
		}
		return out
	}
	out := []TreeNode{}
	for _, t := range byCode(s.Store.Rows(store.IndexStatus, KindDivision, "township")) {
		n := TreeNode{ID: t.ID, Kind: "township", Code: t.Code, Label: t.Name}
		for _, v := range byCode(s.Store.Rows(store.IndexParent, KindDivision, t.Code)) {
			n.Children = append(n.Children, TreeNode{ID: v.ID, Kind: "village", Code: v.Code, Label: v.Name, Children: grids(v.Code, "")})
		}
		out = append(out, n)
	}
	return out
}

func byCode(rows []*store.Row) []*store.Row {
	sort.Slice(rows, func(i, j int) bool { return rows[i].Code < rows[j].Code })
	return rows
}

// Divisions lists townships and villages by code.
func (s *Service) Divisions() ([]Division, error) {
	out := []Division{}
	for _, r := range byCode(s.Store.Rows(store.IndexKind, KindDivision)) {
		var d Division
		if err := s.Read(KindDivision, r.ID, "区划", &d); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// AssignmentView is an assignment with the names a list shows. Names come
// from the records even when the person or grid was deleted since.
type AssignmentView struct {
	Assignment
	StaffName  string `json:"staffName"`
	StaffPhone string `json:"staffPhone"`
	StaffUnit  string `json:"staffUnit"`
	GridCode   string `json:"gridCode"`
	GridName   string `json:"gridName"`
}

func (s *Service) view(a Assignment) AssignmentView {
	v := AssignmentView{Assignment: a}
	if rec, err := s.Store.Get(KindStaff, a.Staff); err == nil {
		var p Staff
		rec.Decode(&p)
		v.StaffName, v.StaffPhone, v.StaffUnit = p.Name, p.Phone, p.Unit
	}
	if rec, err := s.Store.Get(KindGrid, a.Grid); err == nil {
		var g Grid
		rec.Decode(&g)
		v.GridCode, v.GridName = g.Code, g.Name
	}
	return v
}

// assignments reads the assignment rows as views, newest start first.
func (s *Service) assignments(rows []*store.Row, keep func(*store.Row) bool) ([]AssignmentView, error) {
	out := []AssignmentView{}
	for _, r := range rows {
		if keep != nil && !keep(r) {
			continue
		}
		var a Assignment
		if err := s.Read(KindAssignment, r.ID, "任职记录", &a); err != nil {
			return nil, err
		}
		out = append(out, s.view(a))
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Primary != out[j].Primary {
			return out[i].Primary
		}
		return out[i].Start > out[j].Start
	})
	return out, nil
}

// ResponsibleQuery asks who served a grid on a date.
type ResponsibleQuery struct {
	Grid string `json:"grid"`
	Date string `json:"date"` // YYYY-MM-DD; "" = today
}

// ResponsibleOn answers "who was responsible for this grid on date X":
// the primary first, then the others.
func (s *Service) ResponsibleOn(q ResponsibleQuery) ([]AssignmentView, error) {
	date := q.Date
	if date == "" {
		date = s.Today()
	}
	var f problem.Fields
	f.Date("date", "查询日期", date, true)
	if err := f.Err(); err != nil {
		return nil, err
	}
	return s.assignments(s.Store.Rows(store.IndexParent, KindAssignment, q.Grid), func(r *store.Row) bool {
		return r.Start <= date && (r.End == "" || r.End >= date)
	})
}

// GridDetail is a grid with its whole assignment history.
type GridDetail struct {
	Grid        Grid             `json:"grid"`
	VillageName string           `json:"villageName"`
	ParentName  string           `json:"parentName,omitempty"`
	Assignments []AssignmentView `json:"assignments"`
	Children    []GridSummary    `json:"children"`
}

// GetGrid reads a grid, its history of assignments and its sub-grids.
func (s *Service) GetGrid(id string) (GridDetail, error) {
	var d GridDetail
	if err := s.Read(KindGrid, id, "网格", &d.Grid); err != nil {
		return d, err
	}
	d.VillageName, d.ParentName = s.rowName(d.Grid.Village), s.rowName(d.Grid.Parent)
	var err error
	if d.Assignments, err = s.assignments(s.Store.Rows(store.IndexParent, KindAssignment, id), nil); err != nil {
		return d, err
	}
	d.Children = []GridSummary{}
	for _, c := range s.ListGrids(GridQuery{Village: d.Grid.Village}) {
		if c.Parent == id {
			d.Children = append(d.Children, c)
		}
	}
	return d, nil
}

// StaffQuery filters the staff list.
type StaffQuery struct {
	Text string `json:"text,omitempty"` // part of name, phone or unit
	Role string `json:"role,omitempty"`
	Grid string `json:"grid,omitempty"` // serving this grid today
}

// StaffSummary is one line of the staff list.
type StaffSummary struct {
	Staff
	Grids []string `json:"grids"` // names of the grids served today
}

// ListStaff lists staff by name.
func (s *Service) ListStaff(q StaffQuery) ([]StaffSummary, error) {
	text := strings.ToLower(strings.TrimSpace(q.Text))
	today := s.Today()
	out := []StaffSummary{}
	for _, r := range s.Store.Rows(store.IndexKind, KindStaff) {
		if (q.Role != "" && r.Category != q.Role) || (text != "" && !strings.Contains(r.Search, text)) {
			continue
		}
		sum := StaffSummary{Grids: []string{}}
		inGrid := q.Grid == ""
		for _, a := range s.Store.Rows(store.IndexRef, KindAssignment, r.ID) {
			if a.Start <= today && (a.End == "" || a.End >= today) {
				sum.Grids = append(sum.Grids, s.rowName(a.Parent))
				inGrid = inGrid || a.Parent == q.Grid
			}
		}
		if !inGrid {
			continue
		}
		if err := s.Read(KindStaff, r.ID, "人员", &sum.Staff); err != nil {
			return nil, err
		}
		out = append(out, sum)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// StaffDetail is a staff member with assignment history and links.
type StaffDetail struct {
	Staff       Staff            `json:"staff"`
	Assignments []AssignmentView `json:"assignments"`
	Links       []Link           `json:"links"`
}

// GetStaff reads a staff member with history and 包挂 links.
func (s *Service) GetStaff(id string) (StaffDetail, error) {
	var d StaffDetail
	if err := s.Read(KindStaff, id, "人员", &d.Staff); err != nil {
		return d, err
	}
	var err error
	if d.Assignments, err = s.assignments(s.Store.Rows(store.IndexRef, KindAssignment, id), nil); err != nil {
		return d, err
	}
	d.Links = []Link{}
	for _, r := range s.Store.Rows(store.IndexParent, KindLink, id) {
		var l Link
		if err := s.Read(KindLink, r.ID, "包挂", &l); err != nil {
			return d, err
		}
		d.Links = append(d.Links, l)
	}
	sort.SliceStable(d.Links, func(i, j int) bool { return d.Links[i].Start > d.Links[j].Start })
	return d, nil
}
