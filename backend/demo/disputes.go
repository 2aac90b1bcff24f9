package demo

import (
	"fmt"
	"time"

	"zongzhi/backend/dispute"
	"zongzhi/backend/grid"
	"zongzhi/backend/zeroreport"
)

// quarrel is what a demo dispute is about: the name's tail, the
// description, and whether an agreement usually settles an amount.
type quarrel struct {
	name, desc string
	money      bool
}

// What the demo's disputes are about, per category code.
var quarrels = map[string][]quarrel{
	"01": {{"婚姻家庭纠纷", "夫妻因家庭琐事长期争吵，女方提出离婚，双方对子女抚养有分歧", false}, {"赡养纠纷", "兄弟三人对老人赡养费用分担意见不一，老人向村委会求助", true}},
	"02": {{"排水沟纠纷", "相邻两户因排水沟堵塞、雨水漫入院内发生争执", false}, {"通行纠纷", "一方在共用通道上堆放柴草，影响另一方通行", false}, {"噪音纠纷", "一方夜间加工茶叶噪音扰民，邻居多次交涉未果", false}},
	"03": {{"宅基地界址纠纷", "两户建房时对宅基地界址认定不一，发生口角", false}, {"房屋漏水纠纷", "楼上卫生间漏水导致楼下房屋受损，双方对赔偿有争议", true}},
	"04": {{"买卖合同纠纷", "购买茶叶鲜叶后尾款未按约定支付", true}, {"租赁合同纠纷", "房屋租期未满承租人提前退租，押金退还有争议", true}},
	"05": {{"合伙经营纠纷", "合伙经营养殖场亏损，双方对亏损分担有分歧", true}},
	"06": {{"人身损害赔偿纠纷", "村民被邻居饲养的狗咬伤，医疗费用赔偿有争议", true}, {"财产损害赔偿纠纷", "放养的牛践踏他人烤烟地，造成烟叶减产", true}},
	"07": {{"土地承包纠纷", "承包地边界不清，两户在耕种时发生争执", false}, {"山林权属纠纷", "两个村民小组对交界处林地权属各执一词", false}},
	"08": {{"征地补偿纠纷", "道路建设征地青苗补偿款分配有争议", true}},
	"09": {{"环境污染纠纷", "养殖场粪污流入农田，周边农户要求赔偿", true}},
	"10": {{"劳资纠纷", "工程完工后包工头拖欠务工人员工资", true}, {"欠薪纠纷", "茶厂季节工工资未按时结清", true}},
	"11": {{"医疗纠纷", "患者家属对卫生院诊疗过程有异议，要求说明并赔偿", true}},
	"12": {{"物业纠纷", "小区业主对物业服务费收取标准有异议", false}},
	"13": {{"交通事故纠纷", "摩托车与三轮车在村道剐蹭，双方对责任认定和赔偿有分歧", true}},
	"14": {{"村务管理纠纷", "村民对集体经济收益分配方案有异议", false}},
	"99": {{"其他纠纷", "村民对公共水池用水安排有意见", false}},
}

// A township's mix: neighbours, families, land and wages most of all.
var quarrelCategories = []string{"02", "02", "02", "02", "01", "01", "01", "03", "03", "07", "07", "10", "10", "06", "06", "04", "13", "13", "09", "14", "05", "08", "11", "12", "99"}

var (
	recordNotes = []string{
		"分别听取双方陈述，核实事实，向双方讲解相关法律规定",
		"组织双方当面调解，双方情绪趋于平稳，同意继续协商",
		"邀请村组干部和双方亲属参与，做通当事人思想工作",
		"实地查看现场，调取相关证据，提出初步调解方案",
		"再次组织调解，双方就主要分歧基本达成一致",
	}
	declineReasons = []string{"属于法院已受理的案件，告知当事人依法诉讼", "当事人一方明确拒绝调解", "不属于民间纠纷，已告知向有关部门反映"}
	visitNotes     = []string{"协议已履行完毕，双方关系缓和", "按协议分期履行中，未发现反复", "当事人对调解过程表示认可", "一方仍有意见，已做解释工作"}
	companies      = []string{"茶叶加工厂", "建筑工程队", "砖厂", "养殖合作社", "运输队"}
	places         = []string{"组农户家中", "组村道旁", "组茶地", "组晒场", "村委会附近", "集贸市场"}
)

// disputeRun is one generation of disputes: the service, today, the
// township's own mediators and how many mediations failed so far (they
// go to court, arbitration and 信访 in turn, so each shows up).
type disputeRun struct {
	*gen
	ds        *dispute.Service
	today     time.Time
	mediators []grid.Staff
	failures  int
}

func day(t time.Time) string { return t.Format("2006-01-02") }

// disputes writes a year of 矛盾纠纷 in every state through the service:
// most older ones mediated to a result, visited and archived; a few
// declined, a few unresolved and sent on; the recent ones still moving.
// Then 零报告 for a few grids that had no disputes in a past month.
func (g *gen) disputes(ds *dispute.Service, perMonth int) error {
	r := &disputeRun{gen: g, ds: ds, today: ds.Now()}
	for i := 0; i < 2; i++ { // 乡人民调解委员会's own mediators
		s, err := g.staff("04", "乡司法所")
		if err != nil {
			return err
		}
		r.mediators = append(r.mediators, s)
	}
	// Which grids had disputes in which month, for the zero reports.
	seen := map[string]bool{}
	for m := 11; m >= 0; m-- {
		n := perMonth/2 + g.rng.Intn(perMonth+1)
		for k := 0; k < n; k++ {
			date := r.today.AddDate(0, -m, -g.rng.Intn(28))
			if date.After(r.today) {
				date = r.today
			}
			gid := g.gridOrder[g.rng.Intn(len(g.gridOrder))]
			seen[gid+"/"+date.Format("2006-01")] = true
			if err := r.one(gid, date, ""); err != nil {
				return err
			}
		}
	}
	// This week's work, so the list shows every open state whatever the seed.
	for i, stop := range []string{dispute.StatusRegistered, dispute.StatusAccepted, dispute.StatusMediating, dispute.StatusSucceeded, dispute.StatusFailed} {
		date := r.today.AddDate(0, 0, i-6)
		gid := g.gridOrder[g.rng.Intn(len(g.gridOrder))]
		seen[gid+"/"+date.Format("2006-01")] = true
		if err := r.one(gid, date, stop); err != nil {
			return err
		}
	}
	if ds.Zero == nil {
		return nil
	}
	// 零报告: a grid head reports that a past month found nothing.
	for m := 1; m <= 3; m++ {
		month := time.Date(r.today.Year(), r.today.Month()-time.Month(m), 1, 0, 0, 0, 0, r.today.Location())
		key := month.Format("2006-01")
		for _, gid := range g.gridOrder {
			if seen[gid+"/"+key] {
				continue
			}
			reported := month.AddDate(0, 1, 2+g.rng.Intn(15))
			if reported.After(r.today) {
				reported = r.today
			}
			head, _ := ds.Store.Row(g.crews[gid][0])
			if _, err := ds.Zero.Save(zeroreport.Report{Area: zeroreport.AreaDispute, Period: key, Scope: gid, Reporter: head.Name,
				Date: day(reported), Note: "经入户走访排查，本网格本月未发现矛盾纠纷"}); err != nil {
				return fmt.Errorf("demo: 零报告: %w", err)
			}
			g.sum.ZeroReports++
			break
		}
	}
	return nil
}

// one registers a dispute of a grid on date and takes it as far as its
// age allows, or, with stop set, exactly to that status.
func (r *disputeRun) one(gid string, date time.Time, stop string) error {
	g, ds, today := r.gen, r.ds, r.today
	clamp := func(t time.Time) time.Time {
		if t.After(today) {
			return today
		}
		return t
	}
	crew := g.crews[gid]
	cat := g.pick(quarrelCategories)
	q := quarrels[cat][g.rng.Intn(len(quarrels[cat]))]
	a, b := g.person(), g.person()
	parties := []dispute.Party{{Name: a, Role: "1"}, {Name: b, Role: "2"}}
	name := fmt.Sprintf("%s%s%s", string([]rune(a)[:1]), string([]rune(b)[:1]), q.name)
	if cat == "10" || cat == "05" || cat == "09" {
		parties[1].Name = g.pick(placeHead) + g.pick(companies)
		name = a + "等与" + parties[1].Name + q.name
	}
	for i := range parties {
		if parties[i].Name != a && parties[i].Name != b {
			continue // an organisation: no ID number
		}
		if g.rng.Intn(10) < 7 {
			parties[i].IDNumber = g.idNumber(today.AddDate(-20-g.rng.Intn(50), 0, -g.rng.Intn(365)))
		}
		if g.rng.Intn(10) < 6 {
			parties[i].Phone = g.phone()
		}
	}
	if g.rng.Intn(8) == 0 { // a second applicant
		parties = append(parties, dispute.Party{Name: g.person(), Role: "1", Phone: g.phone()})
	}
	involved := 0
	if cat == "10" {
		involved = 4 + g.rng.Intn(20)
	}
	scale := "1"
	switch r := g.rng.Intn(40); {
	case r == 0:
		scale = "3"
	case r < 5 || involved > 10:
		scale = "2"
	}
	source := []string{"1", "1", "1", "2", "2", "2", "3", "4", "5"}[g.rng.Intn(9)]
	d, err := ds.Save(dispute.Input{Name: name, Date: day(date), Place: g.pick(placeHead) + g.pick(places), Grid: gid, Scale: scale,
		Category: cat, Source: source, Parties: parties, Involved: involved, Description: q.desc})
	if err != nil {
		return fmt.Errorf("demo: 矛盾纠纷: %w", err)
	}
	g.sum.Disputes++
	age := int(today.Sub(date).Hours() / 24)
	roll := g.rng.Intn(100)
	switch {
	case stop == "" && roll < 4:
		_, err := ds.Decline(dispute.DeclineInput{ID: d.ID, Date: day(date), Reason: g.pick(declineReasons)})
		return err
	case stop == dispute.StatusRegistered, stop == "" && age < 3 && roll < 50:
		return nil // 已登记
	}
	accepted := clamp(date.AddDate(0, 0, g.rng.Intn(3)))
	mediator, org := crew[0], "村人民调解委员会"
	if g.rng.Intn(3) == 0 || scale != "1" {
		mediator, org = r.mediators[g.rng.Intn(len(r.mediators))].ID, "乡人民调解委员会"
	}
	method := "1"
	if scale == "3" || source == "5" {
		method = "4" // 联合调解
	}
	if _, err := ds.Accept(dispute.AcceptInput{ID: d.ID, Date: day(accepted), Method: method, Organisation: org, Mediator: mediator,
		Deadline: day(accepted.AddDate(0, 0, []int{15, 30}[g.rng.Intn(2)]))}); err != nil {
		return fmt.Errorf("demo: 受理: %w", err)
	}
	if stop == dispute.StatusAccepted {
		return nil
	}
	// Sessions a few days apart; the recent ones stop at today.
	last, sessions := accepted, 0
	for i := 0; i < 1+g.rng.Intn(3); i++ {
		at := last.AddDate(0, 0, g.rng.Intn(6))
		if at.After(today) && stop != "" && sessions == 0 {
			at = today
		}
		if at.After(today) || (age < 5 && i > 0) {
			break
		}
		if _, err := ds.AddRecord(dispute.EntryInput{Dispute: d.ID, Date: day(at), Content: recordNotes[min(i*2+g.rng.Intn(2), len(recordNotes)-1)]}); err != nil {
			return fmt.Errorf("demo: 调解记录: %w", err)
		}
		last, sessions = at, sessions+1
	}
	ended := last.AddDate(0, 0, 1+g.rng.Intn(6))
	if stop != "" {
		ended = clamp(ended)
	}
	if stop == dispute.StatusMediating || sessions == 0 || ended.After(today) || (stop == "" && roll < 8 && age > 30) {
		return nil // 已受理, or 调处中 (the old ones overdue)
	}
	res := dispute.ResultInput{ID: d.ID, Date: day(ended), Result: dispute.ResultSuccess}
	if stop == dispute.StatusFailed || (stop == "" && roll%19 == 0) {
		// Sent to court, arbitration and 信访 in turn, so each shows up.
		res.Result, res.Channel = dispute.ResultFailure, dispute.Channels[r.failures%len(dispute.Channels)].Code
		r.failures++
	} else {
		res.Agreement = map[bool]string{true: "1", false: "2"}[g.rng.Intn(10) < 6]
		if q.money && res.Agreement == "1" {
			res.Amount = float64(500 * (1 + g.rng.Intn(40)))
		}
	}
	if _, err := ds.Conclude(res); err != nil {
		return fmt.Errorf("demo: 调处结果: %w", err)
	}
	visited := ended.AddDate(0, 0, 3+g.rng.Intn(12))
	if res.Result == dispute.ResultFailure {
		visited = visited.AddDate(0, 0, 10) // once the court or the arbitration took it up
	}
	if stop != "" || visited.After(today) {
		return nil // 调处成功 / 不成功, not yet visited
	}
	sat := "1"
	switch r := g.rng.Intn(20); {
	case res.Result == dispute.ResultFailure && r < 10, r == 0:
		sat = "3"
	case r < 5:
		sat = "2"
	}
	if _, err := ds.FollowUp(dispute.VisitInput{ID: d.ID, Date: day(visited), By: crew[len(crew)-1], Satisfaction: sat,
		Note: g.pick(visitNotes)}); err != nil {
		return fmt.Errorf("demo: 回访: %w", err)
	}
	archived := visited.AddDate(0, 0, 1+g.rng.Intn(10))
	if archived.After(today) || age < 45 {
		return nil // 已回访
	}
	if _, err := ds.Archive(dispute.ArchiveInput{ID: d.ID, Date: day(archived)}); err != nil {
		return fmt.Errorf("demo: 归档: %w", err)
	}
	return nil
}
