package demo

import (
	"fmt"
	"strings"
	"time"

	"zongzhi/backend/grid"
	"zongzhi/backend/ledger"
	"zongzhi/backend/meeting"
)

// A township's bodies: who meets, how often, by which rule.
var demoBodies = []struct {
	name, typ, rule, freq string
	members               int
	every                 int // months between meetings
	topics                []string
	decisions             []string
}{
	{"乡综治中心联席会议", "01", meeting.RuleNone, "monthly", 8, 1,
		[]string{"通报本月矛盾纠纷排查化解情况", "研究重点人员稳控措施", "部署节假日期间安全防范工作"},
		[]string{"对辖区出租屋开展一次全面排查", "加强学校周边治安巡逻", "督促集贸市场清理消防通道"}},
	{"乡社会治安形势分析研判会", "02", meeting.RuleNone, "monthly", 6, 2,
		[]string{"分析近期电信诈骗案件特点", "研判重点时段治安形势"},
		[]string{"在各村开展防范电信诈骗宣传", "排查整治夜间路灯损坏问题"}},
	{"乡党建联盟理事会", "03", meeting.RuleMajority, "monthly", 7, 2,
		[]string{"通报联盟成员单位结对共建进展", "审议下季度共建项目清单"},
		[]string{"组织成员单位到结对村开展政策宣讲", "落实共建项目资金拨付"}},
	{"集镇共建议事会", "04", meeting.RuleNone, "quarterly", 6, 3,
		[]string{"商议集镇环境卫生共管办法"},
		[]string{"划定集镇摊点经营区域", "增设垃圾分类收集点"}},
	{"群众代表座谈会", "05", meeting.RuleNone, "", 8, 6,
		[]string{"听取群众对社会治安的意见建议"},
		[]string{"回应群众反映的夜间照明问题"}},
	{"平场子村村民代表会议", "06", meeting.RuleTwoThirds, "quarterly", 12, 3,
		[]string{"审议村道硬化工程方案", "讨论村规民约修订草案"},
		[]string{"清理村道两侧垃圾堆放点", "整修村委会配电房线路"}},
}

// meetings writes a year of meetings of a body of every type: most
// signed and archived with their decisions tracked as items in every
// state, the last ones still drafts.
func (g *gen) meetings(ms *meeting.Service, ls *ledger.Service) error {
	today := ms.Now()
	day := func(t time.Time) string { return t.Format("2006-01-02") }
	center := make([]grid.Staff, 3) // host, recorder, reviewer
	for i := range center {
		s, err := g.staff("04", "乡综治中心")
		if err != nil {
			return err
		}
		center[i] = s
	}
	units := []string{"01", "02", "03", "04", "05", "11"}
	for _, b := range demoBodies {
		var members []meeting.Member
		for i := 0; i < b.members; i++ {
			members = append(members, meeting.Member{Name: g.person(), Unit: []string{"派出所", "司法所", "综治中心", "村（社区）", "市场监督管理所", "卫生院"}[i%6]})
		}
		body, err := ms.SaveBody(meeting.Body{Name: b.name, Type: b.typ, Rule: b.rule, Frequency: b.freq, Members: members})
		if err != nil {
			return fmt.Errorf("demo: 会议机构: %w", err)
		}
		g.sum.Bodies++
		for m := 12; m >= 0; m -= b.every {
			held := today.AddDate(0, -m, -g.rng.Intn(20))
			if held.After(today) {
				held = today
			}
			mt, err := ms.Create(meeting.Header{Body: body.ID, Title: "勐简乡" + strings.TrimPrefix(b.name, "乡"), Date: day(held), Start: "14:30", End: "16:30",
				Place: "乡综治中心会议室", Host: center[0].ID, HostPost: "乡党委副书记", Recorder: center[1].ID, Issuer: "勐简乡综治中心",
				CopyTo: "县委政法委，乡党政领导班子成员，各村（社区）"})
			if err != nil {
				return fmt.Errorf("demo: 会议: %w", err)
			}
			g.sum.Meetings++
			// Some are away, never so many that a body with a rule loses its quorum.
			spare := len(mt.Attendance) - meeting.Count(b.rule, mt.Attendance).Needed
			for i, a := range mt.Attendance {
				if b.rule != meeting.RuleNone && spare <= 0 {
					break
				}
				spare--
				switch r := g.rng.Intn(10); {
				case r == 0:
					mt, err = ms.SetAttendance(meeting.AttendanceInput{Meeting: mt.ID, Key: a.Key, Role: meeting.RoleLeave, Reason: g.pick([]string{"外出学习", "病假", "下村办案"})})
				case r == 1 && i > 0:
					mt, err = ms.SetAttendance(meeting.AttendanceInput{Meeting: mt.ID, Key: a.Key, Role: meeting.RoleAbsent})
				}
				if err != nil {
					return err
				}
			}
			for _, t := range b.topics[:1+g.rng.Intn(len(b.topics))] {
				in := meeting.ItemInput{Meeting: mt.ID, Topic: t, Reporter: g.pick([]string{"派出所", "司法所", "综治中心"}), Discussion: "与会人员进行了讨论，提出了意见建议。"}
				if b.rule != meeting.RuleNone {
					q := meeting.Count(b.rule, mt.Attendance)
					in.Voted, in.For, in.Against = true, max(q.Present-1, 0), min(1, q.Present)
				}
				if mt, err = ms.SaveItem(in); err != nil {
					return err
				}
			}
			for _, d := range b.decisions[:1+g.rng.Intn(len(b.decisions))] {
				deadline := held.AddDate(0, 0, 10+g.rng.Intn(30))
				if mt, err = ms.SaveDecision(meeting.DecisionInput{Meeting: mt.ID, Text: d, Unit: g.pick(units), Deadline: day(deadline)}); err != nil {
					return err
				}
			}
			if m == 0 && g.rng.Intn(2) == 0 {
				continue // this month's: still a draft
			}
			if mt, err = ms.Sign(meeting.SignInput{ID: mt.ID, Date: day(held)}); err != nil {
				return fmt.Errorf("demo: 签发: %w", err)
			}
			g.sum.Items += len(mt.Decisions) // each became a 整改事项
			if m > 1 {
				if _, err = ms.Archive(meeting.ArchiveInput{ID: mt.ID, Date: day(held.AddDate(0, 0, 3))}); err != nil {
					return err
				}
			}
			for _, d := range mt.Decisions {
				if err := g.carryOut(ls, d, held, today, center); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// carryOut moves a decision's item the way offices do: older ones done,
// some late, recent ones still being handled.
func (g *gen) carryOut(ls *ledger.Service, d meeting.Decision, held, today time.Time, center []grid.Staff) error {
	day := func(t time.Time) string { return t.Format("2006-01-02") }
	age := int(today.Sub(held).Hours() / 24)
	if age < 3 || g.rng.Intn(10) == 0 {
		return nil // 待受理
	}
	handler, err := g.staff("02", "责任单位")
	if err != nil {
		return err
	}
	if _, err := ls.Assign(ledger.AssignInput{ID: d.Ledger, Date: day(held), Dispatcher: center[0].ID, Unit: d.Unit, Responsible: handler.ID,
		Reviewer: center[2].ID, Project: d.Text, Measures: "按会议议定落实", Deadline: d.Deadline}); err != nil {
		return err
	}
	if age < 7 && g.rng.Intn(2) == 0 {
		return nil // 已指派, not yet taken up
	}
	if _, err := ls.Act(ledger.ActInput{ID: d.Ledger, Action: ledger.ActAccept, Staff: handler.ID, Date: day(held)}); err != nil {
		return err
	}
	done := held.AddDate(0, 0, 5+g.rng.Intn(40))
	if done.After(today) {
		return nil // 处置中, 逾期 once past the deadline
	}
	if _, err := ls.Act(ledger.ActInput{ID: d.Ledger, Action: ledger.ActSubmit, Staff: handler.ID, Date: day(done), Done: "已按会议要求落实"}); err != nil {
		return err
	}
	if today.Sub(done) < 72*time.Hour {
		return nil // 待核查
	}
	_, err = ls.Act(ledger.ActInput{ID: d.Ledger, Action: ledger.ActPass, Staff: center[2].ID, Date: day(done)})
	return err
}
