package meeting

import (
	"sort"
	"time"

	"zongzhi/backend/dict"
	"zongzhi/backend/ledger"
	"zongzhi/backend/store"
)

// Board is what the dashboard shows of meetings: decisions still open
// by unit, and whether each body meets as often as it should.
type Board struct {
	Units  []UnitDecisions `json:"units"`
	Bodies []BodyCadence   `json:"bodies"`
}

// UnitDecisions counts a unit's decisions whose items are still open.
type UnitDecisions struct {
	Unit     string `json:"unit"`
	UnitName string `json:"unitName"` // "未指定" when the decision named none
	Open     int    `json:"open"`
	Overdue  int    `json:"overdue"`
}

// BodyCadence is a body's meetings against its frequency: held this
// period, and whether it missed the last full one.
type BodyCadence struct {
	Body          string `json:"body"`
	Name          string `json:"name"`
	Frequency     string `json:"frequency"`
	FrequencyName string `json:"frequencyName"`
	Held          int    `json:"held"`   // meetings held this week/month/quarter so far
	Missed        bool   `json:"missed"` // none in the last full week/month/quarter
	Last          string `json:"last"`   // date of the latest meeting, "" = never
}

// Board reckons the board as of today.
func (s *Service) Board() Board {
	today := s.Now()
	day := today.Format("2006-01-02")
	b := Board{Units: []UnitDecisions{}, Bodies: []BodyCadence{}}
	units := map[string]*UnitDecisions{}
	held := map[string][]string{} // body → meeting dates
	for _, r := range s.Store.Rows(store.IndexKind, Kind) {
		held[r.Parent] = append(held[r.Parent], r.Start)
		if r.Tag == "0" {
			continue // never signed: no decision tracked yet
		}
		m, err := cases.Get(s.Store, r.ID)
		if err != nil {
			continue
		}
		for _, d := range m.Decisions {
			item, ok := s.Store.Row(d.Ledger)
			if !ok || !ledger.Open(item.Status) {
				continue
			}
			u := units[d.Unit]
			if u == nil {
				u = &UnitDecisions{Unit: d.Unit, UnitName: d.UnitName}
				if u.UnitName == "" {
					u.UnitName = "未指定"
				}
				units[d.Unit] = u
			}
			u.Open++
			if item.End != "" && item.End < day {
				u.Overdue++
			}
		}
	}
	for _, u := range units {
		b.Units = append(b.Units, *u)
	}
	sort.Slice(b.Units, func(i, j int) bool {
		if b.Units[i].Overdue != b.Units[j].Overdue {
			return b.Units[i].Overdue > b.Units[j].Overdue
		}
		return b.Units[i].Unit < b.Units[j].Unit
	})
	for _, body := range s.Bodies() {
		if body.Frequency == "" || !body.Active {
			continue
		}
		from, lastFrom := periodStart(body.Frequency, today)
		c := BodyCadence{Body: body.ID, Name: body.Name, Frequency: body.Frequency, FrequencyName: dict.Name(Frequencies, body.Frequency), Missed: true}
		for _, d := range held[body.ID] {
			switch {
			case d > day:
			case d >= from:
				c.Held++
			case d >= lastFrom:
				c.Missed = false
			}
			if d <= day && d > c.Last {
				c.Last = d
			}
		}
		b.Bodies = append(b.Bodies, c)
	}
	return b
}

// periodStart is the first day of the week, month or quarter holding
// t, and of the one before.
func periodStart(freq string, t time.Time) (string, string) {
	y, m, d := t.Date()
	var from, last time.Time
	switch freq {
	case "weekly":
		from = time.Date(y, m, d-(int(t.Weekday())+6)%7, 0, 0, 0, 0, time.UTC) // Monday
		last = from.AddDate(0, 0, -7)
	case "quarterly":
		from = time.Date(y, time.Month((int(m)-1)/3*3+1), 1, 0, 0, 0, 0, time.UTC)
		last = from.AddDate(0, -3, 0)
	default:
		from = time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
		last = from.AddDate(0, -1, 0)
	}
	return from.Format("2006-01-02"), last.Format("2006-01-02")
}
