// Package importer is the one way sheets come in: read the workbook, find
// each sheet's header, let the area plan every row (import, update,
// duplicate or reject, with the reason), show that preview, then write
// through the area's normal write path in bounded transactions and hand
// back a reject report. Every non-empty data row ends up either written or
// in the reject report.
package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"zongzhi/backend/report/xlsx"
	"zongzhi/backend/store"
)

// Action is what a row will do (or did).
type Action string

const (
	Import    Action = "import"    // creates something new
	Update    Action = "update"    // changes something that exists
	Duplicate Action = "duplicate" // already there, or repeats an earlier row: nothing to write
	Reject    Action = "reject"    // cannot be taken: Reason says why
)

// Outcome of one row.
type Outcome struct {
	Action Action `json:"action"`
	Reason string `json:"reason,omitempty"` // why rejected or duplicate
	Note   string `json:"note,omitempty"`   // what the import decided for the user (e.g. 定为主责任人)
}

// Area is one kind of sheet the app takes in (grids, people, ledgers).
type Area interface {
	About() About
	// Plan decides every row's outcome against the store, in sheet order,
	// without writing.
	Plan(ctx context.Context, rows []xlsx.Row) (Plan, error)
}

// About names an import area and the columns it reads.
type About struct {
	Key    string // "grids": the area in the API and the CLI
	Label  string // "网格及网格员": the area for the user
	Schema xlsx.Schema
}

// Plan is an area's decision for every row, ready to be written.
type Plan interface {
	Outcomes() []Outcome
	// Apply writes the Import and Update rows in order, in bounded
	// transactions, calling progress with the rows done. It returns how
	// many leading rows are written: on an error or cancellation the rows
	// after that point are not.
	Apply(ctx context.Context, progress func(done int)) (int, error)
}

// Summarizer is a plan that says more than the counts (e.g. how many
// distinct persons the rows name).
type Summarizer interface{ Summary() string }

// Summary is the plan's own line, "" when it has none.
func (s *Session) Summary() string {
	if sm, ok := s.plan.(Summarizer); ok {
		return sm.Summary()
	}
	return ""
}

// Options for reading a workbook.
type Options struct {
	Year    int          // for dates written without a year when the title has none
	Mapping xlsx.Mapping // the user's choices for headers the area does not know
}

// SheetInfo tells how a sheet was read.
type SheetInfo struct {
	xlsx.Table
	Recognised bool   `json:"recognised"`
	Signature  string `json:"signature"`
	DataRows   int    `json:"dataRows"`
}

// Counts add up: Read = Import + Update + Duplicate + Reject.
type Counts struct {
	Read      int `json:"read"`
	Import    int `json:"import"`
	Update    int `json:"update"`
	Duplicate int `json:"duplicate"`
	Reject    int `json:"reject"`
	Skipped   int `json:"skipped"` // totals, signature and repeated header lines
}

// Line is one data row in the preview or the result.
type Line struct {
	Sheet  string            `json:"sheet"`
	Line   int               `json:"line"`
	Values map[string]string `json:"values"` // field key → text as read
	Outcome
}

// Session is a read workbook with its plan, between preview and commit.
type Session struct {
	Area   Area
	Sheets []SheetInfo
	rows   []xlsx.Row
	plan   Plan
	book   *xlsx.Book
	done   bool
}

// ErrNoData is returned when no sheet has rows the area recognises.
var ErrNoData = errors.New("工作簿中没有可识别的数据表")

// Prepare reads data and plans every row. A sheet whose header the area
// does not recognise is listed (with its best-guess header) for mapping.
func Prepare(ctx context.Context, area Area, data []byte, opts Options) (*Session, error) {
	book, err := xlsx.Read(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	s := &Session{Area: area, book: book}
	for _, sh := range book.Sheets {
		t, ok := xlsx.Detect(sh, area.About().Schema, opts.Mapping, opts.Year)
		info := SheetInfo{Table: *t, Recognised: ok && len(t.Missing) == 0, Signature: xlsx.Signature(t.Headers)}
		if info.Recognised {
			info.DataRows = len(t.Rows)
			s.rows = append(s.rows, t.Rows...)
		}
		s.Sheets = append(s.Sheets, info)
	}
	if len(s.rows) == 0 {
		book.Close()
		return s, ErrNoData
	}
	if s.plan, err = area.Plan(ctx, s.rows); err != nil {
		book.Close()
		return nil, err
	}
	return s, nil
}

// Close releases the workbook.
func (s *Session) Close() error { return s.book.Close() }

// Counts of the plan (or, after Commit, of what happened).
func (s *Session) Counts() Counts {
	var c Counts
	for _, sh := range s.Sheets {
		if sh.Recognised {
			c.Skipped += len(sh.Skipped)
		}
	}
	for _, o := range s.plan.Outcomes() {
		c.Read++
		switch o.Action {
		case Import:
			c.Import++
		case Update:
			c.Update++
		case Duplicate:
			c.Duplicate++
		default:
			c.Reject++
		}
	}
	return c
}

// Lines lists rows with their outcome; only is an action to filter on
// ("" = all); at most limit rows from offset.
func (s *Session) Lines(only Action, offset, limit int) (lines []Line, total int) {
	schema := s.Area.About().Schema
	lines = []Line{}
	for i, o := range s.plan.Outcomes() {
		if only != "" && o.Action != only {
			continue
		}
		total++
		if total <= offset || len(lines) >= limit {
			continue
		}
		r := s.rows[i]
		v := map[string]string{}
		for _, f := range schema {
			if t := r.Get(f.Key).Text; t != "" {
				v[f.Key] = t
			}
		}
		lines = append(lines, Line{Sheet: r.Sheet, Line: r.Line, Values: v, Outcome: o})
	}
	return lines, total
}

// Result of a commit.
type Result struct {
	Counts       Counts `json:"counts"`
	Cancelled    bool   `json:"cancelled"`
	RejectReport []byte `json:"-"` // .xlsx of every row not written; nil when none
}

// Commit writes the plan. Rows after a cancellation or a failed batch are
// not written and go into the reject report with the reason.
func (s *Session) Commit(ctx context.Context, progress func(done, total int)) (Result, error) {
	if s.done {
		return Result{}, errors.New("这份文件已经导入过了，如需再次导入请重新选择文件")
	}
	s.done = true
	outs := s.plan.Outcomes()
	total := len(outs)
	n, err := s.plan.Apply(ctx, func(done int) {
		if progress != nil {
			progress(done, total)
		}
	})
	res := Result{}
	if err != nil {
		why := "导入中断，此行未写入：" + err.Error()
		if ctx.Err() != nil {
			why = "导入已取消，此行未写入"
			res.Cancelled = true
		}
		for i := n; i < len(outs); i++ {
			if outs[i].Action == Import || outs[i].Action == Update {
				outs[i] = Outcome{Action: Reject, Reason: why}
			}
		}
	}
	res.Counts = s.Counts()
	report, rerr := s.RejectReport()
	if rerr != nil {
		return res, rerr
	}
	res.RejectReport = report
	if err != nil && !res.Cancelled {
		return res, err
	}
	return res, nil
}

// RejectReport is an .xlsx with, per sheet, the original rows that were
// not written (rejected or duplicates) and a column saying why; nil when
// every row was written.
func (s *Session) RejectReport() ([]byte, error) {
	outs := s.plan.Outcomes()
	bySheet := map[string]*xlsx.List{}
	var order []string
	for i, o := range outs {
		if o.Action != Reject && o.Action != Duplicate {
			continue
		}
		r := s.rows[i]
		l, ok := bySheet[r.Sheet]
		if !ok {
			l = &xlsx.List{Sheet: sheetName(r.Sheet), Title: fmt.Sprintf("未导入的行（原工作表“%s”）", r.Sheet)}
			l.Columns = append(l.Columns, xlsx.Column{Title: "原行号", Kind: xlsx.Int, Width: 8}, xlsx.Column{Title: "未导入原因", Width: 40})
			for _, h := range s.headers(r.Sheet) {
				l.Columns = append(l.Columns, xlsx.Column{Title: h, Width: 14})
			}
			bySheet[r.Sheet] = l
			order = append(order, r.Sheet)
		}
		why := o.Reason
		if o.Action == Duplicate && why == "" {
			why = "重复：无需导入"
		}
		l.Rows = append(l.Rows, append([]string{fmt.Sprint(r.Line), why}, r.Raw...))
	}
	if len(order) == 0 {
		return nil, nil
	}
	lists := make([]xlsx.List, len(order))
	for i, name := range order {
		lists[i] = *bySheet[name]
	}
	var buf bytes.Buffer
	if err := xlsx.WriteBook(&buf, lists...); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (s *Session) headers(sheet string) []string {
	for _, sh := range s.Sheets {
		if sh.Sheet == sheet {
			return sh.Headers
		}
	}
	return nil
}

// sheetName makes a valid, short sheet name (Excel: ≤ 31 characters, no []:*?/\).
func sheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '_'
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 28 {
		s = string(r[:28])
	}
	return s + "-未导入"
}

// InBatches writes rows [0, n) in saves of batch rows each (one Badger
// transaction cannot take a whole sheet), calling write for each span
// inside update's save and progress after it. It returns how many
// leading rows are written: on an error or cancellation the rest are not.
func InBatches(ctx context.Context, n, batch int, update func(func(*store.Txn) error) error,
	write func(tx *store.Txn, from, to int) error, progress func(done int)) (int, error) {
	for from := 0; from < n; from += batch {
		if err := ctx.Err(); err != nil {
			return from, err
		}
		to := min(from+batch, n)
		if err := update(func(tx *store.Txn) error { return write(tx, from, to) }); err != nil {
			return from, err
		}
		if progress != nil {
			progress(to)
		}
	}
	return n, nil
}
