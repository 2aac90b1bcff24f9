package grid

import (
	"fmt"
	"time"

	"zongzhi/backend/dict"
	"zongzhi/backend/problem"
	"zongzhi/backend/service"
	"zongzhi/backend/store"
)

// AssignInput puts a staff member on a grid from a date.
type AssignInput struct {
	Grid    string `json:"grid"`
	Staff   string `json:"staff"`
	Role    string `json:"role"`
	Primary bool   `json:"primary"`
	Start   string `json:"start"`
}

// EndInput ends an assignment or a link on its last day.
type EndInput struct {
	ID     string `json:"id"`
	End    string `json:"end"`
	Reason string `json:"reason,omitempty"`
}

func dayBefore(date string) string {
	t, _ := time.Parse(dateLayout, date)
	return t.AddDate(0, 0, -1).Format(dateLayout)
}

// Assign starts an assignment. A new primary hands over: the current
// primary's assignment ends the day before, so every date has exactly one.
func (s *Service) Assign(in AssignInput) (Assignment, error) {
	a := Assignment{Grid: in.Grid, Staff: in.Staff, Role: in.Role, Primary: in.Primary, Start: in.Start}
	var f problem.Fields
	if in.Grid == "" {
		f.Add("grid", "required", "请选择网格")
	} else if r, ok := s.Store.Row(in.Grid); !ok || r.Kind != KindGrid {
		f.Add("grid", "unknown", "网格不存在或已删除")
	}
	if in.Staff == "" {
		f.Add("staff", "required", "请选择人员")
	} else if r, ok := s.Store.Row(in.Staff); !ok || r.Kind != KindStaff {
		f.Add("staff", "unknown", "人员不存在或已删除")
	}
	a.RoleName = dict.Fixed(&f, "role", "岗位", Roles, in.Role, true)
	f.Date("start", "任职开始日期", in.Start, true)
	if err := f.Err(); err != nil {
		return a, err
	}
	var handover []Assignment
	var primaryOnStart bool
	for _, r := range s.Store.Rows(store.IndexParent, KindAssignment, in.Grid) {
		if r.End != "" && r.End < in.Start {
			continue // over before the new one begins
		}
		var cur Assignment
		if err := s.Read(KindAssignment, r.ID, "任职", &cur); err != nil {
			return a, err
		}
		if cur.Staff == in.Staff {
			f.Add("staff", "duplicate", fmt.Sprintf("%s已在此网格任职（自%s起），无需重复安排", s.staffName(in.Staff), cur.Start))
			continue
		}
		if !cur.Primary {
			continue
		}
		primaryOnStart = primaryOnStart || cur.ActiveOn(in.Start)
		if in.Primary {
			if cur.Start >= in.Start {
				f.Add("start", "order", fmt.Sprintf("开始日期须晚于现任主责任人%s的任职开始日期（%s）", s.staffName(cur.Staff), cur.Start))
				continue
			}
			handover = append(handover, cur)
		}
	}
	if !in.Primary && !primaryOnStart && !f.Has("staff") {
		f.Add("primary", "missing", fmt.Sprintf("该网格在%s尚无主责任人，请先安排主责任人（勾选“主责任人”）", in.Start))
	}
	if err := f.Err(); err != nil {
		return a, err
	}
	a.ID = store.NewID()
	err := s.Update(func(tx *store.Txn) error {
		for _, old := range handover {
			old.End = dayBefore(in.Start)
			old.EndReason = "由" + s.staffName(in.Staff) + "接任主责任人"
			if err := tx.Put(KindAssignment, old.ID, old); err != nil {
				return err
			}
		}
		return tx.Put(KindAssignment, a.ID, a)
	})
	return a, err
}

// EndAssignment records the last day of an assignment. The primary can
// only leave when nobody else still serves the grid after that day: name a
// successor with Assign instead.
func (s *Service) EndAssignment(in EndInput) (Assignment, error) {
	var a Assignment
	if err := s.Read(KindAssignment, in.ID, "任职记录", &a); err != nil {
		return a, err
	}
	var f problem.Fields
	f.Date("end", "任职结束日期", in.End, true)
	if !f.Has("end") && in.End < a.Start {
		f.Add("end", "order", fmt.Sprintf("结束日期不能早于开始日期（%s）", a.Start))
	}
	if err := f.Err(); err != nil {
		return a, err
	}
	if a.Primary {
		for _, r := range s.Store.Rows(store.IndexParent, KindAssignment, a.Grid) {
			if r.ID != a.ID && r.Status != statusPrimary && (r.End == "" || r.End > in.End) {
				return a, problem.Conflict("primary_needed", fmt.Sprintf(
					"网格还有其他在岗人员（如%s），结束主责任人任职前请先安排接任的主责任人", s.staffName(r.Ref)))
			}
		}
	}
	a.End, a.EndReason = in.End, in.Reason
	return a, s.Update(func(tx *store.Txn) error { return tx.Put(KindAssignment, a.ID, a) })
}

// SaveLink creates or edits a 包挂 link.
func (s *Service) SaveLink(l Link) (Link, error) {
	service.Trim(&l.Target, &l.Address)
	var f problem.Fields
	if r, ok := s.Store.Row(l.Staff); !ok || r.Kind != KindStaff {
		f.Add("staff", "unknown", "请选择包挂责任人")
	}
	if l.Grid != "" {
		if r, ok := s.Store.Row(l.Grid); !ok || r.Kind != KindGrid {
			f.Add("grid", "unknown", "网格不存在或已删除")
		}
	}
	l.ObjectName = dict.Fixed(&f, "object", "包挂对象类型", LinkObjects, l.Object, true)
	f.Required("target", "包挂对象", l.Target)
	f.Date("start", "包挂开始日期", l.Start, true)
	f.Date("end", "包挂结束日期", l.End, false)
	if !f.Has("start") && !f.Has("end") && l.End != "" && l.End < l.Start {
		f.Add("end", "order", "结束日期不能早于开始日期")
	}
	if err := f.Err(); err != nil {
		return l, err
	}
	if l.ID == "" {
		l.ID = store.NewID()
	}
	return l, s.Update(func(tx *store.Txn) error { return tx.Put(KindLink, l.ID, l) })
}
