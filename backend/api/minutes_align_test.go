package api_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"zongzhi/backend/api/apitest"
	"zongzhi/backend/meeting"
	"zongzhi/backend/testkit"
)

var bboxWord = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>`)

// The printed minutes of a meeting with many members: after 主持人, 出席人员,
// 列席人员, 请假人员 and 记录人 the names start at one x, and the wrapped
// lines of the 出席 list continue under the first name (GB/T 9704 §10.3).
func TestMinutesNamesAlignAfterTheLabels(t *testing.T) {
	s := apitest.New(t)
	var members []meeting.Member
	for _, n := range []string{"李喆", "张堃", "刘琍", "陈昇", "赵赟", "周淼", "吴犇", "郑鑫", "孙垚", "欧阳建国", "司马晓东", "钱翾", "王一"} {
		members = append(members, meeting.Member{Name: n})
	}
	body, err := s.Meeting.SaveBody(meeting.Body{Name: "青石镇党政联席会议", Type: "01", Members: members})
	if err != nil {
		t.Fatal(err)
	}
	day := time.Now().AddDate(0, 0, -1).Format("2006-01-02")
	m, err := s.Meeting.Create(meeting.Header{Body: body.ID, Title: "青石镇党政联席会议", Date: day, Start: "14:30", Place: "镇政府三楼会议室",
		HostName: "王嵘", HostPost: "镇党委书记", RecorderName: "冯燚", Issuer: "中共青石镇委员会办公室"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Meeting.SetAttendance(meeting.AttendanceInput{Meeting: m.ID, Key: m.Attendance[12].Key, Role: meeting.RoleLeave, Reason: "外出学习"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Meeting.SetAttendance(meeting.AttendanceInput{Meeting: m.ID, Name: "县农业农村局驻镇工作组", Role: meeting.RoleGuest}); err != nil {
		t.Fatal(err)
	}
	doc, err := s.Meeting.MinutesPDF(m.ID)
	if err != nil {
		t.Fatal(err)
	}
	out := testkit.PDFFileText(t, testkit.TempFile(t, "minutes.pdf", doc.Data), "-bbox")
	type word struct {
		x, y float64
		text string
	}
	var lines [][]word
	for _, mt := range bboxWord.FindAllStringSubmatch(out, -1) {
		x, _ := strconv.ParseFloat(mt[1], 64)
		y, _ := strconv.ParseFloat(mt[2], 64)
		w := word{x, y, mt[3]}
		if n := len(lines); n > 0 && lines[n-1][0].y-y < 1 && y-lines[n-1][0].y < 1 {
			lines[n-1] = append(lines[n-1], w)
			continue
		}
		lines = append(lines, []word{w})
	}
	var starts []float64
	labels := map[string]bool{}
	inAttendance := false
	for _, l := range lines {
		joined := ""
		for _, w := range l {
			joined += w.text
		}
		colon := -1
		for i, w := range l {
			if strings.HasSuffix(w.text, "：") {
				colon = i
				break
			}
		}
		label := ""
		if colon >= 0 {
			for _, w := range l[:colon+1] {
				label += w.text
			}
		}
		switch label {
		case "主持人：", "出席人员：", "列席人员：", "请假人员：", "记录人：":
			labels[label] = true
			if colon == len(l)-1 {
				t.Fatalf("%s has no value on its line", label)
			}
			starts = append(starts, l[colon+1].x)
			inAttendance = label == "出席人员："
		default:
			if inAttendance && colon < 0 && strings.Contains(joined, "、") {
				starts = append(starts, l[0].x) // a wrapped line of the 出席 list
				labels["(wrapped)"] = true
			} else {
				inAttendance = false
			}
		}
	}
	if len(labels) != 6 {
		t.Fatalf("labels found: %v\n%s", labels, out)
	}
	for _, x := range starts {
		if x-starts[0] > 0.5 || starts[0]-x > 0.5 {
			t.Fatalf("names start at %v", starts)
		}
	}
}
