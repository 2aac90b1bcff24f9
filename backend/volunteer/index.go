package volunteer

import (
	"strings"

	"zongzhi/backend/record"
	"zongzhi/backend/store"
)

// Indexers returns the store indexers of the volunteer kinds. Index rows:
//
//	volunteer-team      Name Category=type Tag=dissolved date
//	volunteer           Parent=person Ref=staff Name Search=name, phone, skills, teams, national number
//	volunteer-activity  Code=number Status Start=date Category=type Grid Name=title Search=number, title, place, teams
//	volunteer-cert      Code=number Parent=volunteer Start=issued
func Indexers() map[string]store.Indexer {
	return map[string]store.Indexer{
		KindTeam: func(r *record.Record) (store.Row, error) {
			var t Team
			err := r.Decode(&t)
			return store.Row{Name: t.Name, Category: t.Type, Tag: t.Dissolved}, err
		},
		KindVolunteer: func(r *record.Record) (store.Row, error) {
			var s storedVolunteer
			err := r.Decode(&s)
			words := []string{s.Name, s.Phone, s.NationalNo, strings.Join(s.Skills, " ")}
			for _, m := range s.Memberships {
				words = append(words, m.TeamName)
			}
			return store.Row{Parent: s.Person, Ref: s.Staff, Name: s.Name, Search: strings.ToLower(strings.Join(words, " "))}, err
		},
		KindActivity: func(r *record.Record) (store.Row, error) {
			var s storedActivity
			err := r.Decode(&s)
			return store.Row{Code: s.Number, Status: s.Status, Start: s.Date, Category: s.Type, Grid: s.Grid, Name: s.Title,
				Search: strings.ToLower(strings.Join(append([]string{s.Number, s.Title, s.Place}, s.TeamNames...), " "))}, err
		},
		KindCertificate: func(r *record.Record) (store.Row, error) {
			var c Certificate
			err := r.Decode(&c)
			return store.Row{Code: c.Number, Parent: c.Volunteer, Start: c.Issued}, err
		},
	}
}
