// Package ledger keeps the 整改台账: hazards and problems found in the
// township (隐患/问题), each driven through the closed loop 受理—指派—处置—
// 反馈—核查 to 销号, with the 六定 (项目, 措施, 资金, 责任人, 时间, 复查人)
// and an append-only log of every step.
package ledger

import (
	"encoding/json"

	"zongzhi/backend/attach"
	"zongzhi/backend/caseflow"
)

// KindItem is the record kind of a rectification item.
const KindItem = "rect-item"

// Item is one 整改/隐患 item. Overdue (逾期) is derived from Deadline and
// today, never stored.
type Item struct {
	ID           string `json:"id"`
	Number       string `json:"number"` // <site code>-<year>-<seq>, e.g. K7QM-2026-0042
	Source       string `json:"source"`
	SourceName   string `json:"sourceName"`
	Category     string `json:"category"`
	CategoryName string `json:"categoryName"`
	Level        string `json:"level"` // 1 一般, 2 重大
	LevelName    string `json:"levelName"`
	Place        string `json:"place"` // 地点/对象
	Grid         string `json:"grid"`
	GridName     string `json:"gridName"`
	Found        string `json:"found"`    // 发现/登记日期
	Reporter     string `json:"reporter"` // 发现人/反映人
	Description  string `json:"description"`

	// The 六定, fixed when the item is assigned.
	Project         string   `json:"project"`  // 定项目
	Measures        string   `json:"measures"` // 定措施
	Funds           string   `json:"funds"`    // 定资金
	Responsible     string   `json:"responsible"`
	ResponsibleName string   `json:"responsibleName"` // 定责任人: the handler
	Deadline        string   `json:"deadline"`        // 定时间
	DeadlineRule    string   `json:"deadlineRule"`    // how it was set, e.g. "5个工作日"
	Reviewer        string   `json:"reviewer"`
	ReviewerName    string   `json:"reviewerName"` // 定复查人
	Unit            string   `json:"unit"`
	UnitName        string   `json:"unitName"` // 责任单位
	CoUnits         []string `json:"coUnits"`
	CoUnitNames     []string `json:"coUnitNames"` // 配合单位
	Dispatcher      string   `json:"dispatcher"`
	DispatcherName  string   `json:"dispatcherName"` // who assigned

	// Handling and verification.
	Done         string `json:"done"`     // 整改措施落实情况
	Finished     string `json:"finished"` // 整改完成日期
	Verifier     string `json:"verifier"`
	VerifierName string `json:"verifierName"`
	Opinion      string `json:"opinion"`  // 核查意见
	Verified     string `json:"verified"` // 核查日期
	Closed       string `json:"closed"`   // 销号日期

	Status     string `json:"status"`
	StatusName string `json:"statusName"`
	EndReason  string `json:"endReason"` // 撤销/驳回的理由

	// Extension is a pending request for a later deadline.
	Extension *Extension `json:"extension"`

	// FollowUp names the record this item came from ("kind/id"), e.g. a
	// visit or a meeting's 议定事项.
	FollowUp string `json:"followUp"`
	Remark   string `json:"remark"` // 备注 (an imported row's own number goes here)

	// Steps is the log, oldest first. Each step is its own top-level
	// field (step:<id>), written once and never replaced: steps taken at
	// two sites meet as two steps instead of one overwriting the other.
	Steps []Step `json:"-"`
}

// Extension is a request to move the deadline (延期申请).
type Extension struct {
	Requested string `json:"requested"` // date asked
	By        string `json:"by"`        // staff id of who asked
	ByName    string `json:"byName"`
	Deadline  string `json:"deadline"` // the deadline asked for
	Reason    string `json:"reason"`
}

// Step is one entry of an item's log: who did what, when, from which
// status to which, with a note. Feedback and extension decisions are
// steps that keep the status.
type Step = caseflow.Entry

// stepPrefix keeps the ledger's log fields where the first items put them.
const stepPrefix = "step:"

type itemFields Item

func (it *Item) head() caseflow.Head {
	return caseflow.Head{Number: it.Number, Status: &it.Status, StatusName: &it.StatusName, Log: &it.Steps}
}

// MarshalJSON writes the steps as one field each.
func (it Item) MarshalJSON() ([]byte, error) {
	return caseflow.Marshal(itemFields(it), caseflow.Log(stepPrefix, "", &it.Steps))
}

// UnmarshalJSON gathers the step fields back into Steps, in time order.
func (it *Item) UnmarshalJSON(b []byte) error {
	var f itemFields
	if err := caseflow.Unmarshal(b, &f, caseflow.Log(stepPrefix, "", &f.Steps)); err != nil {
		return err
	}
	*it = Item(f)
	return nil
}

// The UI reads an item with its steps as one list. Line and ItemView
// embed Item, whose MarshalJSON (the store's shape) would otherwise be
// promoted and drop their own fields.
type uiItem struct {
	itemFields
	Steps []Step `json:"steps"`
}

func ui(it Item) uiItem {
	if it.Steps == nil {
		it.Steps = []Step{}
	}
	return uiItem{itemFields(it), it.Steps}
}

// MarshalJSON writes the line for the UI.
func (l Line) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		uiItem
		Overdue     bool `json:"overdue"`
		OverdueDays int  `json:"overdueDays"`
	}{ui(l.Item), l.Overdue, l.OverdueDays})
}

// MarshalJSON writes the view for the UI.
func (v ItemView) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		uiItem
		Overdue     bool                `json:"overdue"`
		OverdueDays int                 `json:"overdueDays"`
		Photos      []attach.Attachment `json:"photos"`
		Next        []string            `json:"next"`
	}{ui(v.Item), v.Overdue, v.OverdueDays, v.Photos, v.Next})
}
