package volunteer

import (
	"fmt"
	"time"

	"zongzhi/backend/caseflow"
	"zongzhi/backend/grid"
	"zongzhi/backend/problem"
	"zongzhi/backend/service"
	"zongzhi/backend/store"
)

// ActivityInput plans an activity (ID "") or edits a planned one.
type ActivityInput struct {
	ID            string   `json:"id,omitempty"`
	Teams         []string `json:"teams"`
	Title         string   `json:"title"`
	Type          string   `json:"type"`
	Date          string   `json:"date"`
	Start         string   `json:"start"`
	End           string   `json:"end"`
	Place         string   `json:"place"`
	Grid          string   `json:"grid"`
	Content       string   `json:"content"`
	Served        Served   `json:"served"`
	Organizer     string   `json:"organizer"`
	OrganizerName string   `json:"organizerName"`
	Travel        float64  `json:"travel"`
}

func (s *Service) fillActivity(f *problem.Fields, a *Activity, in ActivityInput) {
	service.Trim(&in.Title, &in.Date, &in.Start, &in.End, &in.Place, &in.Content, &in.OrganizerName)
	f.Required("title", "活动名称", in.Title)
	a.Title, a.Date, a.Start, a.End, a.Place, a.Content, a.Served, a.Travel = in.Title, in.Date, in.Start, in.End, in.Place, in.Content, in.Served, in.Travel
	a.TypeName = s.Dict.Check(f, "type", "活动类型", TableActivityTypes, in.Type, a.Type, true)
	a.Type = in.Type
	f.Date("date", "活动日期", in.Date, true)
	for _, t := range []struct{ field, name, v string }{{"start", "开始时间", in.Start}, {"end", "结束时间", in.End}} {
		if t.v == "" {
			f.Add(t.field, "required", t.name+"不能为空：服务时长以活动时间为上限")
		} else if !reTime.MatchString(t.v) {
			f.Add(t.field, "format", fmt.Sprintf("%s“%s”应为 时:分，如 08:30", t.name, t.v))
		}
	}
	if !f.Has("start") && !f.Has("end") && in.End <= in.Start {
		f.Add("end", "order", "结束时间应晚于开始时间")
	}
	if in.Travel < 0 || in.Travel > 4 || !halfHours(in.Travel) {
		f.Add("travel", "range", "往返路程时间应为0至4小时，以0.5小时为单位")
	}
	a.Teams, a.TeamNames = nil, nil
	if len(in.Teams) == 0 {
		f.Add("teams", "required", "请选择开展活动的志愿服务队")
	}
	for _, id := range in.Teams {
		var t Team
		if err := s.Read(KindTeam, id, "志愿服务队", &t); err != nil {
			f.Add("teams", "unknown", "志愿服务队不存在或已删除")
			continue
		}
		if t.Dissolved != "" && t.Dissolved < in.Date {
			f.Add("teams", "dissolved", fmt.Sprintf("“%s”已于%s解散", t.Name, t.Dissolved))
		}
		a.Teams, a.TeamNames = append(a.Teams, id), append(a.TeamNames, t.Name)
	}
	a.Grid, a.GridName = in.Grid, ""
	if in.Grid != "" {
		if r, ok := s.Store.Row(in.Grid); ok && r.Kind == grid.KindGrid {
			a.GridName = r.Name
		} else {
			f.Add("grid", "unknown", "所属网格不存在或已删除")
		}
	}
	a.Organizer, a.OrganizerName = grid.StaffOrName(s.Store, f, "organizer", "组织者", in.Organizer, in.OrganizerName)
	if a.OrganizerName == "" && !f.Has("organizer") {
		f.Add("organizer", "required", "请填写活动组织者（审核服务时长的人）")
	}
}

// Plan registers an activity as 计划, numbered inside the save, or edits
// one still planned.
func (s *Service) Plan(in ActivityInput) (Activity, error) {
	var f problem.Fields
	if in.ID != "" {
		return activities.Change(&s.Base, in.ID, func(_ *store.Txn, a *Activity) error {
			if a.Status != StatusPlanned {
				return Flow.Refused(a.Number, a.Status, "只有计划中的活动可以修改计划；开展后请登记开展情况和服务时长")
			}
			s.fillActivity(&f, a, in)
			return f.Err()
		})
	}
	a := Activity{ID: store.NewID()}
	s.fillActivity(&f, &a, in)
	if err := f.Err(); err != nil {
		return a, err
	}
	err := s.Update(func(tx *store.Txn) error {
		a.Number = s.activityNumbers.Issue(tx, a.Date[:4], nil)
		activities.Begin(&a, &s.Base, Flow.MustMove(MovePlan), caseflow.Step{Date: a.Date, Note: "登记活动计划"})
		return activities.PutNew(tx, a.ID, &a)
	})
	return a, err
}

// HoldInput says the activity took place: when, by whom recorded.
type HoldInput struct {
	ID           string `json:"id"`
	Start        string `json:"start"` // as held; "" = as planned
	End          string `json:"end"`
	Content      string `json:"content"`
	Served       Served `json:"served"`
	Recorder     string `json:"recorder"`
	RecorderName string `json:"recorderName"`
}

// Hold records that the activity took place (已开展); hours are entered
// from then on.
func (s *Service) Hold(in HoldInput) (Activity, error) {
	return activities.Move(&s.Base, in.ID, MoveHold, func(_ *store.Txn, a *Activity, _ caseflow.Move) (caseflow.Step, error) {
		var f problem.Fields
		if a.Date > s.Today() {
			f.Add("date", "future", fmt.Sprintf("活动日期（%s）还没到，不能登记开展情况", a.Date))
		}
		if in.Start != "" {
			a.Start = in.Start
		}
		if in.End != "" {
			a.End = in.End
		}
		if !reTime.MatchString(a.Start) || !reTime.MatchString(a.End) || a.End <= a.Start {
			f.Add("end", "order", "请填写有效的开始、结束时间（结束晚于开始）")
		}
		if in.Content != "" {
			a.Content = in.Content
		}
		a.Served = in.Served
		a.Recorder, a.RecorderName = grid.StaffOrName(s.Store, &f, "recorder", "记录人", in.Recorder, in.RecorderName)
		if a.RecorderName == "" && !f.Has("recorder") {
			f.Add("recorder", "required", "请填写记录人")
		}
		who := a.Recorder
		if who == "" {
			who = "name:" + a.RecorderName
		}
		return caseflow.Step{Date: a.Date, Staff: a.RecorderName, StaffID: who, Note: "登记开展情况"}, f.Err()
	})
}

// HoursInput sets one person's hours at a held activity.
type HoursInput struct {
	Activity  string  `json:"activity"`
	Volunteer string  `json:"volunteer"`
	SignIn    string  `json:"signIn"`
	SignOut   string  `json:"signOut"`
	Hours     float64 `json:"hours"`  // 0 with both times = worked out from them
	OnDuty    bool    `json:"onDuty"` // 本职工作: earns no volunteer hours
}

// SetHours records a person's hours, in half hours, no more than the
// activity lasted (plus the travel the organiser allows), for a member of
// one of its teams on that day. Someone on their own duty earns none.
func (s *Service) SetHours(in HoursInput) (Activity, error) {
	service.Trim(&in.SignIn, &in.SignOut)
	return activities.Change(&s.Base, in.Activity, func(tx *store.Txn, a *Activity) error {
		if a.Status != StatusHeld {
			return Flow.Refused(a.Number, a.Status, "服务时长在活动开展后、审核前登记；审核后请用“更正时长”")
		}
		var f problem.Fields
		v, err := volunteers.Read(tx, in.Volunteer)
		if err != nil {
			f.Add("volunteer", "unknown", "志愿者不存在或已删除")
		} else if !memberOn(v, a.Teams, a.Date) {
			f.Add("volunteer", "not_member", fmt.Sprintf("%s在%s不是%s的队员（可能已退出或尚未加入）", v.Name, a.Date, joinNames(a.TeamNames)))
		}
		if in.OnDuty {
			f.Add("onDuty", "on_duty", "本职工作时间不计入志愿服务时长")
		}
		h := Hours{Volunteer: in.Volunteer, Name: v.Name, SignIn: in.SignIn, SignOut: in.SignOut, Hours: in.Hours}
		for _, t := range []struct{ field, name, v string }{{"signIn", "签到时间", in.SignIn}, {"signOut", "签退时间", in.SignOut}} {
			if t.v != "" && !reTime.MatchString(t.v) {
				f.Add(t.field, "format", fmt.Sprintf("%s“%s”应为 时:分，如 08:30", t.name, t.v))
			}
		}
		if in.SignIn != "" && in.SignOut != "" && !f.Has("signIn") && !f.Has("signOut") {
			if in.SignOut <= in.SignIn {
				f.Add("signOut", "order", "签退时间应晚于签到时间")
			} else if h.Hours == 0 {
				si, _ := time.Parse("15:04", in.SignIn)
				so, _ := time.Parse("15:04", in.SignOut)
				h.Hours = float64(int(so.Sub(si).Minutes()/30)) / 2 // whole half hours served
			}
		}
		limit := Duration(*a) + a.Travel
		switch {
		case h.Hours <= 0 && !f.Has("signOut"):
			f.Add("hours", "required", "请填写服务时长，或签到、签退时间")
		case !halfHours(h.Hours):
			f.Add("hours", "step", fmt.Sprintf("服务时长%g小时应以0.5小时为单位", h.Hours))
		case h.Hours > limit:
			f.Add("hours", "too_long", fmt.Sprintf("服务时长%g小时超过活动时长%g小时（含往返%g小时）", h.Hours, limit, a.Travel))
		}
		if err := f.Err(); err != nil {
			return err
		}
		for i := range a.Hours {
			if a.Hours[i].Volunteer == h.Volunteer {
				a.Hours[i] = h
				return nil
			}
		}
		a.Hours = append(a.Hours, h)
		return nil
	})
}

// ApproveInput approves the hours of a held activity.
type ApproveInput struct {
	ID           string `json:"id"`
	Date         string `json:"date"`
	Approver     string `json:"approver"` // staff id
	ApproverName string `json:"approverName"`
}

// Approve approves the hours (时长已审核); the one who recorded them may not.
func (s *Service) Approve(in ApproveInput) (Activity, error) {
	if in.Date == "" {
		in.Date = s.Today()
	}
	return activities.Move(&s.Base, in.ID, MoveApprove, func(_ *store.Txn, a *Activity, m caseflow.Move) (caseflow.Step, error) {
		var f problem.Fields
		id, name := grid.StaffOrName(s.Store, &f, "approver", "审核人", in.Approver, in.ApproverName)
		who := id
		if who == "" {
			who = "name:" + name
		}
		if name == "" && !f.Has("approver") {
			f.Add("approver", "required", "请填写审核人")
		} else if e, sep, took := Flow.TookPart(a.Log, m.Code, who); took {
			f.Add("approver", "separation", fmt.Sprintf("%s不能是登记开展情况的记录人（%s）", sep.Role, e.Staff))
		}
		if len(a.Hours) == 0 {
			f.Add("hours", "required", "还没有登记任何人的服务时长")
		}
		f.Date("date", "审核日期", in.Date, true)
		if in.Date < a.Date {
			f.Add("date", "order", fmt.Sprintf("审核日期不能早于活动日期（%s）", a.Date))
		}
		total := 0.0
		for _, h := range HoursOf(*a) {
			total += h
		}
		return caseflow.Step{Date: in.Date, Staff: name, StaffID: who, Note: fmt.Sprintf("审核%d人服务时长共%g小时", len(a.Hours), total)}, f.Err()
	})
}

// CorrectInput corrects a person's approved hours with a reason.
type CorrectInput struct {
	Activity  string  `json:"activity"`
	Volunteer string  `json:"volunteer"`
	Hours     float64 `json:"hours"`
	Reason    string  `json:"reason"`
}

// Correct adds a correction of approved hours: the approved entry stays,
// the correction counts from now on (0 takes the hours away).
func (s *Service) Correct(in CorrectInput) (Activity, error) {
	service.Trim(&in.Reason)
	return activities.Move(&s.Base, in.Activity, MoveCorrect, func(_ *store.Txn, a *Activity, _ caseflow.Move) (caseflow.Step, error) {
		var f problem.Fields
		was, ok := HoursOf(*a)[in.Volunteer]
		if !ok {
			f.Add("volunteer", "unknown", "该志愿者没有登记本次活动的服务时长")
		}
		f.Required("reason", "更正原因", in.Reason)
		limit := Duration(*a) + a.Travel
		switch {
		case in.Hours < 0 || !halfHours(in.Hours):
			f.Add("hours", "step", "服务时长应以0.5小时为单位，不能为负")
		case in.Hours > limit:
			f.Add("hours", "too_long", fmt.Sprintf("服务时长%g小时超过活动时长%g小时（含往返%g小时）", in.Hours, limit, a.Travel))
		case ok && in.Hours == was:
			f.Add("hours", "same", fmt.Sprintf("更正后的时长与现在的%g小时相同", was))
		}
		if err := f.Err(); err != nil {
			return caseflow.Step{}, err
		}
		name := ""
		for _, h := range a.Hours {
			if h.Volunteer == in.Volunteer {
				name = h.Name
			}
		}
		a.Corrections = append(a.Corrections, Correction{ID: store.NewID(), Volunteer: in.Volunteer, Hours: in.Hours, Was: was, Reason: in.Reason,
			By: s.Author(), At: s.Now().Format(time.RFC3339)})
		return caseflow.Step{Date: s.Today(), Note: fmt.Sprintf("更正%s的服务时长：%g→%g小时，%s", name, was, in.Hours, in.Reason)}, nil
	})
}

// DateInput archives or cancels an activity.
type DateInput struct {
	ID     string `json:"id"`
	Date   string `json:"date"`
	Reason string `json:"reason"` // 取消: required
}

// Archive files an approved activity; it is final from then on.
func (s *Service) Archive(in DateInput) (Activity, error) {
	return activities.Move(&s.Base, in.ID, MoveArchive, func(_ *store.Txn, a *Activity, _ caseflow.Move) (caseflow.Step, error) {
		return caseflow.Step{Date: s.Today(), Note: "归档"}, nil
	})
}

// Cancel cancels a planned activity with a reason.
func (s *Service) Cancel(in DateInput) (Activity, error) {
	service.Trim(&in.Reason)
	return activities.Move(&s.Base, in.ID, MoveCancel, func(_ *store.Txn, a *Activity, _ caseflow.Move) (caseflow.Step, error) {
		var f problem.Fields
		f.Required("reason", "取消原因", in.Reason)
		return caseflow.Step{Date: s.Today(), Note: in.Reason}, f.Err()
	})
}

// GetActivity returns an activity with its hours, corrections and log.
func (s *Service) GetActivity(id string) (Activity, error) { return activities.Get(s.Store, id) }
