package api_test

import (
	"strings"
	"testing"
	"time"

	"zongzhi/backend/api"
	"zongzhi/backend/api/apitest"
	"zongzhi/backend/grid"
	"zongzhi/backend/ledger"
	"zongzhi/backend/meeting"
	"zongzhi/backend/testkit"
)

// Minutes, notice, sign-in sheet and the decision ledger, read back from
// the PDFs: every name, the 期, the 请假 reason, each decision with its
// item number and status.
func TestMeetingDocuments(t *testing.T) {
	s := apitest.New(t)
	var staff []grid.Staff
	for i, n := range []string{"王嵘", "冯燚", "李喆", "张堃", "刘琍", "陈昇"} {
		staff = append(staff, grid.Staff{Name: n, Phone: "1390000000" + string(rune('0'+i)), Role: "02"})
	}
	staff = testkit.Staff(t, s.Grid, staff...)
	var members []meeting.Member
	for _, p := range staff[2:] {
		members = append(members, meeting.Member{Staff: p.ID, Unit: "派出所"})
	}
	members = append(members, meeting.Member{Name: "镇属各站所", IsUnit: true})
	body, err := s.Meeting.SaveBody(meeting.Body{Name: "青石镇党政联席会议", Type: "01", Members: members})
	if err != nil {
		t.Fatal(err)
	}
	day := time.Now().AddDate(0, 0, -1).Format("2006-01-02")
	m, err := s.Meeting.Create(meeting.Header{Body: body.ID, Title: "青石镇党政联席会议", Date: day, Start: "14:30", Place: "镇政府三楼会议室",
		Host: staff[0].ID, HostPost: "镇党委书记", Recorder: staff[1].ID, Issuer: "中共青石镇委员会办公室", CopyTo: "县委办公室，县政府办公室",
		Minutes: "会议听取了镇农业综合服务中心关于春耕备耕工作的汇报。"})
	if err != nil {
		t.Fatal(err)
	}
	if m, err = s.Meeting.SetAttendance(meeting.AttendanceInput{Meeting: m.ID, Key: staff[5].ID, Role: meeting.RoleLeave, Reason: "外出学习"}); err != nil {
		t.Fatal(err)
	}
	if m, err = s.Meeting.SetAttendance(meeting.AttendanceInput{Meeting: m.ID, Name: "县农业农村局驻镇工作组", Role: meeting.RoleGuest}); err != nil {
		t.Fatal(err)
	}
	if m, err = s.Meeting.SaveItem(meeting.ItemInput{Meeting: m.ID, Topic: "春耕备耕", Reporter: "农业服务中心"}); err != nil {
		t.Fatal(err)
	}
	if m, err = s.Meeting.SaveDecision(meeting.DecisionInput{Meeting: m.ID, Text: "各村（社区）要抓紧做好高标准农田灌溉设施检修", Unit: "11", Deadline: day}); err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t)(s.Meeting.NoticePDF(m.ID)); !strings.Contains(text, "会议通知") || !strings.Contains(text, "镇政府三楼会议室") || !strings.Contains(text, "春耕备耕") {
		t.Fatalf("notice: %s", text)
	}
	if text := pdfText(t)(s.Meeting.SignInPDF(m.ID)); !strings.Contains(text, "签到表") || !strings.Contains(text, "张堃") || !strings.Contains(text, "镇属各站所") || !strings.Contains(text, "列席") {
		t.Fatalf("sign-in: %s", text)
	}
	if m, err = s.Meeting.Sign(meeting.SignInput{ID: m.ID}); err != nil {
		t.Fatal(err)
	}
	flat := pdfText(t)(s.Meeting.MinutesPDF(m.ID))
	text := flat
	for _, want := range []string{"青石镇党政联席会议纪要", "〔" + day[:4] + "〕第1期", "镇政府三楼会议室", "王嵘（镇党委书记）", "李喆、张堃、刘琍、镇属各站所",
		"列席人员：县农业农村局驻镇工作组", "陈昇（外出学习）", "冯燚", "会议听取了镇农业综合服务中心关于春耕备耕工作的汇报。", "一、各村（社区）要抓紧做好高标准农田灌溉设施检修",
		"抄送：县委办公室，县政府办公室", "中共青石镇委员会办公室", "印发"} {
		if !strings.Contains(flat, strings.ReplaceAll(want, " ", "")) {
			t.Errorf("minutes lack %q:\n%s", want, text)
		}
	}
	if strings.Contains(flat, "草稿") {
		t.Error("signed minutes printed as a draft")
	}
	lt := pdfText(t)(s.Meeting.DecisionLedgerPDF(api.DecisionQuery{Period: day[:7]}))
	if !strings.Contains(lt, m.Decisions[0].LedgerNumber) || !strings.Contains(lt, "待受理") || !strings.Contains(lt, "高标准农田") {
		t.Fatalf("decision ledger: %s", lt)
	}
	if _, err := s.Meeting.DecisionLedgerPDF(api.DecisionQuery{Period: "2026-13"}); err == nil {
		t.Fatal("a bad period was taken")
	}
	items, _ := s.Ledger.List(ledger.Query{})
	if items.Total != 1 || items.Lines[0].SourceName != "会议议定" {
		t.Fatalf("ledger %+v", items)
	}
}
