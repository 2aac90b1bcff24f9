package meeting

import (
	"sort"
	"strconv"
	"strings"

	"zongzhi/backend/attach"
	"zongzhi/backend/store"
)

// Tracked is where a decision's rectification item stands now.
type Tracked struct {
	ID         string `json:"id"` // the decision's (or reported decision's) id
	Ledger     string `json:"ledger"`
	Number     string `json:"number"`
	Status     string `json:"status"` // the ledger's status code; "" = not tracked yet
	StatusName string `json:"statusName"`
	Deadline   string `json:"deadline"`
	Overdue    bool   `json:"overdue"`
}

// View is a meeting with what its page shows beside the record.
type View struct {
	Meeting
	Quorum   Quorum              `json:"quorum"`
	Next     []string            `json:"next"`     // moves the status allows
	Tracked  []Tracked           `json:"tracked"`  // each decision's item, as it stands now
	Reported []Tracked           `json:"reported"` // each previous decision's item, as it stands now
	Versions []int               `json:"versions"` // signed versions kept (readable with GetVersion)
	Photos   []attach.Attachment `json:"photos"`
	SeqText  string              `json:"seqText"` // 〔2026〕第3期, once signed
}

// Get returns a meeting with its quorum, the live status of its
// decisions and of the previous decisions reported at it.
func (s *Service) Get(id string) (View, error) {
	m, err := cases.Get(s.Store, id)
	if err != nil {
		return View{}, err
	}
	v := View{Meeting: m, Quorum: Count(m.Rule, m.Attendance), Next: []string{}, Tracked: []Tracked{}, Reported: []Tracked{}, Versions: []int{}}
	for _, mv := range Flow.Next(m.Status) {
		v.Next = append(v.Next, mv.Code)
	}
	for _, d := range m.Decisions {
		v.Tracked = append(v.Tracked, s.track(d.ID, d.Ledger))
	}
	for _, r := range m.Reports {
		v.Reported = append(v.Reported, s.track(r.ID, r.Ledger))
	}
	for _, ver := range s.Versions(id) {
		v.Versions = append(v.Versions, ver.Version)
	}
	v.SeqText = SeqText(m)
	v.Photos = attach.Of(s.Store, id)
	if v.Photos == nil {
		v.Photos = []attach.Attachment{}
	}
	return v, nil
}

// SeqText is the sequence line of signed minutes: 〔2026〕第3期.
func SeqText(m Meeting) string {
	if m.Seq == 0 {
		return ""
	}
	return "〔" + strconv.Itoa(m.Year) + "〕第" + strconv.Itoa(m.Seq) + "期"
}

func (s *Service) track(id, item string) Tracked {
	t := Tracked{ID: id, Ledger: item}
	if item == "" {
		return t
	}
	it, err := s.Ledger.Get(item)
	if err != nil {
		return t
	}
	t.Number, t.Status, t.StatusName, t.Deadline, t.Overdue = it.Number, it.Status, it.StatusName, it.Deadline, it.Overdue
	return t
}

// GetVersion returns a signed version as it was signed.
func (s *Service) GetVersion(in VersionQuery) (Meeting, error) {
	var v Version
	if err := s.Read(KindVersion, versionID(in.ID, in.Version), "纪要版本", &v); err != nil {
		return Meeting{}, err
	}
	return v.Snapshot, nil
}

// VersionQuery names one signed version of a meeting.
type VersionQuery struct {
	ID      string `json:"id"`
	Version int    `json:"version"`
}

// Query filters the meeting list; empty fields match all.
type Query struct {
	Type   string `json:"type,omitempty"`
	Body   string `json:"body,omitempty"`
	Year   int    `json:"year,omitempty"`
	Status string `json:"status,omitempty"`
	Text   string `json:"text,omitempty"`
	Offset int    `json:"offset,omitempty"`
	Limit  int    `json:"limit,omitempty"` // 0 = 50
}

// Line is one line of the meeting list.
type Line struct {
	ID     string `json:"id"`
	Number string `json:"number"`
	Title  string `json:"title"`
	Date   string `json:"date"`
	Type   string `json:"type"`
	Status string `json:"status"`
	Seq    int    `json:"seq"`
}

// Page is a page of the list with the count per status of everything
// the other filters match (the status tabs).
type Page struct {
	Lines  []Line         `json:"lines"`
	Total  int            `json:"total"`
	Counts map[string]int `json:"counts"`
}

// List lists meetings, latest first.
func (s *Service) List(q Query) Page {
	text := strings.ToLower(strings.TrimSpace(q.Text))
	year := ""
	if q.Year > 0 {
		year = strconv.Itoa(q.Year)
	}
	p := Page{Lines: []Line{}, Counts: map[string]int{}}
	var all []*store.Row
	for _, r := range s.Store.Rows(store.IndexKind, Kind) {
		if (q.Type != "" && r.Category != q.Type) || (q.Body != "" && r.Parent != q.Body) ||
			(year != "" && !strings.HasPrefix(r.Start, year)) || (text != "" && !strings.Contains(r.Search, text)) {
			continue
		}
		p.Counts[r.Status]++
		if q.Status == "" || r.Status == q.Status {
			all = append(all, r)
		}
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].Start != all[j].Start {
			return all[i].Start > all[j].Start
		}
		return all[i].Code > all[j].Code
	})
	p.Total = len(all)
	limit := q.Limit
	if limit <= 0 {
		limit = 50
	}
	for i := q.Offset; i < len(all) && i < q.Offset+limit; i++ {
		r := all[i]
		p.Lines = append(p.Lines, Line{ID: r.ID, Number: r.Code, Title: r.Name, Date: r.Start, Type: r.Category, Status: r.Status, Seq: seqOf(r)})
	}
	return p
}

func seqOf(r *store.Row) int {
	n, _ := strconv.Atoi(r.Tag)
	return n
}
