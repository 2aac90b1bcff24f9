package demo

import (
	"fmt"
	"time"

	"zongzhi/backend/grid"
	"zongzhi/backend/ledger"
)

// What the demo's items are about, per category code.
var hazards = map[string][]string{
	"01": {"砖厂粉尘作业未配备防护用品", "烤烟房电线私拉乱接", "农资店农药与食品混放", "采石场边坡未设警示标志"},
	"02": {"出租屋未登记流动人口", "夜间路灯损坏存在治安隐患", "网吧接纳未成年人"},
	"03": {"相邻两户因排水沟发生争执", "土地流转租金未按期支付"},
	"04": {"养殖场粪污直排河道", "生活垃圾沿河堆放", "秸秆露天焚烧"},
	"05": {"集贸市场消防通道被占用", "电动车在楼道内充电", "灭火器过期未更换"},
	"06": {"学校门口车辆乱停乱放", "村道急弯处缺少减速带"},
	"07": {"街道两侧摊点占道经营"},
	"99": {"公共厕所破损无人管理"},
}

var hazardCategories = []string{"01", "01", "01", "02", "02", "03", "04", "04", "05", "05", "05", "06", "07", "99"}

// ledgerItems writes a year of rectification items in every state: most
// older items closed (some late, some after a failed verification or an
// extension), a few cancelled or rejected, the recent ones still moving.
func (g *gen) ledgerItems(ls *ledger.Service, perMonth int) error {
	today := ls.Now()
	day := func(t time.Time) string { return t.Format("2006-01-02") }
	center := make([]grid.Staff, 2)
	for i := range center {
		s, err := g.staff("04", "乡综治中心")
		if err != nil {
			return err
		}
		center[i] = s
	}
	units := []string{"01", "02", "03", "04", "05", "05", "07", "09", "10", "11", "11", "11"}
	for m := 11; m >= 0; m-- {
		n := perMonth/2 + g.rng.Intn(perMonth+1)
		for k := 0; k < n; k++ {
			found := today.AddDate(0, -m, -g.rng.Intn(28))
			if found.After(today) {
				found = today
			}
			gid := g.gridOrder[g.rng.Intn(len(g.gridOrder))]
			crew := g.crews[gid]
			cat := g.pick(hazardCategories)
			what := g.pick(hazards[cat])
			it, err := ls.Save(ledger.ItemInput{Source: fmt.Sprint(1 + g.rng.Intn(7)), Category: cat, Level: map[bool]string{true: "2", false: "1"}[g.rng.Intn(12) == 0],
				Place: g.pick(placeHead) + g.pick(targets), Grid: gid, Found: day(found), Reporter: g.person(), Description: what})
			if err != nil {
				return fmt.Errorf("demo: 整改事项: %w", err)
			}
			g.sum.Items++
			age := int(today.Sub(found).Hours() / 24)
			roll := g.rng.Intn(100)
			if roll < 3 {
				_, err = ls.Act(ledger.ActInput{ID: it.ID, Action: ledger.ActReject, Date: day(found), Note: "经核实不属于本辖区，已告知反映人"})
				if err != nil {
					return err
				}
				continue
			}
			if age < 2 && roll < 60 {
				continue // 待受理
			}
			dispatcher, reviewer := center[0], center[1]
			if g.rng.Intn(2) == 0 {
				dispatcher, reviewer = reviewer, dispatcher
			}
			assigned := found.AddDate(0, 0, g.rng.Intn(2))
			if assigned.After(today) {
				assigned = today
			}
			in := ledger.AssignInput{ID: it.ID, Date: day(assigned), Dispatcher: dispatcher.ID, Unit: g.pick(units), Responsible: crew[0], Reviewer: reviewer.ID,
				Project: what + "整改", Measures: "责令限期整改，落实专人盯守，整改后复查", Funds: g.pick([]string{"无需资金", "自筹", "村集体经费", "乡镇专项经费2000元"}),
				DeadlineDays: []int{5, 10, 15, 30}[g.rng.Intn(4)], WorkingDays: g.rng.Intn(2) == 0}
			if in.Unit == "11" {
				in.CoUnits = []string{"01"}
			}
			s, err := ls.Assign(in)
			if err != nil {
				return fmt.Errorf("demo: 指派: %w", err)
			}
			if roll < 6 {
				if _, err := ls.Act(ledger.ActInput{ID: it.ID, Action: ledger.ActCancel, Date: day(assigned), Note: "与已登记事项重复，合并办理"}); err != nil {
					return err
				}
				continue
			}
			deadline, _ := time.Parse("2006-01-02", s.Item.Deadline)
			// How long it takes: mostly in time, some late, recent ones unfinished.
			took := int(deadline.Sub(assigned).Hours()/24) * (30 + g.rng.Intn(60)) / 100
			if roll > 88 {
				took = int(deadline.Sub(assigned).Hours()/24) + 3 + g.rng.Intn(20)
			}
			started := assigned.AddDate(0, 0, min(1, took))
			if started.After(today) || (age <= 4 && roll < 40) {
				continue // 已指派, not yet taken up
			}
			act := func(a ledger.ActInput) error {
				a.ID = it.ID
				_, err := ls.Act(a)
				return err
			}
			if err := act(ledger.ActInput{Action: ledger.ActAccept, Staff: crew[0], Date: day(started)}); err != nil {
				return err
			}
			if roll%9 == 0 && deadline.Before(today) {
				if err := act(ledger.ActInput{Action: ledger.ActExtendRequest, Staff: crew[0], Date: day(started), Deadline: day(deadline.AddDate(0, 0, 10)), Note: "需协调资金和施工队"}); err != nil {
					return err
				}
				if err := act(ledger.ActInput{Action: ledger.ActExtendApprove, Staff: dispatcher.ID, Date: day(started)}); err != nil {
					return err
				}
				took += 7
			}
			finished := assigned.AddDate(0, 0, took)
			if finished.After(today) {
				if g.rng.Intn(2) == 0 {
					if err := act(ledger.ActInput{Action: ledger.ActFeedback, Staff: crew[0], Date: day(started), Note: "已现场督促，正在整改"}); err != nil {
						return err
					}
				}
				continue // 处置中 (逾期 when past the deadline)
			}
			if err := act(ledger.ActInput{Action: ledger.ActSubmit, Staff: crew[0], Date: day(finished), Done: "已按要求整改到位：" + what + "问题已消除"}); err != nil {
				return err
			}
			checked := finished.AddDate(0, 0, 1+g.rng.Intn(2))
			if checked.After(today) {
				continue // 待核查
			}
			if roll%7 == 0 {
				if err := act(ledger.ActInput{Action: ledger.ActFail, Staff: reviewer.ID, Date: day(checked), Note: "现场复查仍有遗留问题，需彻底整改"}); err != nil {
					return err
				}
				finished = checked.AddDate(0, 0, 2)
				checked = finished.AddDate(0, 0, 1)
				if checked.After(today) {
					continue // back in 处置中
				}
				if err := act(ledger.ActInput{Action: ledger.ActSubmit, Staff: crew[0], Date: day(finished), Done: "遗留问题已整改"}); err != nil {
					return err
				}
			}
			if err := act(ledger.ActInput{Action: ledger.ActPass, Staff: reviewer.ID, Date: day(checked)}); err != nil {
				return err
			}
		}
	}
	return nil
}
