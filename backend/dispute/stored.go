package dispute

import (
	"zongzhi/backend/caseflow"
	"zongzhi/backend/record"
)

// In the store every mediation record and log entry is a top-level field
// of its own, "rec:<id>" and "log:<id>" (see caseflow.List): entries two
// sites add at the same time are both kept. The UI sees ordinary arrays
// (Dispute's own JSON); only the store sees this shape.
const (
	recPrefix = "rec:"
	logPrefix = caseflow.LogPrefix
)

// stored is a Dispute as the store keeps it.
type stored Dispute

// plain has Dispute's fields without its methods (no recursion).
type plain Dispute

func (p *plain) lists() []caseflow.List {
	return []caseflow.List{
		caseflow.Entries(recPrefix, "records", &p.Records, func(e Entry) string { return e.ID }, func(a, b Entry) bool {
			if a.Date != b.Date {
				return a.Date < b.Date
			}
			return a.ID < b.ID // UUIDv7: the order they were made in
		}),
		caseflow.Log(logPrefix, "log", &p.Log),
	}
}

// MarshalJSON writes the dispute's fields, then one field per entry.
func (d stored) MarshalJSON() ([]byte, error) {
	p := plain(d)
	return caseflow.Marshal(p, p.lists()...)
}

// UnmarshalJSON reads the dispute's fields and gathers the entry fields
// into Records (by date) and Log (by time).
func (d *stored) UnmarshalJSON(raw []byte) error {
	var p plain
	if err := caseflow.Unmarshal(raw, &p, p.lists()...); err != nil {
		return err
	}
	if p.Parties == nil {
		p.Parties = []Party{}
	}
	*d = stored(p)
	return nil
}

func (d *Dispute) head() caseflow.Head {
	return caseflow.Head{Number: d.Number, Status: &d.Status, StatusName: &d.StatusName, Log: &d.Log}
}

// cases keeps disputes on the case-flow kernel in their stored shape.
var cases = caseflow.Cases[Dispute]{
	Flow: Flow, Kind: Kind, Head: (*Dispute).head,
	Stored: func(d *Dispute) any { return stored(*d) },
	Load: func(r *record.Record, d *Dispute) error {
		var sd stored
		err := r.Decode(&sd)
		*d = Dispute(sd)
		return err
	},
}
