package people

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"zongzhi/backend/attach"
	"zongzhi/backend/dict"
	"zongzhi/backend/grid"
	"zongzhi/backend/idcard"
	"zongzhi/backend/problem"
	"zongzhi/backend/service"
	"zongzhi/backend/store"
)

// Service is the special-population area's domain logic over a store.
type Service struct {
	service.Base // the clock's today decides cadence and ages
	Grid         *grid.Service
	// Dict holds the editable code tables (categories, sources, methods).
	Dict *dict.Dict

	board board
	rules rules
}

// New returns the service with the real clock; it keeps the overdue board
// current by watching every commit, local or imported.
func New(st *store.Store, g *grid.Service) *Service {
	s := &Service{Base: service.New(st), Grid: g}
	s.Dict = dict.New(st, func() string { return s.Author() })
	registerTables(s.Dict)
	s.board.init(s)
	st.Watch(s.board.changed)
	return s
}

const dateLayout = service.DateLayout

// ErrDuplicatePerson is the code of the refusal to register an ID number
// twice; the idNumber field's Ref is the person who has it, the UI opens them.
const ErrDuplicatePerson = "duplicate_person"

// personByIDNumber finds the person registered with an ID number.
func (s *Service) personByIDNumber(number string) (string, bool) {
	rows := s.Store.Rows(store.IndexCode, KindPerson, idKey(idcard.Normalize(number)))
	if len(rows) == 0 {
		return "", false
	}
	return rows[0].ID, true
}

// FindPerson returns the id of the person with an ID number ("" = none):
// the form opens that person instead of registering a second one.
func (s *Service) FindPerson(number string) (string, error) {
	if info, err := idcard.Parse(number, s.Now()); err == nil {
		number = info.Number
	}
	id, _ := s.personByIDNumber(number)
	return id, nil
}

// SavedPerson is a saved person with what the save noticed.
type SavedPerson struct {
	Person   Person   `json:"person"`
	Warnings []string `json:"warnings"` // e.g. typed sex differs from the ID number's
}

// checkPerson validates a person's own fields and fills what the ID number
// says; warnings never block a save.
func (s *Service) checkPerson(p *Person, f *problem.Fields) []string {
	service.Trim(&p.IDNumber, &p.Name, &p.Phone, &p.Domicile, &p.Address, &p.Note, &p.Grid)
	warnings := []string{}
	if p.IDType == "" {
		p.IDType = "111"
	}
	dict.Fixed(f, "idType", "证件类型", IDTypes, p.IDType, true)
	f.Required("name", "姓名", p.Name)
	if p.IDNumber == "" {
		f.Add("idNumber", "required", "证件号码不能为空")
	} else if p.IDType == "111" {
		info, err := idcard.Parse(p.IDNumber, s.Now())
		if err != nil {
			f.Add("idNumber", "format", err.Error())
		} else {
			p.IDNumber = info.Number
			warnings = append(warnings, info.Warnings...)
			warnings = append(warnings, idcard.Check(info, p.Sex, p.Birth)...)
			if p.Sex == "" {
				p.Sex = info.Sex
			}
			if p.Birth == "" {
				p.Birth = info.Birth
			}
		}
	}
	p.SexName = dict.Fixed(f, "sex", "性别", Sexes, p.Sex, true)
	f.Date("birth", "出生日期", p.Birth, true)
	p.EthnicName = dict.Fixed(f, "ethnicity", "民族", Ethnicities, p.Ethnicity, false)
	if p.Status == "" {
		p.Status = "1"
	}
	p.StatusName = dict.Fixed(f, "status", "人员状态", PersonStatuses, p.Status, true)
	if p.Phone != "" && !rePhone(p.Phone) {
		f.Add("phone", "format", fmt.Sprintf("联系电话“%s”格式不正确，应为11位手机号或带区号的固定电话", p.Phone))
	}
	if p.Grid == "" {
		f.Add("grid", "required", "请选择所属网格")
	} else if r, ok := s.Store.Row(p.Grid); !ok || r.Kind != grid.KindGrid {
		f.Add("grid", "unknown", "所属网格不存在或已删除")
	} else {
		p.GridName = r.Name
	}
	return warnings
}

func rePhone(p string) bool {
	digits := strings.ReplaceAll(p, "-", "")
	if len(digits) == 11 && digits[0] == '1' && allDigits(digits) {
		return true
	}
	return p[0] == '0' && len(digits) >= 10 && len(digits) <= 12 && allDigits(digits)
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// SavePerson registers a person (ID empty) or edits one. An ID number
// already registered is refused with code duplicate_person, the field's
// Ref naming who has it: the form then opens that person instead.
func (s *Service) SavePerson(p Person) (SavedPerson, error) {
	var f problem.Fields
	warnings := s.checkPerson(&p, &f)
	if !f.Has("idNumber") && p.IDNumber != "" {
		if other, ok := s.personByIDNumber(p.IDNumber); ok && other != p.ID {
			r, _ := s.Store.Row(other)
			return SavedPerson{Person: p}, &problem.Error{Code: ErrDuplicatePerson,
				Message: fmt.Sprintf("证件号码 %s 已登记为“%s”，已为您打开该人员", idcard.MaskID(p.IDNumber), r.Name),
				Fields:  []problem.FieldError{{Field: "idNumber", Code: ErrDuplicatePerson, Message: "该证件号码已登记：" + other, Ref: other}}}
		}
	}
	var old Person
	if p.ID != "" {
		if err := s.Read(KindPerson, p.ID, "人员", &old); err != nil {
			return SavedPerson{Person: p}, err
		}
	}
	if err := f.Err(); err != nil {
		return SavedPerson{Person: p, Warnings: warnings}, err
	}
	if p.ID == "" {
		p.ID = store.NewID()
	}
	err := s.Update(func(tx *store.Txn) error {
		if err := tx.Put(KindPerson, p.ID, p); err != nil {
			return err
		}
		// Enrollments carry the person's name and grid for lists and the board.
		if old.Name == p.Name && old.Grid == p.Grid {
			return nil
		}
		for _, r := range s.Store.Rows(store.IndexParent, KindEnrollment, p.ID) {
			var e Enrollment
			if err := s.Read(KindEnrollment, r.ID, "列管", &e); err != nil {
				return err
			}
			e.PersonName, e.Grid = p.Name, p.Grid
			if err := tx.Put(KindEnrollment, e.ID, e); err != nil {
				return err
			}
		}
		return nil
	})
	return SavedPerson{Person: p, Warnings: warnings}, err
}

// EnrollInput enrolls a person in a category (or edits an enrollment's
// items: ID set).
type EnrollInput struct {
	ID          string            `json:"id,omitempty"`
	Person      string            `json:"person"`
	Category    string            `json:"category"`
	Attention   string            `json:"attention"`
	Control     string            `json:"control"`
	Responsible []string          `json:"responsible"`
	Source      string            `json:"source"`
	Enrolled    string            `json:"enrolled"`
	Details     map[string]string `json:"details"`
}

// checkEnrollment validates an enrollment's own fields and fills labels
// and the level the cadence follows.
func (s *Service) checkEnrollment(e *Enrollment, was Enrollment, f *problem.Fields) {
	e.CategoryName = s.Dict.Check(f, "category", "人员类别", TableCategories, e.Category, was.Category, true)
	if e.Attention == "" {
		e.Attention = "02"
	}
	e.AttentionName = dict.Fixed(f, "attention", "关注程度", Attention, e.Attention, true)
	if e.Control == "" {
		e.Control = "2"
	}
	e.ControlName = dict.Fixed(f, "control", "管控等级", Control, e.Control, true)
	e.SourceName = s.Dict.Check(f, "source", "信息来源", TableSources, e.Source, was.Source, false)
	f.Date("enrolled", "列管日期", e.Enrolled, true)
	if e.Enrolled > s.Today() {
		f.Add("enrolled", "future", "列管日期不能晚于今天")
	}
	if len(e.Responsible) == 0 {
		f.Add("responsible", "required", "请至少选择一名包保责任人")
	}
	for _, id := range e.Responsible {
		if r, ok := s.Store.Row(id); !ok || r.Kind != grid.KindStaff {
			f.Add("responsible", "unknown", "包保责任人不存在或已删除")
			break
		}
	}
	e.DetailNames = map[string]string{}
	e.Level, e.LevelName = e.Attention, "关注程度："+e.AttentionName
	known := map[string]bool{}
	for _, d := range Details[e.Category] {
		known[d.Key] = true
		v := strings.TrimSpace(e.Details[d.Key])
		if v == "" {
			continue
		}
		switch d.Kind {
		case "code", "codes":
			var names []string
			for _, c := range strings.Split(v, ",") {
				l, ok := dict.Label(d.Table, c)
				if !ok {
					f.Add("details."+d.Key, "unknown", fmt.Sprintf("%s“%s”不在代码表中", d.Label, c))
				}
				names = append(names, l)
			}
			e.DetailNames[d.Key] = strings.Join(names, "、")
		case "date":
			f.Date("details."+d.Key, d.Label, v, false)
		case "bool":
			if v != "true" && v != "false" {
				f.Add("details."+d.Key, "format", d.Label+"应为“是”或“否”")
			}
		}
		if d.Level {
			e.Level, e.LevelName = v, d.Label+"："+e.DetailNames[d.Key]
		}
	}
	for k := range e.Details {
		if !known[k] {
			delete(e.Details, k)
		}
	}
}

// Enroll enrolls a person in a category, or edits an enrollment (ID set).
// A person has at most one active enrollment per category; an ended one
// stays as history and the person can be enrolled again.
func (s *Service) Enroll(in EnrollInput) (Enrollment, error) {
	var e, was Enrollment
	if in.ID != "" {
		if err := s.Read(KindEnrollment, in.ID, "列管", &e); err != nil {
			return e, err
		}
		was = e
		if !Active(e.Status) {
			return e, problem.Conflict("enrollment_ended", fmt.Sprintf("该列管已于%s%s，不能再修改；如需重新列管请新建", e.Ended, e.StatusName))
		}
		in.Person, in.Category = e.Person, e.Category
	} else {
		e = Enrollment{ID: store.NewID(), Status: "1"}
	}
	var p Person
	var f problem.Fields
	if in.Person == "" {
		f.Add("person", "required", "请选择人员")
	} else if err := s.Read(KindPerson, in.Person, "人员", &p); err != nil {
		return e, err
	}
	e.Person, e.PersonName, e.Grid = p.ID, p.Name, p.Grid
	e.Category, e.Attention, e.Control, e.Responsible, e.Source, e.Enrolled, e.Details =
		in.Category, in.Attention, in.Control, in.Responsible, in.Source, in.Enrolled, in.Details
	if e.Details == nil {
		e.Details = map[string]string{}
	}
	e.StatusName = dict.Name(Statuses, e.Status)
	s.checkEnrollment(&e, was, &f)
	if in.ID == "" && !f.Has("category") {
		for _, r := range s.Store.Rows(store.IndexParent, KindEnrollment, p.ID) {
			if r.Category == e.Category && Active(r.Status) {
				f.Add("category", "duplicate", fmt.Sprintf("%s已列管为%s（%s起），同一类别只能有一条在管记录", p.Name, e.CategoryName, r.Start))
			}
		}
	}
	if err := f.Err(); err != nil {
		return e, err
	}
	return e, s.Update(func(tx *store.Txn) error { return tx.Put(KindEnrollment, e.ID, e) })
}

// StatusInput moves an enrollment along its lifecycle.
type StatusInput struct {
	ID     string `json:"id"`
	Status string `json:"status"`
	Date   string `json:"date"`
	Reason string `json:"reason"`
}

// ChangeStatus moves an enrollment: 在管 ⇄ 脱管/漏管, or ends it (解除,
// 撤管, 死亡, 迁出) with a date and a reason. Nothing is deleted.
func (s *Service) ChangeStatus(in StatusInput) (Enrollment, error) {
	var e Enrollment
	if err := s.Read(KindEnrollment, in.ID, "列管", &e); err != nil {
		return e, err
	}
	var f problem.Fields
	to := dict.Fixed(&f, "status", "状态", Statuses, in.Status, true)
	f.Date("date", "变更日期", in.Date, true)
	in.Reason = strings.TrimSpace(in.Reason)
	if in.Date > s.Today() {
		f.Add("date", "future", "变更日期不能晚于今天")
	} else if in.Date != "" && in.Date < e.Enrolled {
		f.Add("date", "order", fmt.Sprintf("变更日期不能早于列管日期（%s）", e.Enrolled))
	}
	allowed := false
	for _, t := range Transitions[e.Status] {
		allowed = allowed || t == in.Status
	}
	if !f.Has("status") && !allowed {
		if Active(e.Status) {
			f.Add("status", "transition", fmt.Sprintf("不能从“%s”变为“%s”", e.StatusName, to))
		} else {
			f.Add("status", "transition", fmt.Sprintf("该列管已%s，状态不能再变更；如需重新列管请新建", e.StatusName))
		}
	}
	if in.Reason == "" && (!Active(in.Status) || in.Status == "2" || in.Status == "3") {
		f.Add("reason", "required", "请填写原因（脱管、漏管及解除、撤管等都须写明原因）")
	}
	if err := f.Err(); err != nil {
		return e, err
	}
	e.History = append(e.History, StatusChange{Date: in.Date, From: e.Status, To: in.Status, Reason: in.Reason, By: s.Author()})
	e.Status, e.StatusName = in.Status, to
	if !Active(in.Status) {
		e.Ended, e.EndReason = in.Date, in.Reason
	}
	return e, s.Update(func(tx *store.Txn) error { return tx.Put(KindEnrollment, e.ID, e) })
}

// VisitInput records a visit; Assessed, when set, is the level assessed at
// the visit (e.g. a new risk level): the enrollment takes it and the
// visit's snapshot keeps it.
type VisitInput struct {
	ID         string   `json:"id,omitempty"`
	Enrollment string   `json:"enrollment"`
	Planned    string   `json:"planned,omitempty"`
	Date       string   `json:"date"`
	Method     string   `json:"method"`
	Visitors   []string `json:"visitors"`
	Behaviour  string   `json:"behaviour"`
	Measures   string   `json:"measures,omitempty"`
	Assessed   string   `json:"assessed,omitempty"`
	// Photos are added to the visit (JPEG or PNG; the UI scales them down).
	Photos []attach.Upload `json:"photos,omitempty"`
}

// SaveVisit records (or corrects) a visit.
func (s *Service) SaveVisit(in VisitInput) (Visit, error) {
	var e Enrollment
	var v Visit
	if err := s.Read(KindEnrollment, in.Enrollment, "列管", &e); err != nil {
		return v, err
	}
	if in.ID != "" {
		if err := s.Read(KindVisit, in.ID, "走访记录", &v); err != nil {
			return v, err
		}
		if v.Enrollment != e.ID {
			return v, problem.Conflict("visit_enrollment", "走访记录不属于该列管")
		}
	} else {
		v.ID = store.NewID()
	}
	if err := s.buildVisit(&e, in, &v); err != nil {
		return v, err
	}
	var f problem.Fields
	photos := attach.Prepare(s.Store, &f, "photos", v.ID, KindVisit, s.Today(), in.Photos)
	if err := f.Err(); err != nil {
		return v, err
	}
	return v, s.Update(func(tx *store.Txn) error {
		if in.Assessed != "" {
			if err := tx.Put(KindEnrollment, e.ID, e); err != nil {
				return err
			}
		}
		if err := attach.Put(tx, photos); err != nil {
			return err
		}
		return tx.Put(KindVisit, v.ID, v)
	})
}

// VisitHistory is several visits of one enrollment.
type VisitHistory struct {
	Enrollment string       `json:"enrollment"`
	Visits     []VisitInput `json:"visits"`
}

// RecordVisits records several new visits of one enrollment in one save
// (a visit history typed in from paper, the demo data); each is checked
// as SaveVisit checks it.
func (s *Service) RecordVisits(h VisitHistory) error {
	enrollment, ins := h.Enrollment, h.Visits
	var e Enrollment
	if err := s.Read(KindEnrollment, enrollment, "列管", &e); err != nil {
		return err
	}
	visits := make([]Visit, len(ins))
	for i, in := range ins {
		in.Enrollment, in.ID = enrollment, ""
		visits[i].ID = store.NewID()
		if err := s.buildVisit(&e, in, &visits[i]); err != nil {
			return fmt.Errorf("第%d次走访：%w", i+1, err)
		}
	}
	return s.Update(func(tx *store.Txn) error {
		if err := tx.Put(KindEnrollment, e.ID, e); err != nil {
			return err
		}
		for _, v := range visits {
			if err := tx.PutNew(KindVisit, v.ID, v); err != nil {
				return err
			}
		}
		return nil
	})
}

// buildVisit checks a visit against its enrollment and fills v; an
// assessment changes e (the caller saves both).
func (s *Service) buildVisit(e *Enrollment, in VisitInput, v *Visit) error {
	var f problem.Fields
	service.Trim(&in.Behaviour, &in.Measures)
	f.Date("planned", "计划日期", in.Planned, false)
	f.Date("date", "走访日期", in.Date, in.Planned == "")
	if in.Date > s.Today() {
		f.Add("date", "future", "走访日期不能晚于今天；尚未走访请只填计划日期")
	}
	if in.Date != "" {
		if !Active(e.Status) && in.Date > e.Ended {
			f.Add("date", "ended", fmt.Sprintf("该列管已于%s%s，之后不再走访", e.Ended, e.StatusName))
		}
		if in.Date < e.Enrolled {
			f.Add("date", "order", fmt.Sprintf("走访日期不能早于列管日期（%s）", e.Enrolled))
		}
		f.Required("behaviour", "现实表现", in.Behaviour)
		if len(in.Visitors) == 0 {
			f.Add("visitors", "required", "请选择走访人")
		}
	}
	method := s.Dict.Check(&f, "method", "走访方式", TableMethods, in.Method, "", in.Date != "")
	var names []string
	for _, id := range in.Visitors {
		r, ok := s.Store.Row(id)
		if !ok || r.Kind != grid.KindStaff {
			f.Add("visitors", "unknown", "走访人不存在或已删除")
			break
		}
		names = append(names, r.Name)
	}
	if in.Assessed != "" && in.Assessed != e.Level {
		lvl := levelDetail(e.Category)
		switch {
		case lvl == nil:
			e.Attention = in.Assessed
			e.AttentionName = dict.Fixed(&f, "assessed", "关注程度", Attention, in.Assessed, true)
		default:
			if e.Details == nil {
				e.Details = map[string]string{}
			}
			e.Details[lvl.Key] = in.Assessed
		}
		s.checkEnrollment(e, *e, &f)
	}
	if err := f.Err(); err != nil {
		return err
	}
	v.Enrollment, v.Person, v.Grid = e.ID, e.Person, e.Grid
	v.Planned, v.Date, v.Method, v.MethodName = in.Planned, in.Date, in.Method, method
	v.Visitors, v.VisitorNames, v.Behaviour, v.Measures = in.Visitors, names, in.Behaviour, in.Measures
	if v.Visitors == nil {
		v.Visitors, v.VisitorNames = []string{}, []string{}
	}
	v.Snapshot = Snapshot{e.Attention, e.AttentionName, e.Control, e.ControlName, e.Level, e.LevelName, e.Status, e.StatusName}
	return nil
}

func levelDetail(category string) *Detail {
	for _, d := range Details[category] {
		if d.Level {
			return &d
		}
	}
	return nil
}

// RevealRequest asks to see a person's full ID number and phone.
type RevealRequest struct {
	Person string `json:"person"`
	Reason string `json:"reason"`
}

// Revealed is the unmasked data.
type Revealed struct {
	IDNumber string `json:"idNumber"`
	Phone    string `json:"phone"`
}

// RevealPerson shows the full ID number and phone, and records who saw
// them, when and why (the record travels with sync like any other).
func (s *Service) RevealPerson(in RevealRequest) (Revealed, error) {
	var p Person
	if err := s.Read(KindPerson, in.Person, "人员", &p); err != nil {
		return Revealed{}, err
	}
	in.Reason = strings.TrimSpace(in.Reason)
	if len([]rune(in.Reason)) < 2 {
		return Revealed{}, &problem.Error{Code: problem.CodeInvalid, Message: "请修正标出的内容",
			Fields: []problem.FieldError{{Field: "reason", Code: "required", Message: "请写明查看完整证件号码和电话的事由"}}}
	}
	r := Reveal{ID: store.NewID(), Person: p.ID, By: s.Author(), At: s.Now().Format(time.RFC3339), Reason: in.Reason, Fields: "证件号码、联系电话"}
	if err := s.Update(func(tx *store.Txn) error { return tx.Put(KindReveal, r.ID, r) }); err != nil {
		return Revealed{}, err
	}
	return Revealed{IDNumber: p.IDNumber, Phone: p.Phone}, nil
}

// Reveals lists who saw a person's full data, newest first.
func (s *Service) Reveals(person string) ([]Reveal, error) {
	out := []Reveal{}
	for _, r := range s.Store.Rows(store.IndexParent, KindReveal, person) {
		var v Reveal
		if err := s.Read(KindReveal, r.ID, "查看记录", &v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].At > out[j].At })
	return out, nil
}
