package meeting

import (
	"zongzhi/backend/caseflow"
	"zongzhi/backend/dict"
)

// Code is one entry of a code table.
type Code = dict.Code

// Statuses of the minutes.
const (
	StatusDraft    = "draft"    // 草稿: the secretary is writing
	StatusSigned   = "signed"   // 已签发: locked; decisions are tracked
	StatusArchived = "archived" // 已归档
)

// Moves of the flow.
const (
	MoveCreate  = "create"
	MoveSign    = "sign"
	MoveRevise  = "revise" // open signed minutes for a correction (a new version)
	MoveArchive = "archive"
)

// Flow is the minutes' flow declared on the case-flow kernel:
// 草稿 → 已签发 → 已归档, and 已签发 → 草稿 as a new version.
var Flow = &caseflow.Flow{
	What: "会议",
	States: []caseflow.State{
		{Code: StatusDraft, Label: "草稿"}, {Code: StatusSigned, Label: "已签发"}, {Code: StatusArchived, Label: "已归档", Final: true},
	},
	Moves: []caseflow.Move{
		{Code: MoveCreate, Label: "登记", To: StatusDraft},
		{Code: MoveSign, Label: "签发", From: []string{StatusDraft}, To: StatusSigned, Needs: "只有草稿可以签发", Who: "主持人或其授权的人"},
		{Code: MoveRevise, Label: "更正（新版本）", From: []string{StatusSigned}, To: StatusDraft, Needs: "只有已签发、未归档的纪要可以更正"},
		{Code: MoveArchive, Label: "归档", From: []string{StatusSigned}, To: StatusArchived, Needs: "须先签发"},
	},
}

// Attendance roles.
const (
	RolePresent = "present" // 出席
	RoleGuest   = "guest"   // 列席
	RoleLeave   = "leave"   // 请假
	RoleAbsent  = "absent"  // 缺席
)

// Roles in print order.
var Roles = []Code{{Code: RolePresent, Label: "出席"}, {Code: RoleGuest, Label: "列席"}, {Code: RoleLeave, Label: "请假"}, {Code: RoleAbsent, Label: "缺席"}}

// Quorum rules of a body.
const (
	RuleNone      = "none"       // no quorum; an item passes with more for than against
	RuleMajority  = "majority"   // more than half present; passes with a majority of those present
	RuleTwoThirds = "two-thirds" // 村民代表会议: two thirds present; passes with a majority of those present
)

// Rules names the rules.
var Rules = []Code{
	{Code: RuleNone, Label: "不计法定人数（同意多于反对即通过）"},
	{Code: RuleMajority, Label: "过半数出席，出席人员过半数同意通过"},
	{Code: RuleTwoThirds, Label: "三分之二以上出席，出席人员过半数同意通过（村民代表会议）"},
}

// Results of a voted item.
const (
	ResultPassed   = "passed"
	ResultRejected = "rejected"
	ResultNoQuorum = "no_quorum" // too few present to decide
	ResultNoVote   = "no_vote"   // 不表决
)

// Results names them.
var Results = []Code{{Code: ResultPassed, Label: "通过"}, {Code: ResultRejected, Label: "未通过"},
	{Code: ResultNoQuorum, Label: "出席人数不足，不能表决"}, {Code: ResultNoVote, Label: "不表决"}}

// Frequencies a body should meet at.
var Frequencies = []Code{{Code: "weekly", Label: "每周"}, {Code: "monthly", Label: "每月"}, {Code: "quarterly", Label: "每季度"}}

// TableTypes is the editable table of meeting types.
const TableTypes = "meeting.types"

// Types are the meeting types a township holds.
var Types = []Code{
	{Code: "01", Label: "联席会议"}, {Code: "02", Label: "形势分析研判会"}, {Code: "03", Label: "党建联盟理事会"},
	{Code: "04", Label: "共建议事会"}, {Code: "05", Label: "座谈会"}, {Code: "06", Label: "村民代表会议"}, {Code: "99", Label: "其他会议"},
}

// RegisterTables adds the meeting tables to d.
func RegisterTables(d *dict.Dict) {
	d.Register(dict.Table{Name: TableTypes, Title: "会议类型", Codes: Types, CodeHint: "两位数字，如 07"}, `[0-9]{2}`)
}

// Codes is every table the meeting forms use.
type Codes struct {
	Types       []Code `json:"types"`
	Roles       []Code `json:"roles"`
	Rules       []Code `json:"rules"`
	Results     []Code `json:"results"`
	Frequencies []Code `json:"frequencies"`
	Statuses    []Code `json:"statuses"`
	PhotoRoles  []Code `json:"photoRoles"`
}
