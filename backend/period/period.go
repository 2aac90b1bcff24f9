// Package period names the spans offices report by: a month (2026-03),
// a quarter (2026-Q1) or a year (2026), with their Chinese labels.
package period

import (
	"fmt"
	"time"
)

const dateLayout = "2006-01-02"

// Span is a named span of days: a month, a quarter or a year.
type Span struct {
	Kind  string `json:"kind"`  // month | quarter | year
	Key   string `json:"key"`   // 2026-03, 2026-Q1, 2026
	Label string `json:"label"` // 2026年3月, 2026年第一季度, 2026年
	From  string `json:"from"`
	To    string `json:"to"`
}

var quarterNames = []string{"一", "二", "三", "四"}

// Of is the span of kind (month, quarter, year) holding day.
func Of(kind, day string) (Span, error) {
	t, err := time.Parse(dateLayout, day)
	if err != nil {
		return Span{}, fmt.Errorf("日期“%s”无效", day)
	}
	y, m := t.Year(), int(t.Month())
	switch kind {
	case "month":
		from := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
		return Span{kind, from.Format("2006-01"), fmt.Sprintf("%d年%d月", y, m), from.Format(dateLayout), from.AddDate(0, 1, -1).Format(dateLayout)}, nil
	case "quarter":
		q := (m - 1) / 3
		from := time.Date(y, time.Month(q*3+1), 1, 0, 0, 0, 0, time.UTC)
		return Span{kind, fmt.Sprintf("%d-Q%d", y, q+1), fmt.Sprintf("%d年第%s季度", y, quarterNames[q]), from.Format(dateLayout), from.AddDate(0, 3, -1).Format(dateLayout)}, nil
	case "year":
		return Span{kind, fmt.Sprint(y), fmt.Sprintf("%d年", y), fmt.Sprintf("%d-01-01", y), fmt.Sprintf("%d-12-31", y)}, nil
	}
	return Span{}, fmt.Errorf("统计周期“%s”应为月、季度或年", kind)
}

// Parse reads "2026-03", "2026-Q1" or "2026".
func Parse(key string) (Span, error) {
	var y, n int
	switch {
	case len(key) == 4:
		if _, err := fmt.Sscanf(key, "%d", &y); err == nil {
			return Of("year", fmt.Sprintf("%04d-01-01", y))
		}
	case len(key) == 7 && key[5] == 'Q':
		if _, err := fmt.Sscanf(key, "%d-Q%d", &y, &n); err == nil && n >= 1 && n <= 4 {
			return Of("quarter", fmt.Sprintf("%04d-%02d-01", y, n*3-2))
		}
	case len(key) == 7:
		if _, err := fmt.Sscanf(key, "%d-%d", &y, &n); err == nil && n >= 1 && n <= 12 {
			return Of("month", fmt.Sprintf("%04d-%02d-01", y, n))
		}
	}
	return Span{}, fmt.Errorf("期间“%s”应写作 2026-03（月）、2026-Q1（季度）或 2026（年）", key)
}
