// Package idcard validates Chinese identity numbers (GB 11643-1999 公民身份号码
// and the forms built on it: 15-digit first-generation numbers, 港澳台居民居住证
// and the 2023 外国人永久居留身份证), derives birth date and sex from them, and
// masks identity numbers and phone numbers for lists and printouts.
//
// Messages meant for users (errors and warnings) are in Chinese.
package idcard

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Kind of a number.
type Kind string

const (
	Resident18    Kind = "resident"     // 18-digit 居民身份证号码
	Resident15    Kind = "legacy15"     // 15-digit first-generation number (no check digit; year 19YY)
	HKMacaoTaiwan Kind = "hmt-permit"   // 港澳台居民居住证: 18 digits starting 810000/820000/830000
	Foreigner2023 Kind = "foreign-2023" // 2023-version 外国人永久居留身份证: 18 digits starting with 9
)

// Label is the Chinese name of the kind, for display.
func (k Kind) Label() string {
	switch k {
	case Resident18:
		return "居民身份证"
	case Resident15:
		return "15位旧身份证号码"
	case HKMacaoTaiwan:
		return "港澳台居民居住证"
	case Foreigner2023:
		return "外国人永久居留身份证"
	}
	return ""
}

// Info is what a valid number says.
type Info struct {
	Number string `json:"number"` // normalised: upper-case X, full-width digits converted, spaces removed
	Kind   Kind   `json:"kind"`
	// Area is the administrative division code: the first 6 digits; for a
	// foreign-2023 card, the issuing province code followed by "0000".
	Area     string `json:"area"`
	AreaName string `json:"areaName"` // province name ("云南"), "香港"/"澳门"/"台湾" for permits; "" if unknown
	Birth    string `json:"birth"`    // YYYY-MM-DD
	// Sex is the GB/T 2261.1 code from the order code's parity (odd = "1" 男,
	// even = "2" 女). Empty for a foreign-2023 card (see Parse).
	Sex     string `json:"sex"`
	SexName string `json:"sexName"` // "男" | "女" | ""
	// Number18 is the 18-digit form: the number itself, or for a 15-digit
	// legacy number its upgrade (century 19 inserted, check digit appended).
	// Use it to deduplicate people.
	Number18    string   `json:"number18"`
	Nationality string   `json:"nationality,omitempty"` // foreign-2023 only: positions 4-6, the numeric country code
	Warnings    []string `json:"warnings,omitempty"`    // Chinese; never fatal
}

// Reason classifies a parse failure, for callers that sort failures
// (e.g. an import report). The message is in Error.Msg.
type Reason string

const (
	ReasonEmpty  Reason = "empty"
	ReasonExcel  Reason = "excel"  // mangled by a spreadsheet
	ReasonChar   Reason = "char"   // a character that may not appear there
	ReasonLength Reason = "length" // neither 18 nor 15 characters
	ReasonDate   Reason = "date"   // birth date does not exist or is out of range
	ReasonFuture Reason = "future" // birth date after today
	ReasonCheck  Reason = "check"  // check digit does not match
)

// Error is returned by Parse; its text is the Chinese message.
type Error struct {
	Reason Reason
	Msg    string
}

func (e *Error) Error() string { return e.Msg }

func fail(r Reason, format string, a ...any) error {
	return &Error{Reason: r, Msg: fmt.Sprintf(format, a...)}
}

// MsgExcel is the error for a value that a spreadsheet stored as a number.
const MsgExcel = "身份证号码疑似被 Excel 存成数字（末尾变为000或科学计数法），请核对原始号码"

// weights of positions 1-17 for ISO 7064 MOD 11-2.
var weights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const checkChars = "10X98765432"

// CheckDigit returns the ISO 7064 MOD 11-2 check character for the first 17
// digits of body. It returns 0 if body has fewer than 17 leading ASCII digits.
func CheckDigit(body string) byte {
	if len(body) < 17 {
		return 0
	}
	sum := 0
	for i := 0; i < 17; i++ {
		c := body[i]
		if c < '0' || c > '9' {
			return 0
		}
		sum += int(c-'0') * weights[i]
	}
	return checkChars[sum%11]
}

// Normalize removes white space (including full-width and zero-width spaces)
// and a leading apostrophe (Excel's text marker), converts full-width digits
// and X to ASCII, and upper-cases x. Other characters are kept as they are.
func Normalize(number string) string {
	var b strings.Builder
	b.Grow(len(number))
	for _, r := range number {
		switch {
		case unicode.IsSpace(r), r == '\u200b', r == '\u200c', r == '\u200d', r == '\u2060', r == '\ufeff':
			continue
		case r >= '０' && r <= '９':
			b.WriteByte(byte('0' + (r - '０')))
		case r == 'x', r == 'ｘ', r == 'Ｘ':
			b.WriteByte('X')
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimLeft(b.String(), "'‘’")
}

// A number a spreadsheet turned into a float: 4.40123E+17, 4.40123199001011e17,
// 440123199001011000.0.
var excelNumber = regexp.MustCompile(`^(?:[0-9](?:\.[0-9]*)?[eE]\+?[0-9]+|[0-9]+\.0*)$`)

// Parse validates a number and says what it contains. today bounds the birth
// date (a zero today means time.Now()). On error the returned Info holds only
// the normalised Number, and the error is an *Error with a Chinese message.
//
// For a 2023 foreign permanent residence card only the layout published by
// the National Immigration Administration is checked (leading 9, province of
// issue, numeric nationality code, birth date, MOD 11-2 check digit); sex is
// not derived from it.
func Parse(number string, today time.Time) (Info, error) {
	if today.IsZero() {
		today = time.Now()
	}
	s := Normalize(number)
	bad := Info{Number: s}
	if s == "" {
		return bad, fail(ReasonEmpty, "身份证号码为空")
	}
	if excelNumber.MatchString(s) {
		return bad, &Error{Reason: ReasonExcel, Msg: MsgExcel}
	}
	n := utf8.RuneCountInString(s)
	i := 0
	for _, r := range s {
		i++
		if r >= '0' && r <= '9' {
			continue
		}
		if r == 'X' {
			if i == n && n == 18 {
				continue
			}
			return bad, fail(ReasonChar, "身份证号码含有非数字字符“X”（第%d位），X只能是18位号码的最后一位", i)
		}
		return bad, fail(ReasonChar, "身份证号码含有非数字字符“%s”（第%d位）", showRune(r), i)
	}
	switch n {
	case 18:
		return parse18(s, today)
	case 15:
		return parse15(s, today)
	}
	return bad, fail(ReasonLength, "身份证号码应为18位（或15位旧号码），实际%d位", n)
}

func showRune(r rune) string {
	if r == utf8.RuneError || !unicode.IsPrint(r) {
		return fmt.Sprintf("U+%04X", r)
	}
	return string(r)
}

func parse18(s string, today time.Time) (Info, error) {
	bad := Info{Number: s}
	birth, err := checkBirth(s[6:14], today)
	if err != nil {
		return bad, err
	}
	if want := CheckDigit(s); want != s[17] {
		if strings.HasSuffix(s, "000") {
			return bad, &Error{Reason: ReasonExcel, Msg: MsgExcel}
		}
		return bad, fail(ReasonCheck, "身份证号码第18位校验码应为%c，实际为%c（号码可能抄错）", want, s[17])
	}
	info := Info{Number: s, Kind: Resident18, Area: s[:6], Birth: birth, Number18: s}
	switch {
	case s[0] == '9':
		info.Kind = Foreigner2023
		info.Area = s[1:3] + "0000"
		info.Nationality = s[3:6]
		info.AreaName = ProvinceName(s[1:3])
		if info.AreaName == "" {
			info.Warnings = append(info.Warnings, fmt.Sprintf("外国人永久居留身份证的受理地代码%s不在当前省级代码表中，请核对", s[1:3]))
		}
	case permitName(s[:6]) != "":
		info.Kind = HKMacaoTaiwan
		info.AreaName = permitName(s[:6])
	default:
		info.AreaName = ProvinceName(s[:2])
		switch {
		case s[:2] == "81" || s[:2] == "82" || s[:2] == "83":
			info.Warnings = append(info.Warnings, fmt.Sprintf("号码以%s开头，港澳台居民居住证号码前6位应为810000、820000或830000，请核对", s[:2]))
		case info.AreaName == "":
			info.Warnings = append(info.Warnings, areaWarning(s[:6]))
		}
	}
	if info.Kind != Foreigner2023 {
		info.Sex, info.SexName = sexOf(s[16])
	}
	if strings.HasSuffix(s, "000") {
		info.Warnings = append(info.Warnings, "身份证号码以000结尾，如来自 Excel 表格，请核对原始号码是否被截断")
	}
	info.Warnings = append(info.Warnings, ageWarnings(birth, today)...)
	return info, nil
}

func parse15(s string, today time.Time) (Info, error) {
	bad := Info{Number: s}
	birth, err := checkBirth("19"+s[6:12], today)
	if err != nil {
		return bad, err
	}
	body := s[:6] + "19" + s[6:]
	info := Info{
		Number:   s,
		Kind:     Resident15,
		Area:     s[:6],
		AreaName: ProvinceName(s[:2]),
		Birth:    birth,
		Number18: body + string(CheckDigit(body)),
	}
	if info.AreaName == "" {
		info.Warnings = append(info.Warnings, areaWarning(s[:6]))
	}
	info.Sex, info.SexName = sexOf(s[14])
	info.Warnings = append(info.Warnings, ageWarnings(birth, today)...)
	return info, nil
}

// Upgrade15 converts a valid 15-digit legacy number to its 18-digit form;
// an 18-character number is returned normalised if valid.
func Upgrade15(number string, today time.Time) (string, error) {
	info, err := Parse(number, today)
	if err != nil {
		return "", err
	}
	return info.Number18, nil
}

func permitName(prefix string) string {
	for _, p := range permitTable {
		if p.Prefix == prefix {
			return p.Name
		}
	}
	return ""
}

func areaWarning(area string) string {
	return fmt.Sprintf("行政区划代码%s不在当前代码表中（可能已撤销），请核对", area)
}

func sexOf(order byte) (code, name string) {
	if (order-'0')%2 == 1 {
		return "1", "男"
	}
	return "2", "女"
}

// checkBirth validates an 8-digit YYYYMMDD date from a number and returns it
// as YYYY-MM-DD.
func checkBirth(ymd string, today time.Time) (string, error) {
	y, m, d, ok := splitYMD(ymd)
	if !ok || !dateExists(y, m, d) {
		return "", fail(ReasonDate, "身份证号码中的出生日期%s不存在", ymd)
	}
	if ymd < "19000101" {
		return "", fail(ReasonDate, "身份证号码中的出生日期%s早于1900年，请核对", ymd)
	}
	ty, tm, td := today.Date()
	if ymd > fmt.Sprintf("%04d%02d%02d", ty, int(tm), td) {
		return "", fail(ReasonFuture, "出生日期晚于今天（身份证号码中的出生日期为%s）", ymd)
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d), nil
}

func ageWarnings(birth string, today time.Time) []string {
	if a := Age(birth, today); a >= 120 {
		return []string{fmt.Sprintf("按身份证号码计算年龄为%d岁，请核对出生日期", a)}
	}
	return nil
}

func splitYMD(ymd string) (y, m, d int, ok bool) {
	if len(ymd) != 8 {
		return 0, 0, 0, false
	}
	for i := 0; i < 8; i++ {
		if ymd[i] < '0' || ymd[i] > '9' {
			return 0, 0, 0, false
		}
	}
	num := func(a string) int {
		v := 0
		for i := 0; i < len(a); i++ {
			v = v*10 + int(a[i]-'0')
		}
		return v
	}
	return num(ymd[:4]), num(ymd[4:6]), num(ymd[6:]), true
}

func dateExists(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Year() == y && int(t.Month()) == m && t.Day() == d
}

// parseDate reads a date as typed on a form or in a spreadsheet:
// 1990-01-02, 1990/1/2, 1990.1.2, 19900102, 1990年1月2日, with an optional
// time part after a space or "T" (1990-01-02 00:00:00).
func parseDate(s string) (y, m, d int, ok bool) {
	s = strings.TrimSpace(s)
	// Drop a time part: everything from the space or T before the first colon.
	if c := strings.IndexAny(s, ":："); c >= 0 {
		cut := strings.LastIndexAny(s[:c], " T\t\u3000")
		if cut <= 0 {
			return 0, 0, 0, false
		}
		s = s[:cut]
	}
	s = Normalize(s)
	if s == "" {
		return 0, 0, 0, false
	}
	var groups []string
	cur := ""
	for _, r := range s {
		if r >= '0' && r <= '9' {
			cur += string(r)
			continue
		}
		switch r {
		case '-', '/', '.', '年', '月', '日', '－', '／', '．':
		default:
			return 0, 0, 0, false
		}
		if cur != "" {
			groups = append(groups, cur)
			cur = ""
		}
	}
	if cur != "" {
		groups = append(groups, cur)
	}
	switch {
	case len(groups) == 1 && len(groups[0]) == 8:
		y, m, d, ok = splitYMD(groups[0])
	case len(groups) == 3 && len(groups[0]) == 4 && len(groups[1]) <= 2 && len(groups[2]) <= 2:
		y, m, d = atoi(groups[0]), atoi(groups[1]), atoi(groups[2])
		ok = true
	}
	if !ok || !dateExists(y, m, d) {
		return 0, 0, 0, false
	}
	return y, m, d, true
}

// atoi reads a string of ASCII digits (callers have checked).
func atoi(s string) int {
	v := 0
	for i := 0; i < len(s); i++ {
		v = v*10 + int(s[i]-'0')
	}
	return v
}

// Age is the age in whole years (周岁) on a date: it goes up on the
// birthday; someone born on 29 February gets a year older on 1 March in a
// common year. birth is YYYY-MM-DD (other forms parseDate reads are
// accepted). It returns -1 for a birth date it cannot read, and a negative
// number when on is before the birth date.
func Age(birth string, on time.Time) int {
	by, bm, bd, ok := parseDate(birth)
	if !ok {
		return -1
	}
	oy, om, od := on.Date()
	age := oy - by
	if int(om) < bm || (int(om) == bm && od < bd) {
		age--
	}
	return age
}

// Minor tells whether the person is under 18 on the date. It is false when
// birth cannot be read or is after on.
func Minor(birth string, on time.Time) bool {
	a := Age(birth, on)
	return a >= 0 && a < 18
}

// Check compares what a form typed with what the number says and returns
// Chinese warnings; none when consistent or the typed value is blank.
// typedSex may be 男/女, 男性/女性, GB/T 2261.1 codes 1/2, or M/F; codes 0
// (未知), 9 (未说明), 5 and 6 (changed) are not compared. typedBirth may be
// in any form a form or spreadsheet gives (1990-01-02, 1990/1/2, 19900102,
// 1990年1月2日, with or without a time).
func Check(info Info, typedSex, typedBirth string) []string {
	var out []string
	if ts := strings.TrimSpace(typedSex); ts != "" && info.Sex != "" {
		code, known := sexCode(ts)
		switch {
		case !known:
			out = append(out, fmt.Sprintf("填写的性别“%s”无法识别（应为男或女）", ts))
		case code != "" && code != info.Sex:
			out = append(out, fmt.Sprintf("填写的性别“%s”与身份证号码（%s）不一致", ts, info.SexName))
		}
	}
	if tb := strings.TrimSpace(typedBirth); tb != "" && info.Birth != "" {
		y, m, d, ok := parseDate(tb)
		if !ok {
			out = append(out, fmt.Sprintf("填写的出生日期“%s”不是有效日期", tb))
		} else if got := fmt.Sprintf("%04d-%02d-%02d", y, m, d); got != info.Birth {
			out = append(out, fmt.Sprintf("填写的出生日期%s与身份证号码（%s）不一致", tb, info.Birth))
		}
	}
	return out
}

// sexCode maps a typed sex to "1"/"2"; "" with known=true means a value
// that is recognised but not compared (unknown, unstated, changed).
func sexCode(s string) (code string, known bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "男", "男性", "1", "m", "male":
		return "1", true
	case "女", "女性", "2", "f", "female":
		return "2", true
	case "0", "9", "5", "6", "未知", "未说明", "未知的性别", "未说明的性别",
		"女性改(变)为男性", "男性改(变)为女性", "女性改（变）为男性", "男性改（变）为女性":
		return "", true
	}
	return "", false
}
