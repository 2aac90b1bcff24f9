package workday

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"zongzhi/backend/problem"
	"zongzhi/backend/record"
	"zongzhi/backend/store"
)

// Kind is the record kind of a year the office entered or changed. The
// id is the year ("2027"), so two sites entering the same year meet as
// one record: their fields merge, and differing lists show as a conflict
// rather than as two calendars.
const Kind = "workday-year"

// Year bounds an office may enter.
const (
	MinYear = 2000
	MaxYear = 2100
)

// stored is the record of an office's year.
type stored struct {
	Year     int      `json:"year"`
	Holidays []string `json:"holidays"`
	Workdays []string `json:"workdays"`
	Note     string   `json:"note"`
	// Deleted is written false so that saving a year again after
	// ResetYear brings the record back.
	Deleted bool `json:"deleted"`
}

// Indexer maps an office's year to its index row (Code = the year).
func Indexer(r *record.Record) (store.Row, error) {
	var e stored
	err := r.Decode(&e)
	return store.Row{Code: strconv.Itoa(e.Year), Name: e.Note}, err
}

// Service keeps the calendar in force: the shipped years with the
// office's years over them. Deadlines are computed on many list rows and
// years are edited rarely, so the calendar is cached and dropped whenever
// a year commits, here or by a sync import.
type Service struct {
	st     *store.Store
	author func() string

	mu    sync.Mutex
	gen   int // bumped on every commit of Kind: a build begun before is stale
	years []Year
	cal   *Calendar
}

// New returns the service over st; author names who saves.
func New(st *store.Store, author func() string) *Service {
	s := &Service{st: st, author: author}
	st.Watch(func(cs []store.Changed) {
		for _, c := range cs {
			if c.Kind == Kind {
				s.mu.Lock()
				s.gen++
				s.years, s.cal = nil, nil
				s.mu.Unlock()
				return
			}
		}
	})
	return s
}

// load returns the cached years and calendar, building them when dropped.
// The build reads the store outside s.mu: the watcher runs inside a
// commit and must not wait on a reader.
func (s *Service) load() ([]Year, *Calendar) {
	s.mu.Lock()
	ys, cal, gen := s.years, s.cal, s.gen
	s.mu.Unlock()
	if cal != nil {
		return ys, cal
	}
	ys = s.build()
	cal = NewCalendar(ys)
	s.mu.Lock()
	if s.gen == gen {
		s.years, s.cal = ys, cal
	}
	s.mu.Unlock()
	return ys, cal
}

func (s *Service) build() []Year {
	byYear := map[int]Year{}
	for _, y := range Shipped() {
		byYear[y.Year] = y
	}
	for _, row := range s.st.Rows(store.IndexKind, Kind) {
		rec, err := s.st.Get(Kind, row.ID)
		if err != nil || rec.Deleted() {
			continue
		}
		var e stored
		n, err := strconv.Atoi(row.ID)
		if err != nil || rec.Decode(&e) != nil {
			continue
		}
		byYear[n] = Year{Year: n, Holidays: nonNil(e.Holidays), Workdays: nonNil(e.Workdays), Note: e.Note, Shipped: isShipped(n), Edited: true}
	}
	out := make([]Year, 0, len(byYear))
	for _, y := range byYear {
		out = append(out, y)
	}
	slices.SortFunc(out, func(a, b Year) int { return a.Year - b.Year })
	return out
}

func isShipped(year int) bool {
	for _, n := range notices {
		if n.year == year {
			return true
		}
	}
	return false
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Years lists the years in force, oldest first: shipped ones (as the
// office changed them, if it did) and the office's own.
func (s *Service) Years() []Year {
	ys, _ := s.load()
	out := make([]Year, len(ys))
	for i, y := range ys {
		y.Holidays, y.Workdays = slices.Clone(y.Holidays), slices.Clone(y.Workdays)
		out[i] = y
	}
	return out
}

// Calendar is the calendar in force; it reflects a save as soon as the
// save returns.
func (s *Service) Calendar() *Calendar {
	_, cal := s.load()
	return cal
}

func (s *Service) year(n int) (Year, bool) {
	for _, y := range s.Years() {
		if y.Year == n {
			return y, true
		}
	}
	return Year{}, false
}

// SaveYear records the office's schedule for one year and returns it as
// now in force. Lists come back sorted without duplicates. Saving a
// shipped year exactly as shipped drops the office's edit instead, so the
// year does not show as changed.
func (s *Service) SaveYear(in Year) (Year, error) {
	var f problem.Fields
	checkYear(&f, in.Year)
	holidays := cleanDates(&f, "holidays", "放假日期", in.Holidays, in.Year)
	workdays := cleanDates(&f, "workdays", "调休上班日期", in.Workdays, in.Year)
	if len(holidays) == 0 && !f.Has("holidays") {
		f.Add("holidays", "required", "请填写放假日期")
	}
	for _, w := range workdays {
		d, _ := parseDay(w)
		switch {
		case slices.Contains(holidays, w):
			f.Add("workdays", "both", fmt.Sprintf("%s 已列为放假日期，不能同时是调休上班日", w))
		case !d.weekend():
			f.Add("workdays", "weekday", fmt.Sprintf("调休上班日应为周六或周日：%s 是%s", w, weekdayNames[d.weekday()]))
		}
	}
	note := strings.TrimSpace(in.Note)
	if n := utf8.RuneCountInString(note); n > 200 {
		f.Add("note", "too_long", fmt.Sprintf("备注最多200个字，现在%d个字", n))
	}
	if err := f.Err(); err != nil {
		return Year{}, err
	}
	for _, sh := range Shipped() {
		if sh.Year == in.Year && slices.Equal(sh.Holidays, holidays) && slices.Equal(sh.Workdays, workdays) && sh.Note == note {
			if err := s.ResetYear(in.Year); err != nil {
				return Year{}, err
			}
			return sh, nil
		}
	}
	e := stored{Year: in.Year, Holidays: holidays, Workdays: workdays, Note: note}
	if _, err := s.st.Update(s.author(), func(tx *store.Txn) error {
		return tx.Put(Kind, strconv.Itoa(in.Year), e)
	}); err != nil {
		return Year{}, err
	}
	if y, ok := s.year(in.Year); ok {
		return y, nil
	}
	return Year{}, errors.New("workday: saved year not in force")
}

// ResetYear drops the office's schedule for a year: a shipped year goes
// back to what was shipped, any other year leaves the calendar (its
// deadlines are then reckoned Monday–Friday, with a warning). The record
// is deleted, not blanked, so an edit made meanwhile at another site
// shows as a delete-vs-edit conflict. Resetting a year with no edit does
// nothing.
func (s *Service) ResetYear(year int) error {
	var f problem.Fields
	checkYear(&f, year)
	if err := f.Err(); err != nil {
		return err
	}
	_, err := s.st.Update(s.author(), func(tx *store.Txn) error {
		err := tx.Delete(Kind, strconv.Itoa(year))
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		return err
	})
	return err
}

func checkYear(f *problem.Fields, year int) {
	switch {
	case year == 0:
		f.Add("year", "required", "请填写年份")
	case year < MinYear || year > MaxYear:
		f.Add("year", "range", fmt.Sprintf("年份应在%d至%d之间，现在是%d", MinYear, MaxYear, year))
	}
}

var weekdayNames = [...]string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}

// cleanDates trims, checks and sorts one list, naming each bad value.
func cleanDates(f *problem.Fields, field, name string, in []string, year int) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, s := range in {
		s = strings.TrimSpace(s)
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		d, ok := parseDay(s)
		switch {
		case !ok:
			f.Add(field, "format", fmt.Sprintf("%s“%s”不是有效日期，应为 年-月-日，如 %d-01-01", name, s, max(year, MinYear)))
		case year >= MinYear && year <= MaxYear && d.year() != year:
			f.Add(field, "other_year", fmt.Sprintf("%s“%s”不在%d年内", name, s, year))
		default:
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}
