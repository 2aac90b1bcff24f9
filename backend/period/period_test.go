package period

import "testing"

func TestSpans(t *testing.T) {
	for _, c := range []struct{ kind, day, key, label, from, to string }{
		{"month", "2024-02-10", "2024-02", "2024年2月", "2024-02-01", "2024-02-29"},
		{"quarter", "2026-11-30", "2026-Q4", "2026年第四季度", "2026-10-01", "2026-12-31"},
		{"year", "2026-03-01", "2026", "2026年", "2026-01-01", "2026-12-31"},
	} {
		s, err := Of(c.kind, c.day)
		if err != nil || s.Key != c.key || s.Label != c.label || s.From != c.from || s.To != c.to {
			t.Errorf("%s %s: %+v %v", c.kind, c.day, s, err)
		}
		if p, err := Parse(c.key); err != nil || p != s {
			t.Errorf("Parse(%s) = %+v %v", c.key, p, err)
		}
	}
	for _, bad := range []string{"2026-13", "2026-Q5", "26", "2026/03", ""} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
	if _, err := Of("week", "2026-03-01"); err == nil {
		t.Error("a week is not a period")
	}
}
