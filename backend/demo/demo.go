// Package demo writes a deterministic, realistic dataset through the
// normal services, for first starts, screenshots and benchmarks. The same
// scale and seed give the same names, codes and dates (record ids are
// UUIDv7 and differ per run).
package demo

import (
	"fmt"
	"math/rand"

	"zongzhi/backend/dispute"
	"zongzhi/backend/grid"
	"zongzhi/backend/ledger"
	"zongzhi/backend/meeting"
	"zongzhi/backend/people"
	"zongzhi/backend/problem"
	"zongzhi/backend/volunteer"
)

// Summary counts what was written.
type Summary struct {
	Townships   int `json:"townships"`
	Villages    int `json:"villages"`
	Grids       int `json:"grids"`
	Staff       int `json:"staff"`
	Assignments int `json:"assignments"`
	Links       int `json:"links"`
	Persons     int `json:"persons"`
	Enrollments int `json:"enrollments"`
	Visits      int `json:"visits"`
	Items       int `json:"items"`       // 整改事项
	Disputes    int `json:"disputes"`    // 矛盾纠纷
	ZeroReports int `json:"zeroReports"` // 矛盾纠纷零报告
	Bodies      int `json:"bodies"`      // 会议机构
	Meetings    int `json:"meetings"`    // 会议
	Teams       int `json:"teams"`       // 志愿服务队
	Volunteers  int `json:"volunteers"`  // 志愿者
	Activities  int `json:"activities"`  // 志愿服务活动
}

// Areas are the services the demo writes through; a nil area is skipped.
type Areas struct {
	Grid       *grid.Service
	People     *people.Service
	Ledger     *ledger.Service
	Disputes   *dispute.Service
	Meetings   *meeting.Service   // needs Ledger: decisions become its items
	Volunteers *volunteer.Service // needs People: volunteers are its persons
}

// Scales: a township center's own data, or a county's (benchmarks).
const (
	ScaleTownship = "township"
	ScaleCounty   = "county"
)

const county = "530521" // 施甸县-like six-digit county code

var (
	surnames   = []rune("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文")
	givenChars = []rune("国华建明永春秀兰英玉芳丽红志勇军伟强磊洋艳娟涛斌超霞平刚桂琼云海燕德福兴旺学文成林琳婷静敏慧晓东雪梅凤仙开顺家荣正光")
	placeHead  = []string{"平场", "大坪", "木瓜", "新寨", "老街", "河湾", "松林", "石桥", "沙坝", "团山", "龙井", "回龙", "青龙", "白塔", "杨柳", "柿花", "水碓", "落水", "梨园", "何家", "李家", "上寨", "下寨", "中和", "太平", "兴隆", "长岭", "岔河"}
	placeTail  = []string{"子", "", "坡", "湾", "箐", "田", "坝", ""}
	townNames  = []string{"勐简乡", "仁和镇", "甸阳镇", "由旺镇", "姚关镇", "太平镇", "水长乡", "何元乡", "酒房乡", "老麦乡", "木老元乡", "摆榔乡", "万兴乡", "旧城乡", "保场乡"}
	groupNames = []string{"一组", "二组", "三组", "四组", "五组", "六组", "七组", "八组", "九组", "十组"}
	units      = []string{"村委会", "村民小组", "驻村工作队", "乡综治中心", "乡司法所", "派出所", "卫生院", "中心学校"}
	targets    = []string{"户", "号楼", "茶厂", "农资店", "砖厂", "小卖部", "合作社", "养殖场"}
)

type gen struct {
	rng *rand.Rand
	svc *grid.Service
	sum Summary
	// phones and ID numbers already handed out: unique, like real ones.
	phones map[string]bool
	ids    map[string]bool
	// each grid's own staff, in creation order, for 包保责任人
	gridOrder []string
	crews     map[string][]string
}

func (g *gen) pick(list []string) string { return list[g.rng.Intn(len(list))] }

func (g *gen) person() string {
	name := string(surnames[g.rng.Intn(len(surnames))])
	for i := 0; i < 1+g.rng.Intn(2); i++ {
		name += string(givenChars[g.rng.Intn(len(givenChars))])
	}
	return name
}

func (g *gen) phone() string {
	for {
		p := fmt.Sprintf("1%d%d%08d", 3+g.rng.Intn(6), g.rng.Intn(10), g.rng.Intn(100000000))
		if !g.phones[p] {
			g.phones[p] = true
			return p
		}
	}
}

func (g *gen) date(fromYear, toYear int) string {
	return fmt.Sprintf("%d-%02d-%02d", fromYear+g.rng.Intn(toYear-fromYear+1), 1+g.rng.Intn(12), 1+g.rng.Intn(28))
}

// Load writes the dataset for scale with seed through the services.
func Load(a Areas, scale string, seed int64) (Summary, error) {
	svc, ps := a.Grid, a.People
	towns, villagesPer, perGrid, perMonth, disputesPerMonth, volunteersPerTeam := 1, 12, 5, 30, 12, 40
	switch scale {
	case ScaleTownship, "":
	case ScaleCounty:
		towns, villagesPer, perGrid, perMonth, disputesPerMonth, volunteersPerTeam = len(townNames), 14, 24, 30*len(townNames), 12*len(townNames), 40
	default:
		return Summary{}, &problem.Error{Code: problem.CodeInvalid, Message: fmt.Sprintf("未知的演示数据规模“%s”（可选 township、county）", scale)}
	}
	g := &gen{rng: rand.New(rand.NewSource(seed)), svc: svc, phones: map[string]bool{}, ids: map[string]bool{}, crews: map[string][]string{}}
	for t := 0; t < towns; t++ {
		if err := g.township(t, villagesPer); err != nil {
			return g.sum, err
		}
	}
	if ps != nil {
		if err := g.population(ps, perGrid); err != nil {
			return g.sum, err
		}
	}
	if a.Ledger != nil {
		if err := g.ledgerItems(a.Ledger, perMonth); err != nil {
			return g.sum, err
		}
	}
	if a.Disputes != nil {
		if err := g.disputes(a.Disputes, disputesPerMonth); err != nil {
			return g.sum, err
		}
	}
	if a.Volunteers != nil && ps != nil {
		if err := g.volunteers(a.Volunteers, ps, volunteersPerTeam); err != nil {
			return g.sum, err
		}
	}
	if a.Meetings != nil && a.Ledger != nil {
		if err := g.meetings(a.Meetings, a.Ledger); err != nil {
			return g.sum, err
		}
	}
	return g.sum, nil
}

func (g *gen) township(t, villages int) error {
	code := fmt.Sprintf("%s%03d000", county, 101+t)
	if _, err := g.svc.SaveDivision(grid.Division{Code: code, Name: townNames[t], Level: "township", ValidFrom: "2012-01-01"}); err != nil {
		return err
	}
	g.sum.Townships++
	// A township shares one police chief and one legal adviser per few grids.
	police, err := g.staff("05", "派出所")
	if err != nil {
		return err
	}
	lawyer, err := g.staff("06", "律师事务所")
	if err != nil {
		return err
	}
	used := map[string]bool{}
	for v := 0; v < villages; v++ {
		name := g.pick(placeHead) + g.pick(placeTail)
		for used[name] {
			name = g.pick(placeHead) + g.pick(placeTail)
		}
		used[name] = true
		suffix, seq := "村", 200+v+1
		if v < 2 {
			suffix, seq = "社区", v+1 // communities first: 001, 002; villages from 201
		}
		vcode := fmt.Sprintf("%s%03d", code[:9], seq)
		if _, err := g.svc.SaveDivision(grid.Division{Code: vcode, Name: name + suffix, Level: "village", Parent: code, ValidFrom: "2012-01-01"}); err != nil {
			return err
		}
		g.sum.Villages++
		if err := g.village(vcode, name+suffix, police, lawyer); err != nil {
			return err
		}
	}
	return nil
}

func (g *gen) staff(role, unit string) (grid.Staff, error) {
	s, err := g.svc.SaveStaff(grid.Staff{Name: g.person(), Phone: g.phone(), Role: role, Unit: unit})
	if err == nil {
		g.sum.Staff++
	}
	return s, err
}

func (g *gen) village(code, name string, police, lawyer grid.Staff) error {
	n := 3 + g.rng.Intn(6)
	for i := 0; i < n; i++ {
		gr := grid.Grid{Name: name + groupNames[i], Village: code, Level: "1", Type: "1", Households: 40 + g.rng.Intn(160)}
		if g.rng.Intn(10) < 3 { // most grids are not surveyed yet: 待定位
			gr.Centre = &grid.Point{Lng: 99.1 + g.rng.Float64()*0.3, Lat: 24.9 + g.rng.Float64()*0.3}
		}
		gr.Scope = fmt.Sprintf("东至%s，西至%s，南至%s，北至%s", g.pick(placeHead)+"沟", g.pick(placeHead)+"路", g.pick(placeHead)+"河", g.pick(placeHead)+"山")
		saved, err := g.svc.SaveGrid(gr)
		if err != nil {
			return err
		}
		g.sum.Grids++
		if err := g.crew(saved, name, police, lawyer); err != nil {
			return err
		}
		if i == 0 && g.rng.Intn(2) == 0 { // a dedicated sub-grid for an enterprise or school
			sub, err := g.svc.SaveGrid(grid.Grid{Name: name + g.pick([]string{"中心学校", "茶叶加工厂", "集贸市场"}), Village: code,
				Level: "2", Type: "2", Parent: saved.ID})
			if err != nil {
				return err
			}
			g.sum.Grids++
			if err := g.crew(sub, name, police, lawyer); err != nil {
				return err
			}
		}
	}
	return nil
}

// crew staffs a grid: a primary (sometimes after a handover), workers, the
// police chief, the legal adviser, and a few 包挂 links.
func (g *gen) crew(gr grid.Grid, village string, police, lawyer grid.Staff) error {
	head, err := g.staff("01", village+"委会")
	if err != nil {
		return err
	}
	start := g.date(2019, 2021)
	if g.rng.Intn(3) == 0 { // an earlier grid head who handed over
		prev, err := g.staff("01", village+"委会")
		if err != nil {
			return err
		}
		if err := g.assign(gr, prev, "01", true, "2018-01-01"); err != nil {
			return err
		}
	}
	if err := g.assign(gr, head, "01", true, start); err != nil {
		return err
	}
	g.gridOrder = append(g.gridOrder, gr.ID)
	g.crews[gr.ID] = append(g.crews[gr.ID], head.ID)
	workers := 1 + g.rng.Intn(3)
	for w := 0; w < workers; w++ {
		role := "02"
		if g.rng.Intn(3) == 0 {
			role = "03"
		}
		p, err := g.staff(role, g.pick(units))
		if err != nil {
			return err
		}
		if err := g.assign(gr, p, role, false, g.date(2022, 2023)); err != nil {
			return err
		}
		g.crews[gr.ID] = append(g.crews[gr.ID], p.ID)
		for l := 0; l < g.rng.Intn(3); l++ {
			obj := fmt.Sprint(1 + g.rng.Intn(4))
			target := g.person() + "家"
			if obj != "1" {
				target = g.pick(placeHead) + g.pick(targets)
			}
			if _, err := g.svc.SaveLink(grid.Link{Staff: p.ID, Grid: gr.ID, Object: obj, Target: target, Start: g.date(2022, 2023)}); err != nil {
				return err
			}
			g.sum.Links++
		}
	}
	if err := g.assign(gr, police, "05", false, "2022-01-01"); err != nil {
		return err
	}
	return g.assign(gr, lawyer, "06", false, "2022-01-01")
}

func (g *gen) assign(gr grid.Grid, p grid.Staff, role string, primary bool, start string) error {
	if _, err := g.svc.Assign(grid.AssignInput{Grid: gr.ID, Staff: p.ID, Role: role, Primary: primary, Start: start}); err != nil {
		return fmt.Errorf("demo: assign %s to %s: %w", p.Name, gr.Name, err)
	}
	g.sum.Assignments++
	return nil
}
