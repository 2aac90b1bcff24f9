package xlsx

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// Kind says how a field's cells are read.
type Kind int

const (
	Text   Kind = iota // free text, line breaks kept
	Line               // one line: names, codes
	Date               // YYYY-MM-DD from any office spelling
	Bool               // 是/否, √/×, 已整改/未整改
	Int                // whole number
	Number             // long digit strings (ID numbers, phones): stored-as-number is detected
	Seq                // 序号: read only to recognise the column
)

// Field is one thing an import area takes from a sheet, recognised by its
// header text or a synonym.
type Field struct {
	Key      string   `json:"key"`
	Label    string   `json:"label"`
	Synonyms []string `json:"synonyms,omitempty"`
	Required bool     `json:"required"`
	Kind     Kind     `json:"-"`
}

// Schema is the fields of one import area.
type Schema []Field

// Ignore maps a header to no field.
const Ignore = "-"

// Mapping is what the user chose for headers the schema does not know:
// normalised header text → field key (or Ignore). It is remembered per
// template (see Signature).
type Mapping map[string]string

// HeaderKey normalises header text for matching: no spaces, no marks
// such as * or （必填）, half-width.
func HeaderKey(s string) string {
	s = Normalize(s)
	for _, cut := range []string{"(必填)", "(选填)"} {
		s = strings.ReplaceAll(s, cut, "")
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == ' ' || r == '\n' || r == '*' || r == ':':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// match finds the field a header names: by the user's mapping, then the
// label, then a synonym.
func (sc Schema) match(header string, m Mapping) (string, bool) {
	h := HeaderKey(header)
	if h == "" {
		return "", false
	}
	if k, ok := m[h]; ok {
		if k == Ignore {
			return "", true
		}
		return k, true
	}
	for _, f := range sc {
		if HeaderKey(f.Label) == h {
			return f.Key, true
		}
		for _, s := range f.Synonyms {
			if HeaderKey(s) == h {
				return f.Key, true
			}
		}
	}
	return "", false
}

func (sc Schema) field(key string) (Field, bool) {
	for _, f := range sc {
		if f.Key == key {
			return f, true
		}
	}
	return Field{}, false
}

// Table is one sheet read against a schema.
type Table struct {
	Sheet   string   `json:"sheet"`
	Title   string   `json:"title,omitempty"` // text above the header
	Year    int      `json:"year,omitempty"`  // from the title or sheet name: for dates like 3月5日
	Header  []int    `json:"header"`          // 1-based header row numbers
	Headers []string `json:"headers"`         // per column, as the sheet names it
	Fields  []string `json:"fields"`          // per column: field key or ""
	Unknown []string `json:"unknown"`         // headers no field matched
	Missing []string `json:"missing"`         // labels of required fields not found
	Rows    []Row    `json:"-"`
	Skipped []Skip   `json:"skipped"`

	sheet *Sheet
	col   map[string]int
	kinds map[string]Kind
}

// Row is one data row: its 1-based line and the original cell texts.
type Row struct {
	Sheet string
	Line  int
	Raw   []string

	t *Table
}

// Skip is a non-empty row that is not data: a repeated header, a totals or
// a signature line.
type Skip struct {
	Line   int    `json:"line"`
	Reason string `json:"reason"`
	Text   string `json:"text"`
}

// Get returns the normalised cell of a field ("" when the sheet lacks it).
func (r Row) Get(key string) Cell {
	c, ok := r.t.col[key]
	if !ok || c >= len(r.Raw) {
		return Cell{}
	}
	cell := Cell{Text: Normalize(r.Raw[c])}
	// Only a long digit string can have lost digits: ask the sheet (slow)
	// whether it is stored as a number only then.
	if r.t.kinds[key] == Number && len(cell.Text) > 15 && reDigits.MatchString(strings.SplitN(cell.Text, ".", 2)[0]) {
		cell.Numeric = r.t.sheet.numeric(r.Line-1, c)
	}
	return cell
}

// Has tells whether the sheet has a column for the field.
func (r Row) Has(key string) bool { _, ok := r.t.col[key]; return ok }

// Year is the year for dates written without one.
func (r Row) Year() int { return r.t.Year }

// Signature identifies a template by its header texts, so a mapping the
// user made is offered again for the next sheet of the same kind.
func Signature(headers []string) string {
	keys := make([]string, 0, len(headers))
	for _, h := range headers {
		if k := HeaderKey(h); k != "" {
			keys = append(keys, k)
		}
	}
	sum := sha256.Sum256([]byte(strings.Join(keys, "|")))
	return hex.EncodeToString(sum[:8])
}

// headerScan is how many rows from the top may hold titles and headers.
const headerScan = 20

// Detect finds the header of a sheet (one row, or two with merged group
// headers above) and classifies every row under it. ok is false when no
// row names at least two of the schema's fields: the sheet is not of this
// kind, or its headers need mapping (Table.Headers has the best guess).
func Detect(s *Sheet, sc Schema, m Mapping, defaultYear int) (t *Table, ok bool) {
	type cand struct {
		rows   []int
		heads  []string
		fields []string
		score  int
	}
	var best cand
	for r := 0; r < min(headerScan, len(s.Rows)); r++ {
		for _, two := range []bool{false, true} {
			// A two-row header's upper row is itself a header row (a title
			// above the header is not): it names a field and is not one
			// merged text.
			if two && (r+1 >= len(s.Rows) || best.score == 0 || len(best.rows) != 1 || best.rows[0] != r || distinct(s.Rows[r]) < 2) {
				continue
			}
			c := cand{rows: []int{r}}
			if two {
				c.rows = append(c.rows, r+1)
			}
			width := len(s.Rows[r])
			if two {
				width = max(width, len(s.Rows[r+1]))
			}
			seen := map[string]bool{}
			for col := 0; col < width; col++ {
				head, key, matched := headerOf(s, c.rows, col, sc, m)
				c.heads = append(c.heads, head)
				c.fields = append(c.fields, key)
				if key != "" && !seen[key] {
					seen[key] = true
					c.score++
				} else if matched && key == "" {
					c.score++ // mapped to Ignore: still a header
				}
			}
			if c.score > best.score {
				best = c
			}
		}
	}
	t = &Table{Sheet: s.Name, sheet: s, col: map[string]int{}, kinds: map[string]Kind{}, Unknown: []string{}, Missing: []string{}, Skipped: []Skip{}}
	for _, f := range sc {
		t.kinds[f.Key] = f.Kind
	}
	if best.score < 2 {
		// Offer the first row with three or more distinct texts for mapping.
		for r := 0; r < min(headerScan, len(s.Rows)); r++ {
			if distinct(s.Rows[r]) >= 3 {
				t.Header = []int{r + 1}
				for _, h := range s.Rows[r] {
					t.Headers = append(t.Headers, Normalize(h))
					t.Fields = append(t.Fields, "")
					if HeaderKey(h) != "" {
						t.Unknown = appendNew(t.Unknown, Normalize(h))
					}
				}
				break
			}
		}
		return t, false
	}
	for _, r := range best.rows {
		t.Header = append(t.Header, r+1)
	}
	t.Headers, t.Fields = best.heads, best.fields
	for col, key := range t.Fields {
		if key != "" {
			if _, dup := t.col[key]; !dup {
				t.col[key] = col
			}
		} else if h := t.Headers[col]; HeaderKey(h) != "" {
			if _, known := sc.match(h, m); !known {
				t.Unknown = appendNew(t.Unknown, h)
			}
		}
	}
	for _, f := range sc {
		if _, ok := t.col[f.Key]; !ok && f.Required {
			t.Missing = append(t.Missing, f.Label)
		}
	}
	var title []string
	for r := 0; r < best.rows[0]; r++ {
		if line := strings.Join(uniqueTexts(s.Rows[r]), " "); line != "" {
			title = append(title, line)
		}
	}
	t.Title = strings.Join(title, " ")
	t.Year = YearIn(t.Title)
	if t.Year == 0 {
		t.Year = YearIn(s.Name)
	}
	if t.Year == 0 {
		t.Year = defaultYear
	}
	t.classify(best.rows[len(best.rows)-1]+1, sc)
	return t, true
}

// headerOf names column col of a one- or two-row header: the lower text,
// the upper and lower joined ("联系人"+"电话"), or the upper alone.
func headerOf(s *Sheet, rows []int, col int, sc Schema, m Mapping) (head, key string, matched bool) {
	top := Normalize(s.at(rows[0], col))
	if len(rows) == 1 {
		k, ok := sc.match(top, m)
		return top, k, ok
	}
	low := Normalize(s.at(rows[1], col))
	switch {
	case low == "" || low == top:
		k, ok := sc.match(top, m)
		return top, k, ok
	case top == "":
		k, ok := sc.match(low, m)
		return low, k, ok
	}
	for _, h := range []string{low, top + low, top + "/" + low} {
		if k, ok := sc.match(h, m); ok {
			return top + "/" + low, k, ok
		}
	}
	return top + "/" + low, "", false
}

func distinct(row []string) int {
	return len(uniqueTexts(row))
}

func uniqueTexts(row []string) []string {
	var out []string
	for _, v := range row {
		if v = OneLine(Normalize(v)); v != "" {
			out = appendNew(out, v)
		}
	}
	return out
}

func appendNew(list []string, v string) []string {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}

// Words that mark a totals row or the signature lines under a table.
var (
	totalWords  = []string{"合计", "总计", "小计", "共计", "累计"}
	footerWords = []string{"填表人", "制表人", "审核人", "填报人", "审核:", "填表:", "填报日期", "制表日期", "盖章", "分管领导", "单位负责人"}
)

func (t *Table) classify(from int, sc Schema) {
	headerKey := strings.Join(headerKeys(t.Headers), "|")
	seqCol := -1
	for _, f := range sc {
		if f.Kind == Seq {
			if c, ok := t.col[f.Key]; ok {
				seqCol = c
			}
		}
	}
	for r := from; r < len(t.sheet.Rows); r++ {
		raw := t.sheet.Rows[r]
		texts := uniqueTexts(raw)
		if len(texts) == 0 {
			continue
		}
		if onlySeq(raw, seqCol) {
			continue // a pre-numbered empty line of the form
		}
		line := strings.Join(texts, " ")
		skip := func(why string) { t.Skipped = append(t.Skipped, Skip{Line: r + 1, Reason: why, Text: cut(line, 60)}) }
		switch {
		case strings.Join(headerKeys(raw), "|") == headerKey:
			skip("重复的表头行")
		case startsWithAny(texts, totalWords):
			skip("合计行")
		case len(texts) <= 4 && containsAny(line, footerWords):
			skip("落款行（填表人、审核人等）")
		case len(texts) <= 2 && (strings.HasPrefix(texts[0], "注:") || strings.HasPrefix(texts[0], "说明:")):
			skip("注释行")
		default:
			cp := make([]string, len(raw))
			copy(cp, raw)
			t.Rows = append(t.Rows, Row{Sheet: t.Sheet, Line: r + 1, Raw: cp, t: t})
		}
	}
}

func headerKeys(row []string) []string {
	out := make([]string, len(row))
	for i, v := range row {
		out[i] = HeaderKey(v)
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

func onlySeq(raw []string, seqCol int) bool {
	if seqCol < 0 || seqCol >= len(raw) {
		return false
	}
	if !reDigits.MatchString(Normalize(raw[seqCol])) {
		return false // "合计" or "填表人" in the 序号 column is not a blank numbered line
	}
	for c, v := range raw {
		if c != seqCol && strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

func startsWithAny(texts []string, words []string) bool {
	for _, t := range texts[:min(3, len(texts))] {
		t = strings.ReplaceAll(t, " ", "")
		for _, w := range words {
			if strings.HasPrefix(t, w) {
				return true
			}
		}
	}
	return false
}

func containsAny(s string, words []string) bool {
	s = strings.ReplaceAll(s, " ", "")
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func cut(s string, n int) string {
	r := []rune(OneLine(s))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n]) + "…"
}
