package volunteer

import (
	"sort"
	"strings"

	"zongzhi/backend/idcard"
	"zongzhi/backend/people"
	"zongzhi/backend/store"
)

// Codes is every table the volunteer forms use.
type Codes struct {
	TeamTypes     []Code `json:"teamTypes"`
	ActivityTypes []Code `json:"activityTypes"`
	Sources       []Code `json:"sources"`
	Levels        []Code `json:"levels"`
	Politics      []Code `json:"politics"`
	Statuses      []Code `json:"statuses"`
	Stars         []Code `json:"stars"` // level → 一星 (100 h) …
}

// Codes returns the code tables, the editable ones as the office has them.
func (s *Service) Codes() Codes {
	c := Codes{TeamTypes: s.Dict.Options(TableTeamTypes), ActivityTypes: s.Dict.Options(TableActivityTypes), Sources: s.Dict.Options(TableSources),
		Levels: Levels, Politics: Politics, Statuses: Flow.StateCodes()}
	for _, st := range Stars {
		c.Stars = append(c.Stars, Code{Code: strings.Repeat("★", st.Level), Label: st.Label})
	}
	return c
}

// Totals is every volunteer's approved hours (corrections applied), and
// per year.
func (s *Service) Totals() (map[string]float64, map[string]map[string]float64) {
	all, byYear := map[string]float64{}, map[string]map[string]float64{}
	for _, r := range s.Store.Rows(store.IndexKind, KindActivity) {
		if !counted(r.Status) {
			continue
		}
		a, err := activities.Get(s.Store, r.ID)
		if err != nil {
			continue
		}
		for v, h := range HoursOf(a) {
			all[v] += h
			if byYear[v] == nil {
				byYear[v] = map[string]float64{}
			}
			byYear[v][a.Date[:4]] += h
		}
	}
	return all, byYear
}

// StarOf is the star level of a total (0 below one star).
func StarOf(total float64) int {
	n := 0
	for _, st := range Stars {
		if total >= st.Hours {
			n = st.Level
		}
	}
	return n
}

// VolunteerQuery filters the volunteer list; empty fields match all.
type VolunteerQuery struct {
	Text string `json:"text,omitempty"` // name, phone, skill, team, national number
	Team string `json:"team,omitempty"` // serving in this team now
	Star int    `json:"star,omitempty"` // at least this many stars
}

// VolunteerLine is one line of the volunteer list.
type VolunteerLine struct {
	ID       string  `json:"id"`
	Name     string  `json:"name"`
	Phone    string  `json:"phone"` // masked
	Teams    string  `json:"teams"` // serving now
	Skills   string  `json:"skills"`
	Hours    float64 `json:"hours"`
	Star     int     `json:"star"`
	IDMasked string  `json:"idMasked"`
}

// Volunteers lists volunteers by name.
func (s *Service) Volunteers(q VolunteerQuery) []VolunteerLine {
	text := strings.ToLower(strings.TrimSpace(q.Text))
	totals, _ := s.Totals()
	out := []VolunteerLine{}
	for _, r := range s.Store.Rows(store.IndexKind, KindVolunteer) {
		if text != "" && !strings.Contains(r.Search, text) {
			continue
		}
		v, err := volunteers.Get(s.Store, r.ID)
		if err != nil {
			continue
		}
		var teams []string
		serving := false
		for _, m := range v.Memberships {
			if m.Left == "" {
				teams = append(teams, m.TeamName)
				serving = serving || m.Team == q.Team
			}
		}
		if q.Team != "" && !serving {
			continue
		}
		star := StarOf(totals[v.ID])
		if q.Star > 0 && star < q.Star {
			continue
		}
		line := VolunteerLine{ID: v.ID, Name: v.Name, Phone: idcard.MaskPhone(v.Phone), Teams: joinNames(teams), Skills: joinNames(v.Skills),
			Hours: totals[v.ID], Star: star}
		var p people.Person
		if s.Read(people.KindPerson, v.Person, "人员", &p) == nil {
			line.IDMasked = idcard.MaskID(p.IDNumber)
			if line.Phone == "" {
				line.Phone = idcard.MaskPhone(p.Phone)
			}
		}
		out = append(out, line)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// ActivityQuery filters the activity list; empty fields match all.
type ActivityQuery struct {
	Status string `json:"status,omitempty"`
	Team   string `json:"team,omitempty"`
	From   string `json:"from,omitempty"`
	To     string `json:"to,omitempty"`
	Text   string `json:"text,omitempty"`
	Offset int    `json:"offset,omitempty"`
	Limit  int    `json:"limit,omitempty"` // 0 = 50
}

// ActivityLine is one line of the activity list.
type ActivityLine struct {
	ID     string  `json:"id"`
	Number string  `json:"number"`
	Title  string  `json:"title"`
	Date   string  `json:"date"`
	Teams  string  `json:"teams"`
	Status string  `json:"status"`
	People int     `json:"people"`
	Hours  float64 `json:"hours"`
}

// ActivityPage is a page of activities with the count per status of
// everything the other filters match.
type ActivityPage struct {
	Lines  []ActivityLine `json:"lines"`
	Total  int            `json:"total"`
	Counts map[string]int `json:"counts"`
}

// Activities lists activities, latest first.
func (s *Service) Activities(q ActivityQuery) ActivityPage {
	text := strings.ToLower(strings.TrimSpace(q.Text))
	p := ActivityPage{Lines: []ActivityLine{}, Counts: map[string]int{}}
	var rows []*store.Row
	for _, r := range s.Store.Rows(store.IndexKind, KindActivity) {
		if (q.From != "" && r.Start < q.From) || (q.To != "" && r.Start > q.To) || (text != "" && !strings.Contains(r.Search, text)) {
			continue
		}
		rows = append(rows, r)
	}
	var lines []ActivityLine
	for _, r := range rows {
		a, err := activities.Get(s.Store, r.ID)
		if err != nil {
			continue
		}
		if q.Team != "" && !contains(a.Teams, q.Team) {
			continue
		}
		p.Counts[a.Status]++
		if q.Status != "" && a.Status != q.Status {
			continue
		}
		l := ActivityLine{ID: a.ID, Number: a.Number, Title: a.Title, Date: a.Date, Teams: joinNames(a.TeamNames), Status: a.Status}
		for _, h := range HoursOf(a) {
			if h > 0 {
				l.People++
				l.Hours += h
			}
		}
		lines = append(lines, l)
	}
	sort.Slice(lines, func(i, j int) bool {
		if lines[i].Date != lines[j].Date {
			return lines[i].Date > lines[j].Date
		}
		return lines[i].Number > lines[j].Number
	})
	p.Total = len(lines)
	limit := q.Limit
	if limit <= 0 {
		limit = 50
	}
	for i := q.Offset; i < len(lines) && i < q.Offset+limit; i++ {
		p.Lines = append(p.Lines, lines[i])
	}
	return p
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// Members are the volunteers serving in any of teams on day, by name:
// whose hours an activity of those teams may record.
func (s *Service) Members(teams []string, day string) []Volunteer {
	out := []Volunteer{}
	for _, r := range s.Store.Rows(store.IndexKind, KindVolunteer) {
		v, err := volunteers.Get(s.Store, r.ID)
		if err == nil && memberOn(v, teams, day) {
			out = append(out, v)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
