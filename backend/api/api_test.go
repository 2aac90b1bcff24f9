package api_test

import (
	"testing"

	"zongzhi/backend/api"
	"zongzhi/backend/testkit"
)

// pdfText reads a rendered document back: its PDF text with the white
// space taken out (line breaks inside cells split words, titles are
// spaced out); it fails the test on the render's err.
func pdfText(t *testing.T) func(api.Document, error) string {
	return func(doc api.Document, err error) string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return testkit.PDFText(t, doc.Data)
	}
}
