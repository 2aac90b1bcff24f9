package workday

import "sort"

// block is one holiday as the notice words it: days off first to last
// (weekend days inside included) and the make-up working days.
type block struct {
	name        string
	first, last string
	work        []string
}

// notices are the schedules the program ships, transcribed from the
// State Council notices. When a new notice comes out, the office enters
// it in 系统设置 at once; a later release adds it here.
var notices = []struct {
	year   int
	note   string
	blocks []block
}{
	{2025, "国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024年11月12日）", []block{
		{"元旦", "2025-01-01", "2025-01-01", nil},
		{"春节", "2025-01-28", "2025-02-04", []string{"2025-01-26", "2025-02-08"}},
		{"清明节", "2025-04-04", "2025-04-06", nil},
		{"劳动节", "2025-05-01", "2025-05-05", []string{"2025-04-27"}},
		{"端午节", "2025-05-31", "2025-06-02", nil},
		{"国庆节、中秋节", "2025-10-01", "2025-10-08", []string{"2025-09-28", "2025-10-11"}},
	}},
	{2026, "国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号，2025年11月4日）", []block{
		{"元旦", "2026-01-01", "2026-01-03", []string{"2026-01-04"}},
		{"春节", "2026-02-15", "2026-02-23", []string{"2026-02-14", "2026-02-28"}},
		{"清明节", "2026-04-04", "2026-04-06", nil},
		{"劳动节", "2026-05-01", "2026-05-05", []string{"2026-05-09"}},
		{"端午节", "2026-06-19", "2026-06-21", nil},
		{"中秋节", "2026-09-25", "2026-09-27", nil},
		{"国庆节", "2026-10-01", "2026-10-07", []string{"2026-09-20", "2026-10-10"}},
	}},
}

// Shipped returns the schedules the program ships, oldest first; each
// call returns fresh slices.
func Shipped() []Year {
	out := make([]Year, 0, len(notices))
	for _, n := range notices {
		y := Year{Year: n.year, Note: n.note, Shipped: true, Holidays: []string{}, Workdays: []string{}}
		for _, b := range n.blocks {
			first, _ := parseDay(b.first)
			last, _ := parseDay(b.last)
			for d := first; d <= last; d++ {
				y.Holidays = append(y.Holidays, d.String())
			}
			y.Workdays = append(y.Workdays, b.work...)
		}
		sort.Strings(y.Workdays)
		out = append(out, y)
	}
	return out
}
