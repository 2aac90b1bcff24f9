package demo

import (
	"fmt"
	"time"

	"zongzhi/backend/people"
	"zongzhi/backend/volunteer"
)

// The township's teams: five 平安志愿队 recruited per group of villages,
// and the ones every township has.
var demoTeams = []struct{ name, typ, level string }{
	{"勐简乡平安志愿一队", "01", "village"}, {"勐简乡平安志愿二队", "01", "village"}, {"勐简乡平安志愿三队", "01", "village"},
	{"勐简乡平安志愿四队", "01", "village"}, {"勐简乡平安志愿五队", "01", "village"}, {"勐简乡巾帼志愿服务队", "07", "township"},
	{"勐简乡党员志愿服务队", "06", "township"}, {"勐简乡法律咨询志愿服务队", "09", "township"},
}

var demoSkills = []string{"巡逻", "急救", "驾驶", "法律", "心理疏导", "文艺", "电工", "摄影", "调解", "宣讲"}

// volunteers writes the teams, perTeam volunteers in each (persons of the
// registry, a few serving in two teams, some who left), and a year of
// activities with their hours: most approved, the latest still being
// entered, a few cancelled; each team's core members reach a star.
func (g *gen) volunteers(vs *volunteer.Service, ps *people.Service, perTeam int) error {
	today := vs.Now()
	day := func(t time.Time) string { return t.Format("2006-01-02") }
	start := today.AddDate(-1, 0, 0)
	recorder, err := g.staff("04", "乡综治中心")
	if err != nil {
		return err
	}
	organizer, err := g.staff("04", "乡综治中心")
	if err != nil {
		return err
	}
	var all []volunteer.Volunteer
	for i, t := range demoTeams {
		team, err := vs.SaveTeam(volunteer.Team{Name: t.name, Type: t.typ, Level: t.level, Leader: g.person(), Contact: g.phone(), Founded: fmt.Sprintf("%d-03-01", 2018+i%5)})
		if err != nil {
			return fmt.Errorf("demo: 志愿服务队: %w", err)
		}
		g.sum.Teams++
		var members []volunteer.Volunteer
		for k := 0; k < perTeam; k++ {
			var v volunteer.Volunteer
			if k%15 == 14 && len(all) > 0 { // some serve in two teams
				v = all[g.rng.Intn(len(all))]
			} else {
				birth := today.AddDate(-(22 + g.rng.Intn(45)), -g.rng.Intn(12), -g.rng.Intn(28))
				gid := g.gridOrder[g.rng.Intn(len(g.gridOrder))]
				if v, err = vs.SaveVolunteer(volunteer.VolunteerInput{PersonInput: &people.Person{Name: g.person(), IDNumber: g.idNumber(birth), Ethnicity: "01",
					Phone: g.phone(), Grid: gid}, Politics: g.pick([]string{"01", "13", "13", "03"}), Source: g.pick([]string{"01", "02", "03", "04", "05", "99", "99"}),
					Skills: []string{g.pick(demoSkills)}}); err != nil {
					return fmt.Errorf("demo: 志愿者: %w", err)
				}
				all = append(all, v)
				g.sum.Volunteers++
			}
			joined := day(start.AddDate(0, -g.rng.Intn(24), -g.rng.Intn(28)))
			if v, err = vs.SetMembership(volunteer.MembershipInput{Volunteer: v.ID, Team: team.ID, Joined: joined}); err != nil {
				continue // already in this team
			}
			if k%20 == 19 { // left during the year
				m := v.Memberships[len(v.Memberships)-1]
				if v, err = vs.SetMembership(volunteer.MembershipInput{Volunteer: v.ID, ID: m.ID, Left: day(start.AddDate(0, 3+g.rng.Intn(6), 0))}); err != nil {
					return err
				}
			}
			members = append(members, v)
		}
		// Three activities a month; the first few members come to all of them.
		for m := 12; m >= 0; m-- {
			for n := 0; n < 3; n++ {
				held := today.AddDate(0, -m, -(n*9 + g.rng.Intn(8)))
				if held.After(today) || held.Before(start) {
					continue
				}
				hours := 3 + g.rng.Intn(2)
				a, err := vs.Plan(volunteer.ActivityInput{Teams: []string{team.ID}, Title: g.pick([]string{"夜间治安巡逻", "防诈骗宣传进村组", "关爱空巢老人走访", "集镇环境整治", "法律咨询进村"}),
					Type: g.pick([]string{"01", "02", "04", "05"}), Date: day(held), Start: "08:00", End: fmt.Sprintf("%02d:00", 8+hours), Place: g.pick(placeHead) + "村",
					Organizer: organizer.ID, Served: volunteer.Served{Elderly: g.rng.Intn(8), Children: g.rng.Intn(5)}})
				if err != nil {
					return fmt.Errorf("demo: 志愿服务活动: %w", err)
				}
				g.sum.Activities++
				if m == 0 && n == 0 && g.rng.Intn(3) == 0 {
					if _, err := vs.Cancel(volunteer.DateInput{ID: a.ID, Reason: "天气原因改期"}); err != nil {
						return err
					}
					continue
				}
				if _, err := vs.Hold(volunteer.HoldInput{ID: a.ID, Recorder: recorder.ID}); err != nil {
					return err
				}
				for k, v := range members {
					if k >= 4 && g.rng.Intn(4) != 0 {
						continue // the core come every time, the rest now and then
					}
					if _, err := vs.SetHours(volunteer.HoursInput{Activity: a.ID, Volunteer: v.ID, Hours: float64(hours)}); err != nil {
						continue // not a member on that day (joined later or left)
					}
				}
				if today.Sub(held) < 5*24*time.Hour {
					continue // hours still being entered
				}
				if _, err := vs.Approve(volunteer.ApproveInput{ID: a.ID, Approver: organizer.ID, Date: day(held.AddDate(0, 0, 2))}); err != nil {
					return err
				}
				if m > 2 {
					if _, err := vs.Archive(volunteer.DateInput{ID: a.ID}); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}
