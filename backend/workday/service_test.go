package workday_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"zongzhi/backend/problem"
	"zongzhi/backend/store"
	"zongzhi/backend/testkit"
	"zongzhi/backend/workday"
)

func open(t *testing.T, dir string) (*store.Store, *workday.Service) {
	t.Helper()
	st := testkit.Open(t, store.DefaultOptions(dir).WithSiteName("勐简乡综治中心"), map[string]store.Indexer{workday.Kind: workday.Indexer})
	return st, workday.New(st, func() string { return st.Site().Name })
}

func fieldMessage(t *testing.T, err error, field string) string {
	t.Helper()
	var p *problem.Error
	if !errors.As(err, &p) {
		t.Fatalf("want a problem, got %v", err)
	}
	var msgs []string
	for _, f := range p.Fields {
		if f.Field == field {
			msgs = append(msgs, f.Message)
		}
	}
	return strings.Join(msgs, "；")
}

func find(ys []workday.Year, n int) (workday.Year, bool) {
	for _, y := range ys {
		if y.Year == n {
			return y, true
		}
	}
	return workday.Year{}, false
}

// A plausible 2027: 元旦 1/1–1/3, 春节 2/6–2/12 with Saturday 2/20 worked.
var y2027 = workday.Year{
	Year:     2027,
	Holidays: []string{"2027-02-12", "2027-01-01", " 2027-01-02", "2027-01-03", "2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11", "2027-01-01", ""},
	Workdays: []string{"2027-02-20"},
	Note:     "国务院办公厅关于2027年部分节假日安排的通知",
}

func TestOfficeEntersNextYear(t *testing.T) {
	st, s := open(t, t.TempDir())
	cal := s.Calendar()
	if cal.Known(2027) || len(s.Years()) != 2 {
		t.Fatalf("fresh store: %+v", s.Years())
	}
	if _, warn := cal.AddWorkdays("2026-12-30", 5); warn == "" {
		t.Fatal("2027 unknown: a warning is due")
	}

	saved, err := s.SaveYear(y2027)
	if err != nil {
		t.Fatal(err)
	}
	// Duplicates and blanks gone, sorted.
	if len(saved.Holidays) != 10 || saved.Holidays[0] != "2027-01-01" || saved.Holidays[9] != "2027-02-12" ||
		saved.Shipped || !saved.Edited || saved.Note != y2027.Note {
		t.Fatalf("saved: %+v", saved)
	}
	// The calendar sees it at once.
	cal = s.Calendar()
	if !cal.Known(2027) {
		t.Fatal("2027 not in the calendar after saving")
	}
	if d, warn := cal.AddWorkdays("2027-02-05", 1); d != "2027-02-15" || warn != "" {
		t.Errorf("after 春节 2027: %s %q", d, warn)
	}
	if w, k := cal.IsWorkday("2027-02-20"); !w || !k {
		t.Error("2027-02-20 is a make-up day")
	}
	ys := s.Years()
	if len(ys) != 3 || ys[0].Year != 2025 || ys[2].Year != 2027 {
		t.Fatalf("years: %+v", ys)
	}
	// Years hands out copies.
	ys[2].Holidays[0] = "x"
	if y, _ := find(s.Years(), 2027); y.Holidays[0] != "2027-01-01" {
		t.Fatal("Years shares its slices")
	}

	// Another save of the year edits the same record.
	y := y2027
	y.Workdays = []string{"2027-02-20", "2027-02-21"}
	if _, err := s.SaveYear(y); err != nil {
		t.Fatal(err)
	}
	if rows := st.Rows(store.IndexKind, workday.Kind); len(rows) != 1 || rows[0].ID != "2027" || rows[0].Code != "2027" {
		t.Fatalf("rows: %+v", rows)
	}

	// Reopened, the year is still there.
	dir := t.TempDir()
	st2, s2 := open(t, dir)
	if _, err := s2.SaveYear(y2027); err != nil {
		t.Fatal(err)
	}
	st2.Close()
	st2, s2 = open(t, dir)
	if !s2.Calendar().Known(2027) {
		t.Fatal("2027 lost on reopening")
	}
}

func TestBadYearsAreRefusedAndChangeNothing(t *testing.T) {
	st, s := open(t, t.TempDir())
	if _, err := s.SaveYear(y2027); err != nil {
		t.Fatal(err)
	}
	before := s.Years()
	vv := st.VersionVector()[st.Site().ID]

	for _, tc := range []struct {
		name          string
		edit          func(*workday.Year)
		field, expect string
	}{
		{"year too early", func(y *workday.Year) { y.Year = 1999 }, "year", "2000至2100"},
		{"year too late", func(y *workday.Year) { y.Year = 2101 }, "year", "2000至2100"},
		{"year missing", func(y *workday.Year) { y.Year = 0 }, "year", "请填写年份"},
		{"no date", func(y *workday.Year) { y.Holidays = append(y.Holidays, "2027-02-30") }, "holidays", "“2027-02-30”不是有效日期"},
		{"not a date", func(y *workday.Year) { y.Holidays = append(y.Holidays, "2027/05/01") }, "holidays", "放假日期“2027/05/01”不是有效日期"},
		{"other year", func(y *workday.Year) { y.Holidays = append(y.Holidays, "2026-12-31") }, "holidays", "放假日期“2026-12-31”不在2027年内"},
		{"no holidays", func(y *workday.Year) { y.Holidays = []string{" "} }, "holidays", "请填写放假日期"},
		{"make-up on a weekday", func(y *workday.Year) { y.Workdays = []string{"2027-03-03"} }, "workdays", "调休上班日应为周六或周日：2027-03-03 是周三"},
		{"make-up not a date", func(y *workday.Year) { y.Workdays = []string{"2027-2-20"} }, "workdays", "调休上班日期“2027-2-20”不是有效日期"},
		{"make-up other year", func(y *workday.Year) { y.Workdays = []string{"2028-01-01"} }, "workdays", "不在2027年内"},
		{"both", func(y *workday.Year) { y.Workdays = []string{"2027-02-06"} }, "workdays", "2027-02-06 已列为放假日期"},
		{"note too long", func(y *workday.Year) { y.Note = strings.Repeat("通", 201) }, "note", "备注最多200个字"},
	} {
		y := y2027
		y.Holidays = slices.Clone(y2027.Holidays)
		y.Holidays[0] = "2027-01-09" // a change, so a save would show
		tc.edit(&y)
		_, err := s.SaveYear(y)
		if msg := fieldMessage(t, err, tc.field); !strings.Contains(msg, tc.expect) {
			t.Errorf("%s: %q, want %q (%v)", tc.name, msg, tc.expect, err)
		}
	}
	// Every bad value is named, not just the first.
	y := y2027
	y.Workdays = []string{"2027-03-03", "2027-03-04"}
	if msg := fieldMessage(t, must(s.SaveYear(y)), "workdays"); !strings.Contains(msg, "2027-03-03 是周三") || !strings.Contains(msg, "2027-03-04 是周四") {
		t.Errorf("both weekdays named: %q", msg)
	}
	if err := s.ResetYear(1999); !strings.Contains(fieldMessage(t, err, "year"), "2000至2100") {
		t.Errorf("reset 1999: %v", err)
	}

	if after := s.Years(); !slices.EqualFunc(before, after, func(a, b workday.Year) bool {
		return a.Year == b.Year && slices.Equal(a.Holidays, b.Holidays) && slices.Equal(a.Workdays, b.Workdays)
	}) {
		t.Errorf("refused saves changed the years:\n%+v\n%+v", before, after)
	}
	if st.VersionVector()[st.Site().ID] != vv {
		t.Error("a refused save wrote to the store")
	}
}

func must(_ workday.Year, err error) error { return err }

func TestResetReturnsToTheShippedYear(t *testing.T) {
	st, s := open(t, t.TempDir())
	ship, _ := find(workday.Shipped(), 2026)

	// The office gives Friday 2/13 off as well (say, a local decision).
	y := ship
	y.Holidays = append(slices.Clone(ship.Holidays), "2026-02-13")
	y.Note = "本地调整：2月13日放假"
	saved, err := s.SaveYear(y)
	if err != nil {
		t.Fatal(err)
	}
	if !saved.Shipped || !saved.Edited || len(saved.Holidays) != 34 || saved.Note != y.Note {
		t.Fatalf("edited 2026: %+v", saved)
	}
	if d, _ := s.Calendar().AddWorkdays("2026-02-12", 1); d != "2026-02-14" {
		t.Errorf("with 2/13 off: %s", d)
	}
	if len(s.Years()) != 2 {
		t.Fatalf("an edited shipped year is still one year: %+v", s.Years())
	}

	if err := s.ResetYear(2026); err != nil {
		t.Fatal(err)
	}
	back, _ := find(s.Years(), 2026)
	if back.Edited || !back.Shipped || !slices.Equal(back.Holidays, ship.Holidays) || back.Note != ship.Note {
		t.Fatalf("after reset: %+v", back)
	}
	if d, _ := s.Calendar().AddWorkdays("2026-02-12", 1); d != "2026-02-13" {
		t.Errorf("after reset: %s", d)
	}
	if len(st.Rows(store.IndexKind, workday.Kind)) != 0 {
		t.Error("the reset record is still indexed")
	}
	// Resetting again, or a year never edited, does nothing.
	if err := s.ResetYear(2026); err != nil {
		t.Fatal(err)
	}
	if err := s.ResetYear(2030); err != nil {
		t.Fatal(err)
	}

	// Saved again after the reset, the record comes back.
	if _, err := s.SaveYear(y); err != nil {
		t.Fatal(err)
	}
	if again, _ := find(s.Years(), 2026); !again.Edited || len(again.Holidays) != 34 {
		t.Fatalf("saved after reset: %+v", again)
	}
	// Saving exactly the shipped schedule drops the edit: not 已修改.
	same, err := s.SaveYear(ship)
	if err != nil {
		t.Fatal(err)
	}
	if same.Edited || len(st.Rows(store.IndexKind, workday.Kind)) != 0 {
		t.Errorf("saved as shipped: %+v", same)
	}

	// An office-only year, reset, leaves the calendar.
	if _, err := s.SaveYear(y2027); err != nil {
		t.Fatal(err)
	}
	if err := s.ResetYear(2027); err != nil {
		t.Fatal(err)
	}
	if s.Calendar().Known(2027) {
		t.Error("2027 still known after its reset")
	}
	if _, ok := find(s.Years(), 2027); ok {
		t.Error("2027 still listed after its reset")
	}
}
