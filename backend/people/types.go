// Package people keeps persons (实有人口), their enrollments in special
// population categories (特殊人群), the visits (走访/帮扶) made to them,
// and who looked at their unmasked personal data. Enrollments are never
// deleted: they end with a status and a reason, and history stays.
package people

import "zongzhi/backend/attach"

// Record kinds in the store.
const (
	KindPerson     = "person"
	KindEnrollment = "enrollment"
	KindVisit      = "visit"
	KindReveal     = "reveal" // 查看完整证件号/电话的记录
)

// Person is one 实有人口 entry. One person per ID number.
type Person struct {
	ID         string `json:"id"`
	IDType     string `json:"idType"` // IDTypes: 111 居民身份证
	IDNumber   string `json:"idNumber"`
	Name       string `json:"name"`
	Sex        string `json:"sex"` // 1 男, 2 女
	SexName    string `json:"sexName"`
	Birth      string `json:"birth"`
	Ethnicity  string `json:"ethnicity,omitempty"`
	EthnicName string `json:"ethnicName,omitempty"`
	Phone      string `json:"phone,omitempty"`
	Domicile   string `json:"domicile,omitempty"` // 户籍地
	Address    string `json:"address,omitempty"`  // 现住地
	Grid       string `json:"grid"`
	GridName   string `json:"gridName"`
	Status     string `json:"status"` // PersonStatuses
	StatusName string `json:"statusName"`
	Note       string `json:"note,omitempty"`
	MergedInto string `json:"mergedInto,omitempty"` // a duplicate registration folded into this person
}

// Enrollment puts a person in one category, with its own items, the
// people responsible (包保责任人) and a lifecycle. Grid and PersonName are
// copied from the person for lists and the overdue board.
type Enrollment struct {
	ID            string            `json:"id"`
	Person        string            `json:"person"`
	PersonName    string            `json:"personName"`
	Grid          string            `json:"grid"`
	Category      string            `json:"category"`
	CategoryName  string            `json:"categoryName"`
	Attention     string            `json:"attention"` // 关注程度
	AttentionName string            `json:"attentionName"`
	Control       string            `json:"control"` // 管控等级
	ControlName   string            `json:"controlName"`
	Level         string            `json:"level"` // what the visit cadence depends on (risk level, 帮教 type, or attention)
	LevelName     string            `json:"levelName"`
	Responsible   []string          `json:"responsible"` // staff ids
	Source        string            `json:"source"`
	SourceName    string            `json:"sourceName"`
	Enrolled      string            `json:"enrolled"` // 列管日期
	Status        string            `json:"status"`
	StatusName    string            `json:"statusName"`
	Ended         string            `json:"ended,omitempty"`
	EndReason     string            `json:"endReason,omitempty"`
	Details       map[string]string `json:"details,omitempty"`     // key → code(s) or text
	DetailNames   map[string]string `json:"detailNames,omitempty"` // key → dict.Name(s) of the codes, as of saving
	History       []StatusChange    `json:"history,omitempty"`
}

// StatusChange is one step of an enrollment's lifecycle.
type StatusChange struct {
	Date   string `json:"date"`
	From   string `json:"from"`
	To     string `json:"to"`
	Reason string `json:"reason,omitempty"`
	By     string `json:"by"`
}

// Snapshot is what an enrollment looked like at a visit: the assessment
// of the day stays with the visit.
type Snapshot struct {
	Attention     string `json:"attention"`
	AttentionName string `json:"attentionName"`
	Control       string `json:"control"`
	ControlName   string `json:"controlName"`
	Level         string `json:"level"`
	LevelName     string `json:"levelName"`
	Status        string `json:"status"`
	StatusName    string `json:"statusName"`
}

// Visit is one 走访/帮扶: planned, then done.
type Visit struct {
	ID           string   `json:"id"`
	Enrollment   string   `json:"enrollment"`
	Person       string   `json:"person"`
	Grid         string   `json:"grid"`
	Planned      string   `json:"planned,omitempty"`
	Date         string   `json:"date"` // actual date; "" while only planned
	Method       string   `json:"method"`
	MethodName   string   `json:"methodName"`
	Visitors     []string `json:"visitors"` // staff ids
	VisitorNames []string `json:"visitorNames"`
	Behaviour    string   `json:"behaviour"` // 现实表现
	Measures     string   `json:"measures,omitempty"`
	Snapshot     Snapshot `json:"snapshot"`
	// FollowUp names a dispute or rectification item this visit raised
	// ("kind/id"); the ledger module fills it.
	FollowUp string `json:"followUp,omitempty"`
}

// VisitView is a visit with its photos, for the person page.
type VisitView struct {
	Visit
	Photos []attach.Attachment `json:"photos"`
}

// Reveal records that someone saw a person's full ID number and phone,
// and why.
type Reveal struct {
	ID     string `json:"id"`
	Person string `json:"person"`
	By     string `json:"by"`
	At     string `json:"at"` // RFC 3339
	Reason string `json:"reason"`
	Fields string `json:"fields"` // e.g. "证件号码、联系电话"
}
