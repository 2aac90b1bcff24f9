package ledger

import (
	"zongzhi/backend/caseflow"
	"zongzhi/backend/dict"
	"zongzhi/backend/grid"
)

// Code is one entry of a code table.
type Code = grid.Code

// Statuses of the closed loop. 逾期 is not among them: it is derived.
const (
	StatusNew       = "1" // 待受理
	StatusAssigned  = "2" // 已指派
	StatusHandling  = "3" // 处置中
	StatusVerifying = "4" // 待核查
	StatusClosed    = "5" // 已销号
	StatusCancelled = "8" // 已撤销
	StatusRejected  = "9" // 已驳回
)

var (
	Statuses = Flow.StateCodes()
	Levels   = []Code{{Code: "1", Label: "一般"}, {Code: "2", Label: "重大"}}
	// Sources (问题来源) as the offices name them.
	Sources = []Code{
		{Code: "1", Label: "网格巡查"}, {Code: "2", Label: "走访发现"}, {Code: "3", Label: "群众反映"}, {Code: "4", Label: "12345热线"},
		{Code: "5", Label: "会议议定"}, {Code: "6", Label: "上级交办"}, {Code: "7", Label: "联合检查"},
	}
	// Categories: the "四发现四必报" four, then the common extras.
	Categories = []Code{
		{Code: "01", Label: "安全生产隐患"}, {Code: "02", Label: "治安隐患"}, {Code: "03", Label: "矛盾纠纷"}, {Code: "04", Label: "生态环境问题"},
		{Code: "05", Label: "消防隐患"}, {Code: "06", Label: "交通秩序"}, {Code: "07", Label: "占道经营"}, {Code: "99", Label: "其他"},
	}
	// Units (责任单位): the township's offices and the stations in it.
	Units = []Code{
		{Code: "01", Label: "综治中心"}, {Code: "02", Label: "派出所"}, {Code: "03", Label: "司法所"}, {Code: "04", Label: "市场监督管理所"},
		{Code: "05", Label: "安监站"}, {Code: "06", Label: "自然资源所"}, {Code: "07", Label: "生态环境站"}, {Code: "08", Label: "交警中队"},
		{Code: "09", Label: "消防救援站"}, {Code: "10", Label: "综合执法队"}, {Code: "11", Label: "村（社区）委会"}, {Code: "12", Label: "卫生院"},
		{Code: "13", Label: "供电所"}, {Code: "14", Label: "村镇建设服务中心"},
	}
)

// Editable tables.
const (
	TableCategories = "ledger.categories"
	TableSources    = "ledger.sources"
	TableUnits      = "ledger.units"
)

// RegisterTables adds the ledger's editable tables to d.
func RegisterTables(d *dict.Dict) {
	d.Register(dict.Table{Name: TableCategories, Title: "整改问题类别", Codes: Categories, CodeHint: "两位数字，如 08"}, `[0-9]{2}`)
	d.Register(dict.Table{Name: TableSources, Title: "整改问题来源", Codes: Sources, CodeHint: "一至两位数字"}, `[0-9]{1,2}`)
	d.Register(dict.Table{Name: TableUnits, Title: "责任单位", Codes: Units, CodeHint: "两位数字，如 15"}, `[0-9]{2}`)
}

// Open tells whether an item is still in the loop (not 销号, 撤销, 驳回).
func Open(status string) bool {
	return status == StatusNew || status == StatusAssigned || status == StatusHandling || status == StatusVerifying
}

// Actions of the loop, each a step in the log.
const (
	ActRegister      = "register"
	ActAssign        = "assign"
	ActAccept        = "accept"
	ActSubmit        = "submit"
	ActPass          = "pass"
	ActFail          = "fail"
	ActCancel        = "cancel"
	ActReject        = "reject"
	ActFeedback      = "feedback"
	ActExtendRequest = "extend"
	ActExtendApprove = "extend_ok"
	ActExtendRefuse  = "extend_no"
	ActEdit          = "edit"
	ActImport        = "import"
)

// Action is one move of the loop: where it may start and where it leads
// ("" = the status stays).
type Action = caseflow.Move

var open = []string{StatusNew, StatusAssigned, StatusHandling, StatusVerifying}

// Flow is the closed loop declared on the case-flow kernel: the UI offers
// the moves whose From holds the item's status, the service refuses the
// rest, and no one who assigned, took up or handed in an item verifies it.
var Flow = &caseflow.Flow{
	What: "整改事项",
	States: []caseflow.State{
		{Code: StatusNew, Label: "待受理"}, {Code: StatusAssigned, Label: "已指派"}, {Code: StatusHandling, Label: "处置中"},
		{Code: StatusVerifying, Label: "待核查"}, {Code: StatusClosed, Label: "已销号", Final: true},
		{Code: StatusCancelled, Label: "已撤销", Final: true}, {Code: StatusRejected, Label: "已驳回", Final: true},
	},
	Moves: []caseflow.Move{
		{Code: ActRegister, Label: "登记", To: StatusNew},
		{Code: ActAssign, Label: "指派", From: []string{StatusNew, StatusAssigned}, To: StatusAssigned, Who: "综治中心（指派人）"},
		{Code: ActAccept, Label: "接收处置", From: []string{StatusAssigned}, To: StatusHandling, Needs: "须先指派", Who: "整改责任人"},
		{Code: ActSubmit, Label: "反馈整改结果", From: []string{StatusHandling}, To: StatusVerifying, Needs: "须先接收处置", Who: "整改责任人"},
		{Code: ActPass, Label: "核查通过并销号", From: []string{StatusVerifying}, To: StatusClosed, Needs: "须先反馈整改结果", Who: "复查人（不能是指派人或处置人）"},
		{Code: ActFail, Label: "核查不通过", From: []string{StatusVerifying}, To: StatusHandling, Needs: "须先反馈整改结果", Who: "复查人（不能是指派人或处置人）"},
		{Code: ActCancel, Label: "撤销", From: open, To: StatusCancelled, Who: "综治中心"},
		{Code: ActReject, Label: "驳回", From: []string{StatusNew}, To: StatusRejected, Needs: "只有待受理的事项可以驳回", Who: "综治中心"},
		{Code: ActFeedback, Label: "情况反馈", From: []string{StatusAssigned, StatusHandling, StatusVerifying}, Needs: "须先指派"},
		{Code: ActExtendRequest, Label: "申请延期", From: []string{StatusAssigned, StatusHandling}, Needs: "只有已指派或处置中的事项可以申请延期", Who: "整改责任人"},
		{Code: ActExtendApprove, Label: "同意延期", From: []string{StatusAssigned, StatusHandling}, Needs: "只有已指派或处置中的事项可以审批延期", Who: "审批人（不能是申请人）"},
		{Code: ActExtendRefuse, Label: "不同意延期", From: []string{StatusAssigned, StatusHandling}, Needs: "只有已指派或处置中的事项可以审批延期", Who: "审批人（不能是申请人）"},
		{Code: ActEdit, Label: "修改", From: open},
		{Code: ActImport, Label: "导入"},
	},
	Separation: []caseflow.Separation{
		{Moves: []string{ActPass, ActFail}, Excluded: []string{ActAssign, ActAccept, ActSubmit}, Role: "核查人"},
	},
}

// Actions lists every move, for the UI.
var Actions = Flow.Moves

func action(code string) Action { return Flow.MustMove(code) }

func allowed(a Action, status string) bool { return Flow.Allowed(a.Code, status) }

// Codes is every table the ledger forms use.
type Codes struct {
	Statuses   []Code   `json:"statuses"`
	Levels     []Code   `json:"levels"`
	Sources    []Code   `json:"sources"`
	Categories []Code   `json:"categories"`
	Units      []Code   `json:"units"`
	Actions    []Action `json:"actions"`
}

// Codes returns the code tables, the editable ones as the office has them.
func (s *Service) Codes() Codes {
	return Codes{Statuses, Levels, s.Dict.Options(TableSources), s.Dict.Options(TableCategories), s.Dict.Options(TableUnits), Actions}
}
