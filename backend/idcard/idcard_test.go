package idcard

import (
	"errors"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"time"
)

var cst = time.FixedZone("CST", 8*3600)

// today for all tests: 2026-03-15 in China.
var today = time.Date(2026, 3, 15, 10, 0, 0, 0, cst)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 12, 0, 0, 0, cst) }

// refCheck computes the GB 11643 check character independently of the
// package: the weight of position i (1-based) is 2^(18-i) mod 11, and the
// check value is (12 - sum mod 11) mod 11, written X for 10.
func refCheck(body string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		w := 1
		for k := 0; k < 17-i; k++ {
			w = w * 2 % 11
		}
		sum += int(body[i]-'0') * w
	}
	v := (12 - sum%11) % 11
	if v == 10 {
		return 'X'
	}
	return byte('0' + v)
}

func TestRefCheckKnownVector(t *testing.T) {
	// The example in GB 11643-1999.
	if c := refCheck("11010519491231002"); c != 'X' {
		t.Fatalf("refCheck(GB example) = %c, want X", c)
	}
	if c := refCheck("44052418800101001"); c != '4' {
		t.Fatalf("refCheck(440524188001010014) = %c, want 4", c)
	}
}

func TestCheckDigitMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 5000; i++ {
		b := make([]byte, 17)
		for j := range b {
			b[j] = byte('0' + rng.Intn(10))
		}
		if got, want := CheckDigit(string(b)), refCheck(string(b)); got != want {
			t.Fatalf("CheckDigit(%s) = %c, want %c", b, got, want)
		}
	}
	for _, bad := range []string{"", "1234", "1101051949123100A", "1101051949123100"} {
		if got := CheckDigit(bad); got != 0 {
			t.Errorf("CheckDigit(%q) = %c, want 0", bad, got)
		}
	}
}

type validCase struct {
	name        string
	in          string
	number      string
	kind        Kind
	area        string
	areaName    string
	birth       string
	sex         string
	number18    string
	nationality string
	warn        []string // substrings, one per expected warning, in order
}

var validCases = []validCase{
	{name: "GB example, X check", in: "11010519491231002X", number: "11010519491231002X", kind: Resident18,
		area: "110105", areaName: "北京", birth: "1949-12-31", sex: "2", number18: "11010519491231002X"},
	{name: "lower-case x", in: "11010519491231002x", number: "11010519491231002X", kind: Resident18,
		area: "110105", areaName: "北京", birth: "1949-12-31", sex: "2", number18: "11010519491231002X"},
	{name: "full-width digits and x", in: "１１０１０５１９４９１２３１００２ｘ", number: "11010519491231002X", kind: Resident18,
		area: "110105", areaName: "北京", birth: "1949-12-31", sex: "2", number18: "11010519491231002X"},
	{name: "male Yunnan", in: "530521199001011232", number: "530521199001011232", kind: Resident18,
		area: "530521", areaName: "云南", birth: "1990-01-01", sex: "1", number18: "530521199001011232"},
	{name: "spaces, tab, ideographic space", in: " 530521 19900101\t123\u30002 ", number: "530521199001011232", kind: Resident18,
		area: "530521", areaName: "云南", birth: "1990-01-01", sex: "1", number18: "530521199001011232"},
	{name: "excel text apostrophe and zero-width space", in: "'530521199001011232\u200b", number: "530521199001011232", kind: Resident18,
		area: "530521", areaName: "云南", birth: "1990-01-01", sex: "1", number18: "530521199001011232"},
	{name: "full-width digits", in: "５３０５２１１９９００１０１１２３２", number: "530521199001011232", kind: Resident18,
		area: "530521", areaName: "云南", birth: "1990-01-01", sex: "1", number18: "530521199001011232"},
	{name: "even order code is female", in: "530521199001011240", number: "530521199001011240", kind: Resident18,
		area: "530521", areaName: "云南", birth: "1990-01-01", sex: "2", number18: "530521199001011240"},
	{name: "29 Feb in a leap year", in: "520322200802290015", number: "520322200802290015", kind: Resident18,
		area: "520322", areaName: "贵州", birth: "2008-02-29", sex: "1", number18: "520322200802290015"},
	{name: "31 Dec", in: "65010220231231002X", number: "65010220231231002X", kind: Resident18,
		area: "650102", areaName: "新疆", birth: "2023-12-31", sex: "2", number18: "65010220231231002X"},
	{name: "born today", in: "530521202603150015", number: "530521202603150015", kind: Resident18,
		area: "530521", areaName: "云南", birth: "2026-03-15", sex: "1", number18: "530521202603150015"},
	{name: "1900-01-01 lower bound, age warning", in: "130102190001010014", number: "130102190001010014", kind: Resident18,
		area: "130102", areaName: "河北", birth: "1900-01-01", sex: "1", number18: "130102190001010014",
		warn: []string{"按身份证号码计算年龄为126岁"}},
	{name: "Taiwan province code 71", in: "710000198001010010", number: "710000198001010010", kind: Resident18,
		area: "710000", areaName: "台湾", birth: "1980-01-01", sex: "1", number18: "710000198001010010"},
	{name: "unknown province warns", in: "390101199001011239", number: "390101199001011239", kind: Resident18,
		area: "390101", birth: "1990-01-01", sex: "1", number18: "390101199001011239",
		warn: []string{"行政区划代码390101不在当前代码表中（可能已撤销），请核对"}},
	{name: "81 but not a permit prefix warns", in: "810101198001010016", number: "810101198001010016", kind: Resident18,
		area: "810101", areaName: "香港", birth: "1980-01-01", sex: "1", number18: "810101198001010016",
		warn: []string{"港澳台居民居住证号码前6位应为810000、820000或830000"}},
	{name: "valid number ending 000 warns", in: "440123199001017000", number: "440123199001017000", kind: Resident18,
		area: "440123", areaName: "广东", birth: "1990-01-01", sex: "2", number18: "440123199001017000",
		warn: []string{"以000结尾"}},
	{name: "Hong Kong permit", in: "810000198506150012", number: "810000198506150012", kind: HKMacaoTaiwan,
		area: "810000", areaName: "香港", birth: "1985-06-15", sex: "1", number18: "810000198506150012"},
	{name: "Macao permit", in: "820000199203010027", number: "820000199203010027", kind: HKMacaoTaiwan,
		area: "820000", areaName: "澳门", birth: "1992-03-01", sex: "2", number18: "820000199203010027"},
	{name: "Taiwan permit, 2000-02-29", in: "830000200002290031", number: "830000200002290031", kind: HKMacaoTaiwan,
		area: "830000", areaName: "台湾", birth: "2000-02-29", sex: "1", number18: "830000200002290031"},
	{name: "2023 foreign card issued in Yunnan", in: "953840198808080011", number: "953840198808080011", kind: Foreigner2023,
		area: "530000", areaName: "云南", birth: "1988-08-08", number18: "953840198808080011", nationality: "840"},
	{name: "2023 foreign card issued in Shanghai", in: "931410201003150026", number: "931410201003150026", kind: Foreigner2023,
		area: "310000", areaName: "上海", birth: "2010-03-15", number18: "931410201003150026", nationality: "410"},
	{name: "2023 foreign card, unknown province", in: "999840197501010025", number: "999840197501010025", kind: Foreigner2023,
		area: "990000", birth: "1975-01-01", number18: "999840197501010025", nationality: "840",
		warn: []string{"受理地代码99不在当前省级代码表中"}},
	{name: "legacy 15, male", in: "110101900307123", number: "110101900307123", kind: Resident15,
		area: "110101", areaName: "北京", birth: "1990-03-07", sex: "1", number18: "110101199003071233"},
	{name: "legacy 15, female, spaces", in: "530521 851231 002", number: "530521851231002", kind: Resident15,
		area: "530521", areaName: "云南", birth: "1985-12-31", sex: "2", number18: "530521198512310029"},
	{name: "legacy 15, full-width", in: "１１０１０１９００３０７１２３", number: "110101900307123", kind: Resident15,
		area: "110101", areaName: "北京", birth: "1990-03-07", sex: "1", number18: "110101199003071233"},
}

func TestParseValid(t *testing.T) {
	for _, c := range validCases {
		t.Run(c.name, func(t *testing.T) {
			info, err := Parse(c.in, today)
			if err != nil {
				t.Fatalf("Parse(%q) error: %v", c.in, err)
			}
			if info.Number != c.number || info.Kind != c.kind || info.Area != c.area || info.AreaName != c.areaName ||
				info.Birth != c.birth || info.Sex != c.sex || info.Number18 != c.number18 || info.Nationality != c.nationality {
				t.Errorf("Parse(%q) = %+v\nwant number=%s kind=%s area=%s areaName=%s birth=%s sex=%s number18=%s nationality=%s",
					c.in, info, c.number, c.kind, c.area, c.areaName, c.birth, c.sex, c.number18, c.nationality)
			}
			wantName := map[string]string{"1": "男", "2": "女", "": ""}[c.sex]
			if info.SexName != wantName {
				t.Errorf("SexName = %q, want %q", info.SexName, wantName)
			}
			if len(info.Warnings) != len(c.warn) {
				t.Fatalf("warnings = %q, want %d matching %q", info.Warnings, len(c.warn), c.warn)
			}
			for i, w := range c.warn {
				if !strings.Contains(info.Warnings[i], w) {
					t.Errorf("warning %d = %q, want it to contain %q", i, info.Warnings[i], w)
				}
			}
		})
	}
}

// Every 18-character vector above is checked against the independent helper,
// and every 15-digit one's upgrade too, so the table cannot hide a wrong digit.
func TestValidVectorsHaveReferenceCheckDigits(t *testing.T) {
	for _, c := range validCases {
		if len(c.number) == 18 && refCheck(c.number) != c.number[17] {
			t.Errorf("%s: vector %s has check %c, reference says %c", c.name, c.number, c.number[17], refCheck(c.number))
		}
		if refCheck(c.number18) != c.number18[17] {
			t.Errorf("%s: number18 %s has check %c, reference says %c", c.name, c.number18, c.number18[17], refCheck(c.number18))
		}
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name   string
		in     string
		reason Reason
		msg    string // exact message
	}{
		{"empty", "", ReasonEmpty, "身份证号码为空"},
		{"only spaces", " \u3000 ", ReasonEmpty, "身份证号码为空"},
		{"17 digits", "53052119900101123", ReasonLength, "身份证号码应为18位（或15位旧号码），实际17位"},
		{"19 digits", "5305211990010112321", ReasonLength, "身份证号码应为18位（或15位旧号码），实际19位"},
		{"16 digits", "5305211990010112", ReasonLength, "身份证号码应为18位（或15位旧号码），实际16位"},
		{"1 digit", "5", ReasonLength, "身份证号码应为18位（或15位旧号码），实际1位"},
		{"wrong check digit", "530521199001011233", ReasonCheck, "身份证号码第18位校验码应为2，实际为3（号码可能抄错）"},
		{"X expected, 5 given", "110105194912310025", ReasonCheck, "身份证号码第18位校验码应为X，实际为5（号码可能抄错）"},
		{"X given, 2 expected", "53052119900101123X", ReasonCheck, "身份证号码第18位校验码应为2，实际为X（号码可能抄错）"},
		{"transposed digits", "530521199010011232", ReasonCheck, "身份证号码第18位校验码应为4，实际为2（号码可能抄错）"},
		{"full-width wrong check", "５３０５２１１９９００１０１１２３３", ReasonCheck, "身份证号码第18位校验码应为2，实际为3（号码可能抄错）"},
		{"permit wrong check", "810000198506150013", ReasonCheck, "身份证号码第18位校验码应为2，实际为3（号码可能抄错）"},
		{"foreign wrong check", "953840198808080012", ReasonCheck, "身份证号码第18位校验码应为1，实际为2（号码可能抄错）"},
		{"letter O for zero", "5305211990O1011232", ReasonChar, "身份证号码含有非数字字符“O”（第11位）"},
		{"lower-case o", "530521199o01011232", ReasonChar, "身份证号码含有非数字字符“o”（第10位）"},
		{"Chinese numeral", "53052119九001011232", ReasonChar, "身份证号码含有非数字字符“九”（第9位）"},
		{"hyphen", "530521-19900101-1232", ReasonChar, "身份证号码含有非数字字符“-”（第7位）"},
		{"control character", "530521\x0119900101123", ReasonChar, "身份证号码含有非数字字符“U+0001”（第7位）"},
		{"invalid UTF-8", "530521\xff9900101123", ReasonChar, "身份证号码含有非数字字符“U+FFFD”（第7位）"},
		{"X in the middle", "53052X199001011232", ReasonChar, "身份证号码含有非数字字符“X”（第6位），X只能是18位号码的最后一位"},
		{"X ending a 15-digit number", "11010190030712X", ReasonChar, "身份证号码含有非数字字符“X”（第15位），X只能是18位号码的最后一位"},
		{"30 Feb", "530521202302300016", ReasonDate, "身份证号码中的出生日期20230230不存在"},
		{"29 Feb in a common year", "530521202302290014", ReasonDate, "身份证号码中的出生日期20230229不存在"},
		{"month 13", "530521202313010014", ReasonDate, "身份证号码中的出生日期20231301不存在"},
		{"day 00", "530521202312000017", ReasonDate, "身份证号码中的出生日期20231200不存在"},
		{"31 June", "530521202306310019", ReasonDate, "身份证号码中的出生日期20230631不存在"},
		{"legacy 1900-02-29 (1900 not leap)", "440123000229121", ReasonDate, "身份证号码中的出生日期19000229不存在"},
		{"legacy month 13", "110101901307123", ReasonDate, "身份证号码中的出生日期19901307不存在"},
		{"before 1900 (GB example 1880)", "440524188001010014", ReasonDate, "身份证号码中的出生日期18800101早于1900年，请核对"},
		{"future year", "110101203001010014", ReasonFuture, "出生日期晚于今天（身份证号码中的出生日期为20300101）"},
		{"tomorrow", "530521202603160010", ReasonFuture, "出生日期晚于今天（身份证号码中的出生日期为20260316）"},
		{"excel scientific, full", "4.40123199001011E+17", ReasonExcel, MsgExcel},
		{"excel scientific, short", "4.40123E+17", ReasonExcel, MsgExcel},
		{"excel scientific, lower e", "4.40123199001011e+17", ReasonExcel, MsgExcel},
		{"excel scientific, no plus", "4.40123E17", ReasonExcel, MsgExcel},
		{"excel scientific, spaces", " 4.40123E+17 ", ReasonExcel, MsgExcel},
		{"excel lost last digits", "440123199001011000", ReasonExcel, MsgExcel},
		{"excel lost last digits, X number", "110105194912310000", ReasonExcel, MsgExcel},
		{"float with .0", "440123199001011234.0", ReasonExcel, MsgExcel},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			info, err := Parse(c.in, today)
			if err == nil {
				t.Fatalf("Parse(%q) accepted: %+v", c.in, info)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not *Error", err)
			}
			if e.Reason != c.reason {
				t.Errorf("reason = %s, want %s", e.Reason, c.reason)
			}
			if err.Error() != c.msg {
				t.Errorf("message = %q\n want     %q", err.Error(), c.msg)
			}
			if info.Number != Normalize(c.in) || info.Kind != "" || info.Birth != "" {
				t.Errorf("failed Parse returned %+v, want only the normalised number", info)
			}
		})
	}
}

func TestExcelCaseReallyFailsCheck(t *testing.T) {
	for _, s := range []string{"440123199001011000", "110105194912310000"} {
		if refCheck(s) == s[17] {
			t.Fatalf("%s passes the reference check; not an Excel vector", s)
		}
	}
	if refCheck("440123199001017000") != '0' {
		t.Fatal("440123199001017000 must be valid for the warning case")
	}
}

func TestParseZeroTodayUsesNow(t *testing.T) {
	if _, err := Parse("530521199001011232", time.Time{}); err != nil {
		t.Fatal(err)
	}
	next := time.Now().AddDate(1, 0, 0).Format("20060102")
	body := "530521" + next + "001"
	if _, err := Parse(body+string(refCheck(body)), time.Time{}); err == nil {
		t.Fatal("a birth date next year was accepted with zero today")
	}
}

func TestParseTodayInItsOwnZone(t *testing.T) {
	// 2026-03-15 00:30 in China is still 2026-03-14 in UTC; the date of
	// today's own location counts.
	body := "53052120260315001"
	n := body + string(refCheck(body))
	if _, err := Parse(n, time.Date(2026, 3, 15, 0, 30, 0, 0, cst)); err != nil {
		t.Errorf("born today (China time) rejected: %v", err)
	}
	if _, err := Parse(n, time.Date(2026, 3, 14, 16, 30, 0, 0, time.UTC)); err == nil {
		t.Error("born tomorrow (UTC today) accepted")
	}
}

func TestUpgrade15(t *testing.T) {
	cases := map[string]string{
		"110101900307123":    "110101199003071233",
		"530521851231002":    "530521198512310029",
		"11010519491231002x": "11010519491231002X",
	}
	for in, want := range cases {
		got, err := Upgrade15(in, today)
		if err != nil || got != want {
			t.Errorf("Upgrade15(%q) = %q, %v; want %q", in, got, err, want)
		}
		if refCheck(want) != want[17] {
			t.Errorf("vector %s has a wrong check digit", want)
		}
	}
	if _, err := Upgrade15("440123000229121", today); err == nil {
		t.Error("Upgrade15 accepted a non-existent date")
	}
}

func TestNormalize(t *testing.T) {
	cases := map[string]string{
		" 1101 0519 4912 3100 2x ": "11010519491231002X",
		"\ufeff１１０１０５１９４９１２３１００２Ｘ": "11010519491231002X",
		"''110101900307123":        "110101900307123",
		"’110101900307123":         "110101900307123",
		"11010519491231002\u00a0X": "11010519491231002X",
		"abc":                      "abc",
	}
	for in, want := range cases {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
		if got := Normalize(want); got != want {
			t.Errorf("Normalize not idempotent on %q: %q", want, got)
		}
	}
}

func TestKindLabel(t *testing.T) {
	for k, want := range map[Kind]string{
		Resident18: "居民身份证", Resident15: "15位旧身份证号码",
		HKMacaoTaiwan: "港澳台居民居住证", Foreigner2023: "外国人永久居留身份证", "x": "",
	} {
		if got := k.Label(); got != want {
			t.Errorf("%s.Label() = %q, want %q", k, got, want)
		}
	}
}

func TestProvinceTable(t *testing.T) {
	ps := Provinces()
	if len(ps) != 34 {
		t.Fatalf("%d province-level codes, want 34", len(ps))
	}
	seen := map[string]bool{}
	for i, p := range ps {
		if len(p.Code) != 2 || p.Name == "" || !strings.HasPrefix(p.Full, p.Name) {
			t.Errorf("bad row %+v", p)
		}
		if seen[p.Code] {
			t.Errorf("duplicate code %s", p.Code)
		}
		seen[p.Code] = true
		if i > 0 && ps[i-1].Code >= p.Code {
			t.Errorf("table not in code order at %s", p.Code)
		}
	}
	for code, want := range map[string]string{"11": "北京", "65": "新疆", "71": "台湾", "81": "香港", "82": "澳门", "530521": "云南", "99": "", "5": "", "": ""} {
		if got := ProvinceName(code); got != want {
			t.Errorf("ProvinceName(%q) = %q, want %q", code, got, want)
		}
	}
	if got := ProvinceFullName("45"); got != "广西壮族自治区" {
		t.Errorf("ProvinceFullName(45) = %q", got)
	}
	ps[0].Name = "changed"
	if ProvinceName("11") != "北京" {
		t.Error("Provinces() exposes the table")
	}
}

func TestAgeAndMinor(t *testing.T) {
	cases := []struct {
		birth string
		on    time.Time
		age   int
		minor bool
	}{
		{"1990-01-01", today, 36, false},
		{"1990-03-15", today, 36, false},
		{"1990-03-16", today, 35, false},
		{"2008-03-15", day(2026, 3, 14), 17, true}, // eve of 18th birthday
		{"2008-03-15", day(2026, 3, 15), 18, false},
		{"2008-03-15", day(2026, 3, 16), 18, false},
		{"2008-02-29", day(2026, 2, 28), 17, true}, // common year: birthday counts from 1 March
		{"2008-02-29", day(2026, 3, 1), 18, false},
		{"2008-02-29", day(2028, 2, 28), 19, false},
		{"2008-02-29", day(2028, 2, 29), 20, false},
		{"2008-02-29", day(2009, 2, 28), 0, true},
		{"2008-02-29", day(2009, 3, 1), 1, true},
		{"2008-02-29", day(2008, 2, 29), 0, true},  // day of birth
		{"2020-06-01", day(2020, 1, 1), -1, false}, // not yet born
		{"2020-06-01", day(2019, 7, 1), -1, false},
		{"19900101", today, 36, false},
		{"1990/1/1", today, 36, false},
		{"1990年1月1日", today, 36, false},
		{"1990-01-01 00:00:00", today, 36, false},
		{"", today, -1, false},
		{"1990-02-30", today, -1, false},
		{"abc", today, -1, false},
		{"1990-1", today, -1, false},
	}
	for _, c := range cases {
		if got := Age(c.birth, c.on); got != c.age {
			t.Errorf("Age(%q, %s) = %d, want %d", c.birth, c.on.Format("2006-01-02"), got, c.age)
		}
		if got := Minor(c.birth, c.on); got != c.minor {
			t.Errorf("Minor(%q, %s) = %v, want %v", c.birth, c.on.Format("2006-01-02"), got, c.minor)
		}
	}
}

func TestAgeUsesTheDateInOnsZone(t *testing.T) {
	// 2026-03-15 00:30 China time is 2026-03-14 16:30 UTC.
	on := time.Date(2026, 3, 15, 0, 30, 0, 0, cst)
	if got := Age("2008-03-15", on); got != 18 {
		t.Errorf("Age = %d, want 18", got)
	}
	if got := Age("2008-03-15", on.UTC()); got != 17 {
		t.Errorf("Age (UTC) = %d, want 17", got)
	}
}

func TestCheck(t *testing.T) {
	male, err := Parse("530521199001011232", today)
	if err != nil {
		t.Fatal(err)
	}
	foreign, err := Parse("953840198808080011", today)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name       string
		info       Info
		sex, birth string
		want       []string
	}{
		{"consistent", male, "男", "1990-01-01", nil},
		{"both blank", male, "", "", nil},
		{"spaces only", male, "  ", " ", nil},
		{"code 1", male, "1", "", nil},
		{"M", male, "M", "", nil},
		{"男性", male, "男性", "", nil},
		{"unknown sex not compared", male, "未知", "", nil},
		{"code 9 not compared", male, "9", "", nil},
		{"sex differs", male, "女", "", []string{"填写的性别“女”与身份证号码（男）不一致"}},
		{"sex code differs", male, "2", "", []string{"填写的性别“2”与身份证号码（男）不一致"}},
		{"女性 differs", male, " 女性 ", "", []string{"填写的性别“女性”与身份证号码（男）不一致"}},
		{"unreadable sex", male, "X", "", []string{"填写的性别“X”无法识别（应为男或女）"}},
		{"birth differs", male, "", "1990-01-02", []string{"填写的出生日期1990-01-02与身份证号码（1990-01-01）不一致"}},
		{"birth slashes", male, "", "1990/1/1", nil},
		{"birth compact", male, "", "19900101", nil},
		{"birth Chinese", male, "", "1990年1月1日", nil},
		{"birth dots", male, "", "1990.1.1", nil},
		{"birth with time", male, "", "1990-01-01 00:00:00", nil},
		{"birth ISO time", male, "", "1990-01-01T00:00:00Z", nil},
		{"birth full-width", male, "", "１９９０－０１－０１", nil},
		{"birth invalid", male, "", "1990-13-01", []string{"填写的出生日期“1990-13-01”不是有效日期"}},
		{"birth garbage", male, "", "不详", []string{"填写的出生日期“不详”不是有效日期"}},
		{"both differ", male, "女", "1991-01-01", []string{
			"填写的性别“女”与身份证号码（男）不一致",
			"填写的出生日期1991-01-01与身份证号码（1990-01-01）不一致"}},
		{"foreign card: sex not derived", foreign, "女", "1988-08-08", nil},
		{"foreign card: birth differs", foreign, "", "1988-08-09", []string{"填写的出生日期1988-08-09与身份证号码（1988-08-08）不一致"}},
		{"zero info", Info{}, "女", "1990-01-01", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Check(c.info, c.sex, c.birth)
			if len(got) == 0 && len(c.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("Check(%q, %q) = %q, want %q", c.sex, c.birth, got, c.want)
			}
		})
	}
}

func TestMaskID(t *testing.T) {
	cases := map[string]string{
		"530521199001011234":    "530521********1234",
		"11010519491231002x":    "110105********002X",
		" 530521 19900101 1234": "530521********1234",
		"５３０５２１１９９００１０１１２３４": "530521********1234",
		"110101900307123":   "110101*****7123",
		"53052119900101123": "530521*******1123",
		"12345678901":       "123456*8901",
		"1234567890":        "12******90",
		"1234":              "1**4",
		"123":               "***",
		"1":                 "*",
		"":                  "",
		"张三":                "**",
		"\xff\xfe":          "**",
		"4.40123E+17":       "4.4012*E+17",
	}
	for in, want := range cases {
		got := MaskID(in)
		if got != want {
			t.Errorf("MaskID(%q) = %q, want %q", in, got, want)
		}
	}
	// Whatever the input, a masked 18-digit number shows no birth date.
	if strings.Contains(MaskID("530521199001011234"), "19900101") {
		t.Error("birth date visible")
	}
}

func TestMaskPhone(t *testing.T) {
	cases := map[string]string{
		"13812345678":       "138****5678",
		" 138 1234 5678 ":   "138****5678",
		"138-1234-5678":     "138****5678",
		"１３８１２３４５６７８":       "138****5678",
		"+86 138 1234 5678": "+86 138****5678",
		"+8613812345678":    "+86 138****5678",
		"8613812345678":     "+86 138****5678",
		"008613812345678":   "+86 138****5678",
		"0871-6543210":      "0871-***3210",
		"0871 6543210":      "0871-***3210",
		"(0871)6543210":     "0871-***3210",
		"（0871）6543210":     "0871-***3210",
		"08716543210":       "0871-***3210",
		"010-12345678":      "010-****5678",
		"01012345678":       "010-****5678",
		"02112345678":       "021-****5678",
		"087165432101":      "0871-****2101",
		"0871-6543210-801":  "0871-***3210-801",
		"0871-123":          "0871-***",
		"6543210":           "***3210",
		"65432100":          "****2100",
		"":                  "",
		"   ":               "",
		"1":                 "*",
		"12345":             "1***5",
		"无":                 "*",
		"+1 415 555 2671":   "14*******71",
		"13812345678转801":   "138*********801",
		"\xff":              "*",
	}
	for in, want := range cases {
		if got := MaskPhone(in); got != want {
			t.Errorf("MaskPhone(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, c := range validCases {
		f.Add(c.in)
	}
	for _, s := range []string{"", "4.40123199001011E+17", "440123199001011000", "530521202302290014",
		"11010190030712X", "５３０５２１", "\xff\xfe", "'''", "1990-01-01", "0871-6543210"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		info, err := Parse(s, today)
		_ = MaskID(s)
		_ = MaskPhone(s)
		_ = Age(s, today)
		_ = Check(info, s, s)
		if n := Normalize(s); Normalize(n) != n {
			t.Fatalf("Normalize not idempotent: %q -> %q -> %q", s, n, Normalize(n))
		}
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Msg == "" || e.Reason == "" {
				t.Fatalf("Parse(%q) error %#v is not a filled *Error", s, err)
			}
			return
		}
		if len(info.Number) != 18 && len(info.Number) != 15 {
			t.Fatalf("accepted %q with length %d", info.Number, len(info.Number))
		}
		if len(info.Number18) != 18 || refCheck(info.Number18) != info.Number18[17] {
			t.Fatalf("accepted %q with bad Number18 %q", s, info.Number18)
		}
		if info.Birth == "" || Age(info.Birth, today) < 0 || info.Kind == "" {
			t.Fatalf("accepted %q with incomplete info %+v", s, info)
		}
		again, err := Parse(info.Number, today)
		if err != nil {
			t.Fatalf("normalised form %q of %q rejected: %v", info.Number, s, err)
		}
		if !reflect.DeepEqual(again, info) {
			t.Fatalf("round trip differs:\n%+v\n%+v", info, again)
		}
		if MaskID(info.Number) == info.Number {
			t.Fatalf("MaskID left %q unmasked", info.Number)
		}
	})
}
