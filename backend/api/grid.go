package api

import "zongzhi/backend/grid"

// GridService manages divisions, grids, staff, assignments and links.
type GridService struct {
	grid *grid.Service
}

// Codes returns the code tables the grid forms offer.
func (g *GridService) Codes() grid.Codes { return grid.AllCodes() }

// Divisions lists the township and its villages.
func (g *GridService) Divisions() ([]grid.Division, error) { return g.grid.Divisions() }

// SaveDivision adds or renames a township or village.
func (g *GridService) SaveDivision(d grid.Division) (grid.Division, error) {
	return g.grid.SaveDivision(d)
}

// Tree is the township → village → grid tree of the side panel.
func (g *GridService) Tree() []grid.TreeNode { return g.grid.Tree() }

// ListGrids lists the grids q matches.
func (g *GridService) ListGrids(q grid.GridQuery) []grid.GridSummary { return g.grid.ListGrids(q) }

// GetGrid returns a grid with its staff and sub-grids.
func (g *GridService) GetGrid(id string) (grid.GridDetail, error) { return g.grid.GetGrid(id) }

// SaveGrid creates or edits a grid.
func (g *GridService) SaveGrid(in grid.Grid) (grid.Grid, error) { return g.grid.SaveGrid(in) }

// DeleteGrid deletes a grid nobody serves in.
func (g *GridService) DeleteGrid(id string) error { return g.grid.DeleteGrid(id) }

// ListStaff lists the staff q matches.
func (g *GridService) ListStaff(q grid.StaffQuery) ([]grid.StaffSummary, error) {
	return g.grid.ListStaff(q)
}

// GetStaff returns a staff member with assignments and links.
func (g *GridService) GetStaff(id string) (grid.StaffDetail, error) { return g.grid.GetStaff(id) }

// SaveStaff creates or edits a staff member.
func (g *GridService) SaveStaff(s grid.Staff) (grid.Staff, error) { return g.grid.SaveStaff(s) }

// DeleteStaff deletes a staff member without assignments.
func (g *GridService) DeleteStaff(id string) error { return g.grid.DeleteStaff(id) }

// Assign puts a staff member in a grid's role from a date.
func (g *GridService) Assign(in grid.AssignInput) (grid.Assignment, error) { return g.grid.Assign(in) }

// EndAssignment ends an assignment on a date, with a reason.
func (g *GridService) EndAssignment(in grid.EndInput) (grid.Assignment, error) {
	return g.grid.EndAssignment(in)
}

// ResponsibleOn lists who served a grid on a date.
func (g *GridService) ResponsibleOn(q grid.ResponsibleQuery) ([]grid.AssignmentView, error) {
	return g.grid.ResponsibleOn(q)
}

// SaveLink creates or edits a 包挂 link of a staff member.
func (g *GridService) SaveLink(l grid.Link) (grid.Link, error) { return g.grid.SaveLink(l) }
