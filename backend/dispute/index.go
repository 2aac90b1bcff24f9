package dispute

import (
	"fmt"
	"strconv"
	"strings"

	"zongzhi/backend/record"
	"zongzhi/backend/store"
)

// Index row fields per kind:
//
//	dispute     Code=number Grid Status Category Name Ref=mediator Start=date End=deadline
//	            Tag=result:satisfaction:involved (statistics read rows, not records)
//	            Search=name, number, place, parties' names and ID numbers
//	dispute-seq Code=site/year
func indexers() map[string]store.Indexer {
	return map[string]store.Indexer{
		Kind: func(r *record.Record) (store.Row, error) {
			var sd stored
			err := r.Decode(&sd)
			d := Dispute(sd)
			words := []string{d.Name, d.Number, d.Place}
			for _, p := range d.Parties {
				words = append(words, p.Name, p.IDNumber)
			}
			return store.Row{Code: d.Number, Grid: d.Grid, Status: d.Status, Category: d.Category, Name: d.Name,
				Ref: d.Mediator, Start: d.Date, End: d.Deadline, Tag: fmt.Sprintf("%s:%s:%d", d.Result, d.Visit.Satisfaction, d.Involved),
				Search: strings.ToLower(strings.Join(words, " "))}, err
		},
		KindSeq: func(r *record.Record) (store.Row, error) {
			var c seq
			err := r.Decode(&c)
			return store.Row{Code: c.Site + "/" + c.Year}, err
		},
	}
}

// outcome reads the result, satisfaction and people involved back from
// a row's Tag.
func outcome(r *store.Row) (result, satisfaction string, involved int) {
	parts := strings.SplitN(r.Tag, ":", 3)
	if len(parts) == 3 {
		result, satisfaction = parts[0], parts[1]
		involved, _ = strconv.Atoi(parts[2])
	}
	return result, satisfaction, involved
}
