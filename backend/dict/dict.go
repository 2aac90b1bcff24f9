// Package dict keeps the editable code tables (代码表). Each domain ships
// its tables; an office may add local entries, rename an entry for its
// own paperwork, or retire one. Those edits are versioned records like
// any other, so they travel with USB sync and a conflict between two
// sites' edits shows in the inbox. Records store code and label together,
// so a renamed or retired entry never changes what was saved before.
package dict

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"zongzhi/backend/problem"
	"zongzhi/backend/record"
	"zongzhi/backend/store"
)

// Kind is the record kind of an office's edit to one entry.
const Kind = "dict-entry"

// Code is one entry as forms and records use it.
type Code struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

// Table is a code table a domain ships.
type Table struct {
	Name  string `json:"name"`  // "people.categories"
	Title string `json:"title"` // 特殊人群类别
	// Codes are the shipped entries, in the order forms offer them.
	Codes []Code `json:"-"`
	// Private marks shipped entries kept off any public template; the
	// table offers the flag for local entries too when Privacy is set.
	Private map[string]bool `json:"-"`
	Privacy bool            `json:"privacy,omitempty"`
	// CodeHint tells the admin what a new code looks like ("两位数字，如 55").
	CodeHint string `json:"codeHint"`
	code     *regexp.Regexp
}

// Entry is one entry as the settings screen shows it.
type Entry struct {
	Code     string `json:"code"`
	Label    string `json:"label"`
	Shipped  bool   `json:"shipped"`            // from the standard table
	Original string `json:"original,omitempty"` // the shipped label, when renamed
	Disabled bool   `json:"disabled,omitempty"` // retired: kept for old records, no longer offered
	Private  bool   `json:"private,omitempty"`  // never on a public template
}

// edit is the stored record of an office's change to one entry.
type edit struct {
	Table    string `json:"table"`
	Code     string `json:"code"`
	Label    string `json:"label"`
	Disabled bool   `json:"disabled"`
	Private  bool   `json:"private"`
}

func recordID(table, code string) string { return table + ":" + code }

// Indexer maps an edit to its index row (Parent = table).
func Indexer(r *record.Record) (store.Row, error) {
	var e edit
	err := r.Decode(&e)
	return store.Row{Parent: e.Table, Code: e.Code, Name: e.Label}, err
}

// Dict serves the tables with the office's edits applied. Tables are
// read often (every label of every list row) and edited rarely, so the
// merged tables are cached and dropped whenever an edit commits, here or
// by a sync import.
type Dict struct {
	st     *store.Store
	author func() string

	mu     sync.RWMutex
	tables map[string]*Table
	order  []string
	cache  map[string][]Entry
}

// New returns the dictionary over st; tables come from Register.
func New(st *store.Store, author func() string) *Dict {
	d := &Dict{st: st, author: author, tables: map[string]*Table{}, cache: map[string][]Entry{}}
	st.Watch(func(cs []store.Changed) {
		for _, c := range cs {
			if c.Kind == Kind {
				d.mu.Lock()
				clear(d.cache)
				d.mu.Unlock()
				return
			}
		}
	})
	return d
}

// Register adds a shipped table; codePattern is the shape new codes take.
func (d *Dict) Register(t Table, codePattern string) {
	t.code = regexp.MustCompile("^(?:" + codePattern + ")$")
	d.mu.Lock()
	defer d.mu.Unlock()
	if _, ok := d.tables[t.Name]; !ok {
		d.order = append(d.order, t.Name)
	}
	d.tables[t.Name] = &t
	delete(d.cache, t.Name)
}

// Tables lists the editable tables in registration order.
func (d *Dict) Tables() []Table {
	d.mu.RLock()
	defer d.mu.RUnlock()
	out := make([]Table, 0, len(d.order))
	for _, n := range d.order {
		out = append(out, *d.tables[n])
	}
	return out
}

// Entries lists a table's entries, retired ones included: shipped entries
// in shipped order, then local ones by code.
func (d *Dict) Entries(table string) []Entry {
	d.mu.RLock()
	es, ok := d.cache[table]
	t := d.tables[table]
	d.mu.RUnlock()
	if ok {
		return es
	}
	if t == nil {
		return nil
	}
	es = d.merge(t)
	d.mu.Lock()
	d.cache[table] = es
	d.mu.Unlock()
	return es
}

func (d *Dict) merge(t *Table) []Entry {
	edits := map[string]edit{}
	for _, r := range d.st.Rows(store.IndexParent, Kind, t.Name) {
		rec, err := d.st.Get(Kind, r.ID)
		if err != nil || rec.Deleted() {
			continue
		}
		var e edit
		if rec.Decode(&e) == nil {
			edits[e.Code] = e
		}
	}
	out := make([]Entry, 0, len(t.Codes)+len(edits))
	for _, c := range t.Codes {
		en := Entry{Code: c.Code, Label: c.Label, Shipped: true, Private: t.Private[c.Code]}
		if e, ok := edits[c.Code]; ok {
			if e.Label != "" && e.Label != c.Label {
				en.Label, en.Original = e.Label, c.Label
			}
			en.Disabled = e.Disabled
			if t.Privacy {
				en.Private = e.Private
			}
			delete(edits, c.Code)
		}
		out = append(out, en)
	}
	local := make([]Entry, 0, len(edits))
	for _, e := range edits {
		local = append(local, Entry{Code: e.Code, Label: e.Label, Disabled: e.Disabled, Private: t.Privacy && e.Private})
	}
	sort.Slice(local, func(i, j int) bool { return local[i].Code < local[j].Code })
	return append(out, local...)
}

// Options is what a form offers: the entries not retired.
func (d *Dict) Options(table string) []Code {
	var out []Code
	for _, e := range d.Entries(table) {
		if !e.Disabled {
			out = append(out, Code{e.Code, e.Label})
		}
	}
	return out
}

// Lookup finds an entry, retired ones included (old records keep them).
func (d *Dict) Lookup(table, code string) (Entry, bool) {
	for _, e := range d.Entries(table) {
		if e.Code == code {
			return e, true
		}
	}
	return Entry{}, false
}

// Label is an entry's label, or the code itself when unknown.
func (d *Dict) Label(table, code string) string {
	if e, ok := d.Lookup(table, code); ok {
		return e.Label
	}
	return code
}

// Private tells whether an entry is kept off public templates.
func (d *Dict) Private(table, code string) bool {
	e, _ := d.Lookup(table, code)
	return e.Private
}

// Check validates a code chosen in a form: required or not, known, and
// not retired unless it is the value the record already had.
func (d *Dict) Check(f *problem.Fields, field, name, table, code, was string, required bool) string {
	if code == "" {
		if required {
			f.Add(field, "required", "请选择"+name)
		}
		return ""
	}
	e, ok := d.Lookup(table, code)
	switch {
	case !ok:
		f.Add(field, "unknown", fmt.Sprintf("%s“%s”不在代码表中", name, code))
	case e.Disabled && code != was:
		f.Add(field, "disabled", fmt.Sprintf("%s“%s”已停用，请选择其他%s", name, e.Label, name))
	}
	return e.Label
}

// EntryInput is an admin's edit of one entry: a new local entry, a new
// label, retiring or restoring one.
type EntryInput struct {
	Table    string `json:"table"`
	Code     string `json:"code"`
	Label    string `json:"label"`
	Disabled bool   `json:"disabled"`
	Private  bool   `json:"private"`
	New      bool   `json:"new"` // adding: the code must not exist yet
}

// Save records an edit and returns the entry as now in force.
func (d *Dict) Save(in EntryInput) (Entry, error) {
	d.mu.RLock()
	t := d.tables[in.Table]
	d.mu.RUnlock()
	if t == nil {
		var f problem.Fields
		f.Add("table", "unknown", fmt.Sprintf("没有名为“%s”的代码表", in.Table))
		return Entry{}, f.Err()
	}
	in.Code, in.Label = strings.TrimSpace(in.Code), strings.TrimSpace(in.Label)
	var f problem.Fields
	old, exists := d.Lookup(in.Table, in.Code)
	switch {
	case in.Code == "":
		f.Add("code", "required", "请填写代码")
	case in.New && exists:
		f.Add("code", "duplicate", fmt.Sprintf("代码“%s”已被“%s”使用", in.Code, old.Label))
	case !exists && !t.code.MatchString(in.Code):
		f.Add("code", "format", "代码格式不对："+t.CodeHint)
	}
	switch n := utf8.RuneCountInString(in.Label); {
	case n == 0:
		f.Add("label", "required", "请填写名称")
	case n > 20:
		f.Add("label", "too_long", fmt.Sprintf("名称最多20个字，现在%d个字", n))
	}
	for _, e := range d.Entries(in.Table) {
		if e.Code != in.Code && e.Label == in.Label && !e.Disabled && !in.Disabled {
			f.Add("label", "duplicate", fmt.Sprintf("名称“%s”已是代码%s的名称", in.Label, e.Code))
		}
	}
	if err := f.Err(); err != nil {
		return Entry{}, err
	}
	e := edit{Table: in.Table, Code: in.Code, Label: in.Label, Disabled: in.Disabled, Private: t.Privacy && in.Private}
	if _, err := d.st.Update(d.author(), func(tx *store.Txn) error {
		return tx.Put(Kind, recordID(in.Table, in.Code), e)
	}); err != nil {
		return Entry{}, err
	}
	out, _ := d.Lookup(in.Table, in.Code)
	return out, nil
}

// Label finds a code's label in a table.
func Label(table []Code, code string) (string, bool) {
	for _, c := range table {
		if c.Code == code {
			return c.Label, true
		}
	}
	return "", false
}

// Name is a code's label in table, "" when the table lacks it.
func Name(table []Code, code string) string {
	l, _ := Label(table, code)
	return l
}

// Fixed checks a code against a fixed table (one the flow depends on,
// not editable) and returns its label; a missing or unknown code is a
// field problem naming the field.
func Fixed(f *problem.Fields, field, name string, table []Code, code string, required bool) string {
	if code == "" {
		if required {
			f.Add(field, "required", "请选择"+name)
		}
		return ""
	}
	l, ok := Label(table, code)
	if !ok {
		f.Add(field, "unknown", fmt.Sprintf("%s“%s”不在代码表中", name, code))
	}
	return l
}
