package grid

import (
	"strings"

	"zongzhi/backend/record"
	"zongzhi/backend/store"
)

// Index row fields per kind:
//
//	division   Code=code Parent=parent code Status=level
//	grid       Code=code Parent=village Ref=parent grid Status=level Category=type Tag=located|unlocated
//	staff      Code=phone Category=role
//	assignment Parent=grid Ref=staff Status="primary"|"" Category=role Start End
//	link       Parent=staff Grid Category=object Start End
const (
	statusPrimary = "primary"
	tagLocated    = "located"
	tagUnlocated  = "unlocated" // 待定位
)

// Indexers returns the store indexers of the grid kinds.
func Indexers() map[string]store.Indexer {
	return map[string]store.Indexer{
		KindDivision: func(r *record.Record) (store.Row, error) {
			var d Division
			err := r.Decode(&d)
			return store.Row{Code: d.Code, Parent: d.Parent, Status: d.Level, Name: d.Name, Start: d.ValidFrom, End: d.ValidTo}, err
		},
		KindGrid: func(r *record.Record) (store.Row, error) {
			var g Grid
			err := r.Decode(&g)
			located := tagUnlocated
			if g.Located() {
				located = tagLocated
			}
			return store.Row{Code: g.Code, Parent: g.Village, Ref: g.Parent, Status: g.Level, Category: g.Type,
				Name: g.Name, Tag: located, Search: search(g.Code, g.Name, g.Scope)}, err
		},
		KindStaff: func(r *record.Record) (store.Row, error) {
			var s Staff
			err := r.Decode(&s)
			return store.Row{Code: s.Phone, Category: s.Role, Name: s.Name, Search: search(s.Name, s.Phone, s.Unit)}, err
		},
		KindAssignment: func(r *record.Record) (store.Row, error) {
			var a Assignment
			err := r.Decode(&a)
			status := ""
			if a.Primary {
				status = statusPrimary
			}
			return store.Row{Parent: a.Grid, Ref: a.Staff, Status: status, Category: a.Role, Start: a.Start, End: a.End}, err
		},
		KindLink: func(r *record.Record) (store.Row, error) {
			var l Link
			err := r.Decode(&l)
			return store.Row{Parent: l.Staff, Grid: l.Grid, Category: l.Object, Name: l.Target, Start: l.Start, End: l.End,
				Search: search(l.Target, l.Address)}, err
		},
	}
}

func search(parts ...string) string {
	return strings.ToLower(strings.Join(parts, " "))
}
