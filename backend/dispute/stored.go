package dispute

import (
	"encoding/json"
	"sort"
	"strings"
)

// Sync merges records field by field: a JSON array in one field would be
// replaced whole by whichever site wrote last, losing the other site's
// mediation records. So in the store every entry is a top-level field of
// its own, "rec:<id>" and "log:<id>": two sites adding entries at the same
// time write different fields, and both are kept. The UI sees ordinary
// arrays (Dispute's own JSON); only the store sees this shape.
const (
	recPrefix = "rec:"
	logPrefix = "log:"
)

// stored is a Dispute as the store keeps it.
type stored Dispute

// plain has Dispute's fields without its methods (no recursion).
type plain Dispute

// MarshalJSON writes the dispute's fields, then one field per entry.
func (d stored) MarshalJSON() ([]byte, error) {
	raw, err := json.Marshal(plain(d))
	if err != nil {
		return nil, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	delete(m, "records")
	delete(m, "log")
	for _, e := range d.Records {
		if m[recPrefix+e.ID], err = json.Marshal(e); err != nil {
			return nil, err
		}
	}
	for _, c := range d.Log {
		if m[logPrefix+c.ID], err = json.Marshal(c); err != nil {
			return nil, err
		}
	}
	return json.Marshal(m)
}

// UnmarshalJSON reads the dispute's fields and gathers the entry fields
// into Records (by date) and Log (by time).
func (d *stored) UnmarshalJSON(raw []byte) error {
	var p plain
	if err := json.Unmarshal(raw, &p); err != nil {
		return err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return err
	}
	p.Records, p.Log = []Entry{}, []StatusChange{}
	for k, v := range m {
		switch {
		case strings.HasPrefix(k, recPrefix):
			var e Entry
			if err := json.Unmarshal(v, &e); err != nil {
				return err
			}
			p.Records = append(p.Records, e)
		case strings.HasPrefix(k, logPrefix):
			var c StatusChange
			if err := json.Unmarshal(v, &c); err != nil {
				return err
			}
			p.Log = append(p.Log, c)
		}
	}
	// Ids are UUIDv7: the tie-break keeps the order they were made in.
	sort.Slice(p.Records, func(i, j int) bool {
		a, b := p.Records[i], p.Records[j]
		if a.Date != b.Date {
			return a.Date < b.Date
		}
		return a.ID < b.ID
	})
	sort.Slice(p.Log, func(i, j int) bool {
		a, b := p.Log[i], p.Log[j]
		if a.At != b.At {
			return a.At < b.At
		}
		return a.ID < b.ID
	})
	if p.Parties == nil {
		p.Parties = []Party{}
	}
	*d = stored(p)
	return nil
}
