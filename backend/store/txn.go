package store

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"zongzhi/backend/record"
)

// Txn collects the field writes of one save. Reads see the save's own
// writes. Nothing reaches Badger or the indexes unless fn returns nil.
type Txn struct {
	s      *Store
	btx    *badger.Txn
	recs   map[string]*record.Record // records touched so far, pending writes applied
	writes []record.Write
	slot   map[string]int // kind/id/field → index in writes: one write per field per op
	memo   map[string]map[string]bool
}

// Memo is a set kept for the life of this save under name, for what the
// indexes cannot tell until it commits: the numbers one save has issued
// to several records.
func (t *Txn) Memo(name string) map[string]bool {
	if t.memo == nil {
		t.memo = map[string]map[string]bool{}
	}
	m := t.memo[name]
	if m == nil {
		m = map[string]bool{}
		t.memo[name] = m
	}
	return m
}

// pending marks writes of the running save until it gets its real version.
var pending = record.Version{Site: "~pending"}

// NewID returns a fresh UUIDv7: time-ordered and made offline.
func NewID() string { return uuid.Must(uuid.NewV7()).String() }

// Get reads a record as this save sees it; ErrNotFound if it never existed.
func (t *Txn) Get(kind, id string) (*record.Record, error) {
	if rec, ok := t.recs[kind+"/"+id]; ok {
		return rec, nil
	}
	rec, err := getRecord(t.btx, kind, id)
	if err != nil {
		return nil, err
	}
	t.recs[kind+"/"+id] = rec
	return rec, nil
}

// Save sets fields of a record (created if missing); unchanged fields
// write nothing, so the op log holds only real edits.
func (t *Txn) Save(kind, id string, values map[string]json.RawMessage) error {
	rec, err := t.Get(kind, id)
	if errors.Is(err, ErrNotFound) {
		rec = record.New(kind, id)
		t.recs[kind+"/"+id] = rec
	} else if err != nil {
		return err
	}
	for _, w := range rec.Changes(values) {
		t.add(rec, w)
	}
	return nil
}

func (t *Txn) add(rec *record.Record, w record.Write) {
	key := w.Kind + "/" + w.ID + "/" + w.Field
	if i, ok := t.slot[key]; ok {
		// A second write to the field in one save: keep the first
		// write's view of what it replaces, and let later reads in this
		// save see the new value.
		t.writes[i].Value = w.Value
		for j, c := range rec.Fields[w.Field] {
			if c.Ver == pending {
				rec.Fields[w.Field][j].Value = w.Value
			}
		}
		return
	}
	t.slot[key] = len(t.writes)
	t.writes = append(t.writes, w)
	rec.Apply(record.Write{Field: w.Field, Value: w.Value, Replaces: w.Replaces}, pending)
}

// PutNew saves a record whose id this save just made with NewID: it
// cannot exist yet, so Badger is not asked (bulk imports make many).
func (t *Txn) PutNew(kind, id string, v any) error {
	values, err := record.Encode(v)
	if err != nil {
		return err
	}
	key := kind + "/" + id
	if _, ok := t.recs[key]; !ok {
		t.recs[key] = record.New(kind, id)
	}
	return t.Save(kind, id, values)
}

// Put saves a struct's JSON fields as the record's fields.
func (t *Txn) Put(kind, id string, v any) error {
	values, err := record.Encode(v)
	if err != nil {
		return err
	}
	return t.Save(kind, id, values)
}

// Delete marks a record deleted; its history stays. The delete names
// every version it saw, so an edit made elsewhere meanwhile shows up as a
// delete-vs-edit conflict instead of vanishing with the record.
func (t *Txn) Delete(kind, id string) error {
	rec, err := t.Get(kind, id)
	if err != nil {
		return err
	}
	if rec.Deleted() && !rec.DeleteConflict() {
		return nil
	}
	var seen []record.Version
	for _, v := range rec.Versions() {
		if v != pending {
			seen = append(seen, v)
		}
	}
	t.add(rec, record.Write{Kind: kind, ID: id, Field: record.DeletedField, Value: json.RawMessage("true"), Replaces: seen})
	return nil
}

// Update runs fn as one save by author. If fn returns an error or panics,
// nothing is written and no sequence number is used. Otherwise the op and
// every record it touches are committed in one Badger transaction and the
// indexes follow. A save that changes nothing returns a zero Op.
func (s *Store) Update(author string, fn func(*Txn) error) (record.Op, error) {
	if !s.gate.enter() {
		return record.Op{}, ErrClosed
	}
	defer s.gate.leave()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return record.Op{}, ErrClosed
	}
	btx := s.db.NewTransaction(true)
	defer btx.Discard()
	t := &Txn{s: s, btx: btx, recs: map[string]*record.Record{}, slot: map[string]int{}}
	if err := fn(t); err != nil {
		return record.Op{}, err
	}
	if len(t.writes) == 0 {
		return record.Op{}, nil
	}
	op := record.Op{
		Site:   s.site.ID,
		Seq:    s.vv[s.site.ID] + 1,
		HLC:    s.clock.Now(),
		Author: author,
		Writes: t.writes,
	}
	// The save's own records already hold its writes: settle their
	// version instead of reading them back from Badger.
	if err := s.commitOps(btx, []record.Op{op}, t.recs); err != nil {
		return record.Op{}, err
	}
	return op, nil
}

// commitOps writes ops (new to this store, in causal order) and the
// records they change in btx, commits, then updates the indexes and the
// version vector. Local saves and sync imports share it, so a record is
// written the same way whatever brought the change. known, for a local
// save, holds its records with its writes under the pending version.
// Caller holds s.mu.
func (s *Store) commitOps(btx *badger.Txn, ops []record.Op, known map[string]*record.Record) error {
	recs := map[string]*record.Record{}
	for _, op := range ops {
		raw, err := json.Marshal(op)
		if err != nil {
			return err
		}
		if err := btx.Set(opKey(op.Site, op.Seq), raw); err != nil {
			return err
		}
		for _, w := range op.Writes {
			key := w.Kind + "/" + w.ID
			rec, ok := recs[key]
			if k := known[key]; !ok && k != nil {
				rec, ok = k, true
				rec.Settle(pending, op.Version())
				recs[key] = rec
			}
			if !ok {
				rec, err = getRecord(btx, w.Kind, w.ID)
				if errors.Is(err, ErrNotFound) {
					rec = record.New(w.Kind, w.ID)
				} else if err != nil {
					return err
				}
				recs[key] = rec
			}
			rec.Apply(w, op.Version())
		}
	}
	mtxn := s.mem.Txn(true)
	defer mtxn.Abort() // no-op after Commit
	for _, rec := range recs {
		raw, err := json.Marshal(rec)
		if err != nil {
			return err
		}
		if err := btx.Set(recordKey(rec.Kind, rec.ID), raw); err != nil {
			return fmt.Errorf("store: write %s/%s: %w", rec.Kind, rec.ID, err)
		}
		// Index before commit: a record no indexer accepts must not land.
		if err := s.indexRecord(mtxn, rec); err != nil {
			return err
		}
	}
	if err := btx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	mtxn.Commit()
	for _, op := range ops {
		if op.Seq > s.vv[op.Site] {
			s.vv[op.Site] = op.Seq
		}
	}
	if len(s.watchers) > 0 {
		changed := make([]Changed, 0, len(recs))
		for _, rec := range recs {
			changed = append(changed, Changed{Kind: rec.Kind, ID: rec.ID})
		}
		for _, w := range s.watchers {
			w(changed)
		}
	}
	return nil
}

// Changed names a record a commit touched.
type Changed struct{ Kind, ID string }

// Watch calls fn after every commit — local saves and sync imports alike —
// with the records it touched, their index rows already updated. fn runs
// inside the commit: it must be quick and must not write (derived views
// such as the overdue board mark what to recompute).
func (s *Store) Watch(fn func([]Changed)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.watchers = append(s.watchers, fn)
}

// Records reads every record of a kind, deleted ones included, in id
// order (UUIDv7: creation order).
func (s *Store) Records(kind string) ([]*record.Record, error) {
	var out []*record.Record
	err := s.view(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: recordPrefix(kind), PrefetchValues: true, PrefetchSize: 256})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			rec := &record.Record{}
			if err := it.Item().Value(func(v []byte) error { return json.Unmarshal(v, rec) }); err != nil {
				return err
			}
			out = append(out, rec)
		}
		return nil
	})
	return out, err
}

// Resolve settles a conflicted field with value, replacing every
// candidate — even when value is the provisional winner. Keeping a delete
// replaces every version the record holds.
func (t *Txn) Resolve(kind, id, field string, value json.RawMessage) error {
	rec, err := t.Get(kind, id)
	if err != nil {
		return err
	}
	var replaces []record.Version
	if field == record.DeletedField && string(value) == "true" {
		replaces = rec.Versions()
	} else {
		for _, c := range rec.Candidates(field) {
			replaces = append(replaces, c.Ver)
		}
	}
	kept := replaces[:0]
	for _, v := range replaces {
		if v != pending {
			kept = append(kept, v)
		}
	}
	t.add(rec, record.Write{Kind: kind, ID: id, Field: field, Value: value, Replaces: kept})
	return nil
}

// ConflictedRecords reads every record of the kinds with a conflicted
// field, deleted ones included (a delete-vs-edit conflict hides a record
// from the indexes but not from this).
func (s *Store) ConflictedRecords(kinds ...string) ([]*record.Record, error) {
	var out []*record.Record
	for _, k := range kinds {
		recs, err := s.Records(k)
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			if len(r.Conflicts()) > 0 {
				out = append(out, r)
			}
		}
	}
	return out, nil
}
