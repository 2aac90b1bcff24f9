package xlsx

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
)

// Column of an exported list. Width is in Excel character units (0 = from
// the title). Kind Date writes real dates, Int numbers; everything else,
// ID numbers and phones above all, is written as text so Excel never turns
// it into 4.40123E+17.
type Column struct {
	Title string
	Width float64
	Kind  Kind
}

// List is a list view as a printable sheet: an optional title row, one
// frozen header row, and the rows.
type List struct {
	Sheet   string // sheet name; "" = Sheet1
	Title   string
	Columns []Column
	Rows    [][]string
}

// Write streams the list as an .xlsx: frozen header, column widths, dates
// as dates, long numbers as text, A4 landscape fitted to the page width
// with the header repeated on every printed page.
func (l List) Write(w io.Writer) error { return WriteBook(w, l) }

// WriteBook writes lists as the sheets of one workbook.
func WriteBook(w io.Writer, lists ...List) error {
	f := excelize.NewFile()
	defer f.Close()
	styles, err := newStyles(f)
	if err != nil {
		return err
	}
	for i, l := range lists {
		if l.Sheet == "" {
			l.Sheet = fmt.Sprintf("Sheet%d", i+1)
		}
		if i == 0 {
			if l.Sheet != "Sheet1" {
				if err := f.SetSheetName("Sheet1", l.Sheet); err != nil {
					return err
				}
			}
		} else if _, err := f.NewSheet(l.Sheet); err != nil {
			return err
		}
		if err := l.stream(f, styles); err != nil {
			return fmt.Errorf("工作表“%s”：%w", l.Sheet, err)
		}
	}
	return f.Write(w)
}

func (l List) stream(f *excelize.File, styles styleSet) error {
	sheet := l.Sheet
	headerRow := 1
	if l.Title != "" {
		headerRow = 2
	}
	// Page setup must come before the stream writer or it is lost.
	orient, size, fit := "landscape", 9, 1 // 9 = A4
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &orient, Size: &size, FitToWidth: &fit, FitToHeight: new(int)}); err != nil {
		return err
	}
	fitToPage := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fitToPage}); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, headerRow, headerRow), Scope: sheet,
	}); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for i, c := range l.Columns {
		width := c.Width
		if width == 0 {
			width = max(8, float64(len([]rune(c.Title)))*2+2)
		}
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: fmt.Sprintf("A%d", headerRow+1), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if l.Title != "" {
		if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: styles.title, Value: l.Title}}, excelize.RowOpts{Height: 28}); err != nil {
			return err
		}
		last, _ := excelize.CoordinatesToCellName(max(1, len(l.Columns)), 1)
		if len(l.Columns) > 1 {
			if err := sw.MergeCell("A1", last); err != nil {
				return err
			}
		}
	}
	head := make([]any, len(l.Columns))
	for i, c := range l.Columns {
		head[i] = excelize.Cell{StyleID: styles.header, Value: c.Title}
	}
	if err := sw.SetRow(fmt.Sprintf("A%d", headerRow), head); err != nil {
		return err
	}
	for r, row := range l.Rows {
		vals := make([]any, len(l.Columns))
		for i, c := range l.Columns {
			v := ""
			if i < len(row) {
				v = row[i]
			}
			vals[i] = styles.cell(c.Kind, v)
		}
		if err := sw.SetRow(fmt.Sprintf("A%d", headerRow+1+r), vals); err != nil {
			return err
		}
	}
	return sw.Flush()
}

type styleSet struct{ title, header, text, date, number int }

func newStyles(f *excelize.File) (styleSet, error) {
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	wrap := &excelize.Alignment{Vertical: "center", WrapText: true}
	var s styleSet
	var err error
	mk := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	s.title = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	s.header = mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E6E6E6"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	s.text = mk(&excelize.Style{Border: border, Alignment: wrap, NumFmt: 49}) // 49 = "@", text
	s.date = mk(&excelize.Style{Border: border, Alignment: wrap, CustomNumFmt: ptr("yyyy-mm-dd")})
	s.number = mk(&excelize.Style{Border: border, Alignment: wrap})
	return s, err
}

func ptr[T any](v T) *T { return &v }

func (s styleSet) cell(k Kind, v string) excelize.Cell {
	switch k {
	case Date:
		if t, err := time.Parse("2006-01-02", v); err == nil {
			return excelize.Cell{StyleID: s.date, Value: t}
		}
	case Int, Seq:
		if n, err := strconv.Atoi(v); err == nil {
			return excelize.Cell{StyleID: s.number, Value: n}
		}
	}
	return excelize.Cell{StyleID: s.text, Value: v}
}
