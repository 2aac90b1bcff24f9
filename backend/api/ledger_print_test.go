package api_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"zongzhi/backend/api"
	"zongzhi/backend/grid"
	"zongzhi/backend/ledger"
	"zongzhi/backend/store"
)

// The printed ledger keeps an item's number on one line: a secretary
// searches the PDF for it, and a number broken inside its cell is not found.
func TestPrintedLedgerKeepsTheNumberWhole(t *testing.T) {
	dir := t.TempDir()
	st, err := store.Open(store.DefaultOptions(dir), api.Indexers())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s := api.New(st, dir)
	if _, err := s.Grid.SaveDivision(grid.Division{Code: "530521103000", Name: "勐简乡", Level: "township"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Grid.SaveDivision(grid.Division{Code: "530521103201", Name: "平场子村", Level: "village", Parent: "530521103000"}); err != nil {
		t.Fatal(err)
	}
	g, err := s.Grid.SaveGrid(grid.Grid{Name: "平场子一组", Village: "530521103201", Level: "1", Type: "1"})
	if err != nil {
		t.Fatal(err)
	}
	today := time.Now().Format("2006-01-02")
	it, err := s.Ledger.Save(ledger.ItemInput{Source: "1", Category: "05", Place: "集贸市场", Grid: g.ID, Found: today, Description: "消防通道被占用"})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := s.Report.RectificationLedger(api.LedgerPrint{Period: today[:7]})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "ledger.pdf")
	if err := os.WriteFile(file, doc.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), it.Number) {
		t.Fatalf("%s is not on one line of the printed ledger:\n%s", it.Number, out)
	}
}
