package people

import (
	"zongzhi/backend/dict"
	"zongzhi/backend/grid"
)

// Code is one entry of a code table (the grid module's shape).
type Code = grid.Code

// Enrollment statuses (列管状态): 在管 is the only active one; 脱管 and 漏管
// are active problems; the rest end the enrollment.
const (
	StatusManaged   = "1" // 在管
	StatusLost      = "2" // 脱管
	StatusMissed    = "3" // 漏管
	StatusReleased  = "4" // 解除
	StatusWithdrawn = "5" // 撤管
	StatusDead      = "6" // 死亡
	StatusMovedOut  = "7" // 迁出
)

// Person statuses (人员状态).
const (
	PersonRegistered = "1" // 在册
	PersonMovedOut   = "2" // 迁出
	PersonDead       = "3" // 死亡
	PersonCancelled  = "4" // 注销
)

// ID types (证件类型): a 居民身份证 number is checked and gives sex and birth.
const (
	IDTypeResident = "111" // 居民身份证
	IDTypeOther    = "990" // 其他证件
)

// Code tables after GB/T 31000 as public implementations use them. Records
// store code and label together.
var (
	// Categories of special populations; 5x are local, configurable extras.
	Categories = []Code{
		{Code: "01", Label: "刑满释放人员"},
		{Code: "02", Label: "社区矫正人员"},
		{Code: "03", Label: "严重精神障碍患者"},
		{Code: "04", Label: "吸毒人员"},
		{Code: "05", Label: "艾滋病危险人员"},
		{Code: "06", Label: "重点青少年"},
		{Code: "51", Label: "信访人员"},
		{Code: "52", Label: "留守儿童"},
		{Code: "53", Label: "邪教人员"},
		{Code: "54", Label: "重点关注人员"},
	}
	Attention = []Code{{Code: "01", Label: "高"}, {Code: "02", Label: "中"}, {Code: "03", Label: "低"}, {Code: "00", Label: "不关注"}}
	Control   = []Code{{Code: "1", Label: "严管"}, {Code: "2", Label: "普管"}, {Code: "3", Label: "宽管"}}
	Sources   = []Code{{Code: "1", Label: "公安"}, {Code: "2", Label: "司法"}, {Code: "3", Label: "卫健"}, {Code: "4", Label: "走访发现"}, {Code: "9", Label: "其他"}}
	// Enrollment statuses, in this order.
	Statuses = []Code{
		{Code: StatusManaged, Label: "在管"}, {Code: StatusLost, Label: "脱管"}, {Code: StatusMissed, Label: "漏管"},
		{Code: StatusReleased, Label: "解除"}, {Code: StatusWithdrawn, Label: "撤管"}, {Code: StatusDead, Label: "死亡"}, {Code: StatusMovedOut, Label: "迁出"},
	}
	PersonStatuses = []Code{{Code: PersonRegistered, Label: "在册"}, {Code: PersonMovedOut, Label: "迁出"}, {Code: PersonDead, Label: "死亡"}, {Code: PersonCancelled, Label: "注销"}}
	Sexes          = []Code{{Code: "1", Label: "男"}, {Code: "2", Label: "女"}}
	IDTypes        = []Code{{Code: IDTypeResident, Label: "居民身份证"}, {Code: IDTypeOther, Label: "其他证件"}}
	Methods        = []Code{{Code: "1", Label: "入户"}, {Code: "2", Label: "电话"}, {Code: "3", Label: "约谈"}, {Code: "9", Label: "其他"}}
	Ethnicities    = codes("汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族", "满族", "侗族", "瑶族", "白族",
		"土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族", "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族",
		"柯尔克孜族", "土族", "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族", "塔吉克族",
		"怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族", "京族", "塔塔尔族", "独龙族", "鄂伦春族", "赫哲族",
		"门巴族", "珞巴族", "基诺族")
)

// codes numbers labels 01, 02, … (GB/T 3304 order for 民族).
func codes(labels ...string) []Code {
	out := make([]Code, len(labels))
	for i, l := range labels {
		out[i] = Code{Code: twoDigits(i + 1), Label: l}
	}
	return out
}

func twoDigits(n int) string { return string(rune('0'+n/10)) + string(rune('0'+n%10)) }

// Confidential categories never appear on a template marked public
// (精神卫生法 §4; 社区矫正法 on minors; minors' records). An office marks
// its own categories in the code table (dict Private).
var Confidential = map[string]bool{"02": true, "03": true, "06": true, "52": true}

// The code tables an office may edit.
const (
	TableCategories = "people.categories"
	TableSources    = "people.sources"
	TableMethods    = "people.methods"
)

func registerTables(d *dict.Dict) {
	d.Register(dict.Table{Name: TableCategories, Title: "特殊人群类别", Codes: Categories, Private: Confidential, Privacy: true,
		CodeHint: "两位数字 55–99（01–54 为标准和预置类别）"}, `5[5-9]|[6-9][0-9]`)
	d.Register(dict.Table{Name: TableSources, Title: "列管信息来源", Codes: Sources, CodeHint: "一至两位数字"}, `[0-9]{1,2}`)
	d.Register(dict.Table{Name: TableMethods, Title: "走访方式", Codes: Methods, CodeHint: "一至两位数字"}, `[0-9]{1,2}`)
}

// Confidential tells whether a category is kept off public templates.
func (s *Service) Confidential(category string) bool {
	return s.Dict.Private(TableCategories, category)
}

// Active tells whether an enrollment status still needs visits.
func Active(status string) bool {
	return status == StatusManaged || status == StatusLost || status == StatusMissed
}

// Transitions allowed from each status. Ends are final: a person who comes
// back is enrolled again, the old enrollment stays as history.
var Transitions = map[string][]string{
	StatusManaged: {StatusLost, StatusMissed, StatusReleased, StatusWithdrawn, StatusDead, StatusMovedOut},
	StatusLost:    {StatusManaged, StatusReleased, StatusWithdrawn, StatusDead, StatusMovedOut},
	StatusMissed:  {StatusManaged, StatusReleased, StatusWithdrawn, StatusDead, StatusMovedOut},
}

// Detail is one category-specific item of an enrollment (GB/T 31000).
type Detail struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Kind  string `json:"kind"` // code | codes (several) | date | text | bool
	Table []Code `json:"table,omitempty"`
	Level bool   `json:"level,omitempty"` // its value is the enrollment's level for visit cadence
}

// Details lists each category's own items.
var Details = map[string][]Detail{
	"01": {
		{Key: "crime", Label: "原罪名", Kind: "code", Table: codes("危害国家安全罪", "危害公共安全罪", "破坏社会主义市场经济秩序罪", "侵犯公民人身权利、民主权利罪", "侵犯财产罪", "妨害社会管理秩序罪", "危害国防利益罪", "贪污贿赂罪", "渎职罪", "军人违反职责罪")},
		{Key: "sentence", Label: "原判刑期", Kind: "text"},
		{Key: "prison", Label: "服刑场所", Kind: "text"},
		{Key: "released", Label: "释放日期", Kind: "date"},
		{Key: "assessment", Label: "危险性评估类型", Kind: "code", Table: []Code{{Code: "01", Label: "重点帮教"}, {Code: "02", Label: "一般帮教"}}, Level: true},
		{Key: "handover", Label: "衔接情况", Kind: "code", Table: []Code{{Code: "01", Label: "基层政府接回"}, {Code: "02", Label: "家属接回"}, {Code: "03", Label: "社会志愿者接回"}, {Code: "04", Label: "其他人员接回"}, {Code: "05", Label: "监狱押送"}, {Code: "06", Label: "人员自返"}, {Code: "99", Label: "其他"}}},
		{Key: "placement", Label: "安置情况", Kind: "code", Table: []Code{{Code: "01", Label: "落实责任田"}, {Code: "02", Label: "就业"}, {Code: "03", Label: "低保"}, {Code: "04", Label: "社会救助"}, {Code: "05", Label: "过渡性安置"}, {Code: "06", Label: "返回原单位"}, {Code: "07", Label: "自主创业"}, {Code: "99", Label: "其他"}}},
		{Key: "recidivist", Label: "是否累犯", Kind: "bool"},
		{Key: "reoffended", Label: "是否重新犯罪", Kind: "bool"},
	},
	"02": {
		{Key: "type", Label: "矫正类别", Kind: "code", Table: []Code{{Code: "01", Label: "管制"}, {Code: "02", Label: "缓刑"}, {Code: "03", Label: "假释"}, {Code: "04", Label: "暂予监外执行"}, {Code: "05", Label: "剥夺政治权利"}}},
		{Key: "from", Label: "矫正开始日期", Kind: "date"},
		{Key: "to", Label: "矫正结束日期", Kind: "date"},
		{Key: "reception", Label: "接收方式", Kind: "code", Table: []Code{{Code: "01", Label: "自行报到"}, {Code: "02", Label: "狱所押送"}, {Code: "03", Label: "当庭交接"}, {Code: "99", Label: "其他"}}},
		{Key: "history", Label: "四史", Kind: "codes", Table: []Code{{Code: "01", Label: "吸毒史"}, {Code: "02", Label: "逃脱史"}, {Code: "03", Label: "自杀史"}, {Code: "04", Label: "袭警史"}}},
		{Key: "involved", Label: "三涉", Kind: "codes", Table: []Code{{Code: "01", Label: "涉毒"}, {Code: "02", Label: "涉黑"}, {Code: "03", Label: "涉枪"}}},
		{Key: "team", Label: "矫正小组", Kind: "text"},
	},
	"03": {
		{Key: "diagnosis", Label: "目前诊断", Kind: "code", Table: []Code{{Code: "01", Label: "精神分裂症"}, {Code: "02", Label: "分裂情感性障碍"}, {Code: "03", Label: "持久的妄想性障碍"}, {Code: "04", Label: "双相障碍"}, {Code: "05", Label: "癫痫所致精神障碍"}, {Code: "06", Label: "精神发育迟滞伴发精神障碍"}, {Code: "07", Label: "重度抑郁发作"}, {Code: "08", Label: "精神活性物质所致精神障碍"}, {Code: "99", Label: "其他"}}},
		{Key: "risk", Label: "危险性评估等级", Kind: "code", Table: []Code{{Code: "0", Label: "0级"}, {Code: "1", Label: "1级"}, {Code: "2", Label: "2级"}, {Code: "3", Label: "3级"}, {Code: "4", Label: "4级"}, {Code: "5", Label: "5级"}}, Level: true},
		{Key: "incidents", Label: "肇事肇祸史", Kind: "bool"},
		{Key: "treatment", Label: "治疗情况", Kind: "code", Table: []Code{{Code: "01", Label: "住院"}, {Code: "02", Label: "居家服药"}, {Code: "03", Label: "其他"}, {Code: "04", Label: "未治疗"}}},
		{Key: "guardian", Label: "监护人", Kind: "text"},
		{Key: "support", Label: "帮扶情况", Kind: "codes", Table: []Code{{Code: "01", Label: "民政"}, {Code: "02", Label: "卫生"}, {Code: "03", Label: "公安"}, {Code: "04", Label: "残联"}, {Code: "05", Label: "乡镇"}, {Code: "06", Label: "社会组织"}, {Code: "99", Label: "其他"}}},
	},
	"04": {
		{Key: "found", Label: "初次发现日期", Kind: "date"},
		{Key: "cause", Label: "吸毒原因", Kind: "code", Table: []Code{{Code: "01", Label: "亲友影响"}, {Code: "02", Label: "好奇"}, {Code: "03", Label: "追求刺激"}, {Code: "04", Label: "空虚无聊"}, {Code: "05", Label: "被引诱"}, {Code: "06", Label: "治病"}, {Code: "07", Label: "精神压力"}, {Code: "08", Label: "遗传"}, {Code: "99", Label: "其他"}}},
		{Key: "control", Label: "管控情况", Kind: "code", Table: []Code{{Code: "01", Label: "在控"}, {Code: "02", Label: "失控"}, {Code: "03", Label: "死亡"}, {Code: "04", Label: "出境"}, {Code: "05", Label: "戒断三年未复吸"}, {Code: "06", Label: "戒断不满三年"}}},
	},
	"05": {
		{Key: "route", Label: "感染途径", Kind: "text"},
		{Key: "focus", Label: "关注类型", Kind: "text"},
		{Key: "care", Label: "收治情况", Kind: "text"},
	},
	"06": {
		{Key: "type", Label: "人员类型", Kind: "codes", Table: []Code{{Code: "01", Label: "闲散青少年"}, {Code: "02", Label: "有不良行为青少年"}, {Code: "03", Label: "流浪乞讨青少年"}, {Code: "04", Label: "服刑人员未成年子女"}, {Code: "05", Label: "农村留守儿童"}, {Code: "99", Label: "其他"}}},
		{Key: "family", Label: "家庭情况", Kind: "text"},
		{Key: "help", Label: "帮扶手段", Kind: "text"},
	},
	"51": {
		{Key: "matter", Label: "上访事由", Kind: "text"},
		{Key: "mode", Label: "个访/群访", Kind: "code", Table: []Code{{Code: "1", Label: "个访"}, {Code: "2", Label: "群访"}}},
		{Key: "times", Label: "上访次数", Kind: "text"},
		{Key: "grade", Label: "管控分级", Kind: "code", Table: []Code{{Code: "1", Label: "红色"}, {Code: "2", Label: "橙色"}, {Code: "3", Label: "黄色"}, {Code: "4", Label: "蓝色"}}},
	},
}

// Codes is every table the people forms use.
type Codes struct {
	Categories     []Code              `json:"categories"`
	Attention      []Code              `json:"attention"`
	Control        []Code              `json:"control"`
	Sources        []Code              `json:"sources"`
	Statuses       []Code              `json:"statuses"`
	PersonStatuses []Code              `json:"personStatuses"`
	Sexes          []Code              `json:"sexes"`
	IDTypes        []Code              `json:"idTypes"`
	Methods        []Code              `json:"methods"`
	Ethnicities    []Code              `json:"ethnicities"`
	Details        map[string][]Detail `json:"details"`
	Transitions    map[string][]string `json:"transitions"`
}

// AllCodes returns the tables.
// Codes returns the code tables, the editable ones as the office has them.
func (s *Service) Codes() Codes {
	return Codes{s.Dict.Options(TableCategories), Attention, Control, s.Dict.Options(TableSources), Statuses, PersonStatuses, Sexes, IDTypes,
		s.Dict.Options(TableMethods), Ethnicities, Details, Transitions}
}
