// Package zeroreport keeps 零报告: the explicit report that nothing was
// found in an area (disputes, rectification items) for a month, in the
// whole township or one village or grid. A zero report is a claim the
// office signs, so it is refused while the area has items in that period
// and scope: each area registers a counter for that check.
package zeroreport

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"zongzhi/backend/dict"
	"zongzhi/backend/grid"
	"zongzhi/backend/problem"
	"zongzhi/backend/record"
	"zongzhi/backend/store"
)

// Kind is the record kind of a zero report.
const Kind = "zero-report"

// Areas a zero report can be made for.
const (
	AreaDispute       = "dispute"       // 矛盾纠纷排查化解
	AreaRectification = "rectification" // 隐患排查整改
)

// Areas names the areas; an area takes reports once its counter is registered.
var Areas = []dict.Code{{Code: AreaDispute, Label: "矛盾纠纷排查化解"}, {Code: AreaRectification, Label: "隐患排查整改"}}

// Problem codes.
const (
	ErrHasItems     = "zero_report_has_items"     // the area has items in the period and scope
	ErrNotConnected = "zero_report_no_counter"    // the area has no registered counter yet
	ErrBadScope     = "zero_report_scope_unknown" // scope is neither a division nor a grid
)

// Counter counts an area's items dated from..to (YYYY-MM-DD, inclusive)
// in a scope: "" = everywhere, a grid id, or a division code (a village,
// or the township) meaning every grid under it.
type Counter func(from, to, scope string) int

// Report is one 零报告.
type Report struct {
	ID        string `json:"id"`
	Area      string `json:"area"`
	AreaName  string `json:"areaName"`
	Period    string `json:"period"` // YYYY-MM
	Scope     string `json:"scope"`  // "" = the whole township; a grid id or a division code
	ScopeName string `json:"scopeName"`
	Reporter  string `json:"reporter"` // who reports (name)
	Date      string `json:"date"`     // report date
	Note      string `json:"note"`
	// Items is how many items the area holds now for the period and
	// scope (filled by List and Find): more than zero means something was
	// registered afterwards, e.g. backdated or arrived by sync.
	Items int `json:"items"`
}

// stored is a report as written: deleted is written false, so a report
// withdrawn and filed again (same id: area, month, scope) is back.
type stored struct {
	Report
	Deleted bool `json:"deleted"`
}

// Service saves and lists zero reports.
type Service struct {
	Store  *store.Store
	Author func() string
	Now    func() time.Time

	mu       sync.RWMutex
	counters map[string]Counter
}

// New returns the service with the real clock and no counters.
func New(st *store.Store) *Service {
	return &Service{Store: st, Author: func() string { return st.Site().Name }, Now: time.Now, counters: map[string]Counter{}}
}

// Indexers returns the store indexer of zero reports:
//
//	zero-report Category=area Code=period Grid=scope Name=reporter Start=date
func Indexers() map[string]store.Indexer {
	return map[string]store.Indexer{
		Kind: func(r *record.Record) (store.Row, error) {
			var z Report
			err := r.Decode(&z)
			return store.Row{Category: z.Area, Code: z.Period, Grid: z.Scope, Name: z.Reporter, Start: z.Date}, err
		},
	}
}

// Register sets the counter of an area; the area's own package calls it.
func (s *Service) Register(area string, c Counter) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.counters[area] = c
}

func (s *Service) counter(area string) Counter {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.counters[area]
}

// Period is the first and last day of a month "YYYY-MM".
func Period(month string) (from, to string, err error) {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return "", "", fmt.Errorf("月份“%s”格式不正确，应为 年-月，如 2026-03", month)
	}
	return t.Format("2006-01-02"), t.AddDate(0, 1, -1).Format("2006-01-02"), nil
}

// MonthName is "2026年3月".
func MonthName(month string) string {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return month
	}
	return fmt.Sprintf("%d年%d月", t.Year(), t.Month())
}

// ID is the record id of the report of an area, month and scope: one
// report each, so saving again corrects it.
func ID(area, period, scope string) string {
	if scope == "" {
		scope = "all"
	}
	return area + "/" + period + "/" + scope
}

// ScopeName names a scope: a grid's or division's name, "" = 全乡（镇）.
func ScopeName(st *store.Store, scope string) (string, bool) {
	if scope == "" {
		return "全乡（镇）", true
	}
	r, ok := st.Row(scope)
	if !ok || (r.Kind != grid.KindGrid && r.Kind != grid.KindDivision) {
		return "", false
	}
	return r.Name, true
}

// Save records a zero report (or corrects the one of the same area,
// month and scope). It is refused while the area has items there.
func (s *Service) Save(in Report) (Report, error) {
	for _, p := range []*string{&in.Area, &in.Period, &in.Scope, &in.Reporter, &in.Date, &in.Note} {
		*p = strings.TrimSpace(*p)
	}
	var f problem.Fields
	today := s.Now().Format("2006-01-02")
	label, known := dict.Label(Areas, in.Area)
	switch {
	case in.Area == "":
		f.Add("area", "required", "请选择报告类别")
	case !known:
		f.Add("area", "unknown", fmt.Sprintf("报告类别“%s”不存在", in.Area))
	}
	in.AreaName = label
	from, to, err := Period(in.Period)
	switch {
	case in.Period == "":
		f.Add("period", "required", "报告月份不能为空")
	case err != nil:
		f.Add("period", "format", err.Error())
	case in.Period > today[:7]:
		f.Add("period", "future", fmt.Sprintf("%s尚未到来，不能报零", MonthName(in.Period)))
	}
	name, ok := ScopeName(s.Store, in.Scope)
	if !ok {
		f.Add("scope", "unknown", "报告范围（网格或村、社区）不存在或已删除")
	}
	in.ScopeName = name
	f.Required("reporter", "报告人", in.Reporter)
	if in.Date == "" {
		in.Date = today
	}
	f.Date("date", "报告日期", in.Date, true)
	switch {
	case in.Date > today:
		f.Add("date", "future", "报告日期不能晚于今天")
	case from != "" && in.Date < from:
		f.Add("date", "order", fmt.Sprintf("报告日期不能早于所报月份（%s）", MonthName(in.Period)))
	}
	if err := f.Err(); err != nil {
		return in, err
	}
	count := s.counter(in.Area)
	if count == nil {
		return in, problem.Conflict(ErrNotConnected, fmt.Sprintf("“%s”的统计尚未接入，暂不能报零", in.AreaName))
	}
	if n := count(from, to, in.Scope); n > 0 {
		return in, problem.Conflict(ErrHasItems, fmt.Sprintf("%s%s已有“%s”事项%d件，不能报零", in.ScopeName, MonthName(in.Period), in.AreaName, n))
	}
	in.ID = ID(in.Area, in.Period, in.Scope)
	in.Items = 0
	_, err = s.Store.Update(s.Author(), func(tx *store.Txn) error { return tx.Put(Kind, in.ID, stored{in, false}) })
	return in, err
}

// Find returns the zero report of an area, month and scope, if made.
func (s *Service) Find(area, period, scope string) (Report, bool) {
	var z Report
	rec, err := s.Store.Get(Kind, ID(area, period, scope))
	if err != nil || rec.Deleted() || rec.Decode(&z) != nil {
		return Report{}, false
	}
	s.fillItems(&z)
	return z, true
}

func (s *Service) fillItems(z *Report) {
	z.Items = 0
	if c := s.counter(z.Area); c != nil {
		if from, to, err := Period(z.Period); err == nil {
			z.Items = c(from, to, z.Scope)
		}
	}
}

// List returns an area's zero reports of a year, by month then scope.
func (s *Service) List(area string, year int) ([]Report, error) {
	out := []Report{}
	prefix := fmt.Sprintf("%04d-", year)
	for _, r := range s.Store.Rows(store.IndexKind, Kind) {
		if r.Category != area || !strings.HasPrefix(r.Code, prefix) {
			continue
		}
		rec, err := s.Store.Get(Kind, r.ID)
		if err != nil {
			return nil, err
		}
		var z Report
		if err := rec.Decode(&z); err != nil {
			return nil, err
		}
		s.fillItems(&z)
		out = append(out, z)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Period != out[j].Period {
			return out[i].Period < out[j].Period
		}
		return out[i].ScopeName < out[j].ScopeName
	})
	return out, nil
}

// Delete withdraws a zero report made by mistake.
func (s *Service) Delete(id string) error {
	_, err := s.Store.Update(s.Author(), func(tx *store.Txn) error {
		rec, err := tx.Get(Kind, id)
		if errors.Is(err, store.ErrNotFound) || (err == nil && rec.Deleted()) {
			return problem.NotFound("零报告", id)
		}
		if err != nil {
			return err
		}
		return tx.Delete(Kind, id)
	})
	return err
}
