package caseflow

import (
	"sort"

	"zongzhi/backend/store"
)

// Clash is a readable number two or more records carry: numbers issued
// offline by two sites that drew the same site code, or a sheet's own
// number imported at two sites. Sync brings both; nothing is lost, but a
// person must renumber one.
type Clash struct {
	Kind   string   `json:"kind"`
	What   string   `json:"what"` // 整改事项, 矛盾纠纷
	Number string   `json:"number"`
	IDs    []string `json:"ids"`
	Names  []string `json:"names"` // each record's name or place, for the person who decides
}

// Numbered is a kind whose records carry an issued number.
type Numbered struct {
	Kind string
	What string // what one record is called: 整改事项, 会议期数
	// Number reads the number from the index row; nil = Row.Code. ""
	// = the record has none (yet).
	Number func(*store.Row) string
}

// Clashes lists every number carried by more than one live record of
// the given kinds, by kind and number.
func Clashes(st *store.Store, kinds []Numbered) []Clash {
	var out []Clash
	for _, k := range kinds {
		kind, what := k.Kind, k.What
		number := k.Number
		if number == nil {
			number = func(r *store.Row) string { return r.Code }
		}
		by := map[string][]*store.Row{}
		for _, r := range st.Rows(store.IndexKind, kind) {
			if n := number(r); n != "" {
				by[n] = append(by[n], r)
			}
		}
		for number, rows := range by {
			if len(rows) < 2 {
				continue
			}
			sort.Slice(rows, func(i, j int) bool { return rows[i].ID < rows[j].ID })
			c := Clash{Kind: kind, What: what, Number: number}
			for _, r := range rows {
				c.IDs = append(c.IDs, r.ID)
				c.Names = append(c.Names, r.Name)
			}
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].What != out[j].What {
			return out[i].What < out[j].What
		}
		return out[i].Number < out[j].Number
	})
	return out
}
