package cadence

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

// day returns 10:00 UTC on the given civil date.
func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t.Add(10 * time.Hour)
}

func TestDefaultRules(t *testing.T) {
	tab := Table(Defaults())
	tests := []struct {
		cat, level string
		every      Interval
		min        int
		label      string
	}{
		{"03", "5", every2Weeks, 4, "严重精神障碍3–5级"},
		{"03", "4", every2Weeks, 4, "严重精神障碍3–5级"},
		{"03", "3", every2Weeks, 4, "严重精神障碍3–5级"},
		{"03", "2", monthly, 4, "严重精神障碍1–2级"},
		{"03", "1", monthly, 4, "严重精神障碍1–2级"},
		{"03", "0", quarterly, 4, "严重精神障碍0级"},
		{"03", "", monthly, 4, "未评估危险性等级"},
		{"03", "01", monthly, 4, "未评估危险性等级"}, // a 关注程度 code is not a risk level
		{"02", "", monthly, 0, "社区矫正人员"},
		{"02", "03", monthly, 0, "社区矫正人员"},
		{"01", "01", monthly, 0, "重点帮教"},
		{"01", "02", quarterly, 0, "一般帮教"},
		{"01", "", monthly, 0, "未评估危险性"},
		{"04", "", monthly, 0, "吸毒人员"},
		{"04", "03", monthly, 0, "吸毒人员"},
		{"05", "", quarterly, 0, "艾滋病危险人员"},
		{"05", "01", quarterly, 0, "艾滋病危险人员"},
		{"06", "02", monthly, 0, "重点青少年"},
		{"51", "01", monthly, 0, "关注程度高"},
		{"51", "02", every2Month, 0, "关注程度中"},
		{"51", "03", quarterly, 0, "关注程度低"},
		{"51", "00", quarterly, 0, "不关注"},
		{"51", "", quarterly, 0, "其他类别"},
		{"", "01", monthly, 0, "关注程度高"},
		{"99", "x", quarterly, 0, "其他类别"},
	}
	for _, tc := range tests {
		r := tab.For(tc.cat, tc.level)
		if r.Every != tc.every || r.MinPerYear != tc.min || !strings.Contains(r.Label, tc.label) {
			t.Errorf("For(%q,%q) = %+v; want every %+v min %d label ~%q", tc.cat, tc.level, r, tc.every, tc.min, tc.label)
		}
	}
}

func TestDefaultsValidAndFresh(t *testing.T) {
	if errs := Table(Defaults()).Validate(); errs != nil {
		t.Fatalf("defaults invalid: %v", errs)
	}
	d := Defaults()
	for _, r := range d {
		if r.Label == "" {
			t.Errorf("default rule %+v has no label", r)
		}
		if r.Category == "03" && r.MinPerYear != 4 {
			t.Errorf("03 rule %+v: MinPerYear %d, want 4", r, r.MinPerYear)
		}
	}
	d[0].Levels[0] = "9"
	d[0].Every.N = 99
	if e := Defaults(); e[0].Levels[0] != "3" || e[0].Every.N != 2 {
		t.Fatalf("Defaults shares state between calls: %+v", e[0])
	}
}

func TestTableForPrecedence(t *testing.T) {
	def := Rule{Category: "", Every: Interval{6, UnitMonth}, Label: "default-any"}
	defHigh := Rule{Category: "", Levels: []string{"01"}, Every: Interval{1, UnitWeek}, Label: "default-high"}
	cat := Rule{Category: "04", Every: Interval{10, UnitDay}, Label: "04-any"}
	catLvl := Rule{Category: "03", Levels: []string{"3", "4"}, Every: Interval{2, UnitWeek}, Label: "03-high"}
	catLvl2 := Rule{Category: "03", Levels: []string{"3"}, Every: Interval{1, UnitDay}, Label: "03-3-second"}

	tab := Table{defHigh, def, cat, catLvl, catLvl2}
	tests := []struct {
		name, cat, level, want string
	}{
		{"category beats earlier default", "04", "01", "04-any"},
		{"category rule without levels matches any level", "04", "", "04-any"},
		{"levels filter matches", "03", "4", "03-high"},
		{"first matching category rule wins", "03", "3", "03-high"},
		{"levels filter rejects, falls back to default by level", "03", "01", "default-high"},
		{"levels filter rejects, falls back to catch-all default", "03", "0", "default-any"},
		{"unknown category uses first matching default", "88", "01", "default-high"},
		{"unknown category, other level", "88", "02", "default-any"},
		{"empty category uses defaults only", "", "01", "default-high"},
	}
	for _, tc := range tests {
		if got := tab.For(tc.cat, tc.level).Label; got != tc.want {
			t.Errorf("%s: For(%q,%q) = %q, want %q", tc.name, tc.cat, tc.level, got, tc.want)
		}
	}

	// Default rules must not shadow a later category rule, and a Category ""
	// rule whose levels do not match is skipped.
	onlyLevelled := Table{defHigh, catLvl}
	if got := onlyLevelled.For("51", "03"); got.Every != quarterly || got.Label != fallbackRule.Label {
		t.Errorf("no match: got %+v, want quarterly fallback", got)
	}
	if got := (Table{}).For("03", "5"); got.Every != quarterly {
		t.Errorf("empty table: got %+v", got)
	}
	if got := Table(nil).For("", ""); got.Every != quarterly {
		t.Errorf("nil table: got %+v", got)
	}
}

func TestAddInterval(t *testing.T) {
	tests := []struct {
		date string
		iv   Interval
		want string
	}{
		// Month ends.
		{"2023-01-31", Interval{1, UnitMonth}, "2023-02-28"},
		{"2024-01-31", Interval{1, UnitMonth}, "2024-02-29"},
		{"2024-01-30", Interval{1, UnitMonth}, "2024-02-29"},
		{"2024-01-29", Interval{1, UnitMonth}, "2024-02-29"},
		{"2024-01-28", Interval{1, UnitMonth}, "2024-02-28"},
		{"2024-03-31", Interval{1, UnitMonth}, "2024-04-30"},
		{"2024-08-31", Interval{1, UnitMonth}, "2024-09-30"},
		{"2024-07-31", Interval{1, UnitMonth}, "2024-08-31"},
		{"2024-05-31", Interval{3, UnitMonth}, "2024-08-31"},
		{"2024-11-30", Interval{3, UnitMonth}, "2025-02-28"},
		{"2024-03-15", Interval{1, UnitMonth}, "2024-04-15"},
		{"2024-12-15", Interval{1, UnitMonth}, "2025-01-15"},
		{"2024-10-31", Interval{2, UnitMonth}, "2024-12-31"},
		// Leap years.
		{"2024-02-29", Interval{12, UnitMonth}, "2025-02-28"},
		{"2024-02-29", Interval{1, UnitMonth}, "2024-03-29"},
		{"2023-02-28", Interval{12, UnitMonth}, "2024-02-28"},
		{"2000-01-31", Interval{1, UnitMonth}, "2000-02-29"}, // divisible by 400
		{"2100-01-31", Interval{1, UnitMonth}, "2100-02-28"}, // divisible by 100 only
		{"2024-02-28", Interval{1, UnitDay}, "2024-02-29"},
		{"2023-02-28", Interval{1, UnitDay}, "2023-03-01"},
		{"2024-02-01", Interval{366, UnitDay}, "2025-02-01"},
		// Weeks across year ends.
		{"2024-12-28", Interval{1, UnitWeek}, "2025-01-04"},
		{"2023-12-25", Interval{2, UnitWeek}, "2024-01-08"},
		{"2020-12-31", Interval{52, UnitWeek}, "2021-12-30"},
		{"2024-02-22", Interval{1, UnitWeek}, "2024-02-29"},
		{"2023-02-22", Interval{1, UnitWeek}, "2023-03-01"},
		// Negative and zero.
		{"2024-12-31", Interval{-1, UnitMonth}, "2024-11-30"},
		{"2024-12-31", Interval{-10, UnitMonth}, "2024-02-29"},
		{"2024-01-05", Interval{-1, UnitWeek}, "2023-12-29"},
		{"2024-01-05", Interval{0, UnitDay}, "2024-01-05"},
		// Invalid input.
		{"2024-02-30", Interval{1, UnitDay}, ""},
		{"2023-02-29", Interval{1, UnitDay}, ""},
		{"2024-13-01", Interval{1, UnitDay}, ""},
		{"2024-1-01", Interval{1, UnitDay}, ""},
		{"2024/01/01", Interval{1, UnitDay}, ""},
		{"", Interval{1, UnitDay}, ""},
		{"2024-01-01", Interval{1, "year"}, ""},
		{"2024-01-01", Interval{1, ""}, ""},
		{"9999-12-31", Interval{1, UnitDay}, ""},
		{"0001-01-01", Interval{-1, UnitDay}, ""},
	}
	for _, tc := range tests {
		if got := AddInterval(tc.date, tc.iv); got != tc.want {
			t.Errorf("AddInterval(%q, %+v) = %q, want %q", tc.date, tc.iv, got, tc.want)
		}
	}
}

// TestCivilAgainstTime cross-checks the day arithmetic and weekday against
// the time package for every day of 1999–2032 and a few far dates.
func TestCivilAgainstTime(t *testing.T) {
	start := time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC)
	for tm := start; tm.Year() < 2033; tm = tm.AddDate(0, 0, 1) {
		s := tm.Format("2006-01-02")
		n, ok := parse(s)
		if !ok || n.String() != s {
			t.Fatalf("round trip %s: %v %q", s, ok, n.String())
		}
		if want := int(tm.Unix() / 86400); int(n) != want {
			t.Fatalf("%s: day number %d, want %d", s, n, want)
		}
		if want := (int(tm.Weekday()) + 6) % 7; n.weekday() != want {
			t.Fatalf("%s: weekday %d, want %d", s, n.weekday(), want)
		}
		if got, want := AddInterval(s, Interval{3, UnitWeek}), tm.AddDate(0, 0, 21).Format("2006-01-02"); got != want {
			t.Fatalf("%s + 3 weeks = %s, want %s", s, got, want)
		}
	}
	for _, s := range []string{"0001-01-01", "1600-02-29", "1969-12-31", "1970-01-01", "9999-12-31"} {
		n, ok := parse(s)
		if !ok || n.String() != s {
			t.Errorf("round trip %s: %v %q", s, ok, n.String())
		}
	}
}

func TestNextDue(t *testing.T) {
	tab := Table(Defaults())
	mental3 := tab.For("03", "3")
	mental0 := tab.For("03", "0")
	monthlyR := tab.For("02", "")
	weekly := Rule{Every: Interval{1, UnitWeek}, Label: "每周至少1次"}

	tests := []struct {
		name      string
		rule      Rule
		enrolled  string
		last      string
		visits    int
		today     string
		next      string
		overdue   int
		thisWeek  bool
		short     int
		reasonHas []string
	}{
		{name: "visited, not yet due", rule: monthlyR, enrolled: "2023-05-01", last: "2024-03-01", visits: 3, today: "2024-03-10",
			next: "2024-04-01", reasonHas: []string{"社区矫正人员：每月至少1次，上次走访2024-03-01"}},
		{name: "visited, 2 weeks", rule: mental3, enrolled: "2020-01-01", last: "2024-03-01", visits: 5, today: "2024-03-05",
			next: "2024-03-15", reasonHas: []string{"严重精神障碍3–5级：每2周至少1次", "上次走访2024-03-01"}},
		{name: "overdue across Feb 29", rule: monthlyR, enrolled: "2023-05-01", last: "2024-01-15", visits: 1, today: "2024-03-01",
			next: "2024-02-15", overdue: 15},
		{name: "overdue, no Feb 29", rule: monthlyR, enrolled: "2022-05-01", last: "2023-01-15", visits: 1, today: "2023-03-01",
			next: "2023-02-15", overdue: 14},
		{name: "overdue across year end", rule: mental3, enrolled: "2020-01-01", last: "2023-12-20", visits: 0, today: "2024-01-05",
			next: "2024-01-03", overdue: 2, short: 4},
		{name: "due today is not overdue", rule: monthlyR, enrolled: "2023-05-01", last: "2024-02-29", visits: 1, today: "2024-03-29",
			next: "2024-03-29", thisWeek: true},
		{name: "never visited, first visit one interval after enrollment", rule: monthlyR, enrolled: "2024-03-01", today: "2024-03-05",
			next: "2024-04-01", reasonHas: []string{"入管后首次走访", "2024-03-01入管"}},
		{name: "never visited, interval long passed", rule: monthlyR, enrolled: "2023-01-10", today: "2024-01-10",
			next: "2023-02-10", overdue: 334, reasonHas: []string{"入管后首次走访"}},
		{name: "visit before enrollment is ignored", rule: monthlyR, enrolled: "2024-03-01", last: "2023-05-01", visits: 0, today: "2024-03-05",
			next: "2024-04-01", reasonHas: []string{"入管后首次走访"}},
		{name: "visit on enrollment day counts", rule: monthlyR, enrolled: "2024-03-01", last: "2024-03-01", visits: 1, today: "2024-03-05",
			next: "2024-04-01", reasonHas: []string{"上次走访2024-03-01"}},
		{name: "invalid last visit treated as never visited", rule: monthlyR, enrolled: "2024-03-01", last: "2024-02-30", today: "2024-03-05",
			next: "2024-04-01", reasonHas: []string{"入管后首次走访"}},
		{name: "no enrollment date, never visited: due today", rule: monthlyR, today: "2024-03-05",
			next: "2024-03-05", thisWeek: true, reasonHas: []string{"入管日期缺失"}},
		{name: "invalid interval treated as quarterly", rule: Rule{Every: Interval{0, "year"}}, enrolled: "2024-01-31", today: "2024-02-01",
			next: "2024-04-30", reasonHas: []string{"每季度至少1次"}},
		{name: "empty label generated", rule: Rule{Every: Interval{2, UnitWeek}}, enrolled: "2024-01-01", last: "2024-03-01", today: "2024-03-02",
			next: "2024-03-15", reasonHas: []string{"每2周至少1次，上次走访2024-03-01"}},

		// ISO week boundaries: 2024-03-04 Mon … 2024-03-10 Sun, 2024-03-11 Mon.
		{name: "Wed, due Sunday this week", rule: weekly, enrolled: "2024-01-01", last: "2024-03-03", today: "2024-03-06",
			next: "2024-03-10", thisWeek: true},
		{name: "Wed, due next Monday", rule: weekly, enrolled: "2024-01-01", last: "2024-03-04", today: "2024-03-06",
			next: "2024-03-11"},
		{name: "Mon, due Sunday same week", rule: weekly, enrolled: "2024-01-01", last: "2024-03-03", today: "2024-03-04",
			next: "2024-03-10", thisWeek: true},
		{name: "Mon, due next Monday", rule: weekly, enrolled: "2024-01-01", last: "2024-03-04", today: "2024-03-04",
			next: "2024-03-11"},
		{name: "Sun, due today", rule: weekly, enrolled: "2024-01-01", last: "2024-03-03", today: "2024-03-10",
			next: "2024-03-10", thisWeek: true},
		{name: "Sun, due next Monday", rule: weekly, enrolled: "2024-01-01", last: "2024-03-04", today: "2024-03-10",
			next: "2024-03-11"},
		{name: "Mon, due yesterday (Sunday): overdue, not this week", rule: weekly, enrolled: "2024-01-01", last: "2024-03-03", today: "2024-03-11",
			next: "2024-03-10", overdue: 1},
		{name: "Sun, due Monday same week: overdue", rule: weekly, enrolled: "2024-01-01", last: "2024-02-26", today: "2024-03-10",
			next: "2024-03-04", overdue: 6},
		{name: "ISO week spanning year end", rule: weekly, enrolled: "2024-01-01", last: "2024-12-26", today: "2024-12-30",
			next: "2025-01-02", thisWeek: true},

		// MinPerYear.
		{name: "min per year pulls due date earlier", rule: mental0, enrolled: "2020-01-01", last: "2024-09-01", visits: 2, today: "2024-09-10",
			next: "2024-09-30", short: 2, reasonHas: []string{"上次走访2024-09-01", "本年度应至少走访4次，已走访2次，还需2次", "提前至2024-09-30"}},
		{name: "min per year fits, no change", rule: mental0, enrolled: "2020-01-01", last: "2024-09-01", visits: 3, today: "2024-09-10",
			next: "2024-12-01", short: 1},
		{name: "min per year met", rule: mental0, enrolled: "2020-01-01", last: "2024-09-01", visits: 4, today: "2024-09-10",
			next: "2024-12-01"},
		{name: "min per year early in the year, interval governs", rule: mental0, enrolled: "2020-01-01", last: "2024-01-05", visits: 1, today: "2024-01-10",
			next: "2024-04-05", short: 3},
		{name: "min per year, 2-week rule in December", rule: mental3, enrolled: "2020-01-01", last: "2024-11-28", visits: 1, today: "2024-12-01",
			next: "2024-12-03", short: 3, thisWeek: false, reasonHas: []string{"提前至2024-12-03"}},
		{name: "min per year cannot fit: due today, not overdue", rule: mental0, enrolled: "2020-01-01", last: "2024-11-01", visits: 1, today: "2024-11-20",
			next: "2024-11-20", short: 3, thisWeek: true, reasonHas: []string{"按间隔已来不及，请尽快走访"}},
		{name: "min per year never moves an overdue date", rule: mental0, enrolled: "2020-01-01", last: "2024-06-01", visits: 1, today: "2024-11-20",
			next: "2024-09-01", overdue: 80, short: 3},
		{name: "min per year prorated: enrolled mid-November", rule: mental0, enrolled: "2024-11-15", today: "2024-11-20",
			next: "2024-12-31", short: 1, reasonHas: []string{"入管后首次走访", "本年度应至少走访1次", "提前至2024-12-31"}},
		{name: "min per year prorated: enrolled July 1 owes 2", rule: mental0, enrolled: "2024-07-01", today: "2024-07-02",
			next: "2024-09-30", short: 2, reasonHas: []string{"本年度应至少走访2次"}},
		{name: "min per year prorated: enrolled late December owes none", rule: mental0, enrolled: "2024-12-20", today: "2024-12-21",
			next: "2025-03-20"},
		{name: "min per year: enrolled Jan 1 owes all", rule: mental0, enrolled: "2024-01-01", today: "2024-01-02",
			next: "2024-03-31", short: 4, reasonHas: []string{"提前至2024-03-31"}}, // 03-31, 06-30, 09-30, 12-31
		{name: "min per year counts today's year only", rule: mental0, enrolled: "2020-01-01", last: "2024-12-20", visits: 0, today: "2025-01-02",
			next: "2025-03-20", short: 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := NextDue(tc.rule, tc.enrolled, tc.last, tc.visits, day(tc.today))
			if got.Next != tc.next || got.OverdueDays != tc.overdue || got.DueThisWeek != tc.thisWeek || got.YearShort != tc.short {
				t.Errorf("got next %s overdue %d thisWeek %v short %d; want %s %d %v %d (reason %q)",
					got.Next, got.OverdueDays, got.DueThisWeek, got.YearShort, tc.next, tc.overdue, tc.thisWeek, tc.short, got.Reason)
			}
			for _, s := range tc.reasonHas {
				if !strings.Contains(got.Reason, s) {
					t.Errorf("reason %q lacks %q", got.Reason, s)
				}
			}
		})
	}
}

// TestNextDueTodayInOwnZone: "today" is the calendar date in the location of
// the time passed, not UTC. 00:30 Monday in Beijing is still Sunday in UTC.
func TestNextDueTodayInOwnZone(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	r := Rule{Every: monthly, Label: "每月"}
	got := NextDue(r, "2024-01-01", "2024-02-10", 1, time.Date(2024, 3, 11, 0, 30, 0, 0, cst))
	if got.Next != "2024-03-10" || got.OverdueDays != 1 || got.DueThisWeek {
		t.Fatalf("Beijing Monday: %+v", got)
	}
	got = NextDue(r, "2024-01-01", "2024-02-10", 1, time.Date(2024, 3, 10, 23, 30, 0, 0, time.FixedZone("W", -5*3600)))
	if got.OverdueDays != 0 || !got.DueThisWeek {
		t.Fatalf("Sunday evening west of UTC: %+v", got)
	}
}

func TestValidate(t *testing.T) {
	ok := func(r Rule) Rule {
		if r.Every.Unit == "" {
			r.Every = Interval{1, UnitMonth}
		}
		return r
	}
	tests := []struct {
		name string
		tab  Table
		want []string
	}{
		{"empty table", Table{}, nil},
		{"bounds ok", Table{
			{Category: "a", Every: Interval{366, UnitDay}},
			{Category: "b", Every: Interval{52, UnitWeek}},
			{Category: "c", Every: Interval{12, UnitMonth}, MinPerYear: 52},
			{Category: "d", Every: Interval{1, UnitDay}},
		}, nil},
		{"N zero", Table{{Every: Interval{0, UnitMonth}}}, []string{"第1条规则：间隔必须至少为1"}},
		{"N negative", Table{{Every: Interval{-2, UnitWeek}}}, []string{"第1条规则：间隔必须至少为1"}},
		{"unknown unit", Table{ok(Rule{Category: "01"}), {Category: "02", Every: Interval{1, "year"}}},
			[]string{"第2条规则：间隔单位必须是“天”“周”或“月”"}},
		{"too many days", Table{{Every: Interval{367, UnitDay}}}, []string{"第1条规则：间隔过长，按天计最多366天"}},
		{"too many weeks", Table{{Every: Interval{53, UnitWeek}}}, []string{"第1条规则：间隔过长，按周计最多52周"}},
		{"too many months", Table{{Every: Interval{13, UnitMonth}}}, []string{"第1条规则：间隔过长，按月计最多12个月"}},
		{"min per year negative", Table{ok(Rule{MinPerYear: -1})}, []string{"第1条规则：每年最少走访次数应在0到52之间"}},
		{"min per year too large", Table{ok(Rule{MinPerYear: 53})}, []string{"第1条规则：每年最少走访次数应在0到52之间"}},
		{"empty level value", Table{ok(Rule{Category: "03", Levels: []string{"3", ""}})}, []string{"第1条规则：等级不能为空值"}},
		{"same category and level", Table{
			ok(Rule{Category: "03", Levels: []string{"3", "4"}}),
			ok(Rule{Category: "03", Levels: []string{"1"}}),
			ok(Rule{Category: "03", Levels: []string{"5", "4"}}),
		}, []string{"第3条规则：与第1条规则重复（类别“03”，等级“4”）"}},
		{"same category, both any level", Table{ok(Rule{Category: "02"}), ok(Rule{Category: "02"})},
			[]string{"第2条规则：与第1条规则重复（类别“02”，不限等级）"}},
		{"unreachable after catch-all", Table{ok(Rule{}), ok(Rule{Levels: []string{"01"}})},
			[]string{"第2条规则：第1条规则已适用于默认规则的所有等级，本条永远不会生效，请调整顺序"}},
		{"catch-all after specific is fine", Table{ok(Rule{Category: "01", Levels: []string{"01"}}), ok(Rule{Category: "01"})}, nil},
		{"same level in different categories is fine", Table{ok(Rule{Category: "01", Levels: []string{"01"}}), ok(Rule{Levels: []string{"01"}})}, nil},
		{"several errors in order", Table{
			{Category: "03", Levels: []string{"3"}, Every: Interval{0, UnitDay}, MinPerYear: 60},
			ok(Rule{Category: "03", Levels: []string{"3"}}),
		}, []string{
			"第1条规则：间隔必须至少为1",
			"第1条规则：每年最少走访次数应在0到52之间",
			"第2条规则：与第1条规则重复（类别“03”，等级“3”）",
		}},
	}
	for _, tc := range tests {
		if got := tc.tab.Validate(); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: Validate() = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestIntervalString(t *testing.T) {
	tests := map[Interval]string{
		{1, UnitDay}: "每天", {10, UnitDay}: "每10天", {1, UnitWeek}: "每周", {2, UnitWeek}: "每2周",
		{1, UnitMonth}: "每月", {2, UnitMonth}: "每2个月", {3, UnitMonth}: "每季度", {6, UnitMonth}: "每半年",
		{12, UnitMonth}: "每年", {1, "x"}: "间隔无效",
	}
	for iv, want := range tests {
		if got := iv.String(); got != want {
			t.Errorf("%+v.String() = %q, want %q", iv, got, want)
		}
	}
}

func TestHolidayChecks(t *testing.T) {
	lh := []string{"02", "03", "51"}
	tests := []struct {
		year int
		want []Period
	}{
		{2024, []Period{
			{Name: "春节", From: "2024-02-10", To: "2024-02-17"},
			{Name: "全国两会", From: "2024-03-03", To: "2024-03-15", Categories: lh},
			{Name: "国庆节", From: "2024-10-01", To: "2024-10-07"},
		}},
		{2025, []Period{
			{Name: "春节", From: "2025-01-28", To: "2025-02-04"},
			{Name: "全国两会", From: "2025-03-03", To: "2025-03-15", Categories: lh},
			{Name: "国庆节", From: "2025-10-01", To: "2025-10-08"},
		}},
		{2026, []Period{
			{Name: "春节", From: "2026-02-15", To: "2026-02-23"},
			{Name: "全国两会", From: "2026-03-03", To: "2026-03-15", Categories: lh},
			{Name: "国庆节", From: "2026-10-01", To: "2026-10-07"},
		}},
		{2027, []Period{
			{Name: "春节", From: "2027-02-05", To: "2027-02-11"},
			{Name: "全国两会", From: "2027-03-03", To: "2027-03-15", Categories: lh},
			{Name: "国庆节", From: "2027-10-01", To: "2027-10-07"},
		}},
		{2030, []Period{
			{Name: "春节", From: "2030-02-02", To: "2030-02-08"},
			{Name: "全国两会", From: "2030-03-03", To: "2030-03-15", Categories: lh},
			{Name: "国庆节", From: "2030-10-01", To: "2030-10-07"},
		}},
		{2031, []Period{
			{Name: "全国两会", From: "2031-03-03", To: "2031-03-15", Categories: lh},
			{Name: "国庆节", From: "2031-10-01", To: "2031-10-07"},
		}},
		{0, nil},
	}
	for _, tc := range tests {
		if got := HolidayChecks(tc.year); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("HolidayChecks(%d) = %+v\nwant %+v", tc.year, got, tc.want)
		}
	}
	// Callers may edit what they get without affecting later calls.
	HolidayChecks(2024)[1].Categories[0] = "99"
	if HolidayChecks(2024)[1].Categories[0] != "02" {
		t.Error("HolidayChecks shares the categories slice")
	}
}

// TestSpringFestivalData: the 除夕 table is the day before 正月初一, every
// year 2024–2030 is present, and official spans contain 除夕 or 初一.
func TestSpringFestivalData(t *testing.T) {
	newYear := map[int]string{2024: "2024-02-10", 2025: "2025-01-29", 2026: "2026-02-17", 2027: "2027-02-06",
		2028: "2028-01-26", 2029: "2029-02-13", 2030: "2030-02-03"}
	for y, ny := range newYear {
		if eve := springFestivalEve[y]; AddInterval(eve, Interval{1, UnitDay}) != ny {
			t.Errorf("%d: 除夕 %q is not the day before %s", y, eve, ny)
		}
	}
	if len(springFestivalEve) != len(newYear) {
		t.Errorf("eve table has %d years", len(springFestivalEve))
	}
	for y, p := range springFestivalOfficial {
		ny, _ := parse(newYear[y])
		from, ok1 := parse(p[0])
		to, ok2 := parse(p[1])
		if !ok1 || !ok2 || ny < from || ny > to || to-from < 6 || to-from > 9 {
			t.Errorf("%d: official span %v implausible", y, p)
		}
	}
}

func TestPendingChecks(t *testing.T) {
	p2024 := HolidayChecks(2024)
	names := func(ps []Period) []string {
		var out []string
		for _, p := range ps {
			out = append(out, p.Name)
		}
		return out
	}
	custom := []Period{
		{Name: "A", From: "2024-05-01", To: "2024-05-10"},
		{Name: "B", From: "2024-05-05", To: "2024-05-20", Categories: []string{"04"}},
		{Name: "坏数据", From: "2024-05-31", To: "2024-05-01"},
		{Name: "坏日期", From: "2024-05-xx", To: "2024-06-01"},
	}
	tests := []struct {
		name    string
		periods []Period
		cat     string
		visits  []string
		today   string
		want    []string
	}{
		{"during 春节, no visits", p2024, "04", nil, "2024-02-12", []string{"春节"}},
		{"first day of 春节", p2024, "04", nil, "2024-02-10", []string{"春节"}},
		{"last day of 春节", p2024, "04", nil, "2024-02-17", []string{"春节"}},
		{"before 春节", p2024, "04", nil, "2024-02-09", nil},
		{"after 春节", p2024, "04", nil, "2024-02-18", nil},
		{"visited on first day", p2024, "04", []string{"2024-01-01", "2024-02-10"}, "2024-02-12", nil},
		{"visited on last day (future visit record)", p2024, "04", []string{"2024-02-17"}, "2024-02-12", nil},
		{"visited the day before does not count", p2024, "04", []string{"2024-02-09"}, "2024-02-12", []string{"春节"}},
		{"invalid visit date ignored", p2024, "04", []string{"2024-02-31", "x"}, "2024-02-12", []string{"春节"}},
		{"两会 does not apply to 04", p2024, "04", nil, "2024-03-05", nil},
		{"两会 applies to 03", p2024, "03", nil, "2024-03-05", []string{"全国两会"}},
		{"两会 applies to 信访 51", p2024, "51", []string{"2024-03-02"}, "2024-03-15", []string{"全国两会"}},
		{"两会 visited", p2024, "02", []string{"2024-03-03"}, "2024-03-05", nil},
		{"国庆", p2024, "06", []string{"2024-09-30"}, "2024-10-07", []string{"国庆节"}},
		{"overlapping periods", custom, "04", nil, "2024-05-06", []string{"A", "B"}},
		{"one visit satisfies both overlapping", custom, "04", []string{"2024-05-05"}, "2024-05-06", nil},
		{"visit only in the first period", custom, "04", []string{"2024-05-03"}, "2024-05-06", []string{"B"}},
		{"category filter on overlapping", custom, "01", nil, "2024-05-06", []string{"A"}},
		{"bad periods skipped", custom, "01", nil, "2024-05-25", nil},
		{"no periods", nil, "01", nil, "2024-05-25", nil},
	}
	for _, tc := range tests {
		if got := names(PendingChecks(tc.periods, tc.cat, tc.visits, day(tc.today))); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

func BenchmarkNextDue(b *testing.B) {
	tab := Table(Defaults())
	type enr struct {
		rule           Rule
		enrolled, last string
		visitsThisYear int
	}
	cases := []enr{
		{tab.For("03", "3"), "2021-04-02", "2024-10-20", 3},
		{tab.For("03", "0"), "2019-06-30", "2024-09-15", 2},
		{tab.For("02", ""), "2024-01-15", "2024-10-01", 9},
		{tab.For("01", "02"), "2023-03-31", "", 0},
		{tab.For("51", "01"), "2022-08-31", "2024-08-31", 7},
	}
	today := time.Date(2024, 11, 6, 9, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		c := &cases[i%len(cases)]
		_ = NextDue(c.rule, c.enrolled, c.last, c.visitsThisYear, today)
		i++
	}
}
