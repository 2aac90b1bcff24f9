// Package cadence computes how often an enrolled special-population person
// (特殊人群) must be visited (走访) and when the next visit is due. Due dates
// are always computed from the rule table, the enrollment and the visit
// history; they are never typed by users.
//
// All dates are civil dates written "YYYY-MM-DD". Internally they are handled
// as day numbers (days since 1970-01-01) so no time zone is ever involved;
// the only time.Time input ("today") is reduced to its calendar date in its
// own location, which the caller chooses (normally the office's local time).
package cadence

import (
	"strconv"
	"time"
)

// Interval units.
const (
	UnitDay   = "day"
	UnitWeek  = "week"
	UnitMonth = "month"
)

// Category codes of the standard (特殊人群类别) used by the defaults.
const (
	CatReleased   = "01" // 刑满释放人员
	CatCorrection = "02" // 社区矫正人员
	CatMental     = "03" // 肇事肇祸等严重精神障碍患者
	CatDrug       = "04" // 吸毒人员
	CatAIDS       = "05" // 艾滋病危险人员
	CatYouth      = "06" // 重点青少年
	CatPetition   = "51" // 信访人员 (local code)
)

// Interval is a visiting interval: N days, weeks or months.
type Interval struct {
	N    int    `json:"n"`
	Unit string `json:"unit"` // "day" | "week" | "month"
}

// valid reports whether the unit is known and N ≥ 1.
func (iv Interval) valid() bool {
	return iv.N >= 1 && (iv.Unit == UnitDay || iv.Unit == UnitWeek || iv.Unit == UnitMonth)
}

// String describes the interval in Chinese, e.g. "每2周", "每月", "每季度".
func (iv Interval) String() string {
	n := strconv.Itoa(iv.N)
	switch iv.Unit {
	case UnitDay:
		if iv.N == 1 {
			return "每天"
		}
		return "每" + n + "天"
	case UnitWeek:
		if iv.N == 1 {
			return "每周"
		}
		return "每" + n + "周"
	case UnitMonth:
		switch iv.N {
		case 1:
			return "每月"
		case 3:
			return "每季度"
		case 6:
			return "每半年"
		case 12:
			return "每年"
		}
		return "每" + n + "个月"
	}
	return "间隔无效"
}

// Rule is one configurable cadence: for a category (code, "" = any),
// optionally only for some levels/attention values, an interval.
type Rule struct {
	// Category is "03" 严重精神障碍 … or a local code; "" = default for any category.
	Category string `json:"category"`
	// Levels matches the enrollment's level: the 危险性评估等级 "0"…"5" for 03,
	// the 危险性评估类型 "01" 重点帮教 / "02" 一般帮教 for 01, the 关注程度
	// "00"/"01"/"02"/"03" for the others. Empty = any level. Compared exactly.
	Levels []string `json:"levels,omitempty"`
	// Every is the longest allowed gap between two visits.
	Every Interval `json:"every"`
	// MinPerYear is the minimum number of visits per calendar year (严重精神障碍: 4).
	MinPerYear int `json:"minPerYear,omitempty"`
	// Label is the Chinese description shown to users.
	Label string `json:"label"`
}

// label returns the rule's label, or a generated one when it is empty.
func (r Rule) label() string {
	if r.Label != "" {
		return r.Label
	}
	return r.Every.String() + "至少1次"
}

func (r Rule) matchesLevel(level string) bool {
	if len(r.Levels) == 0 {
		return true
	}
	for _, l := range r.Levels {
		if l == level {
			return true
		}
	}
	return false
}

var (
	every2Weeks = Interval{N: 2, Unit: UnitWeek}
	monthly     = Interval{N: 1, Unit: UnitMonth}
	every2Month = Interval{N: 2, Unit: UnitMonth}
	quarterly   = Interval{N: 3, Unit: UnitMonth}
)

// fallbackRule is used by Table.For when no rule matches at all.
var fallbackRule = Rule{Every: quarterly, Label: "未配置走访规则：每季度至少1次"}

// Defaults returns the default cadence table (per DOMAIN.md). Administrators
// may edit it; the result is a fresh slice each call.
//
// Decisions beyond the brief: 03 and 01 each get a catch-all rule for an
// enrollment whose level has not been assessed yet (monthly), so an
// unassessed 01/03 never falls through to the 关注程度 defaults (whose codes
// "01"/"02" would otherwise be misread as 关注程度); the default block ends
// with a catch-all for categories with no 关注程度 set (quarterly).
func Defaults() []Rule {
	return []Rule{
		{Category: CatMental, Levels: []string{"3", "4", "5"}, Every: every2Weeks, MinPerYear: 4, Label: "严重精神障碍3–5级：每2周至少1次，每年不少于4次"},
		{Category: CatMental, Levels: []string{"1", "2"}, Every: monthly, MinPerYear: 4, Label: "严重精神障碍1–2级：每月至少1次，每年不少于4次"},
		{Category: CatMental, Levels: []string{"0"}, Every: quarterly, MinPerYear: 4, Label: "严重精神障碍0级：每3个月至少1次，每年不少于4次"},
		{Category: CatMental, Every: monthly, MinPerYear: 4, Label: "严重精神障碍（未评估危险性等级）：每月至少1次，每年不少于4次"},
		{Category: CatCorrection, Every: monthly, Label: "社区矫正人员：每月至少1次"},
		{Category: CatReleased, Levels: []string{"01"}, Every: monthly, Label: "刑满释放人员（重点帮教）：每月至少1次"},
		{Category: CatReleased, Levels: []string{"02"}, Every: quarterly, Label: "刑满释放人员（一般帮教）：每季度至少1次"},
		{Category: CatReleased, Every: monthly, Label: "刑满释放人员（未评估危险性）：每月至少1次"},
		{Category: CatDrug, Every: monthly, Label: "吸毒人员：每月至少1次"},
		{Category: CatAIDS, Every: quarterly, Label: "艾滋病危险人员：每季度至少1次"},
		{Category: CatYouth, Every: monthly, Label: "重点青少年：每月至少1次"},
		{Category: "", Levels: []string{"01"}, Every: monthly, Label: "关注程度高：每月至少1次"},
		{Category: "", Levels: []string{"02"}, Every: every2Month, Label: "关注程度中：每2个月至少1次"},
		{Category: "", Levels: []string{"03", "00"}, Every: quarterly, Label: "关注程度低或不关注：每季度至少1次"},
		{Category: "", Every: quarterly, Label: "其他类别：每季度至少1次"},
	}
}

// Table is an ordered rule list.
type Table []Rule

// For returns the rule for an enrollment: the first rule whose Category
// equals category and whose Levels contain level (or are empty) wins; else
// the first Category "" rule whose levels match; else a quarterly rule.
func (t Table) For(category, level string) Rule {
	if category != "" {
		for i := range t {
			if t[i].Category == category && t[i].matchesLevel(level) {
				return t[i]
			}
		}
	}
	for i := range t {
		if t[i].Category == "" && t[i].matchesLevel(level) {
			return t[i]
		}
	}
	return fallbackRule
}

// Validate checks a user-edited table and returns Chinese error messages,
// each prefixed with the 1-based rule number ("第3条规则：…"). nil = valid.
func (t Table) Validate() []string {
	var errs []string
	add := func(i int, msg string) {
		errs = append(errs, "第"+strconv.Itoa(i+1)+"条规则："+msg)
	}
	for i, r := range t {
		switch {
		case r.Every.N < 1:
			add(i, "间隔必须至少为1")
		case r.Every.Unit != UnitDay && r.Every.Unit != UnitWeek && r.Every.Unit != UnitMonth:
			add(i, "间隔单位必须是“天”“周”或“月”")
		case r.Every.Unit == UnitDay && r.Every.N > 366:
			add(i, "间隔过长，按天计最多366天")
		case r.Every.Unit == UnitWeek && r.Every.N > 52:
			add(i, "间隔过长，按周计最多52周")
		case r.Every.Unit == UnitMonth && r.Every.N > 12:
			add(i, "间隔过长，按月计最多12个月")
		}
		if r.MinPerYear < 0 || r.MinPerYear > 52 {
			add(i, "每年最少走访次数应在0到52之间")
		}
		for _, l := range r.Levels {
			if l == "" {
				add(i, "等级不能为空值")
				break
			}
		}
		// Overlaps with earlier rules of the same category.
	earlier:
		for j := 0; j < i; j++ {
			p := t[j]
			if p.Category != r.Category {
				continue
			}
			if len(p.Levels) == 0 {
				if len(r.Levels) == 0 {
					add(i, "与第"+strconv.Itoa(j+1)+"条规则重复（"+catName(r.Category)+"，不限等级）")
				} else {
					add(i, "第"+strconv.Itoa(j+1)+"条规则已适用于"+catName(r.Category)+"的所有等级，本条永远不会生效，请调整顺序")
				}
				break
			}
			for _, l := range r.Levels {
				if l != "" && p.matchesLevel(l) {
					add(i, "与第"+strconv.Itoa(j+1)+"条规则重复（"+catName(r.Category)+"，等级“"+l+"”）")
					break earlier
				}
			}
		}
	}
	return errs
}

func catName(c string) string {
	if c == "" {
		return "默认规则"
	}
	return "类别“" + c + "”"
}

// ---------------------------------------------------------------------------
// Civil dates as day numbers.

// days is a civil date as the number of days since 1970-01-01.
type days int

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// fromCivil converts y-m-d to a day number (proleptic Gregorian).
func fromCivil(y, m, d int) days {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return days(era*146097 + doe - 719468)
}

// civil converts a day number back to y-m-d.
func (n days) civil() (y, m, d int) {
	z := int(n) + 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return
}

// weekday returns 0 for Monday … 6 for Sunday.
func (n days) weekday() int {
	// 1970-01-01 was a Thursday (3).
	w := (int(n) + 3) % 7
	if w < 0 {
		w += 7
	}
	return w
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(y, m int) int {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// parse reads a strict "YYYY-MM-DD" date.
func parse(s string) (days, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	num := func(b string) (int, bool) {
		v := 0
		for i := 0; i < len(b); i++ {
			c := b[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int(c-'0')
		}
		return v, true
	}
	y, ok1 := num(s[0:4])
	m, ok2 := num(s[5:7])
	d, ok3 := num(s[8:10])
	if !ok1 || !ok2 || !ok3 || y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, false
	}
	return fromCivil(y, m, d), true
}

func (n days) String() string {
	y, m, d := n.civil()
	if y < 1 || y > 9999 {
		return ""
	}
	var b [10]byte
	b[0] = byte('0' + y/1000)
	b[1] = byte('0' + y/100%10)
	b[2] = byte('0' + y/10%10)
	b[3] = byte('0' + y%10)
	b[4] = '-'
	b[5] = byte('0' + m/10)
	b[6] = byte('0' + m%10)
	b[7] = '-'
	b[8] = byte('0' + d/10)
	b[9] = byte('0' + d%10)
	return string(b[:])
}

// dayOf reduces a time to its calendar date in the time's own location.
func dayOf(t time.Time) days {
	y, m, d := t.Date()
	return fromCivil(y, int(m), d)
}

// add adds n units (n may be negative). Months keep the day of month,
// clamped to the last day of the target month.
func (n days) add(iv Interval) days {
	switch iv.Unit {
	case UnitDay:
		return n + days(iv.N)
	case UnitWeek:
		return n + days(7*iv.N)
	default: // UnitMonth
		y, m, d := n.civil()
		total := y*12 + (m - 1) + iv.N
		ny := floorDiv(total, 12)
		nm := total - ny*12 + 1
		if dim := daysIn(ny, nm); d > dim {
			d = dim
		}
		return fromCivil(ny, nm, d)
	}
}

// AddInterval adds an interval to a date (YYYY-MM-DD) the way offices count:
// months keep the day of month, clamped to the month's last day
// (Jan 31 + 1 month = Feb 28/29; Aug 31 + 1 month = Sep 30), weeks are 7 days.
// A negative N subtracts. It returns "" for an invalid date, an unknown unit,
// or a result outside years 0001–9999.
func AddInterval(date string, iv Interval) string {
	n, ok := parse(date)
	if !ok || (iv.Unit != UnitDay && iv.Unit != UnitWeek && iv.Unit != UnitMonth) {
		return ""
	}
	if iv.Unit == UnitMonth && (iv.N > 12*10000 || iv.N < -12*10000) {
		return ""
	}
	if iv.Unit != UnitMonth && (iv.N > 7*10000*366 || iv.N < -7*10000*366) {
		return ""
	}
	return n.add(iv).String()
}

// ---------------------------------------------------------------------------
// Next due visit.

// Due is the next due date and state for one enrollment.
type Due struct {
	Next        string `json:"next"`        // YYYY-MM-DD: next visit due by this date
	OverdueDays int    `json:"overdueDays"` // > 0 when today is after Next
	DueThisWeek bool   `json:"dueThisWeek"` // Next falls in the ISO week (Mon–Sun) of today and is not overdue
	YearShort   int    `json:"yearShort"`   // visits still needed this calendar year to reach MinPerYear (0 when met or no minimum)
	Reason      string `json:"reason"`      // Chinese explanation
}

// NextDue computes the next due visit for one enrollment.
//
//   - lastVisit is the date of the last actual visit. When it is "" (never
//     visited), invalid, or earlier than enrolled (a visit from before this
//     enrollment, e.g. a previous enrollment that was exited), the first visit
//     is due one interval after enrolled; if that date already passed the
//     enrollment is overdue from that date (OverdueDays counts from it — a
//     never-visited person is exactly who "无人漏管" must surface).
//   - enrolled is the enrollment start date; if it is invalid too, the visit
//     is due today.
//   - visitsThisYear counts actual visits in today's calendar year.
//   - MinPerYear: the yearly target is prorated for an enrollment that
//     started during today's year (MinPerYear × days enrolled this year /
//     days in year, rounded half up; an enrollment starting in a later year
//     owes nothing this year). If the visits still needed cannot fit at the rule's
//     interval before Dec 31, Next moves earlier so they fit — but never
//     earlier than today (it only makes a visit due sooner, it never creates
//     overdue days on its own; the interval rule alone does that).
//
// today is reduced to its calendar date in its own location. An invalid
// interval in rule is treated as quarterly.
func NextDue(rule Rule, enrolled, lastVisit string, visitsThisYear int, today time.Time) Due {
	if !rule.Every.valid() {
		rule.Every = quarterly
	}
	iv := rule.Every
	td := dayOf(today)
	enr, enrOK := parse(enrolled)
	last, lastOK := parse(lastVisit)
	if lastOK && enrOK && last < enr {
		lastOK = false
	}

	var next days
	var reason string
	switch {
	case lastOK:
		next = last.add(iv)
		reason = rule.label() + "，上次走访" + lastVisit
	case enrOK:
		next = enr.add(iv)
		reason = rule.label() + "，入管后首次走访（" + enrolled + "入管）"
	default:
		next = td
		reason = rule.label() + "，入管日期缺失，请尽快走访"
	}

	var due Due
	if rule.MinPerYear > 0 {
		ty, _, _ := td.civil()
		jan1 := fromCivil(ty, 1, 1)
		dec31 := fromCivil(ty, 12, 31)
		target := rule.MinPerYear
		if enrOK && enr > jan1 {
			if enr > dec31 {
				target = 0
			} else {
				yearDays := int(dec31-jan1) + 1
				in := int(dec31-enr) + 1
				// Rounded half up: a half-year enrollment owes half the visits.
				target = (2*rule.MinPerYear*in + yearDays) / (2 * yearDays)
			}
		}
		if short := target - visitsThisYear; short > 0 {
			due.YearShort = short
			// The short visits at next, next+iv, … must all be ≤ Dec 31.
			latest := dec31.add(Interval{N: -(short - 1) * iv.N, Unit: iv.Unit})
			if latest < next {
				head := "；本年度应至少走访" + strconv.Itoa(target) + "次，已走访" +
					strconv.Itoa(visitsThisYear) + "次，还需" + strconv.Itoa(short) + "次"
				if latest >= td {
					next = latest
					reason += head + "，为按间隔在12月31日前完成，提前至" + next.String()
				} else if td < next {
					next = td
					reason += head + "，按间隔已来不及，请尽快走访"
				}
			}
		}
	}

	due.Next = next.String()
	due.Reason = reason
	if td > next {
		due.OverdueDays = int(td - next)
	} else {
		sunday := td + days(6-td.weekday())
		due.DueThisWeek = next <= sunday
	}
	return due
}

// ---------------------------------------------------------------------------
// Holiday checks (节假日必查).

// Period is a time span during which every enrollment of the given
// categories must be visited at least once.
type Period struct {
	Name       string   `json:"name"`
	From       string   `json:"from"`
	To         string   `json:"to"`
	Categories []string `json:"categories,omitempty"` // empty = all categories
}

// EDITABLE DATA — the admin may override these in settings; the code only
// supplies defaults.
//
// springFestivalEve is 除夕 (the day before 春节/正月初一), 2024–2030.
// 春节 (正月初一): 2024-02-10, 2025-01-29, 2026-02-17, 2027-02-06,
// 2028-01-26, 2029-02-13, 2030-02-03.
var springFestivalEve = map[int]string{
	2024: "2024-02-09",
	2025: "2025-01-28",
	2026: "2026-02-16",
	2027: "2027-02-05",
	2028: "2028-01-25",
	2029: "2029-02-12",
	2030: "2030-02-02",
}

// EDITABLE DATA — official 春节 holidays from the 国务院办公厅 放假调休
// notices (these were 8–9 days, not 7; the official span is used as is).
// 2027 onward were not yet published when this was written: those years
// fall back to 除夕 + 7 days.
var springFestivalOfficial = map[int][2]string{
	2024: {"2024-02-10", "2024-02-17"}, // 2月10日至17日，共8天
	2025: {"2025-01-28", "2025-02-04"}, // 1月28日（除夕）至2月4日，共8天
	2026: {"2026-02-15", "2026-02-23"}, // 2月15日至23日，共9天
}

// EDITABLE DATA — 国庆 is Oct 1–7 unless the official notice differs.
var nationalDayOfficial = map[int][2]string{
	2025: {"2025-10-01", "2025-10-08"}, // 国庆节、中秋节连休，10月1日至8日，共8天
}

// EDITABLE DATA — 全国两会 sensitive period, approximated as Mar 3–15 every
// year, for 社区矫正 (02), 严重精神障碍 (03) and 信访人员 (local code 51).
var (
	twoSessionsFrom = "-03-03"
	twoSessionsTo   = "-03-15"
	twoSessionsCats = []string{CatCorrection, CatMental, CatPetition}
)

// HolidayChecks returns the default 节假日必查 periods for a year, in date
// order: 春节 (only for years in the Spring Festival table, 2024–2030 —
// outside it the admin must enter the dates), 全国两会 (categories 02, 03,
// 51) and 国庆节. Holiday periods apply to all categories.
func HolidayChecks(year int) []Period {
	if year < 1 || year > 9999 {
		return nil
	}
	ys := fromCivil(year, 1, 1).String()[:4]
	var out []Period
	if p, ok := springFestivalOfficial[year]; ok {
		out = append(out, Period{Name: "春节", From: p[0], To: p[1]})
	} else if eve, ok := springFestivalEve[year]; ok {
		d, _ := parse(eve)
		out = append(out, Period{Name: "春节", From: eve, To: (d + 6).String()})
	}
	out = append(out, Period{
		Name: "全国两会", From: ys + twoSessionsFrom, To: ys + twoSessionsTo,
		Categories: append([]string(nil), twoSessionsCats...),
	})
	if p, ok := nationalDayOfficial[year]; ok {
		out = append(out, Period{Name: "国庆节", From: p[0], To: p[1]})
	} else {
		out = append(out, Period{Name: "国庆节", From: ys + "-10-01", To: ys + "-10-07"})
	}
	return out
}

// PendingChecks lists the periods covering today that apply to category and
// in which none of visitDates (the enrollment's actual visit dates) falls.
// Periods with invalid dates are skipped; invalid visit dates are ignored.
func PendingChecks(periods []Period, category string, visitDates []string, today time.Time) []Period {
	td := dayOf(today)
	var out []Period
	for _, p := range periods {
		from, ok1 := parse(p.From)
		to, ok2 := parse(p.To)
		if !ok1 || !ok2 || td < from || td > to {
			continue
		}
		if len(p.Categories) > 0 {
			applies := false
			for _, c := range p.Categories {
				if c == category {
					applies = true
					break
				}
			}
			if !applies {
				continue
			}
		}
		visited := false
		for _, v := range visitDates {
			if d, ok := parse(v); ok && d >= from && d <= to {
				visited = true
				break
			}
		}
		if !visited {
			out = append(out, p)
		}
	}
	return out
}
