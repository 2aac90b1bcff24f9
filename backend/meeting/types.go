// Package meeting keeps the township's meetings and their minutes (会议纪要):
// the bodies that meet (联席会议, 党建联盟理事会, 村民代表会议 …) with their
// members and quorum rule, each meeting's attendance, agenda items with
// votes whose result is computed, the decisions (议定事项) that become
// tracked rectification items when the minutes are signed, the minutes
// text, and versions: signed minutes are locked, a correction is a new
// version that keeps the old one readable.
package meeting

import (
	"zongzhi/backend/caseflow"
	"zongzhi/backend/record"
)

// Record kinds in the store.
const (
	Kind        = "meeting"
	KindBody    = "meeting-body"
	KindVersion = "meeting-version" // a signed version kept when the minutes are corrected
)

// Body is a body that meets: a 联席会议, the 党建联盟理事会 with its member
// units, a village's 村民代表会议. Its members fill a meeting's 应到.
type Body struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Type      string   `json:"type"` // the meeting type it holds (TableTypes)
	TypeName  string   `json:"typeName"`
	Rule      string   `json:"rule"` // Rules: how quorum and passing are reckoned
	RuleName  string   `json:"ruleName"`
	Frequency string   `json:"frequency"` // Frequencies: how often it should meet ("" = as needed)
	Members   []Member `json:"members"`
	Active    bool     `json:"active"`
	Note      string   `json:"note"`
}

// Member is a person or a member unit of a body.
type Member struct {
	Key    string `json:"key"`   // stable within the body: a staff id or a generated one
	Name   string `json:"name"`  // 张三, or the unit's name
	Unit   string `json:"unit"`  // the person's unit / post, printed after the name
	Staff  string `json:"staff"` // staff id when the person is on the staff list
	IsUnit bool   `json:"isUnit"`
}

// Meeting is one meeting with its minutes.
type Meeting struct {
	ID       string `json:"id"`
	Number   string `json:"number"` // HY-2026-K7QM-0001: the record's own number
	Body     string `json:"body"`
	BodyName string `json:"bodyName"`
	Type     string `json:"type"` // TableTypes
	TypeName string `json:"typeName"`
	Rule     string `json:"rule"` // the body's rule when the meeting was held
	Title    string `json:"title"`
	// Year and Seq are the "第N期" of the type and year, issued when the
	// minutes are first signed; 0 = not yet.
	Year         int    `json:"year"`
	Seq          int    `json:"seq"`
	Date         string `json:"date"`
	Start        string `json:"start"` // HH:MM
	End          string `json:"end"`
	Place        string `json:"place"`
	Host         string `json:"host"` // staff id, or "" with a typed name
	HostName     string `json:"hostName"`
	HostPost     string `json:"hostPost"` // printed after the name: 镇党委书记
	Recorder     string `json:"recorder"`
	RecorderName string `json:"recorderName"`
	Issuer       string `json:"issuer"`  // 印发机关, e.g. 勐简乡综治中心
	CopyTo       string `json:"copyTo"`  // 抄送
	Minutes      string `json:"minutes"` // the prose the secretary writes (sections by blank lines)

	Status     string `json:"status"`
	StatusName string `json:"statusName"`
	Version    int    `json:"version"`    // 1, then +1 at each correction
	Signed     string `json:"signed"`     // 签发日期 of this version
	Archived   string `json:"archived"`   // 归档日期
	Correction string `json:"correction"` // why this version was opened, and (once signed) what changed

	Attendance []Attendee       `json:"attendance"`
	Items      []Item           `json:"items"`
	Decisions  []Decision       `json:"decisions"`
	Reports    []Report         `json:"reports"` // 上次议定事项落实情况
	Log        []caseflow.Entry `json:"log"`
}

// Attendee is one line of the attendance: a member of the body (出席,
// 请假 with a reason, 缺席) or a guest (列席).
type Attendee struct {
	Key      string `json:"key"` // the member's key; a guest's is generated
	Name     string `json:"name"`
	Unit     string `json:"unit"`
	IsUnit   bool   `json:"isUnit"`
	Member   bool   `json:"member"` // counted in 应到
	Role     string `json:"role"`   // Roles
	RoleName string `json:"roleName"`
	Reason   string `json:"reason"` // 请假 reason
}

// Item is one agenda item (议题). Its result is computed from the votes
// and the rule, never typed.
type Item struct {
	ID         string `json:"id"`
	Order      int    `json:"order"`
	Topic      string `json:"topic"`
	Reporter   string `json:"reporter"`
	Discussion string `json:"discussion"`
	Voted      bool   `json:"voted"` // false = 不表决
	For        int    `json:"for"`
	Against    int    `json:"against"`
	Abstain    int    `json:"abstain"`
	Result     string `json:"result"` // Results: computed when saved
	ResultName string `json:"resultName"`
}

// Decision is one 议定事项: what was decided, by whom it is carried out,
// by when. Signing the minutes registers it as a rectification item
// (source 会议议定) linked back here; Ledger names that item.
type Decision struct {
	ID              string `json:"id"`
	Order           int    `json:"order"`
	Text            string `json:"text"`
	Category        string `json:"category"` // the ledger's category (99 其他 when no 隐患)
	Unit            string `json:"unit"`     // the ledger's units table
	UnitName        string `json:"unitName"`
	Responsible     string `json:"responsible"` // staff id
	ResponsibleName string `json:"responsibleName"`
	Deadline        string `json:"deadline"`
	Ledger          string `json:"ledger"` // the rectification item's id, once signed
	LedgerNumber    string `json:"ledgerNumber"`
}

// Report is the secretary's 落实情况 of one decision of the previous
// meeting of the same body, read at this one.
type Report struct {
	ID       string `json:"id"` // the decision's id
	Meeting  string `json:"meeting"`
	Text     string `json:"text"`     // the decision as decided
	Ledger   string `json:"ledger"`   // its item
	Progress string `json:"progress"` // what the secretary reports
}

// Version is a signed version of a meeting's minutes, kept when the
// minutes are opened for a correction.
type Version struct {
	ID       string  `json:"id"` // <meeting id>/<version>
	Meeting  string  `json:"meeting"`
	Version  int     `json:"version"`
	Signed   string  `json:"signed"`
	Reason   string  `json:"reason"` // why it was corrected
	Snapshot Meeting `json:"snapshot"`
}

// In the store every attendee, agenda item, decision, report and log
// entry is a top-level field of its own (see caseflow.List): two sites
// marking different people, or adding different items, both keep theirs;
// two sites changing the same one meet as a field conflict.
type plain Meeting

func (p *plain) lists() []caseflow.List {
	return []caseflow.List{
		caseflow.Entries("att:", "attendance", &p.Attendance, func(a Attendee) string { return a.Key }, func(a, b Attendee) bool {
			if a.Member != b.Member {
				return a.Member
			}
			return a.Key < b.Key
		}),
		caseflow.Entries("item:", "items", &p.Items, func(i Item) string { return i.ID }, func(a, b Item) bool {
			if a.Order != b.Order {
				return a.Order < b.Order
			}
			return a.ID < b.ID
		}),
		caseflow.Entries("dec:", "decisions", &p.Decisions, func(d Decision) string { return d.ID }, func(a, b Decision) bool {
			if a.Order != b.Order {
				return a.Order < b.Order
			}
			return a.ID < b.ID
		}),
		caseflow.Entries("rep:", "reports", &p.Reports, func(r Report) string { return r.ID }, func(a, b Report) bool { return a.ID < b.ID }),
		caseflow.Log(caseflow.LogPrefix, "log", &p.Log),
	}
}

// stored is a Meeting as the store keeps it.
type stored Meeting

// MarshalJSON writes the meeting's fields, then one field per entry.
func (m stored) MarshalJSON() ([]byte, error) {
	p := plain(m)
	return caseflow.Marshal(p, p.lists()...)
}

// UnmarshalJSON gathers the entry fields back into their lists.
func (m *stored) UnmarshalJSON(raw []byte) error {
	var p plain
	if err := caseflow.Unmarshal(raw, &p, p.lists()...); err != nil {
		return err
	}
	*m = stored(p)
	return nil
}

func (m *Meeting) head() caseflow.Head {
	return caseflow.Head{Number: m.Number, Status: &m.Status, StatusName: &m.StatusName, Log: &m.Log}
}

// cases keeps meetings on the case-flow kernel in their stored shape.
var cases = caseflow.Cases[Meeting]{
	Flow: Flow, Kind: Kind, Head: (*Meeting).head,
	Stored: func(m *Meeting) any { return stored(*m) },
	Load: func(r *record.Record, m *Meeting) error {
		var s stored
		err := r.Decode(&s)
		*m = Meeting(s)
		return err
	},
}
