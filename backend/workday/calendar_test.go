package workday_test

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"zongzhi/backend/workday"
)

func shipped() *workday.Calendar { return workday.NewCalendar(workday.Shipped()) }

func TestShippedSchedulesAreTheNotices(t *testing.T) {
	ys := workday.Shipped()
	if len(ys) != 2 || ys[0].Year != 2025 || ys[1].Year != 2026 {
		t.Fatalf("shipped years: %+v", ys)
	}
	// Days off per notice: 2025 1+8+3+5+3+8, 2026 3+9+3+5+3+3+7.
	for i, want := range []struct{ off, work int }{{28, 5}, {33, 6}} {
		if len(ys[i].Holidays) != want.off || len(ys[i].Workdays) != want.work {
			t.Errorf("%d: %d days off, %d make-up days", ys[i].Year, len(ys[i].Holidays), len(ys[i].Workdays))
		}
		if !ys[i].Shipped || ys[i].Edited || !strings.Contains(ys[i].Note, "国务院办公厅") {
			t.Errorf("%d: %+v", ys[i].Year, ys[i])
		}
		// Every make-up day is a weekend day and never also a day off.
		for _, w := range ys[i].Workdays {
			d, _ := time.Parse(workday.Layout, w)
			if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
				t.Errorf("make-up day %s is a %s", w, wd)
			}
			for _, h := range ys[i].Holidays {
				if h == w {
					t.Errorf("%s both off and worked", w)
				}
			}
		}
	}
	// Each call is a fresh copy: a caller cannot change the shipped data.
	ys[1].Holidays[0] = "x"
	if workday.Shipped()[1].Holidays[0] != "2026-01-01" {
		t.Fatal("Shipped shares its slices")
	}
}

func TestIsWorkday(t *testing.T) {
	c := shipped()
	for _, tc := range []struct {
		day         string
		work, known bool
	}{
		{"2026-02-13", true, true},  // Friday before 春节
		{"2026-02-14", true, true},  // Saturday, make-up day
		{"2026-02-16", false, true}, // Monday in 春节
		{"2026-02-23", false, true}, // last day off, a Monday
		{"2026-02-28", true, true},  // Saturday, make-up day
		{"2026-03-07", false, true}, // plain Saturday
		{"2026-01-04", true, true},  // Sunday, 元旦 make-up
		{"2025-10-08", false, true}, // 国庆中秋, a Wednesday
		{"2025-10-11", true, true},
		{"2027-01-01", true, false}, // Friday of a year not loaded
		{"2027-01-02", false, false},
		{"2024-05-01", true, false},
		{"2026-02-30", false, false},
	} {
		if w, k := c.IsWorkday(tc.day); w != tc.work || k != tc.known {
			t.Errorf("%s: work=%v known=%v", tc.day, w, k)
		}
	}
	// A time is read as its calendar date where it is.
	sh := time.FixedZone("CST", 8*3600)
	if w, k := c.IsWorkdayTime(time.Date(2026, 2, 14, 0, 30, 0, 0, sh)); !w || !k {
		t.Error("2026-02-14 00:30 CST is the make-up Saturday")
	}
	if !c.Known(2025) || !c.Known(2026) || c.Known(2027) {
		t.Error("Known")
	}
}

func TestAddWorkdays(t *testing.T) {
	c := shipped()
	for _, tc := range []struct {
		from string
		n    int
		want string
	}{
		// 春节 2026: Friday 2/13 works, Saturday 2/14 is a make-up day,
		// 2/15–2/23 off.
		{"2026-02-12", 1, "2026-02-13"},
		{"2026-02-12", 2, "2026-02-14"},
		{"2026-02-12", 3, "2026-02-24"},
		{"2026-02-13", 1, "2026-02-14"},
		{"2026-02-13", 2, "2026-02-24"},
		{"2026-02-13", 5, "2026-02-27"},
		{"2026-02-13", 6, "2026-02-28"}, // make-up Saturday
		{"2026-02-13", 7, "2026-03-02"},
		// 中秋 and 国庆 2026: Sunday 9/20 and Saturday 10/10 are worked.
		{"2026-09-18", 1, "2026-09-20"},
		{"2026-09-24", 1, "2026-09-28"},
		{"2026-09-30", 1, "2026-10-08"},
		{"2026-09-30", 3, "2026-10-10"},
		{"2026-09-30", 4, "2026-10-12"},
		// 2025 into 2026: 1/1–1/3 off, Sunday 1/4 worked.
		{"2025-12-31", 1, "2026-01-04"},
		{"2025-12-31", 2, "2026-01-05"},
		{"2025-12-30", 1, "2025-12-31"},
		// Weekends skipped.
		{"2026-03-06", 1, "2026-03-09"},
		{"2026-03-07", 1, "2026-03-09"},
		{"2026-03-02", 5, "2026-03-09"},
		// 5个工作日 from a 劳动节 day off.
		{"2026-05-02", 5, "2026-05-11"},
		{"2026-03-02", 0, "2026-03-02"},
	} {
		got, warn := c.AddWorkdays(tc.from, tc.n)
		if got != tc.want || warn != "" {
			t.Errorf("%s + %d = %s (%q), want %s", tc.from, tc.n, got, warn, tc.want)
		}
	}
}

// 2026 has 261 weekdays (52 weeks and Thursday 12/31); 19 of them are
// days off (元旦 2, 春节 6, 清明 1, 劳动节 3, 端午 1, 中秋 1, 国庆 5) and 6
// weekend days are worked: 261 − 19 + 6 = 248. 2025 likewise: 261 weekdays
// (Wednesday 12/31 extra), 18 off (1+6+1+3+1+6), 5 worked: 248.
func TestWorkingDaysInAYear(t *testing.T) {
	c := shipped()
	for _, tc := range []struct{ from, to string }{{"2024-12-31", "2025-12-31"}, {"2025-12-31", "2026-12-31"}} {
		n, warn := c.WorkdaysBetween(tc.from, tc.to)
		if n != 248 || warn != "" {
			t.Errorf("%s..%s: %d working days (%q), want 248", tc.from, tc.to, n, warn)
		}
	}
	if d, warn := c.AddWorkdays("2025-12-31", 248); d != "2026-12-31" || warn != "" {
		t.Errorf("248 working days from 2025-12-31: %s %q", d, warn)
	}
	// The 249th is past the shipped data: a date, and the warning.
	d, warn := c.AddWorkdays("2025-12-31", 250)
	if d != "2027-01-04" || !strings.Contains(warn, "2027年的节假日安排尚未录入") {
		t.Errorf("250 working days from 2025-12-31: %s %q", d, warn)
	}
}

func TestUnknownYearIsNeverSilent(t *testing.T) {
	c := shipped()
	d, warn := c.AddWorkdays("2026-12-30", 3)
	if d != "2027-01-04" {
		t.Errorf("deadline %s", d)
	}
	if warn != "2027年的节假日安排尚未录入，截止日期按周一至周五推算，请在系统设置中录入后核对" {
		t.Errorf("warning %q", warn)
	}
	// Staying in a loaded year: no warning, even when the walk ends on 12/31.
	if _, warn := c.AddWorkdays("2026-12-29", 2); warn != "" {
		t.Errorf("warning within 2026: %q", warn)
	}
	// Years named once each, in order.
	_, warn = c.AddWorkdays("2024-12-20", 300)
	if !strings.HasPrefix(warn, "2024年的") {
		t.Errorf("2024 only: %q", warn)
	}
	_, warn = c.WorkdaysBetween("2028-03-01", "2026-11-30")
	if !strings.HasPrefix(warn, "2027年、2028年的节假日安排尚未录入，工作日数按周一至周五推算") {
		t.Errorf("2027 and 2028: %q", warn)
	}
	// With 2027 entered, the same walk is quiet.
	c = workday.NewCalendar(append(workday.Shipped(), workday.Year{Year: 2027, Holidays: []string{"2027-01-01"}}))
	if d, warn := c.AddWorkdays("2026-12-30", 3); d != "2027-01-05" || warn != "" {
		t.Errorf("with 2027: %s %q", d, warn)
	}
	if _, warn := c.AddWorkdays("bad", 1); !strings.Contains(warn, "“bad”不是有效日期") {
		t.Errorf("bad from: %q", warn)
	}
}

func TestWorkdaysBetween(t *testing.T) {
	c := shipped()
	for _, tc := range []struct {
		from, to string
		want     int
	}{
		{"2026-02-13", "2026-02-13", 0},
		{"2026-02-13", "2026-02-24", 2},
		{"2026-02-24", "2026-02-13", -2},
		{"2026-02-14", "2026-02-23", 0}, // the whole 春节 block
		{"2026-02-14", "2026-02-22", 0},
		{"2026-03-06", "2026-03-08", 0}, // 超期 over a weekend only: 0
		{"2026-03-06", "2026-03-09", 1},
	} {
		if n, warn := c.WorkdaysBetween(tc.from, tc.to); n != tc.want || warn != "" {
			t.Errorf("%s..%s = %d (%q), want %d", tc.from, tc.to, n, warn, tc.want)
		}
	}
	// Consistent with AddWorkdays from any day, a working day or not.
	rng := rand.New(rand.NewPCG(20260214, 1))
	start := time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 2000; i++ {
		from := start.AddDate(0, 0, rng.IntN(900)).Format(workday.Layout)
		n := 1 + rng.IntN(60)
		to, warnAdd := c.AddWorkdays(from, n)
		got, warnBetween := c.WorkdaysBetween(from, to)
		if got != n || warnAdd != strings.Replace(warnBetween, "工作日数", "截止日期", 1) {
			t.Fatalf("%s + %d = %s, back %d; %q %q", from, n, to, got, warnAdd, warnBetween)
		}
		if w, _ := c.IsWorkday(to); !w {
			t.Fatalf("%s + %d = %s is not a working day", from, n, to)
		}
		if back, _ := c.WorkdaysBetween(to, from); back != -n {
			t.Fatalf("%s..%s backwards: %d", to, from, back)
		}
		// The day before the deadline is still short of n.
		prev, _ := time.Parse(workday.Layout, to)
		if m, _ := c.WorkdaysBetween(from, prev.AddDate(0, 0, -1).Format(workday.Layout)); m != n-1 {
			t.Fatalf("%s..day before %s: %d", from, to, m)
		}
	}
}
