package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
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
