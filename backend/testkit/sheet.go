package testkit

import (
	"bytes"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"
)

// SetRows writes rows into sheet of x, each from column A, the first
// into row first (counted from 1).
func SetRows(t testing.TB, x *excelize.File, sheet string, first int, rows ...[]any) {
	t.Helper()
	for i, row := range rows {
		if err := x.SetSheetRow(sheet, "A"+strconv.Itoa(first+i), &row); err != nil {
			t.Fatal(err)
		}
	}
}

// SaveSheet saves x as name in a fresh folder and returns the file's path.
func SaveSheet(t testing.TB, x *excelize.File, name string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), name)
	if err := x.SaveAs(file); err != nil {
		t.Fatal(err)
	}
	return file
}

// Workbook opens the .xlsx data, failing the test if it is no workbook;
// it is closed when the test ends.
func Workbook(t testing.TB, data []byte) *excelize.File {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	return x
}

// WorkbookFile opens the .xlsx file as Workbook does.
func WorkbookFile(t testing.TB, file string) *excelize.File {
	t.Helper()
	x, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	t.Cleanup(func() { x.Close() })
	return x
}
