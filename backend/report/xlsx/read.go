// Package xlsx reads the spreadsheets township offices already keep and
// writes list views back out: header rows found by their text, merged
// cells filled, totals and footers set aside, and every value normalised
// the way the forms expect. It knows sheets, not any domain.
package xlsx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Limits keep a hostile or absurd file from exhausting memory.
const (
	MaxFileSize = 64 << 20
	MaxRows     = 200_000 // per sheet
	MaxColumns  = 200
)

// ErrNotWorkbook is returned for files that are not .xlsx workbooks.
var ErrNotWorkbook = errors.New("文件不是 Excel 工作簿（.xlsx）。如果是 .xls 或 WPS 格式，请先用 Excel 或 WPS “另存为” .xlsx 后再导入")

// Cell is one normalised cell value. Numeric tells the sheet stored it as
// a number (known only for columns that ask, see Sheet.numeric).
type Cell struct {
	Text    string
	Numeric bool
}

// Sheet is one worksheet's values, row by row, merged ranges filled with
// their top-left value.
type Sheet struct {
	Name string
	Rows [][]string // raw text as read (before Normalize), 0-based

	book *excelize.File
}

// Book is an opened workbook.
type Book struct {
	Sheets []*Sheet
	file   *excelize.File
}

// Close releases the workbook's temporary files.
func (b *Book) Close() error { return b.file.Close() }

// Read opens an .xlsx workbook and reads every visible sheet.
func Read(r io.Reader) (*Book, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("文件超过 %d MB，请拆分后再导入", MaxFileSize>>20)
	}
	if !bytes.HasPrefix(data, []byte("PK")) {
		return nil, ErrNotWorkbook
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    1 << 30,
		UnzipXMLSizeLimit: 64 << 20,
	})
	if err != nil {
		return nil, fmt.Errorf("%w（%v）", ErrNotWorkbook, err)
	}
	b := &Book{file: f}
	merges := mergeRanges(data)
	for _, name := range f.GetSheetList() {
		if v, err := f.GetSheetVisible(name); err == nil && !v {
			continue
		}
		ranges, ok := merges[name]
		if !ok {
			ranges, err = excelizeMerges(f, name)
			if err != nil {
				f.Close()
				return nil, err
			}
		}
		s, err := readSheet(f, name, ranges)
		if err != nil {
			f.Close()
			return nil, err
		}
		b.Sheets = append(b.Sheets, s)
	}
	return b, nil
}

func excelizeMerges(f *excelize.File, name string) ([]string, error) {
	merged, err := f.GetMergeCells(name, true)
	if err != nil {
		return nil, fmt.Errorf("工作表“%s”的合并单元格无法读取：%w", name, err)
	}
	out := make([]string, len(merged))
	for i, m := range merged {
		out[i] = m.GetStartAxis() + ":" + m.GetEndAxis()
	}
	return out, nil
}

func readSheet(f *excelize.File, name string, merged []string) (*Sheet, error) {
	rows, err := f.Rows(name)
	if err != nil {
		return nil, fmt.Errorf("工作表“%s”无法读取：%w", name, err)
	}
	defer rows.Close()
	s := &Sheet{Name: name, book: f}
	for rows.Next() {
		if len(s.Rows) >= MaxRows {
			return nil, fmt.Errorf("工作表“%s”超过 %d 行，请拆分后再导入", name, MaxRows)
		}
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fmt.Errorf("工作表“%s”第%d行无法读取：%w", name, len(s.Rows)+1, err)
		}
		if len(cols) > MaxColumns {
			cols = cols[:MaxColumns]
		}
		s.Rows = append(s.Rows, cols)
	}
	if err := rows.Error(); err != nil {
		return nil, fmt.Errorf("工作表“%s”无法读取：%w", name, err)
	}
	for _, m := range merged {
		from, to, _ := strings.Cut(m, ":")
		if to == "" {
			to = from
		}
		c1, r1, err1 := excelize.CellNameToCoordinates(from)
		c2, r2, err2 := excelize.CellNameToCoordinates(to)
		if err1 != nil || err2 != nil || r1 > len(s.Rows) || c1 > MaxColumns {
			continue
		}
		v := s.at(r1-1, c1-1)
		r2, c2 = min(r2, len(s.Rows)), min(c2, MaxColumns)
		for r := r1 - 1; r < r2; r++ {
			for c := c1 - 1; c < c2; c++ {
				s.set(r, c, v)
			}
		}
	}
	return s, nil
}

func (s *Sheet) at(r, c int) string {
	if r < len(s.Rows) && c < len(s.Rows[r]) {
		return s.Rows[r][c]
	}
	return ""
}

func (s *Sheet) set(r, c int, v string) {
	for len(s.Rows[r]) <= c {
		s.Rows[r] = append(s.Rows[r], "")
	}
	s.Rows[r][c] = v
}

// numeric tells whether the cell (0-based) holds a number rather than text.
// It loads the sheet's cell types, so only columns that care ask.
func (s *Sheet) numeric(r, c int) bool {
	name, err := excelize.CoordinatesToCellName(c+1, r+1)
	if err != nil {
		return false
	}
	t, err := s.book.GetCellType(s.Name, name)
	return err == nil && (t == excelize.CellTypeNumber || t == excelize.CellTypeUnset) && strings.TrimSpace(s.at(r, c)) != ""
}
