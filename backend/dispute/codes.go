package dispute

import (
	"zongzhi/backend/caseflow"
	"zongzhi/backend/dict"
)

// Code is one entry of a code table.
type Code = dict.Code

// Statuses of the flow 登记 → 受理 → 调处中 → 成功|不成功 → 已回访 → 已归档;
// 不予受理 ends it at the start.
const (
	StatusRegistered = "registered"
	StatusAccepted   = "accepted"
	StatusDeclined   = "declined"
	StatusMediating  = "mediating"
	StatusSucceeded  = "succeeded"
	StatusFailed     = "failed"
	StatusVisited    = "visited"
	StatusArchived   = "archived"
)

// Moves of the flow (the UI names them by the status they lead to).
const (
	MoveRegister = "register"
	MoveImport   = "import"
	MoveAccept   = "accept"
	MoveDecline  = "decline"
	MoveRecord   = "record" // a 调解记录: allowed while mediation is open
	MoveMediate  = "mediate"
	MoveSucceed  = "succeed"
	MoveFail     = "fail"
	MoveFollowUp = "follow_up"
	MoveArchive  = "archive"
)

// Flow is the dispute flow declared on the case-flow kernel:
// 登记 → 受理 → 调处中 → 成功|不成功 → 回访 → 归档, or 不予受理.
var Flow = &caseflow.Flow{
	What: "矛盾纠纷",
	States: []caseflow.State{
		{Code: StatusRegistered, Label: "已登记"},
		{Code: StatusAccepted, Label: "已受理"},
		{Code: StatusDeclined, Label: "不予受理", Final: true},
		{Code: StatusMediating, Label: "调处中"},
		{Code: StatusSucceeded, Label: "调处成功"},
		{Code: StatusFailed, Label: "调处不成功"},
		{Code: StatusVisited, Label: "已回访"},
		{Code: StatusArchived, Label: "已归档", Final: true},
	},
	Moves: []caseflow.Move{
		{Code: MoveRegister, Label: "登记", To: StatusRegistered},
		{Code: MoveImport, Label: "导入"},
		{Code: MoveAccept, Label: "受理", From: []string{StatusRegistered}, To: StatusAccepted, Needs: "只有刚登记的纠纷可以受理"},
		{Code: MoveDecline, Label: "不予受理", From: []string{StatusRegistered}, To: StatusDeclined, Needs: "只有刚登记的纠纷可以不予受理"},
		{Code: MoveRecord, Label: "登记调解记录", From: []string{StatusAccepted, StatusMediating},
			Needs: "调解记录只在受理后（须先受理）、调处有结果前登记", Who: "调解员"},
		{Code: MoveMediate, Label: "开始调处", From: []string{StatusAccepted}, To: StatusMediating, Needs: "须先受理", Who: "调解员"},
		{Code: MoveSucceed, Label: "调处成功", From: []string{StatusMediating}, To: StatusSucceeded, Needs: "须先受理并登记调解记录", Who: "调解员"},
		{Code: MoveFail, Label: "调处不成功", From: []string{StatusMediating}, To: StatusFailed, Needs: "须先受理并登记调解记录", Who: "调解员"},
		{Code: MoveFollowUp, Label: "回访", From: []string{StatusSucceeded, StatusFailed}, To: StatusVisited, Needs: "回访须在调处有结果（成功或不成功）之后"},
		{Code: MoveArchive, Label: "归档", From: []string{StatusVisited}, To: StatusArchived, Needs: "归档须在回访之后"},
	},
}

// Statuses in flow order, with their labels.
var Statuses = Flow.StateCodes()

// Transitions allowed from each status; 不予受理 and 已归档 are final.
var Transitions = Flow.Transitions()

// Allowed tells whether a dispute in status from may move to status to.
func Allowed(from, to string) bool {
	for _, t := range Transitions[from] {
		if t == to {
			return true
		}
	}
	return false
}

// Results of mediation.
const (
	ResultSuccess = "1"
	ResultFailure = "2"
)

// Fixed code tables (the flow depends on them, so they are not editable).
var (
	Scales        = []Code{{Code: "1", Label: "一般"}, {Code: "2", Label: "较大"}, {Code: "3", Label: "重大"}}
	Roles         = []Code{{Code: "1", Label: "申请人"}, {Code: "2", Label: "被申请人"}}
	Results       = []Code{{Code: ResultSuccess, Label: "成功"}, {Code: ResultFailure, Label: "不成功"}}
	Channels      = []Code{{Code: "1", Label: "引导诉讼"}, {Code: "2", Label: "仲裁"}, {Code: "3", Label: "信访"}}
	Agreements    = []Code{{Code: "1", Label: "书面协议"}, {Code: "2", Label: "口头协议"}}
	Satisfactions = []Code{{Code: "1", Label: "满意"}, {Code: "2", Label: "基本满意"}, {Code: "3", Label: "不满意"}}
)

// Satisfied tells whether a 回访 counts towards the 满意率 (满意 or 基本满意).
func Satisfied(code string) bool { return code == "1" || code == "2" }

// Editable code tables an office may extend, rename or retire entries of.
var (
	Categories = []Code{
		{Code: "01", Label: "婚姻家庭"}, {Code: "02", Label: "邻里"}, {Code: "03", Label: "房屋宅基地"}, {Code: "04", Label: "合同"},
		{Code: "05", Label: "生产经营"}, {Code: "06", Label: "损害赔偿"}, {Code: "07", Label: "山林土地"}, {Code: "08", Label: "征地拆迁"},
		{Code: "09", Label: "环境污染"}, {Code: "10", Label: "劳资/欠薪"}, {Code: "11", Label: "医疗"}, {Code: "12", Label: "物业"},
		{Code: "13", Label: "道路交通"}, {Code: "14", Label: "村务管理"}, {Code: "99", Label: "其他"},
	}
	Sources = []Code{
		{Code: "1", Label: "当事人申请"}, {Code: "2", Label: "主动调解"}, {Code: "3", Label: "公安移送"},
		{Code: "4", Label: "法院委托"}, {Code: "5", Label: "信访部门移送"}, {Code: "9", Label: "其他"},
	}
	Methods = []Code{{Code: "1", Label: "人民调解"}, {Code: "2", Label: "行政调解"}, {Code: "3", Label: "司法调解"}, {Code: "4", Label: "联合调解"}}
)

// The code tables in the settings screen.
const (
	TableCategories = "dispute.categories"
	TableSources    = "dispute.sources"
	TableMethods    = "dispute.methods"
)

func registerTables(d *dict.Dict) {
	d.Register(dict.Table{Name: TableCategories, Title: "矛盾纠纷类别", Codes: Categories,
		CodeHint: "两位数字 20–98（01–14、99 为预置类别）"}, `[2-8][0-9]|9[0-8]`)
	d.Register(dict.Table{Name: TableSources, Title: "矛盾纠纷来源", Codes: Sources, CodeHint: "一至两位数字"}, `[0-9]{1,2}`)
	d.Register(dict.Table{Name: TableMethods, Title: "调处方式", Codes: Methods, CodeHint: "一至两位数字"}, `[0-9]{1,2}`)
}

// StatusName is a status's label.
func StatusName(code string) string { return dict.Name(Statuses, code) }

// Codes is every table the dispute forms use.
type Codes struct {
	Categories    []Code              `json:"categories"`
	Sources       []Code              `json:"sources"`
	Methods       []Code              `json:"methods"`
	Scales        []Code              `json:"scales"`
	Roles         []Code              `json:"roles"`
	Results       []Code              `json:"results"`
	Channels      []Code              `json:"channels"`
	Agreements    []Code              `json:"agreements"`
	Satisfactions []Code              `json:"satisfactions"`
	Statuses      []Code              `json:"statuses"`
	Transitions   map[string][]string `json:"transitions"`
}

// Codes returns the code tables, the editable ones as the office has them.
func (s *Service) Codes() Codes {
	return Codes{
		Categories: s.Dict.Options(TableCategories), Sources: s.Dict.Options(TableSources), Methods: s.Dict.Options(TableMethods),
		Scales: Scales, Roles: Roles, Results: Results, Channels: Channels, Agreements: Agreements,
		Satisfactions: Satisfactions, Statuses: Statuses, Transitions: Transitions,
	}
}
