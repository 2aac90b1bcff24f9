package volunteer

import (
	"zongzhi/backend/caseflow"
	"zongzhi/backend/dict"
)

// Code is one entry of a code table.
type Code = dict.Code

// Editable tables.
const (
	TableTeamTypes     = "volunteer.teamTypes"
	TableActivityTypes = "volunteer.activityTypes"
	TableSources       = "volunteer.sources"
)

// TeamTypes are the kinds of team a township runs.
var TeamTypes = []Code{
	{Code: "01", Label: "平安巡逻"}, {Code: "02", Label: "治安宣传"}, {Code: "03", Label: "矛盾调解"}, {Code: "04", Label: "关爱帮扶"},
	{Code: "05", Label: "应急救援"}, {Code: "06", Label: "党员志愿服务"}, {Code: "07", Label: "巾帼志愿服务"}, {Code: "08", Label: "心理咨询"},
	{Code: "09", Label: "法律咨询"}, {Code: "99", Label: "其他"},
}

// ActivityTypes are the kinds of activity hours are recorded for.
var ActivityTypes = []Code{
	{Code: "01", Label: "治安巡逻"}, {Code: "02", Label: "法治宣传"}, {Code: "03", Label: "矛盾调解"}, {Code: "04", Label: "关爱走访"},
	{Code: "05", Label: "环境整治"}, {Code: "06", Label: "应急处置"}, {Code: "07", Label: "文明实践"}, {Code: "99", Label: "其他"},
}

// Sources say where a volunteer comes from.
var Sources = []Code{
	{Code: "01", Label: "无职党员"}, {Code: "02", Label: "贤达人士"}, {Code: "03", Label: "“五老”人员"}, {Code: "04", Label: "返乡大学生"},
	{Code: "05", Label: "退伍军人"}, {Code: "06", Label: "网格员"}, {Code: "07", Label: "机关干部"}, {Code: "99", Label: "其他群众"},
}

// RegisterTables adds the volunteer tables to d.
func RegisterTables(d *dict.Dict) {
	d.Register(dict.Table{Name: TableTeamTypes, Title: "志愿服务队类型", Codes: TeamTypes, CodeHint: "两位数字，如 10"}, `[0-9]{2}`)
	d.Register(dict.Table{Name: TableActivityTypes, Title: "志愿服务活动类型", Codes: ActivityTypes, CodeHint: "两位数字，如 08"}, `[0-9]{2}`)
	d.Register(dict.Table{Name: TableSources, Title: "志愿者来源", Codes: Sources, CodeHint: "两位数字，如 08"}, `[0-9]{2}`)
}

// Levels a team belongs to.
var Levels = []Code{{Code: "alliance", Label: "联盟"}, {Code: "township", Label: "乡镇（街道）"}, {Code: "village", Label: "村（社区）"}, {Code: "grid", Label: "网格"}}

// Politics are the 政治面貌 codes (GB/T 4762, the ones a township meets).
var Politics = []Code{{Code: "01", Label: "中共党员"}, {Code: "02", Label: "中共预备党员"}, {Code: "03", Label: "共青团员"},
	{Code: "04", Label: "民主党派"}, {Code: "13", Label: "群众"}}

// Stars are the levels cumulative hours reach (星级志愿者), in hours.
var Stars = []struct {
	Level int
	Label string
	Hours float64
}{{1, "一星", 100}, {2, "二星", 300}, {3, "三星", 600}, {4, "四星", 1000}, {5, "五星", 1500}}

// Statuses of an activity.
const (
	StatusPlanned   = "planned"   // 计划
	StatusHeld      = "held"      // 已开展: hours being entered
	StatusApproved  = "approved"  // 时长已审核
	StatusArchived  = "archived"  // 已归档
	StatusCancelled = "cancelled" // 取消
)

// Moves of an activity.
const (
	MovePlan    = "plan"
	MoveHold    = "hold"
	MoveApprove = "approve"
	MoveArchive = "archive"
	MoveCancel  = "cancel"
	MoveCorrect = "correct" // a correction of hours after approval: the state stays
)

// Flow is the activity's flow declared on the case-flow kernel: 计划 →
// 已开展 → 时长已审核 → 已归档, or 取消; who recorded the hours does not
// approve them.
var Flow = &caseflow.Flow{
	What: "志愿服务活动",
	States: []caseflow.State{
		{Code: StatusPlanned, Label: "计划"}, {Code: StatusHeld, Label: "已开展"}, {Code: StatusApproved, Label: "时长已审核"},
		{Code: StatusArchived, Label: "已归档", Final: true}, {Code: StatusCancelled, Label: "已取消", Final: true},
	},
	Moves: []caseflow.Move{
		{Code: MovePlan, Label: "登记计划", To: StatusPlanned},
		{Code: MoveHold, Label: "登记开展情况", From: []string{StatusPlanned}, To: StatusHeld, Needs: "只有计划中的活动可以登记开展情况", Who: "记录人"},
		{Code: MoveApprove, Label: "审核时长", From: []string{StatusHeld}, To: StatusApproved, Needs: "须先登记开展情况和服务时长", Who: "组织者（不能是记录人）"},
		{Code: MoveCorrect, Label: "更正时长", From: []string{StatusApproved}, Needs: "审核前直接修改时长；审核后才需更正", Who: "组织者"},
		{Code: MoveArchive, Label: "归档", From: []string{StatusApproved}, To: StatusArchived, Needs: "须先审核时长"},
		{Code: MoveCancel, Label: "取消", From: []string{StatusPlanned}, To: StatusCancelled, Needs: "只有尚未开展的活动可以取消"},
	},
	Separation: []caseflow.Separation{{Moves: []string{MoveApprove}, Excluded: []string{MoveHold}, Role: "审核人"}},
}
