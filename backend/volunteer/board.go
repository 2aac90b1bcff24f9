package volunteer

import (
	"sort"

	"zongzhi/backend/store"
)

// Board is what the dashboard shows of volunteering.
type Board struct {
	Active        int       `json:"active"` // volunteers serving in a team today
	HoursMonth    float64   `json:"hoursMonth"`
	HoursYear     float64   `json:"hoursYear"`
	ByTeam        []HoursBy `json:"byTeam"` // this year, most first
	ByType        []HoursBy `json:"byType"`
	Served        int       `json:"served"`        // people served this year
	StarsThisYear int       `json:"starsThisYear"` // star levels reached this year
}

// HoursBy is the approved hours of one team or activity type.
type HoursBy struct {
	Key   string  `json:"key"`
	Label string  `json:"label"`
	Hours float64 `json:"hours"`
}

// Board reckons the board as of today: approved hours only.
func (s *Service) Board() Board {
	today := s.Today()
	year, month := today[:4], today[:7]
	b := Board{ByTeam: []HoursBy{}, ByType: []HoursBy{}}
	team, typ := map[string]*HoursBy{}, map[string]*HoursBy{}
	served := map[string][]dated{} // volunteer → approved hours by day, every year
	for _, r := range s.Store.Rows(store.IndexKind, KindVolunteer) {
		v, err := volunteers.Get(s.Store, r.ID)
		if err == nil && len(v.Memberships) > 0 {
			for _, m := range v.Memberships {
				if m.Joined <= today && (m.Left == "" || m.Left >= today) {
					b.Active++
					break
				}
			}
		}
	}
	for _, r := range s.Store.Rows(store.IndexKind, KindActivity) {
		if !counted(r.Status) {
			continue
		}
		a, err := activities.Get(s.Store, r.ID)
		if err != nil {
			continue
		}
		sum := 0.0
		for v, h := range HoursOf(a) {
			sum += h
			served[v] = append(served[v], dated{a.Date, h})
		}
		if a.Date[:4] != year {
			continue
		}
		b.HoursYear += sum
		if a.Date[:7] == month {
			b.HoursMonth += sum
		}
		b.Served += a.Served.Elderly + a.Served.Children + a.Served.Disabled + a.Served.Poor + a.Served.Others
		for i, id := range a.Teams {
			if team[id] == nil {
				team[id] = &HoursBy{Key: id, Label: a.TeamNames[i]}
			}
			team[id].Hours += sum / float64(len(a.Teams))
		}
		if typ[a.Type] == nil {
			typ[a.Type] = &HoursBy{Key: a.Type, Label: a.TypeName}
		}
		typ[a.Type].Hours += sum
	}
	for _, x := range team {
		b.ByTeam = append(b.ByTeam, *x)
	}
	for _, x := range typ {
		b.ByType = append(b.ByType, *x)
	}
	for _, l := range [][]HoursBy{b.ByTeam, b.ByType} {
		sort.Slice(l, func(i, j int) bool {
			return l[i].Hours > l[j].Hours || (l[i].Hours == l[j].Hours && l[i].Key < l[j].Key)
		})
	}
	// Stars reached this year: each volunteer's approved hours in date
	// order, from one pass over the activities (not a record per volunteer).
	b.StarsThisYear = starsReachedIn(served, year)
	return b
}

type dated struct {
	day   string
	hours float64
}

// starsReachedIn counts the star levels volunteers reached in year.
func starsReachedIn(served map[string][]dated, year string) int {
	n := 0
	for _, ds := range served {
		sort.Slice(ds, func(i, j int) bool { return ds[i].day < ds[j].day })
		total, level := 0.0, 0
		for _, d := range ds {
			total += d.hours
			for level < len(Stars) && total >= Stars[level].Hours {
				if d.day[:4] == year {
					n++
				}
				level++
			}
		}
	}
	return n
}
