// Package dispute keeps the 矛盾纠纷排查化解 ledger: disputes found or
// brought in, their mediation (调处) with an append-only record of each
// session, the result, the follow-up visit (回访) and archiving, and the
// monthly statistics table with its rates.
package dispute

import "zongzhi/backend/caseflow"

// Record kinds in the store.
const (
	Kind    = "dispute"
	KindSeq = "dispute-seq" // the last number a site issued in a year
)

// Dispute is one 矛盾纠纷. Codes are stored with their labels so a ledger
// printed next year shows the words of the day. Records and Log are kept
// one store field per entry (see stored.go) so entries two sites add at
// the same time are both kept.
type Dispute struct {
	ID           string  `json:"id"`
	Number       string  `json:"number"` // JF-2026-ABCD-0001: year, issuing site, sequence
	Name         string  `json:"name"`   // 纠纷名称
	Date         string  `json:"date"`   // 发生/登记日期
	Place        string  `json:"place"`
	Grid         string  `json:"grid"`
	GridName     string  `json:"gridName"`
	Scale        string  `json:"scale"` // Scales: 一般/较大/重大
	ScaleName    string  `json:"scaleName"`
	Category     string  `json:"category"` // TableCategories
	CategoryName string  `json:"categoryName"`
	Source       string  `json:"source"` // TableSources
	SourceName   string  `json:"sourceName"`
	Parties      []Party `json:"parties"`
	Involved     int     `json:"involved"` // 涉及人数
	Description  string  `json:"description"`
	Deadline     string  `json:"deadline"` // 调处期限
	Method       string  `json:"method"`   // TableMethods: 调处方式
	MethodName   string  `json:"methodName"`
	Organisation string  `json:"organisation"` // 调解组织
	Mediator     string  `json:"mediator"`     // staff id; "" when not on the staff list
	MediatorName string  `json:"mediatorName"`

	Status     string `json:"status"` // Statuses
	StatusName string `json:"statusName"`
	Accepted   string `json:"accepted"`   // 受理日期 (or the day it was declined)
	Declined   string `json:"declined"`   // 不予受理理由
	Result     string `json:"result"`     // Results: 成功/不成功
	ResultName string `json:"resultName"` // as of the result
	ResultDate string `json:"resultDate"`
	// For 不成功: where the parties were sent (引导诉讼/仲裁/信访).
	Channel     string `json:"channel"`
	ChannelName string `json:"channelName"`
	// For 成功: 书面/口头 agreement, and the amount agreed (元, 0 = none).
	Agreement     string  `json:"agreement"`
	AgreementName string  `json:"agreementName"`
	Amount        float64 `json:"amount"`
	Visit         Visit   `json:"visit"`    // 回访
	Archived      string  `json:"archived"` // 归档日期

	Records []Entry        `json:"records"` // 调解记录, by date
	Log     []StatusChange `json:"log"`     // every status change, in order
}

// Party is a 当事人. The ID number and phone are stored in full and shown
// masked everywhere but the edit form's round trip (see Save).
type Party struct {
	Name     string `json:"name"`
	IDNumber string `json:"idNumber"`
	Phone    string `json:"phone"`
	Role     string `json:"role"` // Roles: 申请人/被申请人
	RoleName string `json:"roleName"`
}

// Entry is one 调解记录: a dated mediation session. Entries are only
// ever added.
type Entry struct {
	ID           string `json:"id"`
	Date         string `json:"date"`
	Mediator     string `json:"mediator"` // staff id, or ""
	MediatorName string `json:"mediatorName"`
	Content      string `json:"content"`
	By           string `json:"by"` // who typed it in
	At           string `json:"at"` // RFC 3339
}

// StatusChange is one step of the flow (an entry of the kernel's log).
type StatusChange = caseflow.Entry

// Visit is the 回访 after the result.
type Visit struct {
	Date             string `json:"date"`
	By               string `json:"by"` // staff id, or ""
	ByName           string `json:"byName"`
	Satisfaction     string `json:"satisfaction"` // Satisfactions
	SatisfactionName string `json:"satisfactionName"`
	Note             string `json:"note"`
}

// seq is the last number a site issued in a year, as disputes numbered
// before the case-flow kernel kept it (the kernel reads the numbers
// themselves). Old stores hold such records; nothing writes them now.
type seq struct {
	Site string `json:"site"`
	Year string `json:"year"`
	Last int    `json:"last"`
}
