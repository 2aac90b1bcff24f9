package caseflow

import (
	"encoding/json"
	"sort"
	"strings"
)

// Entry is one entry of a record's log: who did what, when, from which
// state to which, with a note. Moves that keep the state (feedback, an
// extension request) are entries too. Entries are written once and never
// changed: a correction is a new entry.
type Entry struct {
	ID       string `json:"id"`
	At       string `json:"at"`                // when it was entered, RFC 3339
	Date     string `json:"date,omitempty"`    // the day it was done, as the user gave it
	By       string `json:"by"`                // the operator
	Staff    string `json:"staff,omitempty"`   // the staff member who acted, by name as it was
	StaffID  string `json:"staffId,omitempty"` // and id: who took part decides who may do what next
	Action   string `json:"action,omitempty"`  // the move's code
	Label    string `json:"label,omitempty"`   // the move's label, e.g. 指派, 核查不通过
	From     string `json:"from,omitempty"`
	FromName string `json:"fromName,omitempty"`
	To       string `json:"to,omitempty"`
	ToName   string `json:"toName,omitempty"`
	Note     string `json:"note,omitempty"`
}

// Sync merges records field by field, and a JSON array in one field is
// replaced whole by whichever site wrote last: entries added at two sites
// at once would lose one. So in the store every entry of an append-only
// list is a top-level field of its own, prefix + entry id: two sites
// adding entries write different fields, and both are kept. The UI sees
// ordinary arrays; only the store sees this shape.

// List is an append-only list of a record kept one store field per entry.
type List interface {
	prefix() string
	key() string // the list's own JSON key in the record's plain form ("" = none)
	put(m map[string]json.RawMessage) error
	take(v json.RawMessage) error
	done()
}

// LogPrefix is the field prefix of a log declared with Log. Older kinds
// keep the prefix they were first written with (the ledger's "step:").
const LogPrefix = "log:"

// Log is a record's log kept under prefix, in time order; key is the log's
// JSON key in the record's plain form ("" when it has none).
func Log(prefix, key string, entries *[]Entry) List {
	return Entries(prefix, key, entries, func(e Entry) string { return e.ID }, func(a, b Entry) bool {
		if a.At != b.At {
			return a.At < b.At
		}
		return a.ID < b.ID // UUIDv7: the order they were made in
	})
}

// Entries is any append-only list kept under prefix, ordered by less.
func Entries[E any](prefix, key string, entries *[]E, id func(E) string, less func(a, b E) bool) List {
	return &list[E]{pre: prefix, k: key, entries: entries, id: id, less: less}
}

type list[E any] struct {
	pre, k  string
	entries *[]E
	id      func(E) string
	less    func(a, b E) bool
	read    []E
}

func (l *list[E]) prefix() string { return l.pre }
func (l *list[E]) key() string    { return l.k }

func (l *list[E]) put(m map[string]json.RawMessage) error {
	for _, e := range *l.entries {
		b, err := json.Marshal(e)
		if err != nil {
			return err
		}
		m[l.pre+l.id(e)] = b
	}
	return nil
}

func (l *list[E]) take(v json.RawMessage) error {
	if string(v) == "null" { // an entry taken out (see Removed)
		return nil
	}
	var e E
	if err := json.Unmarshal(v, &e); err != nil {
		return err
	}
	l.read = append(l.read, e)
	return nil
}

func (l *list[E]) done() {
	sort.SliceStable(l.read, func(i, j int) bool { return l.less(l.read[i], l.read[j]) })
	if l.read == nil {
		l.read = []E{}
	}
	*l.entries = l.read
	l.read = nil
}

// Removed is the value that takes an entry out of a list whose entries
// may be removed (a draft's agenda item): the field is written null, so
// the removal merges like any other write.
var Removed = json.RawMessage("null")

// Marshal writes plain (a record without its lists, or with them under
// their keys, which are dropped) and then one field per list entry.
func Marshal(plain any, lists ...List) ([]byte, error) {
	raw, err := json.Marshal(plain)
	if err != nil {
		return nil, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	for _, l := range lists {
		if l.key() != "" {
			delete(m, l.key())
		}
		if err := l.put(m); err != nil {
			return nil, err
		}
	}
	return json.Marshal(m)
}

// Unmarshal reads plain from raw and gathers each list's entry fields
// into its slice, in order (an empty list reads as empty, not nil).
func Unmarshal(raw []byte, plain any, lists ...List) error {
	if err := json.Unmarshal(raw, plain); err != nil {
		return err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return err
	}
	for k, v := range m {
		for _, l := range lists {
			if strings.HasPrefix(k, l.prefix()) {
				if err := l.take(v); err != nil {
					return err
				}
				break
			}
		}
	}
	for _, l := range lists {
		l.done()
	}
	return nil
}
