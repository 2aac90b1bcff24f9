package testkit

import (
	"os/exec"
	"strings"
	"testing"
)

// PDFFileText is the text pdftotext reads from file, as it prints it;
// args go before the file ("-layout", "-f", "2").
func PDFFileText(t testing.TB, file string, args ...string) string {
	t.Helper()
	Tool(t, "pdftotext")
	out, err := exec.Command("pdftotext", append(args, file, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", file, err)
	}
	return string(out)
}

// PDFText is the text of the PDF data with all white space taken out:
// table cells break long values, and pdftotext adds spaces of its own.
func PDFText(t testing.TB, data []byte) string {
	t.Helper()
	return Squeeze(PDFFileText(t, TempFile(t, "doc.pdf", data)))
}

// Squeeze drops all white space from s.
func Squeeze(s string) string {
	return strings.Join(strings.Fields(s), "")
}
