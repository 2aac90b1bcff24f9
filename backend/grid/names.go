package grid

import (
	"fmt"
	"strings"

	"zongzhi/backend/problem"
	"zongzhi/backend/store"
)

// SheetNames finds grids and staff by the names office sheets write,
// for every import area: one lookup table per import, not per row.
type SheetNames struct {
	st    *store.Store
	grids map[string][]*store.Row // grid name → rows
	staff map[string][]string     // staff name → ids
}

// SheetNames indexes today's grids and staff by name.
func (s *Service) SheetNames() *SheetNames { return NewSheetNames(s.Store) }

// NewSheetNames indexes a store's grids and staff by name.
func NewSheetNames(st *store.Store) *SheetNames {
	n := &SheetNames{st: st, grids: map[string][]*store.Row{}, staff: map[string][]string{}}
	for _, r := range st.Rows(store.IndexKind, KindGrid) {
		n.grids[r.Name] = append(n.grids[r.Name], r)
	}
	for _, r := range st.Rows(store.IndexKind, KindStaff) {
		n.staff[r.Name] = append(n.staff[r.Name], r.ID)
	}
	return n
}

// Grid finds a row's grid by name, within its village when the sheet
// names one; what is missing or ambiguous is reported on field "grid".
func (n *SheetNames) Grid(f *problem.Fields, village, name string) string {
	if name == "" {
		f.Add("grid", "required", "所属网格不能为空")
		return ""
	}
	var hits []*store.Row
	core := strings.TrimSuffix(strings.TrimSuffix(village, "村"), "社区")
	for _, g := range n.grids[name] {
		v, _ := n.st.Row(g.Parent)
		if village == "" || (v != nil && strings.Contains(v.Name, core)) {
			hits = append(hits, g)
		}
	}
	switch len(hits) {
	case 1:
		return hits[0].ID
	case 0:
		f.Add("grid", "unknown", fmt.Sprintf("网格“%s”不存在，请先在“网格管理”中建立", name))
	default:
		f.Add("grid", "ambiguous", fmt.Sprintf("有%d个网格叫“%s”，请在表中填写村（社区）以区分", len(hits), name))
	}
	return ""
}

// Staff lists the staff members of a name.
func (n *SheetNames) Staff(name string) []string { return n.staff[name] }

// Person links a name to the one staff member of that name; anyone else
// is kept by name, with a note when several share it.
func (n *SheetNames) Person(name, what string, notes *[]string) (id, kept string) {
	switch ids := n.staff[name]; {
	case name == "":
		return "", ""
	case len(ids) == 1:
		return ids[0], name
	case len(ids) > 1:
		*notes = append(*notes, fmt.Sprintf("有%d名网格人员叫“%s”，%s按姓名登记", len(ids), name, what))
	default:
		*notes = append(*notes, fmt.Sprintf("%s“%s”不在网格人员中，按表中姓名保存", what, name))
	}
	return "", name
}

// StaffOrName resolves who did something: a staff id (the name the staff
// list has now wins), or the typed name of someone not on the list. An
// unknown id is a field problem naming the role (what).
func StaffOrName(st *store.Store, f *problem.Fields, field, what, id, name string) (string, string) {
	if id == "" {
		return "", strings.TrimSpace(name)
	}
	r, ok := st.Row(id)
	if !ok || r.Kind != KindStaff {
		f.Add(field, "unknown", what+"不在网格人员中（已删除？）；不在名单上的请直接填写姓名")
		return id, name
	}
	return id, r.Name
}
