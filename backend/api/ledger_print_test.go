package api_test

import (
	"strings"
	"testing"
	"time"

	"zongzhi/backend/api"
	"zongzhi/backend/api/apitest"
	"zongzhi/backend/ledger"
	"zongzhi/backend/testkit"
)

// The printed ledger keeps an item's number on one line: a secretary
// searches the PDF for it, and a number broken inside its cell is not found.
func TestPrintedLedgerKeepsTheNumberWhole(t *testing.T) {
	s := apitest.New(t)
	g := testkit.Township(t, s.Grid)
	today := time.Now().Format("2006-01-02")
	it, err := s.Ledger.Save(ledger.ItemInput{Source: "1", Category: "05", Place: "集贸市场", Grid: g.ID, Found: today, Description: "消防通道被占用"})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := s.Report.RectificationLedger(api.LedgerPrint{Period: today[:7]})
	if err != nil {
		t.Fatal(err)
	}
	// The text as pdftotext prints it: a number broken inside its cell
	// spans two lines.
	out := testkit.PDFFileText(t, testkit.TempFile(t, "ledger.pdf", doc.Data))
	if !strings.Contains(out, it.Number) {
		t.Fatalf("%s is not on one line of the printed ledger:\n%s", it.Number, out)
	}
}
