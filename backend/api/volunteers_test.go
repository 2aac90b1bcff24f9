package api_test

import (
	"strings"
	"testing"
	"time"

	"zongzhi/backend/api"
	"zongzhi/backend/api/apitest"
	"zongzhi/backend/grid"
	"zongzhi/backend/people"
	"zongzhi/backend/testkit"
	"zongzhi/backend/volunteer"
)

// A team, a volunteer, an activity with its sign-in sheet, approved hours,
// and the papers read back: the certificate by its number (the same when
// printed again), the roster, the activity ledger, the hours table.
func TestVolunteerDocuments(t *testing.T) {
	s := apitest.New(t)
	g := testkit.Township(t, s.Grid)
	staff := testkit.Staff(t, s.Grid, grid.Staff{Name: "周记录", Phone: "13800000011", Role: "02"}, grid.Staff{Name: "吴组织", Phone: "13800000012", Role: "02"})
	team, err := s.Volunteer.SaveTeam(volunteer.Team{Name: "勐简乡平安志愿队", Type: "01", Level: "township"})
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.Volunteer.SaveVolunteer(volunteer.VolunteerInput{PersonInput: &people.Person{Name: "欧阳建国", IDNumber: testkit.IDNumber("19650301", 21), Grid: g.ID, Phone: "13912345678"},
		Politics: "01", Skills: []string{"法律咨询"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Volunteer.SetMembership(volunteer.MembershipInput{Volunteer: v.ID, Team: team.ID, Joined: "2026-01-01"}); err != nil {
		t.Fatal(err)
	}
	day := time.Now().AddDate(0, 0, -1).Format("2006-01-02")
	a, err := s.Volunteer.PlanActivity(volunteer.ActivityInput{Teams: []string{team.ID}, Title: "集镇夜间巡逻", Type: "01", Date: day, Start: "19:00", End: "21:30",
		Place: "勐简集镇", Organizer: staff[1].ID})
	if err != nil {
		t.Fatal(err)
	}
	sheet := pdfText(t)(s.Volunteer.SignInPDF(a.ID))
	if !strings.Contains(sheet, "志愿服务活动签到表") || !strings.Contains(sheet, "欧阳建国") || !strings.Contains(sheet, "签退时间") {
		t.Fatalf("sign-in sheet: %s", sheet)
	}
	if _, err = s.Volunteer.HoldActivity(volunteer.HoldInput{ID: a.ID, Recorder: staff[0].ID}); err != nil {
		t.Fatal(err)
	}
	if _, err = s.Volunteer.SetHours(volunteer.HoursInput{Activity: a.ID, Volunteer: v.ID, SignIn: "19:00", SignOut: "21:30"}); err != nil {
		t.Fatal(err)
	}
	if _, err = s.Volunteer.ApproveActivity(volunteer.ApproveInput{ID: a.ID, Approver: staff[1].ID}); err != nil {
		t.Fatal(err)
	}
	c, err := s.Volunteer.IssueCertificate(volunteer.CertificateInput{Volunteer: v.ID, Organisation: "勐简乡新时代文明实践所", Responsible: "李梅", Handler: "王芳"})
	if err != nil {
		t.Fatal(err)
	}
	first := pdfText(t)(s.Volunteer.CertificatePDF(c.Number))
	for _, want := range []string{"志愿服务证明", c.Number, "欧阳建国", "累计志愿服务时长2.5小时", "集镇夜间巡逻", "勐简乡新时代文明实践所", "负责人：李梅", "经办人：王芳"} {
		if !strings.Contains(first, want) {
			t.Errorf("certificate lacks %q: %s", want, first)
		}
	}
	if strings.Contains(first, testkit.IDNumber("19650301", 21)) {
		t.Error("the certificate prints the full ID number")
	}
	if again := pdfText(t)(s.Volunteer.CertificatePDF(c.Number)); again != first {
		t.Error("a certificate printed again reads differently")
	}
	roster := pdfText(t)(s.Volunteer.RosterPDF(api.RosterQuery{Team: team.ID}))
	if !strings.Contains(roster, "志愿者花名册") || !strings.Contains(roster, "欧阳建国") || !strings.Contains(roster, "139****5678") || !strings.Contains(roster, "2.5") {
		t.Fatalf("roster: %s", roster)
	}
	ledger := pdfText(t)(s.Volunteer.ActivityLedgerPDF(api.PeriodQuery{Period: day[:7]}))
	if !strings.Contains(ledger, a.Number) || !strings.Contains(ledger, "时长已审核") {
		t.Fatalf("activity ledger: %s", ledger)
	}
	table := pdfText(t)(s.Volunteer.HoursTablePDF(api.PeriodQuery{Period: day[:4]}))
	if !strings.Contains(table, "勐简乡平安志愿队") || !strings.Contains(table, "欧阳建国") || !strings.Contains(table, "12.52.5") || !strings.Contains(table, "合计2.5小时") {
		t.Fatalf("hours table: %s", table)
	}
	if _, err := s.Volunteer.HoursTablePDF(api.PeriodQuery{Period: "2026-13"}); err == nil {
		t.Fatal("a bad period was taken")
	}
	view, err := s.Volunteer.GetVolunteer(v.ID)
	if err != nil || view.Service.Total != 2.5 || len(view.Certificates) != 1 {
		t.Fatalf("volunteer page %v %+v", err, view)
	}
	// The page shows the phone masked; saved back as shown, the number stays.
	if _, err := s.Volunteer.SaveVolunteer(volunteer.VolunteerInput{ID: v.ID, Phone: "13700001111"}); err != nil {
		t.Fatal(err)
	}
	view, _ = s.Volunteer.GetVolunteer(v.ID)
	if view.Volunteer.Phone != "137****1111" || view.Service.Volunteer.Phone != "137****1111" {
		t.Fatalf("the page shows the phone %q", view.Volunteer.Phone)
	}
	if back, err := s.Volunteer.SaveVolunteer(volunteer.VolunteerInput{ID: v.ID, Phone: view.Volunteer.Phone, Politics: "13"}); err != nil || back.Phone != "137****1111" {
		t.Fatalf("saved with the masked phone, answered %q: %v", back.Phone, err)
	}
	if got, _ := s.Domain.Volunteer.GetVolunteer(v.ID); got.Phone != "13700001111" || got.Politics != "13" {
		t.Fatalf("saved back masked: %+v", got)
	}
	if av, err := s.Volunteer.GetActivity(a.ID); err != nil || len(av.Members) != 1 || av.Members[0].Phone != "137****1111" {
		t.Fatalf("the activity page's members: %v %+v", err, av.Members)
	}
}
