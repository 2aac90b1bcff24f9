package grid

import (
	"sort"
	"strings"

	"zongzhi/backend/problem"
	"zongzhi/backend/store"
)

// RosterQuery chooses the grids and the date of a 网格责任人花名册.
type RosterQuery struct {
	Township string `json:"township,omitempty"` // division code; "" = all
	Village  string `json:"village,omitempty"`  // division code; "" = all of the township
	Date     string `json:"date,omitempty"`     // who served on this date; "" = today
}

// RosterLine is one staff member serving one grid on the roster date.
type RosterLine struct {
	Village string
	Grid    GridSummary
	Staff   AssignmentView
}

// Roster lists, grid by grid in code order, who served on the date: the
// primary first. Phones are printed in full: they are the public duty
// contacts of the grid.
func (s *Service) Roster(q RosterQuery) ([]RosterLine, error) {
	if q.Date == "" {
		q.Date = s.Today()
	}
	var f problem.Fields
	f.Date("date", "花名册日期", q.Date, true)
	if err := f.Err(); err != nil {
		return nil, err
	}
	var out []RosterLine
	for _, g := range s.ListGrids(GridQuery{Village: q.Village}) {
		if q.Township != "" && !strings.HasPrefix(g.Village, q.Township[:9]) {
			continue
		}
		staff, err := s.ResponsibleOn(ResponsibleQuery{Grid: g.ID, Date: q.Date})
		if err != nil {
			return nil, err
		}
		for _, a := range staff {
			out = append(out, RosterLine{Village: g.VillageName, Grid: g, Staff: a})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Grid.Code < out[j].Grid.Code })
	return out, nil
}

// RosterUnit names the issuing body: the township's 综治中心.
func (s *Service) RosterUnit(q RosterQuery) string {
	code := q.Township
	if q.Village != "" {
		code = q.Village[:9] + "000"
	}
	if code == "" {
		towns := s.Store.Rows(store.IndexStatus, KindDivision, "township")
		if len(towns) != 1 {
			return "综治中心"
		}
		code = towns[0].Code
	}
	return s.rowName(code) + "综治中心"
}
