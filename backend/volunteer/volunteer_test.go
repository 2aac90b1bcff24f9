package volunteer_test

import (
	"strings"
	"testing"
	"time"

	"zongzhi/backend/caseflow"
	"zongzhi/backend/grid"
	"zongzhi/backend/people"
	"zongzhi/backend/problem"
	"zongzhi/backend/store"
	"zongzhi/backend/testkit"
	"zongzhi/backend/volunteer"
)

type fixture struct {
	st    *store.Store
	svc   *volunteer.Service
	ppl   *people.Service
	grid  grid.Grid
	staff []grid.Staff
	team  volunteer.Team
	now   time.Time
}

func setup(t *testing.T, name string) *fixture {
	t.Helper()
	st := testkit.Open(t, store.DefaultOptions(t.TempDir()).WithSiteName(name).WithMachine(name),
		testkit.Indexers(grid.Indexers(), people.Indexers(), volunteer.Indexers()))
	f := &fixture{st: st, now: time.Date(2026, 6, 30, 18, 0, 0, 0, time.UTC)}
	clock := func() time.Time { return f.now }
	g := grid.New(st)
	g.Now = clock
	f.ppl = people.New(st, g)
	f.ppl.Now = clock
	f.svc = volunteer.New(st, f.ppl.Dict, f.ppl)
	f.svc.Now = clock
	f.grid = testkit.Township(t, g)
	f.staff = testkit.Staff(t, g, grid.Staff{Name: "周记录", Phone: "13800000001", Role: "02"}, grid.Staff{Name: "吴组织", Phone: "13800000002", Role: "02"})
	var err error
	if f.team, err = f.svc.SaveTeam(volunteer.Team{Name: "平场子村平安志愿队", Type: "01", Level: "village", Leader: "李队长", Founded: "2024-01-01"}); err != nil {
		t.Fatal(err)
	}
	return f
}

// volunteer registers a person as a volunteer and puts them in the team.
func (f *fixture) volunteer(t *testing.T, name string, order int, joined string) volunteer.Volunteer {
	t.Helper()
	v, err := f.svc.SaveVolunteer(volunteer.VolunteerInput{PersonInput: &people.Person{Name: name, IDNumber: testkit.IDNumber("19800101", order), Grid: f.grid.ID},
		Politics: "01", Source: "01", Skills: []string{"巡逻"}})
	if err != nil {
		t.Fatal(err)
	}
	if v, err = f.svc.SetMembership(volunteer.MembershipInput{Volunteer: v.ID, Team: f.team.ID, Joined: joined}); err != nil {
		t.Fatal(err)
	}
	return v
}

func (f *fixture) activity(t *testing.T, day, start, end string) volunteer.Activity {
	t.Helper()
	a, err := f.svc.Plan(volunteer.ActivityInput{Teams: []string{f.team.ID}, Title: "夜间治安巡逻", Type: "01", Date: day, Start: start, End: end,
		Place: "平场子村", Grid: f.grid.ID, Organizer: f.staff[1].ID})
	if err != nil {
		t.Fatal(err)
	}
	if a, err = f.svc.Hold(volunteer.HoldInput{ID: a.ID, Recorder: f.staff[0].ID}); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestHoursAreCheckedApprovedByAnotherAndCorrectedByANewEntry(t *testing.T) {
	f := setup(t, "乡综治中心")
	a1 := f.volunteer(t, "张三", 11, "2026-01-01")
	left := f.volunteer(t, "李四", 12, "2026-01-01")
	if _, err := f.svc.SetMembership(volunteer.MembershipInput{Volunteer: left.ID, ID: left.Memberships[0].ID, Left: "2026-05-31"}); err != nil {
		t.Fatal(err)
	}
	// A person is a volunteer once; the registry keeps one person per number.
	_, err := f.svc.SaveVolunteer(volunteer.VolunteerInput{Person: a1.Person})
	if msg := testkit.FieldMessage(t, err, "person"); !strings.Contains(msg, "已是登记的志愿者") {
		t.Fatal(msg)
	}
	act := f.activity(t, "2026-06-10", "19:00", "22:00")
	if act.Status != volunteer.StatusHeld || !strings.HasPrefix(act.Number, "HD-2026-") {
		t.Fatalf("held %+v", act)
	}
	scenarios := []struct {
		in      volunteer.HoursInput
		field   string
		message string
	}{
		{volunteer.HoursInput{Volunteer: a1.ID, Hours: 0.7}, "hours", "以0.5小时为单位"},
		{volunteer.HoursInput{Volunteer: a1.ID, Hours: 3.5}, "hours", "超过活动时长3小时"},
		{volunteer.HoursInput{Volunteer: a1.ID, SignIn: "20:00", SignOut: "19:00"}, "signOut", "签退时间应晚于签到时间"},
		{volunteer.HoursInput{Volunteer: left.ID, Hours: 2}, "volunteer", "不是平场子村平安志愿队的队员"},
		{volunteer.HoursInput{Volunteer: a1.ID, Hours: 2, OnDuty: true}, "onDuty", "本职工作"},
	}
	for _, sc := range scenarios {
		_, err := f.svc.SetHours(volunteer.HoursInput{Activity: act.ID, Volunteer: sc.in.Volunteer, Hours: sc.in.Hours, SignIn: sc.in.SignIn, SignOut: sc.in.SignOut, OnDuty: sc.in.OnDuty})
		if msg := testkit.FieldMessage(t, err, sc.field); !strings.Contains(msg, sc.message) {
			t.Fatalf("%+v: %s", sc.in, msg)
		}
	}
	// From the sign-in sheet: whole half hours between the times.
	if act, err = f.svc.SetHours(volunteer.HoursInput{Activity: act.ID, Volunteer: a1.ID, SignIn: "19:05", SignOut: "21:50"}); err != nil {
		t.Fatal(err)
	}
	if len(act.Hours) != 1 || act.Hours[0].Hours != 2.5 || act.Hours[0].Name != "张三" {
		t.Fatalf("hours %+v", act.Hours)
	}
	// Who recorded the activity does not approve its hours.
	_, err = f.svc.Approve(volunteer.ApproveInput{ID: act.ID, Approver: f.staff[0].ID, Date: "2026-06-11"})
	if msg := testkit.FieldMessage(t, err, "approver"); !strings.Contains(msg, "周记录") {
		t.Fatal(msg)
	}
	if act, err = f.svc.Approve(volunteer.ApproveInput{ID: act.ID, Approver: f.staff[1].ID, Date: "2026-06-11"}); err != nil || act.Status != volunteer.StatusApproved {
		t.Fatalf("approve: %v %+v", err, act)
	}
	_, err = f.svc.SetHours(volunteer.HoursInput{Activity: act.ID, Volunteer: a1.ID, Hours: 3})
	if p := problem.As(err); p.Code != caseflow.ErrTransition || !strings.Contains(p.Message, "更正时长") {
		t.Fatalf("hours after approval: %+v", p)
	}
	_, err = f.svc.Correct(volunteer.CorrectInput{Activity: act.ID, Volunteer: a1.ID, Hours: 3})
	testkit.FieldMessage(t, err, "reason")
	if act, err = f.svc.Correct(volunteer.CorrectInput{Activity: act.ID, Volunteer: a1.ID, Hours: 3, Reason: "签退时间记错"}); err != nil {
		t.Fatal(err)
	}
	if act.Hours[0].Hours != 2.5 || len(act.Corrections) != 1 || act.Corrections[0].Was != 2.5 || act.Corrections[0].Hours != 3 {
		t.Fatalf("corrected %+v %+v", act.Hours, act.Corrections)
	}
	rec, err := f.svc.ServiceRecord(a1.ID)
	if err != nil || rec.Total != 3 || len(rec.Lines) != 1 {
		t.Fatalf("record %v %+v", err, rec)
	}
}

// Stars come from approved hours only; exactly 100.0 hours is one star, on
// the day of the activity that reached it; a correction moves it.
func TestStarLevels(t *testing.T) {
	f := setup(t, "乡综治中心")
	v := f.volunteer(t, "王五", 13, "2025-01-01")
	var last volunteer.Activity
	for i := 0; i < 25; i++ { // 25 × 4 h = 100 h
		day := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i*6).Format("2006-01-02")
		a := f.activity(t, day, "08:00", "12:00")
		if _, err := f.svc.SetHours(volunteer.HoursInput{Activity: a.ID, Volunteer: v.ID, Hours: 4}); err != nil {
			t.Fatal(err)
		}
		if i < 24 {
			if _, err := f.svc.Approve(volunteer.ApproveInput{ID: a.ID, Approver: f.staff[1].ID, Date: day}); err != nil {
				t.Fatal(err)
			}
		}
		last = a
	}
	rec, _ := f.svc.ServiceRecord(v.ID)
	if rec.Total != 96 || rec.Star != 0 || rec.ToNext != 4 {
		t.Fatalf("before the last approval: %+v", rec)
	}
	if _, err := f.svc.Approve(volunteer.ApproveInput{ID: last.ID, Approver: f.staff[1].ID, Date: last.Date}); err != nil {
		t.Fatal(err)
	}
	rec, _ = f.svc.ServiceRecord(v.ID)
	if rec.Total != 100 || rec.Star != 1 || rec.StarLabel != "一星" || len(rec.Reached) != 1 || rec.Reached[0].Date != last.Date || rec.ToNext != 200 {
		t.Fatalf("at 100 h: %+v", rec)
	}
	if _, err := f.svc.Correct(volunteer.CorrectInput{Activity: last.ID, Volunteer: v.ID, Hours: 3.5, Reason: "提前离开"}); err != nil {
		t.Fatal(err)
	}
	if rec, _ = f.svc.ServiceRecord(v.ID); rec.Total != 99.5 || rec.Star != 0 {
		t.Fatalf("after the correction: %+v", rec)
	}
}

func TestCertificates(t *testing.T) {
	f := setup(t, "乡综治中心")
	v := f.volunteer(t, "赵六", 14, "2026-01-01")
	a := f.activity(t, "2026-06-01", "09:00", "11:30")
	if _, err := f.svc.SetHours(volunteer.HoursInput{Activity: a.ID, Volunteer: v.ID, Hours: 2.5}); err != nil {
		t.Fatal(err)
	}
	in := volunteer.CertificateInput{Volunteer: v.ID, Organisation: "勐简乡新时代文明实践所", Responsible: "李所长", Handler: "王经办"}
	_, err := f.svc.IssueCertificate(in)
	if msg := testkit.FieldMessage(t, err, "from"); !strings.Contains(msg, "没有经审核的服务时长") {
		t.Fatal(msg)
	}
	if _, err := f.svc.Approve(volunteer.ApproveInput{ID: a.ID, Approver: f.staff[1].ID}); err != nil {
		t.Fatal(err)
	}
	bad := in
	bad.Handler = "李所长"
	_, err = f.svc.IssueCertificate(bad)
	testkit.FieldMessage(t, err, "handler")
	c, err := f.svc.IssueCertificate(in)
	if err != nil || !strings.HasPrefix(c.Number, "ZM-2026-") || c.Hours != 2.5 || len(c.Lines) != 1 || !strings.Contains(c.IDMasked, "*") {
		t.Fatalf("certificate %v %+v", err, c)
	}
	again, err := f.svc.Certificate(c.Number)
	if err != nil || again.Hours != c.Hours || again.Lines[0] != c.Lines[0] || again.Issued != c.Issued {
		t.Fatalf("by number: %v %+v", err, again)
	}
	second, _ := f.svc.IssueCertificate(in)
	if second.Number == c.Number || len(f.svc.Certificates(v.ID)) != 2 {
		t.Fatalf("second certificate %s", second.Number)
	}
}

// The same person's hours at one activity entered at two sites meet as one
// field in conflict, never as two entries counted twice.
func TestHoursFromTwoSitesAreNeverCountedTwice(t *testing.T) {
	a := setup(t, "乡综治中心")
	b := setup(t, "村工作站")
	testkit.Exchange(t, b.st, a.st) // b's own township records arrive at a (same codes: a conflict or two, no matter)
	v := a.volunteer(t, "孙七", 15, "2026-01-01")
	act := a.activity(t, "2026-06-10", "08:00", "12:00")
	testkit.Exchange(t, a.st, b.st)
	if _, err := a.svc.SetHours(volunteer.HoursInput{Activity: act.ID, Volunteer: v.ID, Hours: 3}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.svc.SetHours(volunteer.HoursInput{Activity: act.ID, Volunteer: v.ID, Hours: 4}); err != nil {
		t.Fatal(err)
	}
	testkit.Exchange(t, a.st, b.st)
	testkit.Exchange(t, b.st, a.st)
	for _, x := range []*fixture{a, b} {
		got, err := x.svc.GetActivity(act.ID)
		if err != nil || len(got.Hours) != 1 {
			t.Fatalf("hours after sync: %v %+v", err, got.Hours)
		}
		rec, err := x.st.Get(volunteer.KindActivity, act.ID)
		if err != nil || len(rec.Conflicts()) != 1 {
			t.Fatalf("conflicts %v %v", err, rec.Conflicts())
		}
	}
}

func TestBoard(t *testing.T) {
	f := setup(t, "乡综治中心")
	v := f.volunteer(t, "钱八", 16, "2026-01-01")
	left := f.volunteer(t, "冯九", 17, "2026-01-01")
	if _, err := f.svc.SetMembership(volunteer.MembershipInput{Volunteer: left.ID, ID: left.Memberships[0].ID, Left: "2026-06-01"}); err != nil {
		t.Fatal(err)
	}
	for i, day := range []string{"2026-05-10", "2026-06-10"} {
		a := f.activity(t, day, "08:00", "12:00")
		if _, err := f.svc.SetHours(volunteer.HoursInput{Activity: a.ID, Volunteer: v.ID, Hours: float64(2 + i)}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Approve(volunteer.ApproveInput{ID: a.ID, Approver: f.staff[1].ID, Date: day}); err != nil {
			t.Fatal(err)
		}
	}
	unapproved := f.activity(t, "2026-06-20", "08:00", "12:00")
	if _, err := f.svc.SetHours(volunteer.HoursInput{Activity: unapproved.ID, Volunteer: v.ID, Hours: 4}); err != nil {
		t.Fatal(err)
	}
	b := f.svc.Board()
	if b.Active != 1 || b.HoursYear != 5 || b.HoursMonth != 3 || len(b.ByTeam) != 1 || b.ByTeam[0].Hours != 5 || b.ByType[0].Label != "治安巡逻" {
		t.Fatalf("board %+v", b)
	}
}
