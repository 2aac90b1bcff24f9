package demo

import (
	"fmt"
	"math/rand"
	"time"

	"zongzhi/backend/cadence"
	"zongzhi/backend/idcard"
	"zongzhi/backend/people"
)

// Category mix of a township's special populations (weights out of 100).
var categoryMix = []struct {
	code   string
	weight int
}{{"01", 28}, {"02", 10}, {"03", 25}, {"04", 14}, {"05", 3}, {"06", 8}, {"51", 12}}

var (
	riskMix    = []string{"0", "0", "0", "0", "1", "1", "1", "2", "2", "3", "4", "5"}
	behaviours = []string{
		"在家务农，情绪稳定，按时服药", "外出务工，电话联系正常", "生活规律，与家人关系和睦", "近期情绪低落，已联系卫生院随访",
		"遵守矫正规定，按时报到", "在村茶厂务工，表现良好", "家属反映睡眠不好，已提醒按时复诊", "无异常，已宣传禁毒法规",
		"对上访事项有情绪，已做解释疏导", "在校就读，成绩一般，已与班主任沟通",
	}
	measures = []string{"", "", "送去慰问品", "协助申请低保", "联系就业岗位", "提醒定期复诊", "落实监护责任", "开展法治教育"}
	exits    = []string{"矫正期满，依法解除", "戒断三年未复吸，经评估解除", "迁往外省居住", "病情稳定，经评估解除"}
)

// population enrolls perGrid people (on average) in every grid, each with
// a visit history at the cadence their category asks, some falling behind.
// Dates are relative to the service's today, so the board looks lived-in
// on any day; the same seed gives the same people and pattern.
func (g *gen) population(ps *people.Service, perGrid int) error {
	today := ps.Now()
	table := cadence.Table(cadence.Defaults())
	for _, gid := range g.gridOrder {
		crew := g.crews[gid]
		n := perGrid/2 + g.rng.Intn(perGrid+1)
		for i := 0; i < n; i++ {
			if err := g.enrollOne(ps, table, today, gid, crew); err != nil {
				return err
			}
		}
	}
	return nil
}

func (g *gen) idNumber(birth time.Time) string {
	for {
		body := fmt.Sprintf("%s%s%03d", county, birth.Format("20060102"), g.rng.Intn(1000))
		n := body + string(idcard.CheckDigit(body))
		if !g.ids[n] {
			g.ids[n] = true
			return n
		}
	}
}

func (g *gen) enrollOne(ps *people.Service, table cadence.Table, today time.Time, gid string, crew []string) error {
	cat := ""
	for r := g.rng.Intn(100); cat == ""; {
		for _, c := range categoryMix {
			if r < c.weight {
				cat = c.code
				break
			}
			r -= c.weight
		}
		if cat == "" {
			cat = "01"
		}
	}
	age := 20 + g.rng.Intn(50)
	if cat == "06" {
		age = 12 + g.rng.Intn(6)
	}
	birth := today.AddDate(-age, -g.rng.Intn(12), -g.rng.Intn(28))
	saved, err := ps.SavePerson(people.Person{Name: g.person(), IDNumber: g.idNumber(birth), Ethnicity: "01", Phone: g.phone(), Grid: gid,
		Address: g.pick(placeHead) + g.pick(groupNames) + fmt.Sprint(1+g.rng.Intn(80)) + "号"})
	if err != nil {
		return fmt.Errorf("demo: person: %w", err)
	}
	p := saved.Person
	g.sum.Persons++
	responsible := []string{crew[g.rng.Intn(len(crew))]}
	in := people.EnrollInput{Person: p.ID, Category: cat, Responsible: responsible, Source: fmt.Sprint(1 + g.rng.Intn(4)),
		Attention: []string{"01", "02", "02", "03"}[g.rng.Intn(4)], Control: fmt.Sprint(1 + g.rng.Intn(3)),
		Enrolled: today.AddDate(0, -2-g.rng.Intn(40), -g.rng.Intn(28)).Format("2006-01-02")}
	in.Details = Details(g.rng, cat)
	e, err := ps.Enroll(in)
	if err != nil {
		return fmt.Errorf("demo: enroll: %w", err)
	}
	g.sum.Enrollments++
	// Visits at the cadence, with the odd delay; about one in seven falls
	// behind lately (the board's overdue list), a few enrolled lately were
	// never visited.
	every := table.For(e.Category, e.Level).Every
	day := cadence.AddInterval(e.Enrolled, every)
	now := today.Format("2006-01-02")
	stop := now
	switch x := g.rng.Intn(100); {
	case x < 14:
		stop = cadence.AddInterval(stop, cadence.Interval{N: -(1 + g.rng.Intn(3)) * every.N, Unit: every.Unit})
	case x < 17 && e.Enrolled >= cadence.AddInterval(now, cadence.Interval{N: -2 * every.N, Unit: every.Unit}):
		stop = e.Enrolled // enrolled lately, not yet visited
	}
	var visits []people.VisitInput
	for day != "" && day < stop {
		jitter := g.rng.Intn(9) - 6
		d, _ := time.Parse("2006-01-02", day)
		actual := d.AddDate(0, 0, jitter).Format("2006-01-02")
		if actual <= e.Enrolled || actual > now {
			actual = day
		}
		visits = append(visits, people.VisitInput{Date: actual, Method: []string{"1", "1", "1", "2", "3"}[g.rng.Intn(5)],
			Visitors: responsible, Behaviour: g.pick(behaviours), Measures: g.pick(measures)})
		day = cadence.AddInterval(day, every)
	}
	if len(visits) > 0 {
		if err := ps.RecordVisits(people.VisitHistory{Enrollment: e.ID, Visits: visits}); err != nil {
			return fmt.Errorf("demo: visits: %w", err)
		}
		g.sum.Visits += len(visits)
	}
	if g.rng.Intn(20) == 0 && len(visits) > 0 { // some leave management, with the reason
		to := []string{"4", "7"}[g.rng.Intn(2)]
		if _, err := ps.ChangeStatus(people.StatusInput{ID: e.ID, Status: to, Date: visits[len(visits)-1].Date, Reason: g.pick(exits)}); err != nil {
			return fmt.Errorf("demo: exit: %w", err)
		}
	}
	return nil
}

// Details draws a category's own items (GB/T 31000) in the mix a county
// sees: most 刑满释放 一般帮教, most 严重精神障碍 at low risk. The demo and
// the county benchmark share it.
func Details(rng *rand.Rand, cat string) map[string]string {
	d := map[string]string{}
	switch cat {
	case "01":
		d["assessment"] = []string{"01", "02", "02"}[rng.Intn(3)]
		d["crime"] = fmt.Sprintf("%02d", 1+rng.Intn(10))
	case "02":
		d["type"] = fmt.Sprintf("%02d", 1+rng.Intn(4))
	case "03":
		d["risk"] = riskMix[rng.Intn(len(riskMix))]
		d["diagnosis"] = []string{"01", "01", "04", "07", "99"}[rng.Intn(5)]
		d["treatment"] = []string{"02", "02", "01", "04"}[rng.Intn(4)]
	case "04":
		d["control"] = []string{"01", "01", "06", "05"}[rng.Intn(4)]
	}
	return d
}
