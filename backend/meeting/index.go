package meeting

import (
	"strconv"
	"strings"

	"zongzhi/backend/record"
	"zongzhi/backend/store"
)

// Indexers returns the store indexers of the meeting kinds. Index rows:
//
//	meeting          Code=number Parent=body Ref=type/year once signed Tag=期 (0 = never signed)
//	                 Status Start=date Category=type Name=title Search=number, title, place, body
//	meeting-body     Name Category=type
//	meeting-version  Parent=meeting Tag=version
func Indexers() map[string]store.Indexer {
	return map[string]store.Indexer{
		Kind: func(r *record.Record) (store.Row, error) {
			var s stored
			err := r.Decode(&s)
			m := Meeting(s)
			row := store.Row{Code: m.Number, Parent: m.Body, Tag: strconv.Itoa(m.Seq), Status: m.Status, Start: m.Date,
				Category: m.Type, Name: m.Title, Search: strings.ToLower(strings.Join([]string{m.Number, m.Title, m.Place, m.BodyName}, " "))}
			if m.Seq > 0 {
				row.Ref = seqKey(m.Type, m.Year)
			}
			return row, err
		},
		KindBody: func(r *record.Record) (store.Row, error) {
			var b Body
			err := r.Decode(&b)
			return store.Row{Name: b.Name, Category: b.Type}, err
		},
		KindVersion: func(r *record.Record) (store.Row, error) {
			var v Version
			err := r.Decode(&v)
			return store.Row{Parent: v.Meeting, Tag: strconv.Itoa(v.Version)}, err
		},
	}
}

// SeqNumber is a signed meeting's 期 as a number unique per type and
// year ("01/2026/3"): two sites signing minutes of one type offline may
// both issue it, and caseflow.Clashes finds them.
func SeqNumber(r *store.Row) string {
	if r.Ref == "" {
		return ""
	}
	return r.Ref + "/" + r.Tag
}
