// Package record holds versioned records: every field is a multi-value
// register that keeps the write that set it and the writes it replaced, so
// edits from several sites merge without loss and in any order.
package record

import (
	"bytes"
	"encoding/json"
	"sort"

	"zongzhi/backend/hlc"
)

// Version names one write: the op (site, per-site sequence) and its clock.
type Version struct {
	HLC  hlc.Timestamp `json:"h"`
	Site string        `json:"s"`
	Seq  uint64        `json:"q"`
}

// Wins reports whether v is the provisional winner over o: higher HLC,
// then higher site id, so every replica picks the same one.
func (v Version) Wins(o Version) bool {
	if v.HLC != o.HLC {
		return v.HLC > o.HLC
	}
	if v.Site != o.Site {
		return v.Site > o.Site
	}
	return v.Seq > o.Seq
}

// Write sets one field of one record, replacing the candidate values the
// writer had seen.
type Write struct {
	Kind     string          `json:"k"`
	ID       string          `json:"i"`
	Field    string          `json:"f"`
	Value    json.RawMessage `json:"v"`
	Replaces []Version       `json:"r,omitempty"`
}

// Op is one save: all field writes of one transaction, numbered per site.
// The op log of these is what sync exchanges.
type Op struct {
	Site   string        `json:"site"`
	Seq    uint64        `json:"seq"`
	HLC    hlc.Timestamp `json:"hlc"`
	Author string        `json:"author,omitempty"`
	Writes []Write       `json:"writes"`
}

// Version is the version every write of the op carries.
func (op Op) Version() Version { return Version{HLC: op.HLC, Site: op.Site, Seq: op.Seq} }

// Candidate is one value of a field together with the write that set it.
type Candidate struct {
	Value    json.RawMessage `json:"v"`
	Ver      Version         `json:"w"`
	Replaced []Version       `json:"r,omitempty"`
}

// DeletedField is the field that marks a record deleted; deletion is a
// write like any other so it merges and can conflict with an edit.
const DeletedField = "deleted"

// Record is a set of fields, each a register of one or more candidates
// (more than one means concurrent writes: a conflict).
type Record struct {
	Kind   string                 `json:"kind"`
	ID     string                 `json:"id"`
	Fields map[string][]Candidate `json:"fields"`
}

// New returns an empty record.
func New(kind, id string) *Record {
	return &Record{Kind: kind, ID: id, Fields: map[string][]Candidate{}}
}

// Apply merges one write made by op version v. It is idempotent, and
// commutes with any other write that is not causally before it.
func (r *Record) Apply(w Write, v Version) {
	var kept []Candidate
	for _, c := range r.Fields[w.Field] {
		if c.Ver == v {
			return // already applied
		}
		if !containsVersion(w.Replaces, c.Ver) {
			kept = append(kept, c)
		}
	}
	kept = append(kept, Candidate{Value: w.Value, Ver: v, Replaced: w.Replaces})
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].Ver.Wins(kept[j].Ver) })
	r.Fields[w.Field] = kept
}

// Settle gives the candidates written under a placeholder version their
// real one (a save learns its version only when it commits), keeping the
// candidates in winning order.
func (r *Record) Settle(placeholder, v Version) {
	for f, cs := range r.Fields {
		changed := false
		for i := range cs {
			if cs[i].Ver == placeholder {
				cs[i].Ver, changed = v, true
			}
		}
		if changed {
			sort.SliceStable(cs, func(i, j int) bool { return cs[i].Ver.Wins(cs[j].Ver) })
			r.Fields[f] = cs
		}
	}
}

func containsVersion(vs []Version, v Version) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}

// Value is the provisional winner of a field, or nil if never written.
func (r *Record) Value(field string) json.RawMessage {
	if cs := r.Fields[field]; len(cs) > 0 {
		return cs[0].Value
	}
	return nil
}

// Candidates lists every current value of a field, winner first.
func (r *Record) Candidates(field string) []Candidate { return r.Fields[field] }

// Deleted reports whether the winning value of the deleted field is true.
func (r *Record) Deleted() bool {
	return bytes.Equal(r.Value(DeletedField), []byte("true"))
}

// Conflicts lists fields holding concurrent values, sorted.
func (r *Record) Conflicts() []string {
	var out []string
	for f, cs := range r.Fields {
		if differ(cs) || (f == DeletedField && r.DeleteConflict()) {
			out = append(out, f)
		}
	}
	sort.Strings(out)
	return out
}

// Updated is the clock of the latest write to any field.
func (r *Record) Updated() hlc.Timestamp {
	var max hlc.Timestamp
	for _, cs := range r.Fields {
		for _, c := range cs {
			if c.Ver.HLC > max {
				max = c.Ver.HLC
			}
		}
	}
	return max
}

// Changes returns the writes that bring the record's winning values to
// values: only fields whose value differs, each replacing every current
// candidate of that field.
func (r *Record) Changes(values map[string]json.RawMessage) []Write {
	names := make([]string, 0, len(values))
	for f := range values {
		names = append(names, f)
	}
	sort.Strings(names)
	var ws []Write
	for _, f := range names {
		v := values[f]
		if bytes.Equal(r.Value(f), v) {
			continue
		}
		var replaces []Version
		for _, c := range r.Fields[f] {
			replaces = append(replaces, c.Ver)
		}
		ws = append(ws, Write{Kind: r.Kind, ID: r.ID, Field: f, Value: v, Replaces: replaces})
	}
	return ws
}

// Versions lists every version the record holds, once each, in order.
func (r *Record) Versions() []Version {
	seen := map[Version]bool{}
	var out []Version
	for _, cs := range r.Fields {
		for _, c := range cs {
			if !seen[c.Ver] {
				seen[c.Ver] = true
				out = append(out, c.Ver)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[j].Wins(out[i]) })
	return out
}

// DeleteConflict tells whether the record is deleted while some field
// holds a write the delete did not see: deleted at one site, edited at
// another. The record stays deleted until a person decides.
func (r *Record) DeleteConflict() bool {
	if !r.Deleted() {
		return false
	}
	seen := map[Version]bool{}
	for _, c := range r.Fields[DeletedField] {
		seen[c.Ver] = true
		for _, v := range c.Replaced {
			seen[v] = true
		}
	}
	for f, cs := range r.Fields {
		if f == DeletedField {
			continue
		}
		for _, c := range cs {
			if !seen[c.Ver] {
				return true
			}
		}
	}
	return false
}

// differ: concurrent writes of one and the same value are no conflict.
func differ(cs []Candidate) bool {
	for _, c := range cs[min(1, len(cs)):] {
		if !bytes.Equal(c.Value, cs[0].Value) {
			return true
		}
	}
	return false
}
