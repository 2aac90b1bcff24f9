package ledger

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"zongzhi/backend/attach"
	"zongzhi/backend/caseflow"
	"zongzhi/backend/dict"
	"zongzhi/backend/grid"
	"zongzhi/backend/people"
	"zongzhi/backend/problem"
	"zongzhi/backend/service"
	"zongzhi/backend/store"
)

// Calendar turns "N个工作日" into a date; the workday package's calendar
// is one. warning is non-empty when the walk crossed a year with no
// holiday schedule loaded.
type Calendar interface {
	AddWorkdays(from string, n int) (deadline, warning string)
}

// Service is the rectification ledger's domain logic over a store.
type Service struct {
	service.Base // the clock's today decides 逾期
	// Dict holds the editable tables (categories, sources, units).
	Dict *dict.Dict
	// Calendar is the working-day calendar as the office has it now.
	Calendar func() Calendar

	cases   caseflow.Cases[Item]
	numbers *caseflow.Issuer
	view    view
}

// Numbers is the ledger's number pattern: ZG-2026-K7QM-0042. Items
// numbered before the pattern was shared read K7QM-2026-0042; the
// sequence continues after them.
var Numbers = caseflow.Numbers{Prefix: "ZG", Legacy: func(site, year string) string { return site + "-" + year + "-" }}

// New returns the service; it keeps the list view current by watching
// every commit, local or imported.
func New(st *store.Store, d *dict.Dict, cal func() Calendar) *Service {
	s := &Service{Base: service.New(st), Dict: d, Calendar: cal}
	RegisterTables(d)
	s.cases = caseflow.Cases[Item]{Flow: Flow, Kind: KindItem, Head: (*Item).head}
	s.numbers = caseflow.NewIssuer(st, KindItem, Numbers)
	s.view.init(s)
	st.Watch(s.view.changed)
	return s
}

const dateLayout = service.DateLayout

func (s *Service) read(id string) (Item, error) { return s.cases.Get(s.Store, id) }

// staff checks a staff id and returns the name.
func (s *Service) staff(f *problem.Fields, field, name, id string, required bool) string {
	if id == "" {
		if required {
			f.Add(field, "required", "请选择"+name)
		}
		return ""
	}
	r, ok := s.Store.Row(id)
	if !ok || r.Kind != grid.KindStaff {
		f.Add(field, "unknown", name+"不存在或已删除")
		return ""
	}
	return r.Name
}

// ItemInput registers an item (ID empty) or corrects what was found (ID set).
type ItemInput struct {
	ID          string          `json:"id,omitempty"`
	Source      string          `json:"source"`
	Category    string          `json:"category"`
	Level       string          `json:"level"`
	Place       string          `json:"place"`
	Grid        string          `json:"grid"`
	Found       string          `json:"found"`
	Reporter    string          `json:"reporter,omitempty"`
	Description string          `json:"description"`
	FollowUp    string          `json:"followUp,omitempty"`
	Remark      string          `json:"remark,omitempty"`
	Photos      []attach.Upload `json:"photos,omitempty"` // 整改前照片
}

// checkFound validates what was found and fills the labels.
func (s *Service) checkFound(it *Item, was Item, f *problem.Fields) {
	service.Trim(&it.Place, &it.Description, &it.Reporter, &it.Grid)
	it.SourceName = s.Dict.Check(f, "source", "问题来源", TableSources, it.Source, was.Source, true)
	it.CategoryName = s.Dict.Check(f, "category", "问题类别", TableCategories, it.Category, was.Category, true)
	if it.Level == "" {
		it.Level = "1"
	}
	if l, ok := dict.Label(Levels, it.Level); ok {
		it.LevelName = l
	} else {
		f.Add("level", "unknown", fmt.Sprintf("问题等级“%s”应为一般或重大", it.Level))
	}
	f.Required("place", "地点/对象", it.Place)
	f.Required("description", "问题描述", it.Description)
	if utf8.RuneCountInString(it.Place) > 100 {
		f.Add("place", "too_long", "地点/对象不能超过100字")
	}
	f.Date("found", "发现日期", it.Found, true)
	if it.Found > s.Today() {
		f.Add("found", "future", "发现日期不能晚于今天")
	}
	switch {
	case f.Has("grid"):
	case it.Grid == "":
		f.Add("grid", "required", "请选择所属网格")
	default:
		if r, ok := s.Store.Row(it.Grid); !ok || r.Kind != grid.KindGrid {
			f.Add("grid", "unknown", "所属网格不存在或已删除")
		} else {
			it.GridName = r.Name
		}
	}
}

// Save registers an item as 待受理 with a new number, or corrects what
// was found on an open item. Photos are added as 整改前.
func (s *Service) Save(in ItemInput) (Item, error) {
	if in.ID != "" {
		return s.edit(in)
	}
	it := Item{ID: store.NewID(), Status: StatusNew, StatusName: dict.Name(Statuses, StatusNew), FollowUp: in.FollowUp}
	var f problem.Fields
	found(&it, in)
	s.checkFound(&it, Item{}, &f)
	visit := ""
	if in.FollowUp != "" {
		visit = s.checkVisit(&f, in.FollowUp)
	}
	photos := s.photosBefore(&f, it.ID, in.Photos)
	if err := f.Err(); err != nil {
		return it, err
	}
	s.cases.Begin(&it, &s.Base, action(ActRegister), caseflow.Step{Date: it.Found})
	if visit != "" {
		// The visit names the item it raised, in the same save.
		link, _ := json.Marshal(KindItem + "/" + it.ID)
		return it, s.writeWith(&it, true, photos, func(tx *store.Txn) error {
			return tx.Save(people.KindVisit, visit, map[string]json.RawMessage{"followUp": link})
		})
	}
	return it, s.write(&it, true, photos)
}

// edit corrects what was found on an open item. It changes only those
// fields, on the item as it is when the edit is written: a move made
// meanwhile stays.
func (s *Service) edit(in ItemInput) (Item, error) {
	var f problem.Fields
	photos := s.photosBefore(&f, in.ID, in.Photos)
	if err := f.Err(); err != nil {
		return Item{}, err
	}
	return s.change(in.ID, func(it *Item) ([]attach.Attachment, error) {
		if !Open(it.Status) {
			return nil, problem.Conflict("item_ended", fmt.Sprintf("该事项已%s，不能再修改", it.StatusName))
		}
		was, cur := *it, *it
		found(&cur, in)
		s.checkFound(&cur, was, &f)
		if err := f.Err(); err != nil {
			return nil, err
		}
		s.cases.Log(&cur, &s.Base, action(ActEdit), caseflow.Step{Date: s.Today(), Note: "修改登记信息"})
		*it = cur
		return photos, nil
	})
}

// found copies what was found from the form.
func found(it *Item, in ItemInput) {
	it.Source, it.Category, it.Level, it.Place, it.Grid, it.Found, it.Reporter, it.Description =
		in.Source, in.Category, in.Level, in.Place, in.Grid, in.Found, in.Reporter, in.Description
	it.Remark = strings.TrimSpace(in.Remark)
}

// photosBefore prepares 整改前 photos (their bytes are stored at once; the
// records are written with the item).
func (s *Service) photosBefore(f *problem.Fields, id string, uploads []attach.Upload) []attach.Attachment {
	photos := attach.Prepare(s.Store, f, "photos", id, KindItem, s.Today(), uploads)
	for i := range photos {
		photos[i].Role = RoleBefore
	}
	return photos
}

// checkVisit checks a "visit/<id>" this item is raised from: the visit
// exists and has raised no item yet. It returns the visit's id.
func (s *Service) checkVisit(f *problem.Fields, followUp string) string {
	id, ok := strings.CutPrefix(followUp, "visit/")
	if !ok {
		return "" // other sources (a meeting's decision) link from their side
	}
	rec, err := s.Store.Get(people.KindVisit, id)
	if err != nil || rec.Deleted() {
		f.Add("followUp", "unknown", "发现问题的走访记录不存在或已删除")
		return ""
	}
	var v people.Visit
	if rec.Decode(&v) == nil && v.FollowUp != "" {
		number := v.FollowUp
		if r, found := s.Store.Row(strings.TrimPrefix(v.FollowUp, KindItem+"/")); found {
			number = r.Code
		}
		f.Add("followUp", "duplicate", fmt.Sprintf("该次走访发现的问题已登记为整改事项%s", number))
		return ""
	}
	return id
}

const (
	RoleBefore = "before" // 整改前
	RoleAfter  = "after"  // 整改后
)

// write saves an item. A new item gets its number inside the save, so
// two saves never take the same one.
func (s *Service) write(it *Item, isNew bool, photos []attach.Attachment) error {
	return s.writeWith(it, isNew, photos, nil)
}

// writeWith is write with more writes (also) in the same save.
func (s *Service) writeWith(it *Item, isNew bool, photos []attach.Attachment, also func(tx *store.Txn) error) error {
	_, err := s.Store.Update(s.Author(), func(tx *store.Txn) error {
		if err := attach.Put(tx, photos); err != nil {
			return err
		}
		if also != nil {
			if err := also(tx); err != nil {
				return err
			}
		}
		if isNew {
			it.Number = s.numbers.Issue(tx, numberYear(it.Found, s.Now()), nil)
			return s.cases.PutNew(tx, it.ID, it)
		}
		return s.cases.Put(tx, it.ID, it)
	})
	return err
}

// numberYear is the year an item found on found is numbered in.
func numberYear(found string, now time.Time) string {
	if t, err := time.Parse(dateLayout, found); err == nil {
		return strconv.Itoa(t.Year())
	}
	return strconv.Itoa(now.Year())
}

// ItemView is an item with its photos and what the loop allows next.
type ItemView struct {
	Item
	Overdue     bool                `json:"overdue"`
	OverdueDays int                 `json:"overdueDays"`
	Photos      []attach.Attachment `json:"photos"`
	Next        []string            `json:"next"` // action codes the item's status allows
}

// Get returns an item with its log, photos and next actions.
func (s *Service) Get(id string) (ItemView, error) {
	it, err := s.read(id)
	if err != nil {
		return ItemView{}, err
	}
	v := ItemView{Item: it, Photos: attach.Of(s.Store, id), Next: []string{}}
	v.Overdue, v.OverdueDays = overdue(it.Status, it.Deadline, it.Closed, s.Today())
	pending := it.Extension != nil
	for _, a := range Actions {
		if a.Code == ActEdit || !allowed(a, it.Status) {
			continue
		}
		switch a.Code {
		case ActExtendRequest:
			if pending {
				continue
			}
		case ActExtendApprove, ActExtendRefuse:
			if !pending {
				continue
			}
		}
		v.Next = append(v.Next, a.Code)
	}
	return v, nil
}

// overdue: an open item past its deadline, or one closed after it, is
// 逾期; days counts calendar days past the deadline.
func overdue(status, deadline, closed, today string) (bool, int) {
	if deadline == "" {
		return false, 0
	}
	end := today
	switch {
	case status == StatusClosed && closed != "":
		end = closed
	case !Open(status):
		return false, 0
	}
	if end <= deadline {
		return false, 0
	}
	d, err1 := time.Parse(dateLayout, deadline)
	e, err2 := time.Parse(dateLayout, end)
	if err1 != nil || err2 != nil {
		return false, 0
	}
	return true, int(e.Sub(d).Hours() / 24)
}
