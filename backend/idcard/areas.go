package idcard

// Province-level administrative division codes (GB/T 2260, first two digits
// of an address code). This is data, not logic: edit the table when the
// division changes. County-level codes are deliberately not shipped; an
// unknown province prefix only produces a warning.
//
// Name is the short form used in lists ("北京"); Full is the official name.
var provinceTable = []struct {
	Code, Name, Full string
}{
	{"11", "北京", "北京市"},
	{"12", "天津", "天津市"},
	{"13", "河北", "河北省"},
	{"14", "山西", "山西省"},
	{"15", "内蒙古", "内蒙古自治区"},
	{"21", "辽宁", "辽宁省"},
	{"22", "吉林", "吉林省"},
	{"23", "黑龙江", "黑龙江省"},
	{"31", "上海", "上海市"},
	{"32", "江苏", "江苏省"},
	{"33", "浙江", "浙江省"},
	{"34", "安徽", "安徽省"},
	{"35", "福建", "福建省"},
	{"36", "江西", "江西省"},
	{"37", "山东", "山东省"},
	{"41", "河南", "河南省"},
	{"42", "湖北", "湖北省"},
	{"43", "湖南", "湖南省"},
	{"44", "广东", "广东省"},
	{"45", "广西", "广西壮族自治区"},
	{"46", "海南", "海南省"},
	{"50", "重庆", "重庆市"},
	{"51", "四川", "四川省"},
	{"52", "贵州", "贵州省"},
	{"53", "云南", "云南省"},
	{"54", "西藏", "西藏自治区"},
	{"61", "陕西", "陕西省"},
	{"62", "甘肃", "甘肃省"},
	{"63", "青海", "青海省"},
	{"64", "宁夏", "宁夏回族自治区"},
	{"65", "新疆", "新疆维吾尔自治区"},
	{"71", "台湾", "台湾省"},
	{"81", "香港", "香港特别行政区"},
	{"82", "澳门", "澳门特别行政区"},
}

// Prefixes of 港澳台居民居住证 numbers and the names shown for them.
var permitTable = []struct {
	Prefix, Name string
}{
	{"810000", "香港"},
	{"820000", "澳门"},
	{"830000", "台湾"},
}

var (
	provinceName = map[string]string{}
	provinceFull = map[string]string{}
)

func init() {
	for _, p := range provinceTable {
		provinceName[p.Code] = p.Name
		provinceFull[p.Code] = p.Full
	}
}

// Province is one row of the province-level code table.
type Province struct {
	Code string `json:"code"` // two digits, e.g. "53"
	Name string `json:"name"` // short name, e.g. "云南"
	Full string `json:"full"` // official name, e.g. "云南省"
}

// Provinces returns a copy of the province-level code table in code order.
func Provinces() []Province {
	out := make([]Province, len(provinceTable))
	for i, p := range provinceTable {
		out[i] = Province{Code: p.Code, Name: p.Name, Full: p.Full}
	}
	return out
}

// ProvinceName returns the short name for a two-digit province code (or a
// longer address code, of which the first two digits are used); "" if unknown.
func ProvinceName(code string) string {
	if len(code) < 2 {
		return ""
	}
	return provinceName[code[:2]]
}

// ProvinceFullName is ProvinceName with the official name ("云南省").
func ProvinceFullName(code string) string {
	if len(code) < 2 {
		return ""
	}
	return provinceFull[code[:2]]
}
