package volunteer

import (
	"sort"

	"zongzhi/backend/store"
)

// Served is one approved activity of a volunteer, with the hours that count.
type ServedLine struct {
	Activity string  `json:"activity"`
	Number   string  `json:"number"`
	Date     string  `json:"date"`
	Title    string  `json:"title"`
	Teams    string  `json:"teams"`
	Hours    float64 `json:"hours"`
}

// StarReached is a star level and the day the hours reached it.
type StarReached struct {
	Level int    `json:"level"`
	Label string `json:"label"`
	Date  string `json:"date"`
}

// Record is a volunteer's service: every approved activity, the total,
// the star level (computed, never typed) and the day each was reached.
type Record struct {
	Volunteer Volunteer          `json:"volunteer"`
	Lines     []ServedLine       `json:"lines"`
	Total     float64            `json:"total"`
	ByYear    map[string]float64 `json:"byYear"`
	Star      int                `json:"star"`
	StarLabel string             `json:"starLabel"` // "" below one star
	Reached   []StarReached      `json:"reached"`
	ToNext    float64            `json:"toNext"` // hours to the next level; 0 at five stars
}

// counted tells whether an activity's hours count: approved or archived.
func counted(status string) bool { return status == StatusApproved || status == StatusArchived }

// ServiceRecord reckons a volunteer's service from the approved activities.
func (s *Service) ServiceRecord(id string) (Record, error) {
	v, err := volunteers.Get(s.Store, id)
	if err != nil {
		return Record{}, err
	}
	r := Record{Volunteer: v, Lines: []ServedLine{}, ByYear: map[string]float64{}, Reached: []StarReached{}}
	for _, row := range s.Store.Rows(store.IndexKind, KindActivity) {
		if !counted(row.Status) {
			continue
		}
		a, err := activities.Get(s.Store, row.ID)
		if err != nil {
			return r, err
		}
		if h, ok := HoursOf(a)[id]; ok && h > 0 {
			r.Lines = append(r.Lines, ServedLine{Activity: a.ID, Number: a.Number, Date: a.Date, Title: a.Title, Teams: joinNames(a.TeamNames), Hours: h})
		}
	}
	sort.Slice(r.Lines, func(i, j int) bool {
		if r.Lines[i].Date != r.Lines[j].Date {
			return r.Lines[i].Date < r.Lines[j].Date
		}
		return r.Lines[i].Number < r.Lines[j].Number
	})
	for _, l := range r.Lines {
		r.Total += l.Hours
		r.ByYear[l.Date[:4]] += l.Hours
		for len(r.Reached) < len(Stars) && r.Total >= Stars[len(r.Reached)].Hours {
			st := Stars[len(r.Reached)]
			r.Reached = append(r.Reached, StarReached{Level: st.Level, Label: st.Label, Date: l.Date})
		}
	}
	if n := len(r.Reached); n > 0 {
		r.Star, r.StarLabel = r.Reached[n-1].Level, r.Reached[n-1].Label
	}
	if r.Star < len(Stars) {
		r.ToNext = Stars[r.Star].Hours - r.Total
	}
	return r, nil
}
