package ledger

import (
	"fmt"
	"strings"

	"zongzhi/backend/caseflow"
	"zongzhi/backend/grid"
	"zongzhi/backend/problem"
	"zongzhi/backend/service"
	"zongzhi/backend/store"
)

// RaiseInput registers an item raised by another record inside that
// record's own save: a meeting's 议定事项 becomes an item when the minutes
// are signed. It carries what was decided: the unit, the person
// responsible and the deadline (the 六定 the center completes when it
// assigns the item).
type RaiseInput struct {
	Source      string // TableSources, e.g. SourceMeeting
	Category    string // TableCategories; "" = 99 其他
	Place       string
	Found       string // the day it was decided
	Description string
	Unit        string // TableUnits; may be empty
	Responsible string // staff id; may be empty
	Deadline    string // may be empty
	FollowUp    string // kind/id of the record it came from
	Note        string // the register step's note
}

// SourceMeeting is the source 会议议定.
const SourceMeeting = "5"

// Check checks what an item raised would say, for the raising record's
// form: field names are the input's, prefixed by field.
func (s *Service) Check(f *problem.Fields, field string, in RaiseInput) {
	s.raised(f, field, in)
}

// Raise registers the item inside tx, numbered inside it, status 待受理.
func (s *Service) Raise(tx *store.Txn, in RaiseInput) (Item, error) {
	var f problem.Fields
	it := s.raised(&f, "", in)
	if err := f.Err(); err != nil {
		return it, err
	}
	it.Number = s.numbers.Issue(tx, in.Found[:4], nil)
	s.cases.Begin(&it, &s.Base, action(ActRegister), caseflow.Step{Date: in.Found, Note: in.Note})
	return it, s.cases.PutNew(tx, it.ID, &it)
}

func (s *Service) raised(f *problem.Fields, field string, in RaiseInput) Item {
	service.Trim(&in.Place, &in.Description, &in.Deadline)
	if in.Category == "" {
		in.Category = "99"
	}
	it := Item{ID: store.NewID(), Source: in.Source, Category: in.Category, Level: "1", LevelName: "一般", Place: in.Place,
		Found: in.Found, Description: in.Description, FollowUp: in.FollowUp, Unit: in.Unit, Responsible: in.Responsible,
		Deadline: in.Deadline, Status: StatusNew, StatusName: Flow.Label(StatusNew), CoUnits: []string{}, CoUnitNames: []string{}}
	it.SourceName = s.Dict.Check(f, field+"source", "问题来源", TableSources, in.Source, "", true)
	it.CategoryName = s.Dict.Check(f, field+"category", "问题类别", TableCategories, in.Category, "", true)
	it.UnitName = s.Dict.Check(f, field+"unit", "责任单位", TableUnits, in.Unit, "", false)
	if in.Responsible != "" {
		if r, ok := s.Store.Row(in.Responsible); ok && r.Kind == grid.KindStaff {
			it.ResponsibleName = r.Name
		} else {
			f.Add(field+"responsible", "unknown", "责任人不存在或已删除")
		}
	}
	f.Required(field+"description", "事项内容", in.Description)
	f.Date(field+"deadline", "完成时限", in.Deadline, false)
	if in.Deadline != "" && in.Deadline < in.Found {
		f.Add(field+"deadline", "order", "完成时限不能早于会议日期（"+in.Found+"）")
	}
	return it
}

// Amend carries a correction of what raised an item (a meeting's decision
// corrected in a new version of the minutes) to the item inside tx. An
// item not yet assigned takes the corrected text, unit, person and
// deadline; one already in the loop keeps its 六定 and logs what the
// correction says, for the center to re-assign; a closed one is left alone.
func (s *Service) Amend(tx *store.Txn, id string, in RaiseInput, why string) error {
	it, err := s.cases.Read(tx, id)
	if err != nil || !Open(it.Status) {
		return err
	}
	var f problem.Fields
	next := s.raised(&f, "", in)
	if err := f.Err(); err != nil {
		return err
	}
	var changed []string
	for _, c := range []struct {
		what     string
		was, now string
	}{{"内容", it.Description, next.Description}, {"责任单位", it.UnitName, next.UnitName}, {"责任人", it.ResponsibleName, next.ResponsibleName},
		{"时限", it.Deadline, next.Deadline}, {"类别", it.CategoryName, next.CategoryName}} {
		if c.was != c.now {
			changed = append(changed, fmt.Sprintf("%s由“%s”改为“%s”", c.what, c.was, c.now))
		}
	}
	if len(changed) == 0 {
		return nil
	}
	note := why + "：" + strings.Join(changed, "，")
	if it.Status == StatusNew {
		it.Description, it.Category, it.CategoryName = next.Description, next.Category, next.CategoryName
		it.Unit, it.UnitName, it.Responsible, it.ResponsibleName, it.Deadline = next.Unit, next.UnitName, next.Responsible, next.ResponsibleName, next.Deadline
	} else {
		note += "（事项已在办理中，六定未改，请综治中心按更正重新指派）"
	}
	s.cases.Log(&it, &s.Base, action(ActEdit), caseflow.Step{Date: s.Today(), Note: note})
	return s.cases.Put(tx, id, &it)
}
