package testkit

import (
	"bytes"
	"os/exec"
	"strconv"
	"testing"
)

// Tool fails the test if the command name (a poppler tool) is not
// installed.
func Tool(t testing.TB, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Fatalf("%s not found: install poppler-utils (make test does)", name)
	}
}

// PDFPages is the page count pdfinfo reads from file.
func PDFPages(t testing.TB, file string) int {
	t.Helper()
	Tool(t, "pdfinfo")
	out, err := exec.Command("pdfinfo", file).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range bytes.Split(out, []byte("\n")) {
		if rest, ok := bytes.CutPrefix(line, []byte("Pages:")); ok {
			if n, err := strconv.Atoi(string(bytes.TrimSpace(rest))); err == nil {
				return n
			}
		}
	}
	t.Fatalf("pdfinfo %s: no page count in %s", file, out)
	return 0
}
