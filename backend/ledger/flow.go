package ledger

import (
	"fmt"
	"strings"
	"time"

	"zongzhi/backend/attach"
	"zongzhi/backend/caseflow"
	"zongzhi/backend/problem"
	"zongzhi/backend/service"
	"zongzhi/backend/store"
)

// AssignInput fixes the 六定 and hands the item to a unit (受理并指派);
// an assigned item can be assigned again (改派). The deadline is a date,
// or a number of working or calendar days from the assignment.
type AssignInput struct {
	ID           string   `json:"id"`
	Date         string   `json:"date"`       // 指派日期, default today
	Dispatcher   string   `json:"dispatcher"` // staff who assigns
	Unit         string   `json:"unit"`
	CoUnits      []string `json:"coUnits,omitempty"`
	Responsible  string   `json:"responsible"`
	Reviewer     string   `json:"reviewer"`
	Project      string   `json:"project"`
	Measures     string   `json:"measures"`
	Funds        string   `json:"funds,omitempty"`
	Deadline     string   `json:"deadline,omitempty"`
	DeadlineDays int      `json:"deadlineDays,omitempty"`
	WorkingDays  bool     `json:"workingDays,omitempty"` // DeadlineDays counts 工作日
	Note         string   `json:"note,omitempty"`
}

// Saved is an item after a step, with what the step noticed (e.g. a
// deadline counted in a year without a holiday schedule).
type Saved struct {
	Item     Item     `json:"item"`
	Warnings []string `json:"warnings"`
}

// Assign fixes the 六定 and assigns the item: 待受理/已指派 → 已指派.
func (s *Service) Assign(in AssignInput) (Saved, error) {
	saved := Saved{Warnings: []string{}}
	it, err := s.cases.Move(&s.Base, in.ID, ActAssign, func(_ *store.Txn, it *Item, _ Action) (caseflow.Step, error) {
		step, warnings, err := s.assign(it, in)
		saved.Warnings = append(saved.Warnings, warnings...)
		return step, err
	})
	saved.Item = it
	return saved, err
}

// assign checks an assignment and fills the 六定; p changes only when it
// is accepted.
func (s *Service) assign(p *Item, in AssignInput) (caseflow.Step, []string, error) {
	it := *p
	service.Trim(&in.Project, &in.Measures, &in.Funds, &in.Note, &in.Deadline)
	var f problem.Fields
	if in.Date == "" {
		in.Date = s.Today()
	}
	s.date(&f, "date", "指派日期", in.Date, it)
	dispatcher := s.staff(&f, "dispatcher", "指派人", in.Dispatcher, true)
	responsible := s.staff(&f, "responsible", "整改责任人", in.Responsible, true)
	reviewer := s.staff(&f, "reviewer", "复查人", in.Reviewer, true)
	if in.Reviewer != "" && in.Reviewer == in.Responsible {
		f.Add("reviewer", "separation", "复查人不能是整改责任人本人")
	} else if in.Reviewer != "" && in.Reviewer == in.Dispatcher {
		f.Add("reviewer", "separation", "复查人不能是指派人本人")
	}
	unit := s.Dict.Check(&f, "unit", "责任单位", TableUnits, in.Unit, it.Unit, true)
	var coNames []string
	for _, c := range in.CoUnits {
		if c == in.Unit {
			f.Add("coUnits", "same", "配合单位不能与责任单位相同")
			break
		}
		coNames = append(coNames, s.Dict.Check(&f, "coUnits", "配合单位", TableUnits, c, "", true))
	}
	f.Required("project", "整改项目", in.Project)
	f.Required("measures", "整改措施", in.Measures)
	var warnings []string
	deadline, rule := in.Deadline, ""
	switch {
	case in.DeadlineDays < 0 || in.DeadlineDays > 365:
		f.Add("deadlineDays", "range", "整改时限应为1至365天")
	case in.DeadlineDays > 0 && !f.Has("date"):
		if in.WorkingDays {
			var warn string
			deadline, warn = s.Calendar().AddWorkdays(in.Date, in.DeadlineDays)
			if warn != "" {
				warnings = append(warnings, warn)
			}
			rule = fmt.Sprintf("%d个工作日", in.DeadlineDays)
		} else {
			t, _ := time.Parse(dateLayout, in.Date)
			deadline = t.AddDate(0, 0, in.DeadlineDays).Format(dateLayout)
			rule = fmt.Sprintf("%d日内", in.DeadlineDays)
		}
	case in.Deadline == "":
		f.Add("deadline", "required", "请填写整改时限（截止日期或天数）")
	default:
		f.Date("deadline", "整改时限", in.Deadline, true)
		if !f.Has("deadline") && in.Deadline < in.Date {
			f.Add("deadline", "order", fmt.Sprintf("整改时限不能早于指派日期（%s）", in.Date))
		}
	}
	if err := f.Err(); err != nil {
		return caseflow.Step{}, nil, err
	}
	it.Dispatcher, it.DispatcherName = in.Dispatcher, dispatcher
	it.Responsible, it.ResponsibleName = in.Responsible, responsible
	it.Reviewer, it.ReviewerName = in.Reviewer, reviewer
	it.Unit, it.UnitName, it.CoUnits, it.CoUnitNames = in.Unit, unit, in.CoUnits, coNames
	it.Project, it.Measures, it.Funds = in.Project, in.Measures, in.Funds
	it.Deadline, it.DeadlineRule = deadline, rule
	it.Extension = nil // a new assignment sets its own deadline: a pending request is moot
	note := fmt.Sprintf("责任单位：%s；责任人：%s；时限：%s", unit, responsible, deadline)
	if rule != "" {
		note += "（" + rule + "）"
	}
	if in.Note != "" {
		note += "；" + in.Note
	}
	*p = it
	return caseflow.Step{Date: in.Date, Staff: dispatcher, StaffID: in.Dispatcher, Note: note}, warnings, nil
}

// ActInput is one move of the loop after assignment. Staff is who acts:
// the handler for 接收/反馈, the verifier for 核查, whoever asks or
// decides an extension.
type ActInput struct {
	ID       string          `json:"id"`
	Action   string          `json:"action"`
	Staff    string          `json:"staff"`
	Date     string          `json:"date,omitempty"` // default today
	Note     string          `json:"note,omitempty"`
	Done     string          `json:"done,omitempty"`     // 整改落实情况 (反馈整改结果)
	Deadline string          `json:"deadline,omitempty"` // the deadline an extension asks for
	Photos   []attach.Upload `json:"photos,omitempty"`   // 整改后照片
}

// Act moves an item: 接收处置, 反馈整改结果, 核查通过/不通过, 撤销, 驳回,
// 情况反馈, 申请/同意/不同意延期. Forbidden moves and separation-of-duty
// breaches are refused with the reason.
func (s *Service) Act(in ActInput) (Item, error) {
	if a, ok := Flow.Move(in.Action); !ok || len(a.From) == 0 || a.Code == ActAssign || a.Code == ActEdit {
		return Item{}, &problem.Error{Code: problem.CodeInvalid, Message: fmt.Sprintf("未知的操作“%s”", in.Action)}
	}
	return s.cases.Move(&s.Base, in.ID, in.Action, func(tx *store.Txn, it *Item, a Action) (caseflow.Step, error) {
		step, photos, err := s.act(it, a, in)
		if err != nil {
			return step, err
		}
		return step, attach.Put(tx, photos)
	})
}

// act checks a move and makes its changes; p changes only when it is
// accepted. The kernel has checked the move is allowed from the status.
func (s *Service) act(p *Item, a Action, in ActInput) (caseflow.Step, []attach.Attachment, error) {
	it := *p
	if err := s.may(it, a.Code); err != nil {
		return caseflow.Step{}, nil, err
	}
	service.Trim(&in.Note, &in.Done, &in.Deadline)
	var f problem.Fields
	if in.Date == "" {
		in.Date = s.Today()
	}
	s.date(&f, "date", "日期", in.Date, it)
	staffRequired := a.Code != ActCancel && a.Code != ActReject
	who := s.staff(&f, "staff", staffRole(a.Code), in.Staff, staffRequired)
	needNote := func(what string) {
		if in.Note == "" {
			f.Add("note", "required", "请填写"+what)
		}
	}
	var photos []attach.Attachment
	note := in.Note
	switch a.Code {
	case ActSubmit:
		f.Required("done", "整改落实情况", in.Done)
		photos = attach.Prepare(s.Store, &f, "photos", it.ID, KindItem, s.Today(), in.Photos)
		for i := range photos {
			photos[i].Role = RoleAfter
		}
		if in.Done != "" {
			note = strings.TrimSpace(in.Done + "；" + in.Note)
			note = strings.TrimSuffix(note, "；")
		}
	case ActPass, ActFail:
		switch {
		case in.Staff != "" && in.Staff == it.Responsible:
			f.Add("staff", "separation", fmt.Sprintf("核查人不能是整改责任人（%s）", it.ResponsibleName))
		case in.Staff != "" && in.Staff == it.Dispatcher:
			f.Add("staff", "separation", fmt.Sprintf("核查人不能是指派人（%s）", it.DispatcherName))
		default:
			if e, sep, took := Flow.TookPart(it.Steps, a.Code, in.Staff); took {
				f.Add("staff", "separation", fmt.Sprintf("%s不能是参与指派或处置的人员（%s曾%s）", sep.Role, who, e.Label))
			}
		}
		if a.Code == ActFail {
			needNote("核查不通过的原因")
		} else if in.Note == "" {
			note = "核查通过，予以销号"
		}
		if in.Date < it.Finished {
			f.Add("date", "order", fmt.Sprintf("核查日期不能早于整改完成日期（%s）", it.Finished))
		}
	case ActCancel:
		needNote("撤销理由")
	case ActReject:
		needNote("驳回理由")
	case ActFeedback:
		needNote("反馈内容")
	case ActExtendRequest:
		if in.Date > it.Deadline {
			// An overdue item stays overdue: 按期 is measured against the deadline in force when it fell due.
			f.Add("date", "late", fmt.Sprintf("整改时限（%s）已过，不能再申请延期", it.Deadline))
		}
		f.Date("deadline", "申请延期至", in.Deadline, true)
		if !f.Has("deadline") && in.Deadline <= it.Deadline {
			f.Add("deadline", "order", fmt.Sprintf("申请延期至的日期应晚于现在的时限（%s）", it.Deadline))
		}
		needNote("延期理由")
	case ActExtendApprove, ActExtendRefuse:
		if in.Staff != "" && in.Staff == it.Extension.By {
			f.Add("staff", "separation", "延期申请不能由申请人自己审批")
		}
		if a.Code == ActExtendRefuse {
			needNote("不同意延期的理由")
		}
	}
	if err := f.Err(); err != nil {
		return caseflow.Step{}, nil, err
	}
	switch a.Code {
	case ActSubmit:
		it.Done, it.Finished = in.Done, in.Date
	case ActPass:
		it.Verifier, it.VerifierName, it.Opinion, it.Verified, it.Closed = in.Staff, who, note, in.Date, in.Date
	case ActFail:
		it.Verifier, it.VerifierName, it.Opinion, it.Verified = in.Staff, who, note, in.Date
	case ActCancel, ActReject:
		it.EndReason = in.Note
	case ActExtendRequest:
		it.Extension = &Extension{Requested: in.Date, By: in.Staff, ByName: who, Deadline: in.Deadline, Reason: in.Note}
		note = fmt.Sprintf("申请延期至%s：%s", in.Deadline, in.Note)
	case ActExtendApprove:
		note = strings.TrimSuffix(fmt.Sprintf("同意延期，时限由%s改为%s；%s", it.Deadline, it.Extension.Deadline, in.Note), "；")
		it.Deadline, it.DeadlineRule, it.Extension = it.Extension.Deadline, "延期", nil
	case ActExtendRefuse:
		note = fmt.Sprintf("不同意延期至%s：%s", it.Extension.Deadline, in.Note)
		it.Extension = nil
	}
	if a.To != "" && !Open(a.To) {
		it.Extension = nil
	}
	*p = it
	return caseflow.Step{Date: in.Date, Staff: who, StaffID: in.Staff, Note: note}, photos, nil
}

func staffRole(act string) string {
	switch act {
	case ActPass, ActFail:
		return "核查人"
	case ActExtendApprove, ActExtendRefuse:
		return "审批人"
	case ActAccept, ActSubmit:
		return "处置人"
	}
	return "经办人"
}

// change changes an item as it is when written (see caseflow.Cases.Change).
func (s *Service) change(id string, fn func(it *Item) ([]attach.Attachment, error)) (Item, error) {
	return s.cases.Change(&s.Base, id, func(tx *store.Txn, it *Item) error {
		photos, err := fn(it)
		if err != nil {
			return err
		}
		return attach.Put(tx, photos)
	})
}

// may refuses a move the item's status does not allow, naming both.
func (s *Service) may(it Item, act string) error {
	if !Flow.Allowed(act, it.Status) {
		return Flow.Refuse(it.Number, it.Status, act)
	}
	switch {
	case (act == ActExtendApprove || act == ActExtendRefuse) && it.Extension == nil:
		return caseflow.Refusal("事项%s没有待审批的延期申请", it.Number)
	case act == ActExtendRequest && it.Extension != nil:
		return caseflow.Refusal("事项%s已有待审批的延期申请（至%s）", it.Number, it.Extension.Deadline)
	}
	return nil
}

// date checks an action date: valid, not in the future, not before the
// item was found nor before the last step of the work.
func (s *Service) date(f *problem.Fields, field, name, v string, it Item) {
	f.Date(field, name, v, true)
	if f.Has(field) {
		return
	}
	last, what := it.Found, "发现日期"
	for _, st := range it.Steps {
		// Registration and imports carry the day they were typed in, not
		// a step of the work: they bound nothing.
		if st.Date > last && st.Action != ActEdit && st.Action != ActImport && st.Action != ActRegister {
			last, what = st.Date, "上一步“"+st.Label+"”的日期"
		}
	}
	switch {
	case v > s.Today():
		f.Add(field, "future", name+"不能晚于今天")
	case v < last:
		f.Add(field, "order", fmt.Sprintf("%s不能早于%s（%s）", name, what, last))
	}
}
