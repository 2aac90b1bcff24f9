package dispute

import (
	"fmt"
	"math"
	"sort"
	"time"

	"zongzhi/backend/grid"
	"zongzhi/backend/period"
	"zongzhi/backend/problem"
	"zongzhi/backend/store"
	"zongzhi/backend/zeroreport"
)

// Counts are the columns of the 矛盾纠纷排查化解月度统计表 for a set of
// disputes: those registered (登记日期) in the period, by where they stand
// now. Accepted = Succeeded + Failed + Mediating.
type Counts struct {
	Registered int `json:"registered"` // 排查数
	Accepted   int `json:"accepted"`   // 受理数
	Declined   int `json:"declined"`   // 不予受理
	Succeeded  int `json:"succeeded"`  // 调处成功
	Failed     int `json:"failed"`     // 调处不成功
	Mediating  int `json:"mediating"`  // 调处中 (accepted, no result yet)
	Involved   int `json:"involved"`   // 涉及人数
	Visited    int `json:"visited"`    // 已回访
	Satisfied  int `json:"satisfied"`  // 满意 + 基本满意
}

func (c *Counts) add(r *store.Row) {
	result, satisfaction, involved := outcome(r)
	c.Registered++
	c.Involved += involved
	switch {
	case r.Status == StatusDeclined:
		c.Declined++
	case r.Status == StatusRegistered:
	case result == ResultSuccess:
		c.Accepted++
		c.Succeeded++
	case result == ResultFailure:
		c.Accepted++
		c.Failed++
	default:
		c.Accepted++
		c.Mediating++
	}
	if satisfaction != "" {
		c.Visited++
		if Satisfied(satisfaction) {
			c.Satisfied++
		}
	}
}

func (c *Counts) plus(o Counts) {
	c.Registered += o.Registered
	c.Accepted += o.Accepted
	c.Declined += o.Declined
	c.Succeeded += o.Succeeded
	c.Failed += o.Failed
	c.Mediating += o.Mediating
	c.Involved += o.Involved
	c.Visited += o.Visited
	c.Satisfied += o.Satisfied
}

// Rate is a percentage with what it was computed from. With nothing to
// divide by it is 0 and prints as "—".
type Rate struct {
	Num     int     `json:"num"`
	Den     int     `json:"den"`
	Percent float64 `json:"percent"` // rounded to 0.1
	Text    string  `json:"text"`    // "98.0%" or "—"
}

// NewRate is num ÷ den as a percentage.
func NewRate(num, den int) Rate {
	if den == 0 {
		return Rate{Text: "—"}
	}
	p := math.Round(float64(num)*1000/float64(den)) / 10
	return Rate{Num: num, Den: den, Percent: p, Text: fmt.Sprintf("%.1f%%", p)}
}

// SuccessRate is 调处成功率 = 成功 ÷ 已调处 (成功 + 不成功).
func (c Counts) SuccessRate() Rate { return NewRate(c.Succeeded, c.Succeeded+c.Failed) }

// SatisfactionRate is 回访满意率 = (满意 + 基本满意) ÷ 已回访.
func (c Counts) SatisfactionRate() Rate { return NewRate(c.Satisfied, c.Visited) }

// MonthlyQuery chooses the month and, optionally, a grid or a village.
type MonthlyQuery struct {
	Month   string `json:"month"` // YYYY-MM
	Grid    string `json:"grid,omitempty"`
	Village string `json:"village,omitempty"`
}

func (q MonthlyQuery) scope() string {
	if q.Grid != "" {
		return q.Grid
	}
	return q.Village
}

// CategoryRow is one line of the monthly table.
type CategoryRow struct {
	Category     string `json:"category"`
	CategoryName string `json:"categoryName"`
	Counts
}

// MonthlyStats is the 矛盾纠纷排查化解月度统计表.
type MonthlyStats struct {
	Month            string        `json:"month"`
	MonthName        string        `json:"monthName"` // 2026年3月
	From             string        `json:"from"`
	To               string        `json:"to"`
	Scope            string        `json:"scope"`
	ScopeName        string        `json:"scopeName"`
	Rows             []CategoryRow `json:"rows"` // every category in use or offered, in table order
	Total            Counts        `json:"total"`
	SuccessRate      Rate          `json:"successRate"`
	SatisfactionRate Rate          `json:"satisfactionRate"`
	// Zero: no dispute in the month and scope — the table prints as a
	// 零报告; ZeroReport is the report filed for it, if any.
	Zero       bool               `json:"zero"`
	ZeroReport *zeroreport.Report `json:"zeroReport,omitempty"`
}

// Monthly computes the monthly statistics table.
func (s *Service) Monthly(q MonthlyQuery) (MonthlyStats, error) {
	var f problem.Fields
	from, to, err := zeroreport.Period(q.Month)
	if err != nil {
		f.Add("month", "format", err.Error())
	}
	scope := q.scope()
	name, ok := zeroreport.ScopeName(s.Store, scope)
	if !ok {
		f.Add("scope", "unknown", "统计范围（网格或村、社区）不存在或已删除")
	}
	if err := f.Err(); err != nil {
		return MonthlyStats{}, err
	}
	m := MonthlyStats{Month: q.Month, MonthName: zeroreport.MonthName(q.Month), From: from, To: to, Scope: scope, ScopeName: name, Rows: []CategoryRow{}}
	by := map[string]*Counts{}
	for _, r := range s.rows(Query{From: from, To: to}) {
		if !s.inScope(r.Grid, scope) {
			continue
		}
		c := by[r.Category]
		if c == nil {
			c = &Counts{}
			by[r.Category] = c
		}
		c.add(r)
	}
	seen := map[string]bool{}
	for _, e := range s.Dict.Entries(TableCategories) {
		c, used := by[e.Code]
		if e.Disabled && !used {
			continue
		}
		row := CategoryRow{Category: e.Code, CategoryName: e.Label}
		if used {
			row.Counts = *c
		}
		m.Rows = append(m.Rows, row)
		seen[e.Code] = true
	}
	var unknown []string // codes no table holds (a sync brought a local code before its entry)
	for code := range by {
		if !seen[code] {
			unknown = append(unknown, code)
		}
	}
	sort.Strings(unknown)
	for _, code := range unknown {
		m.Rows = append(m.Rows, CategoryRow{Category: code, CategoryName: s.Dict.Label(TableCategories, code), Counts: *by[code]})
	}
	for _, r := range m.Rows {
		m.Total.plus(r.Counts)
	}
	m.SuccessRate, m.SatisfactionRate = m.Total.SuccessRate(), m.Total.SatisfactionRate()
	m.Zero = m.Total.Registered == 0
	if m.Zero && s.Zero != nil {
		if z, ok := s.Zero.Find(zeroreport.AreaDispute, q.Month, scope); ok {
			m.ZeroReport = &z
		}
	}
	return m, nil
}

// count is the zero-report counter: disputes registered from..to in scope.
func (s *Service) count(from, to, scope string) int {
	n := 0
	for _, r := range s.rows(Query{From: from, To: to}) {
		if s.inScope(r.Grid, scope) {
			n++
		}
	}
	return n
}

// RatesQuery chooses a period and how to bucket it for the dashboard.
type RatesQuery struct {
	From    string `json:"from"`
	To      string `json:"to"`
	GroupBy string `json:"groupBy"` // month (default) | quarter | year | grid
	Grid    string `json:"grid,omitempty"`
	Village string `json:"village,omitempty"`
}

// Bucket is one point of the chart.
type Bucket struct {
	Key   string `json:"key"`   // 2026-03, 2026-Q1, 2026, or a grid id
	Label string `json:"label"` // 2026年3月, 2026年第一季度, 2026年, the grid's name
	Counts
	SuccessRate      Rate `json:"successRate"`
	SatisfactionRate Rate `json:"satisfactionRate"`
}

// RateTable is the rates per bucket and over the whole period.
type RateTable struct {
	GroupBy string   `json:"groupBy"`
	Buckets []Bucket `json:"buckets"` // every month/quarter/year of the period; grids with disputes
	Total   Bucket   `json:"total"`
}

// Rates counts disputes registered in a period per month, quarter, year or
// grid, with 调处成功率 and 回访满意率 for each.
func (s *Service) Rates(q RatesQuery) (RateTable, error) {
	var f problem.Fields
	f.Date("from", "开始日期", q.From, true)
	f.Date("to", "结束日期", q.To, true)
	if q.From != "" && q.To != "" && q.To < q.From {
		f.Add("to", "order", "结束日期不能早于开始日期")
	}
	if q.GroupBy == "" {
		q.GroupBy = "month"
	}
	if q.GroupBy != "month" && q.GroupBy != "quarter" && q.GroupBy != "year" && q.GroupBy != "grid" {
		f.Add("groupBy", "unknown", "统计方式应为按月、按季度、按年或按网格")
	}
	scope := q.Grid
	if scope == "" {
		scope = q.Village
	}
	if _, ok := zeroreport.ScopeName(s.Store, scope); !ok {
		f.Add("scope", "unknown", "统计范围（网格或村、社区）不存在或已删除")
	}
	if err := f.Err(); err != nil {
		return RateTable{}, err
	}
	t := RateTable{GroupBy: q.GroupBy, Buckets: []Bucket{}, Total: Bucket{Key: "total", Label: "合计"}}
	index := map[string]int{}
	if q.GroupBy != "grid" {
		from, _ := time.Parse(dateLayout, q.From)
		to, _ := time.Parse(dateLayout, q.To)
		for m := time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, time.UTC); !m.After(to); m = m.AddDate(0, 1, 0) {
			key, label := bucketOf(q.GroupBy, m)
			if _, ok := index[key]; !ok {
				index[key] = len(t.Buckets)
				t.Buckets = append(t.Buckets, Bucket{Key: key, Label: label})
			}
		}
	}
	for _, r := range s.rows(Query{From: q.From, To: q.To}) {
		if !s.inScope(r.Grid, scope) {
			continue
		}
		var key, label string
		if q.GroupBy == "grid" {
			key, label = r.Grid, r.Grid
			if g, ok := s.Store.Row(r.Grid); ok {
				label = g.Name
			}
		} else {
			day, _ := time.Parse(dateLayout, r.Start)
			key, label = bucketOf(q.GroupBy, day)
		}
		i, ok := index[key]
		if !ok {
			i = len(t.Buckets)
			index[key] = i
			t.Buckets = append(t.Buckets, Bucket{Key: key, Label: label})
		}
		t.Buckets[i].add(r)
		t.Total.add(r)
	}
	if q.GroupBy == "grid" {
		code := func(id string) string {
			if g, ok := s.Store.Row(id); ok && g.Kind == grid.KindGrid {
				return g.Code
			}
			return id
		}
		sort.Slice(t.Buckets, func(i, j int) bool { return code(t.Buckets[i].Key) < code(t.Buckets[j].Key) })
	}
	for i := range t.Buckets {
		b := &t.Buckets[i]
		b.SuccessRate, b.SatisfactionRate = b.Counts.SuccessRate(), b.Counts.SatisfactionRate()
	}
	t.Total.SuccessRate, t.Total.SatisfactionRate = t.Total.Counts.SuccessRate(), t.Total.Counts.SatisfactionRate()
	return t, nil
}

func bucketOf(groupBy string, day time.Time) (key, label string) {
	if groupBy != "quarter" && groupBy != "year" {
		groupBy = "month"
	}
	p, _ := period.Of(groupBy, day.Format(dateLayout))
	return p.Key, p.Label
}
