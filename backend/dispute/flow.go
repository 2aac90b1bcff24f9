package dispute

import (
	"fmt"
	"math"
	"strings"
	"time"

	"zongzhi/backend/caseflow"
	"zongzhi/backend/dict"
	"zongzhi/backend/grid"
	"zongzhi/backend/problem"
	"zongzhi/backend/service"
	"zongzhi/backend/store"
)

// step makes move on a dispute inside one save (see caseflow.Cases.Move):
// a move its status does not allow is refused, fn checks and fills the
// move and returns the log note; the step is logged on date.
func (s *Service) step(id, move, date string, fn func(d *Dispute, f *problem.Fields) string) (Dispute, error) {
	d, err := cases.Move(&s.Base, id, move, func(_ *store.Txn, d *Dispute, _ caseflow.Move) (caseflow.Step, error) {
		var f problem.Fields
		note := fn(d, &f)
		return caseflow.Step{Date: date, Note: note}, f.Err()
	})
	mask(&d)
	return d, err
}

// checkDate checks a step's date: valid, not in the future, not before
// the step it follows (after, named).
func (s *Service) checkDate(f *problem.Fields, field, name, date, after, afterName string) {
	f.Date(field, name, date, true)
	switch {
	case date > s.Today():
		f.Add(field, "future", name+"不能晚于今天")
	case date != "" && after != "" && date < after:
		f.Add(field, "order", fmt.Sprintf("%s不能早于%s（%s）", name, afterName, after))
	}
}

// AcceptInput accepts a dispute for mediation: who mediates, how, by when.
// Method and mediator may already be set at registration.
type AcceptInput struct {
	ID           string `json:"id"`
	Date         string `json:"date"` // 受理日期
	Method       string `json:"method"`
	Organisation string `json:"organisation"`
	Mediator     string `json:"mediator"`
	MediatorName string `json:"mediatorName"`
	Deadline     string `json:"deadline"`
	Note         string `json:"note"`
}

// Accept moves a registered dispute to 已受理; it needs a mediation
// method and a mediator.
func (s *Service) Accept(in AcceptInput) (Dispute, error) {
	service.Trim(&in.Date, &in.Method, &in.Organisation, &in.Mediator, &in.MediatorName, &in.Deadline, &in.Note)
	return s.step(in.ID, MoveAccept, in.Date, func(d *Dispute, f *problem.Fields) string {
		s.checkDate(f, "date", "受理日期", in.Date, d.Date, "登记日期")
		if in.Method != "" {
			d.Method, d.MethodName = in.Method, s.Dict.Check(f, "method", "调处方式", TableMethods, in.Method, d.Method, true)
		} else if d.Method == "" {
			f.Add("method", "required", "请选择调处方式")
		}
		if in.Organisation != "" {
			d.Organisation = in.Organisation
		}
		if in.Mediator != "" || in.MediatorName != "" {
			d.Mediator, d.MediatorName = grid.StaffOrName(s.Store, f, "mediator", "调解员", in.Mediator, in.MediatorName)
		}
		if d.MediatorName == "" && !f.Has("mediator") {
			f.Add("mediator", "required", "请选择或填写调解员")
		}
		if in.Deadline != "" {
			f.Date("deadline", "调处期限", in.Deadline, false)
			if in.Deadline < in.Date {
				f.Add("deadline", "order", "调处期限不能早于受理日期")
			}
			d.Deadline = in.Deadline
		}
		d.Accepted = in.Date
		return noteOr(in.Note, "受理")
	})
}

// DeclineInput declines a dispute (不予受理) with the reason.
type DeclineInput struct {
	ID     string `json:"id"`
	Date   string `json:"date"`
	Reason string `json:"reason"`
}

// Decline ends a registered dispute as 不予受理; the reason is required.
func (s *Service) Decline(in DeclineInput) (Dispute, error) {
	service.Trim(&in.Date, &in.Reason)
	return s.step(in.ID, MoveDecline, in.Date, func(d *Dispute, f *problem.Fields) string {
		s.checkDate(f, "date", "不予受理日期", in.Date, d.Date, "登记日期")
		f.Required("reason", "不予受理的理由", in.Reason)
		d.Accepted, d.Declined = in.Date, in.Reason
		return in.Reason
	})
}

// EntryInput adds a 调解记录.
type EntryInput struct {
	Dispute      string `json:"dispute"`
	Date         string `json:"date"`
	Mediator     string `json:"mediator"`     // staff id; "" = the dispute's mediator, or the name below
	MediatorName string `json:"mediatorName"` // someone not on the staff list
	Content      string `json:"content"`
}

// AddRecord adds a mediation record to an accepted dispute; the first one
// moves it to 调处中. Records are never changed or removed: a correction
// is a new record.
func (s *Service) AddRecord(in EntryInput) (Dispute, error) {
	service.Trim(&in.Date, &in.Mediator, &in.MediatorName, &in.Content)
	d, err := cases.Change(&s.Base, in.Dispute, func(_ *store.Txn, d *Dispute) error {
		if !Flow.Allowed(MoveRecord, d.Status) {
			return Flow.Refuse(d.Number, d.Status, MoveRecord)
		}
		var f problem.Fields
		s.checkDate(&f, "date", "调解日期", in.Date, d.Accepted, "受理日期")
		f.Required("content", "调解情况", in.Content)
		e := Entry{ID: store.NewID(), Date: in.Date, Content: in.Content, By: s.Author(), At: s.Now().Format(time.RFC3339)}
		switch {
		case in.Mediator != "" || in.MediatorName != "":
			e.Mediator, e.MediatorName = grid.StaffOrName(s.Store, &f, "mediator", "调解员", in.Mediator, in.MediatorName)
		default:
			e.Mediator, e.MediatorName = d.Mediator, d.MediatorName
		}
		if e.MediatorName == "" && !f.Has("mediator") {
			f.Add("mediator", "required", "请选择或填写调解员")
		}
		if err := f.Err(); err != nil {
			return err
		}
		d.Records = append(d.Records, e)
		if d.Status == StatusAccepted {
			cases.Log(d, &s.Base, Flow.MustMove(MoveMediate), caseflow.Step{Date: in.Date, Staff: e.MediatorName, StaffID: e.Mediator, Note: "开始调处"})
		}
		return nil
	})
	mask(&d)
	return d, err
}

// ResultInput records how mediation ended.
type ResultInput struct {
	ID        string  `json:"id"`
	Date      string  `json:"date"`
	Result    string  `json:"result"`    // Results
	Agreement string  `json:"agreement"` // 成功: 书面/口头 (required)
	Amount    float64 `json:"amount"`    // 成功: 协议金额 in 元, 0 = none
	Channel   string  `json:"channel"`   // 不成功: 引导诉讼/仲裁/信访 (required)
	Note      string  `json:"note"`
}

// Conclude ends mediation as 成功 (with the agreement's form) or 不成功
// (with where the parties were sent).
func (s *Service) Conclude(in ResultInput) (Dispute, error) {
	service.Trim(&in.Date, &in.Result, &in.Agreement, &in.Channel, &in.Note)
	move := MoveSucceed
	if in.Result == ResultFailure {
		move = MoveFail
	}
	if in.Result != ResultSuccess && in.Result != ResultFailure {
		var f problem.Fields
		dict.Fixed(&f, "result", "调处结果", Results, in.Result, true)
		return Dispute{}, f.Err()
	}
	return s.step(in.ID, move, in.Date, func(d *Dispute, f *problem.Fields) string {
		after, afterName := d.Accepted, "受理日期"
		if n := len(d.Records); n > 0 {
			after, afterName = d.Records[n-1].Date, "最后一次调解日期"
		} else {
			f.Add("records", "required", "尚无调解记录，请先登记调解过程")
		}
		s.checkDate(f, "date", "调处结束日期", in.Date, after, afterName)
		d.Result, d.ResultName, d.ResultDate = in.Result, dict.Name(Results, in.Result), in.Date
		d.Agreement, d.AgreementName, d.Amount, d.Channel, d.ChannelName = "", "", 0, "", ""
		if in.Result == ResultSuccess {
			d.AgreementName = dict.Fixed(f, "agreement", "协议形式", Agreements, in.Agreement, true)
			d.Agreement = in.Agreement
			switch {
			case in.Amount < 0 || math.IsNaN(in.Amount) || math.IsInf(in.Amount, 0):
				f.Add("amount", "range", "协议金额不能为负数")
			case in.Amount != math.Round(in.Amount*100)/100:
				f.Add("amount", "format", "协议金额最多保留两位小数（元）")
			}
			d.Amount = in.Amount
			if in.Channel != "" {
				f.Add("channel", "not_allowed", "调处成功的纠纷无需填写引导去向")
			}
		} else {
			d.ChannelName = dict.Fixed(f, "channel", "引导去向（诉讼、仲裁或信访）", Channels, in.Channel, true)
			d.Channel = in.Channel
			if in.Agreement != "" || in.Amount != 0 {
				f.Add("agreement", "not_allowed", "调处不成功的纠纷没有调解协议")
			}
		}
		return noteOr(in.Note, "调处"+d.ResultName)
	})
}

// VisitInput records the 回访.
type VisitInput struct {
	ID           string `json:"id"`
	Date         string `json:"date"`
	By           string `json:"by"`     // staff id
	ByName       string `json:"byName"` // someone not on the staff list
	Satisfaction string `json:"satisfaction"`
	Note         string `json:"note"`
}

// FollowUp records the 回访 of a dispute with a result; it needs the
// parties' satisfaction.
func (s *Service) FollowUp(in VisitInput) (Dispute, error) {
	service.Trim(&in.Date, &in.By, &in.ByName, &in.Satisfaction, &in.Note)
	return s.step(in.ID, MoveFollowUp, in.Date, func(d *Dispute, f *problem.Fields) string {
		s.checkDate(f, "date", "回访日期", in.Date, d.ResultDate, "调处结束日期")
		v := Visit{Date: in.Date, Note: in.Note, Satisfaction: in.Satisfaction}
		v.By, v.ByName = grid.StaffOrName(s.Store, f, "by", "回访人", in.By, in.ByName)
		if v.ByName == "" && !f.Has("by") {
			f.Add("by", "required", "请选择或填写回访人")
		}
		v.SatisfactionName = dict.Fixed(f, "satisfaction", "当事人满意度", Satisfactions, in.Satisfaction, true)
		d.Visit = v
		return noteOr(in.Note, "回访："+v.SatisfactionName)
	})
}

// ArchiveInput archives a dispute.
type ArchiveInput struct {
	ID   string `json:"id"`
	Date string `json:"date"`
	Note string `json:"note"`
}

// Archive files a visited dispute (归档); it is locked from then on.
func (s *Service) Archive(in ArchiveInput) (Dispute, error) {
	service.Trim(&in.Date, &in.Note)
	return s.step(in.ID, MoveArchive, in.Date, func(d *Dispute, f *problem.Fields) string {
		s.checkDate(f, "date", "归档日期", in.Date, d.Visit.Date, "回访日期")
		d.Archived = in.Date
		return noteOr(in.Note, "归档")
	})
}

func noteOr(note, def string) string {
	if strings.TrimSpace(note) == "" {
		return def
	}
	return note
}
