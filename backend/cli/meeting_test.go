package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"zongzhi/backend/api"
	"zongzhi/backend/cli"
	"zongzhi/backend/people"
	"zongzhi/backend/volunteer"
)

// The meeting documents from the command line, on the demo's year of
// meetings: the latest minutes, a sign-in sheet by number, the decision
// ledger of the year.
func TestMeetingExports(t *testing.T) {
	dir := t.TempDir()
	if out, err := run(t, "demo", "--data", dir, "--seed", "5"); err != nil || !regexp.MustCompile(`会议 [1-9]\d*`).MatchString(out) {
		t.Fatalf("demo: %v %s", err, out)
	}
	text := func(file string) string {
		out, err := exec.Command("pdftotext", file, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(strings.Fields(string(out)), "")
	}
	minutes := filepath.Join(dir, "纪要.pdf")
	if out, err := run(t, "export", "pdf", "minutes", "--data", dir, "--latest", "--out", minutes); err != nil || !strings.Contains(out, "已导出") {
		t.Fatalf("minutes: %v %s", err, out)
	}
	m := text(minutes)
	if !strings.Contains(m, "纪要") || !strings.Contains(m, "出席人员：") || !strings.Contains(m, "会议议定事项") {
		t.Fatalf("minutes text: %s", m)
	}
	number := regexp.MustCompile(`HY-\d{4}-[A-Z0-9]+-\d{4}`)
	ledger := filepath.Join(dir, "督办.pdf")
	year := time.Now().Format("2006")
	if out, err := run(t, "export", "pdf", "decision-ledger", "--data", dir, "--period", year, "--out", ledger); err != nil {
		t.Fatalf("decision ledger: %v %s", err, out)
	}
	if l := text(ledger); !strings.Contains(l, "会议议定事项督办台账") || !regexp.MustCompile(`ZG-\d{4}-`).MatchString(l) {
		t.Fatalf("decision ledger text: %s", l)
	}
	notice := filepath.Join(dir, "通知.pdf")
	if _, err := run(t, "export", "pdf", "meeting-notice", "--data", dir, "--latest", "--out", notice); err != nil {
		t.Fatal(err)
	}
	found := number.FindString(text(notice))
	if found == "" {
		t.Fatalf("the notice names no meeting number: %s", text(notice))
	}
	sheet := filepath.Join(dir, "签到.pdf")
	if out, err := run(t, "export", "pdf", "sign-in", "--data", dir, "--id", found, "--out", sheet); err != nil || !strings.Contains(text(sheet), "签到表") {
		t.Fatalf("sign-in by number: %v %s", err, out)
	}
	if _, err := run(t, "export", "pdf", "sign-in", "--data", dir, "--id", "HY-1999-XXXX-0001", "--out", sheet); err == nil || !strings.Contains(err.Error(), "没有编号") {
		t.Fatalf("unknown meeting: %v", err)
	}
	if _, err := run(t, "export", "pdf", "minutes", "--data", dir, "--latest", "--id", found, "--out", sheet); err == nil {
		t.Fatal("--id with --latest taken")
	}
	if _, err := os.Stat(minutes); err != nil {
		t.Fatal(err)
	}
}

// The volunteer papers from the command line, on the demo: the roster of
// a team, the hours table of the year, a certificate issued and printed
// again by its number.
func TestVolunteerExports(t *testing.T) {
	dir := t.TempDir()
	if out, err := run(t, "demo", "--data", dir, "--seed", "6"); err != nil || !regexp.MustCompile(`志愿者 [1-9]\d*`).MatchString(out) {
		t.Fatalf("demo: %v %s", err, out)
	}
	text := func(file string) string {
		out, err := exec.Command("pdftotext", file, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(strings.Fields(string(out)), "")
	}
	roster := filepath.Join(dir, "花名册.pdf")
	if out, err := run(t, "export", "pdf", "volunteer-roster", "--data", dir, "--team", "勐简乡巾帼志愿服务队", "--out", roster); err != nil {
		t.Fatalf("roster: %v %s", err, out)
	}
	r := text(roster)
	if !strings.Contains(r, "志愿者花名册") || !strings.Contains(r, "勐简乡巾帼志愿服务队") || !strings.Contains(r, "一星") {
		t.Fatalf("roster text: %s", r)
	}
	table := filepath.Join(dir, "时长.pdf")
	if _, err := run(t, "export", "pdf", "hours-table", "--data", dir, "--out", table); err != nil || !strings.Contains(text(table), "志愿服务时长统计表") {
		t.Fatalf("hours table: %v", err)
	}
	if _, err := run(t, "export", "pdf", "hours-table", "--data", dir, "--team", "没有这个队", "--out", table); err == nil || !strings.Contains(err.Error(), "没有名称") {
		t.Fatalf("unknown team: %v", err)
	}
	// A star volunteer's ID number, read from the roster is masked: find one through the store instead.
	id := regexp.MustCompile(`530521\*{8}\d{3}[\dX]`).FindString(r)
	if id == "" {
		t.Fatalf("no masked number on the roster: %s", r)
	}
	cert := filepath.Join(dir, "证明.pdf")
	_, err := run(t, "export", "pdf", "certificate", "--data", dir, "--volunteer", id, "--out", cert)
	if err == nil || !strings.Contains(err.Error(), "没有身份证号码") {
		t.Fatalf("a masked number found someone: %v", err)
	}
	// The full number of a volunteer with approved hours, as a secretary types it.
	st, err := cli.OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	s := api.New(st, dir)
	var number string
	for _, v := range s.Volunteer.Volunteers(volunteer.VolunteerQuery{Star: 1}) {
		view, _ := s.Volunteer.GetVolunteer(v.ID)
		var p people.Person
		if rec, err := st.Get(people.KindPerson, view.Volunteer.Person); err == nil && rec.Decode(&p) == nil {
			number = p.IDNumber
			break
		}
	}
	st.Close()
	if number == "" {
		t.Fatal("no volunteer with a star in the demo")
	}
	out, err := run(t, "export", "pdf", "certificate", "--data", dir, "--volunteer", number, "--organisation", "勐简乡新时代文明实践所",
		"--responsible", "李梅", "--handler", "王芳", "--out", cert)
	if err != nil {
		t.Fatalf("certificate: %v %s", err, out)
	}
	c := text(cert)
	issued := regexp.MustCompile(`ZM-\d{4}-[A-Z0-9]+-\d{4}`).FindString(c)
	if issued == "" || !strings.Contains(c, "志愿服务证明") || !strings.Contains(c, "经办人：王芳") {
		t.Fatalf("certificate text: %s", c)
	}
	again := filepath.Join(dir, "重印.pdf")
	if _, err := run(t, "export", "pdf", "certificate", "--data", dir, "--number", issued, "--out", again); err != nil || text(again) != c {
		t.Fatalf("re-printed by number: %v", err)
	}
}
