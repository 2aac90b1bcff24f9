package xlsx

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Normalize turns what office sheets type into plain text: full-width
// letters, digits and spaces become half-width, runs of spaces collapse,
// line breaks are kept as "\n" and the ends trimmed.
func Normalize(s string) string {
	if s == "" {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		case r == 0x3000 || r == '\t' || r == 0xA0:
			r = ' '
		case r == '\r':
			continue
		}
		if r == ' ' {
			space = true
			continue
		}
		if space && b.Len() > 0 && r != '\n' {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	out := b.String()
	if strings.Contains(out, "\n") {
		lines := strings.Split(out, "\n")
		keep := lines[:0]
		for _, l := range lines {
			if l = strings.TrimSpace(l); l != "" {
				keep = append(keep, l)
			}
		}
		out = strings.Join(keep, "\n")
	}
	return out
}

// OneLine joins a cell's lines for fields that hold one line (names, codes).
func OneLine(s string) string { return strings.ReplaceAll(s, "\n", " ") }

var (
	reYMD     = regexp.MustCompile(`^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*[日号]?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$`)
	reCompact = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
	reMD      = regexp.MustCompile(`^(\d{1,2})\s*[月.]\s*(\d{1,2})\s*[日号]?$`)
	reSerial  = regexp.MustCompile(`^\d{1,6}(\.\d+)?$`)
	reYear    = regexp.MustCompile(`((?:19|20)\d{2})\s*年`)
)

// ParseDate reads a date as offices type it: an Excel serial, 2023-03-05,
// 2023.3.5, 2023/03/05, 2023年3月5日, 20230305, or 3月5日 with the year
// taken from year (the sheet title's or one the user chose; 0 = refuse).
// It returns YYYY-MM-DD.
func ParseDate(s string, year int) (string, error) {
	s = strings.TrimSpace(s)
	var y, m, d int
	switch {
	case s == "":
		return "", nil
	case reYMD.MatchString(s):
		p := reYMD.FindStringSubmatch(s)
		y, m, d = atoi(p[1]), atoi(p[2]), atoi(p[3])
	case reCompact.MatchString(s):
		p := reCompact.FindStringSubmatch(s)
		y, m, d = atoi(p[1]), atoi(p[2]), atoi(p[3])
	case reMD.MatchString(s):
		if year == 0 {
			return "", fmt.Errorf("“%s”没有年份，请在导入时选择年份", s)
		}
		p := reMD.FindStringSubmatch(s)
		y, m, d = year, atoi(p[1]), atoi(p[2])
	case reSerial.MatchString(s):
		f, _ := strconv.ParseFloat(s, 64)
		// 1900-01-01 .. 2199-12-31: anything else is not a date serial.
		if f < 1 || f > 109574 {
			return "", fmt.Errorf("“%s”不是日期", s)
		}
		t, err := excelize.ExcelDateToTime(f, false)
		if err != nil {
			return "", fmt.Errorf("“%s”不是日期", s)
		}
		return t.Format("2006-01-02"), nil
	default:
		return "", fmt.Errorf("“%s”不是可识别的日期，应为 2024-03-05、2024.3.5 或 2024年3月5日", s)
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if y < 1900 || y > 2199 || t.Month() != time.Month(m) || t.Day() != d {
		return "", fmt.Errorf("“%s”这一天不存在", s)
	}
	return t.Format("2006-01-02"), nil
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// YearIn finds a year such as "2024年" in a title.
func YearIn(s string) int {
	if m := reYear.FindStringSubmatch(s); m != nil {
		return atoi(m[1])
	}
	return 0
}

// Yes and no as offices write them in status columns.
var (
	yesWords = []string{"是", "√", "✓", "✔", "☑", "y", "yes", "true", "1", "有", "已", "已整改", "已完成", "完成", "已办结", "办结", "已销号", "销号", "已化解", "化解", "成功", "主", "主责任人"}
	noWords  = []string{"否", "×", "✗", "✘", "x", "☐", "n", "no", "false", "0", "无", "未", "未整改", "未完成", "未办结", "未化解", "不成功", "失败", "/", "-"}
)

// ParseBool reads a status word; blank is false.
func ParseBool(s string) (bool, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	if v == "" {
		return false, nil
	}
	for _, w := range yesWords {
		if v == w {
			return true, nil
		}
	}
	for _, w := range noWords {
		if v == w {
			return false, nil
		}
	}
	return false, fmt.Errorf("“%s”无法识别，应为“是”或“否”（也可写 √、×、已整改、未整改）", s)
}

// ParseInt reads a whole number, allowing "120户" or "1,200".
func ParseInt(s string) (int, error) {
	v := strings.TrimSpace(strings.ReplaceAll(s, ",", ""))
	v = strings.TrimRightFunc(v, func(r rune) bool { return r > 0x2E80 })
	if v == "" {
		return 0, nil
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil && f == math.Trunc(f) && math.Abs(f) < 1e12 {
		return int(f), nil
	}
	return 0, fmt.Errorf("“%s”不是整数", s)
}

var reDigits = regexp.MustCompile(`^\d+$`)

// Mangled tells whether a long number such as an ID number lost digits
// because the sheet stored it as a number (Excel keeps 15 significant
// digits and may print it as 4.40123E+17). Such a value is never accepted.
func Mangled(c Cell) bool {
	t := c.Text
	if strings.ContainsAny(t, "Ee") && strings.ContainsAny(t, "+") {
		return true
	}
	if !c.Numeric {
		return false
	}
	digits := strings.SplitN(t, ".", 2)[0]
	return reDigits.MatchString(digits) && len(digits) > 15
}
