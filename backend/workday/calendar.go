// Package workday is the working-day calendar (工作日历): which days are
// working days under the State Council's yearly 放假调休 schedule, so that
// deadlines given in working days ("5个工作日内回复") fall where the office
// expects. Each year's schedule is published late in the previous year;
// the program ships the years known when it was built and the office
// enters later ones in 系统设置 (see Service). A year with no schedule is
// never guessed silently: arithmetic falls back to Monday–Friday and says
// so.
package workday

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Layout is the date format of every day this package reads or returns.
const Layout = "2006-01-02"

// Year is one year's 放假调休 schedule.
type Year struct {
	Year int `json:"year"`
	// Holidays lists every day off, YYYY-MM-DD, the weekend days inside a
	// holiday block included.
	Holidays []string `json:"holidays"`
	// Workdays lists the 调休 make-up working days (weekend days worked).
	Workdays []string `json:"workdays"`
	Note     string   `json:"note,omitempty"` // the notice it follows, e.g. 国办发明电〔2024〕12号
	Shipped  bool     `json:"shipped"`        // the program ships this year
	Edited   bool     `json:"edited"`         // the office entered or changed it
}

// day is a date as days since 1970-01-01: walking a calendar is then
// integer steps, free of time zones and daylight saving.
type day int

func parseDay(s string) (day, bool) {
	t, err := time.Parse(Layout, s)
	if err != nil {
		return 0, false
	}
	return dayOf(t), true
}

func dayOf(t time.Time) day {
	y, m, d := t.Date()
	secs := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix()
	n := secs / 86400
	if secs%86400 != 0 && secs < 0 {
		n--
	}
	return day(n)
}

func (d day) time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

func (d day) String() string { return d.time().Format(Layout) }

func (d day) year() int { return d.time().Year() }

// weekday: 1970-01-01 was a Thursday.
func (d day) weekday() time.Weekday { return time.Weekday(((int(d)+4)%7 + 7) % 7) }

func (d day) weekend() bool { w := d.weekday(); return w == time.Saturday || w == time.Sunday }

// Calendar answers working-day questions for the years it was built
// from. It never changes once built; the Service builds a new one when
// the office edits a year.
type Calendar struct {
	known map[int]bool
	off   map[day]bool // holidays
	on    map[day]bool // make-up working days
}

// NewCalendar builds a calendar from schedules; a year listed twice takes
// its last entry. Dates that do not parse or lie outside their year are
// ignored (Service.SaveYear refuses them before they are stored).
func NewCalendar(years []Year) *Calendar {
	last := map[int]Year{}
	for _, y := range years {
		last[y.Year] = y
	}
	c := &Calendar{known: map[int]bool{}, off: map[day]bool{}, on: map[day]bool{}}
	for _, y := range last {
		c.known[y.Year] = true
		for _, s := range y.Holidays {
			if d, ok := parseDay(s); ok && d.year() == y.Year {
				c.off[d] = true
			}
		}
		for _, s := range y.Workdays {
			if d, ok := parseDay(s); ok && d.year() == y.Year {
				c.on[d] = true
			}
		}
	}
	return c
}

// Known tells whether the year's schedule is loaded.
func (c *Calendar) Known(year int) bool { return c.known[year] }

// IsWorkday tells whether a YYYY-MM-DD day is a working day. For a year
// with no schedule it answers Monday–Friday with known=false; a date that
// does not parse is (false, false).
func (c *Calendar) IsWorkday(date string) (work, known bool) {
	d, ok := parseDay(date)
	if !ok {
		return false, false
	}
	return c.work(d)
}

// IsWorkdayTime is IsWorkday for the calendar date of t in t's location.
func (c *Calendar) IsWorkdayTime(t time.Time) (work, known bool) { return c.work(dayOf(t)) }

func (c *Calendar) work(d day) (work, known bool) {
	known = c.known[d.year()]
	switch {
	case c.off[d]:
		return false, known
	case c.on[d]:
		return true, known
	}
	return !d.weekend(), known
}

// AddWorkdays returns the n-th working day after from (from itself is not
// counted: +1 from a Thursday is the Friday). n < 1 returns from. When
// the days walked reach a year with no schedule, warning names the years
// and says the deadline assumed Monday–Friday; otherwise it is "". A from
// that does not parse gives "" and a warning saying so.
func (c *Calendar) AddWorkdays(from string, n int) (deadline, warning string) {
	d, ok := parseDay(from)
	if !ok {
		return "", fmt.Sprintf("开始日期“%s”不是有效日期，无法推算截止日期", from)
	}
	var missing years
	for n > 0 {
		d++
		work, known := c.work(d)
		if !known {
			missing.add(d.year())
		}
		if work {
			n--
		}
	}
	return d.String(), missing.warning("截止日期")
}

// WorkdaysBetween counts the working days after from up to and including
// to, so that WorkdaysBetween(from, AddWorkdays(from, n)) == n. It is 0
// when to == from and negative when to is before from (minus the count
// the other way round): WorkdaysBetween(deadline, today) > 0 is 超期N个
// 工作日. A weekend or holiday just after the deadline counts 0, so for a
// strict 按期 test compare the dates themselves. The warning is as for
// AddWorkdays; a date that does not parse gives 0 and a warning.
func (c *Calendar) WorkdaysBetween(from, to string) (int, string) {
	a, ok := parseDay(from)
	if !ok {
		return 0, fmt.Sprintf("日期“%s”不是有效日期，无法计算工作日数", from)
	}
	b, ok := parseDay(to)
	if !ok {
		return 0, fmt.Sprintf("日期“%s”不是有效日期，无法计算工作日数", to)
	}
	sign := 1
	if b < a {
		a, b, sign = b, a, -1
	}
	var missing years
	n := 0
	for d := a + 1; d <= b; d++ {
		work, known := c.work(d)
		if !known {
			missing.add(d.year())
		}
		if work {
			n++
		}
	}
	return sign * n, missing.warning("工作日数")
}

// years collects the years a walk found without a schedule.
type years []int

func (ys *years) add(y int) {
	for _, x := range *ys {
		if x == y {
			return
		}
	}
	*ys = append(*ys, y)
}

func (ys years) warning(what string) string {
	if len(ys) == 0 {
		return ""
	}
	sort.Ints(ys)
	names := make([]string, len(ys))
	for i, y := range ys {
		names[i] = fmt.Sprintf("%d年", y)
	}
	return fmt.Sprintf("%s的节假日安排尚未录入，%s按周一至周五推算，请在系统设置中录入后核对", strings.Join(names, "、"), what)
}
