package people

import (
	"strings"
	"time"

	"zongzhi/backend/attach"
	"zongzhi/backend/dict"
	"zongzhi/backend/idcard"

	"zongzhi/backend/record"
	"zongzhi/backend/store"
)

// Index row fields per kind:
//
//	person     Code=ID number Grid Status Name Search=name, ID number, phone
//	enrollment Parent=person Ref=first responsible Grid Status Category Code=level
//	           Name=person's name Tag=responsible ids joined by "," Start=enrolled End=ended
//	visit      Parent=enrollment Ref=person Grid Status=done|planned Start=date (or planned) Category=method
//	reveal     Parent=person Start=time
const (
	visitDone    = "done"
	visitPlanned = "planned"
)

// idKey is the number one person is found by: a 15-digit number is the
// same person as its 18-digit form.
func idKey(number string) string {
	n := strings.ToUpper(strings.TrimSpace(number))
	if len(n) == 15 {
		if up, err := idcard.Upgrade15(n, time.Time{}); err == nil {
			return up
		}
	}
	return n
}

// Indexers returns the store indexers of the people kinds.
func Indexers() map[string]store.Indexer {
	return map[string]store.Indexer{
		KindCadenceRule: ruleIndexer,
		dict.Kind:       dict.Indexer,
		attach.Kind:     attach.Indexer,
		KindPerson: func(r *record.Record) (store.Row, error) {
			var p Person
			err := r.Decode(&p)
			return store.Row{Code: idKey(p.IDNumber), Grid: p.Grid, Status: p.Status, Name: p.Name,
				Search: strings.ToLower(strings.Join([]string{p.Name, p.IDNumber, p.Phone}, " "))}, err
		},
		KindEnrollment: func(r *record.Record) (store.Row, error) {
			var e Enrollment
			err := r.Decode(&e)
			row := store.Row{Parent: e.Person, Grid: e.Grid, Status: e.Status, Category: e.Category, Code: e.Level,
				Name: e.PersonName, Tag: strings.Join(e.Responsible, ","), Start: e.Enrolled, End: e.Ended}
			if len(e.Responsible) > 0 {
				row.Ref = e.Responsible[0]
			}
			return row, err
		},
		KindVisit: func(r *record.Record) (store.Row, error) {
			var v Visit
			err := r.Decode(&v)
			row := store.Row{Parent: v.Enrollment, Ref: v.Person, Grid: v.Grid, Status: visitDone, Start: v.Date, Category: v.Method}
			if v.Date == "" {
				row.Status, row.Start = visitPlanned, v.Planned
			}
			return row, err
		},
		KindReveal: func(r *record.Record) (store.Row, error) {
			var v Reveal
			err := r.Decode(&v)
			return store.Row{Parent: v.Person, Start: v.At}, err
		},
	}
}
