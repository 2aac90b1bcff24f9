package caseflow

import (
	"errors"
	"time"

	"zongzhi/backend/problem"
	"zongzhi/backend/record"
	"zongzhi/backend/service"
	"zongzhi/backend/store"
)

// Cases binds a Flow to the record type T that carries it and to the
// store kind it is kept under.
type Cases[T any] struct {
	*Flow
	Kind string
	// Head reaches a record's number, status (code and label) and log.
	Head func(*T) Head
	// Stored is the value written for a record (nil: the record itself,
	// whose MarshalJSON then gives the store's shape).
	Stored func(*T) any
	// Load decodes a stored record (nil: record.Decode into T).
	Load func(*record.Record, *T) error
}

// Head is where a record keeps what the kernel reads and moves.
type Head struct {
	Number     string
	Status     *string
	StatusName *string // nil: the record keeps no label
	Log        *[]Entry
}

// Step is what a move's caller adds to its log entry: the day it was
// done, the staff member who acted, a note.
type Step struct {
	Date    string
	Staff   string // name as it is today
	StaffID string
	Note    string
}

// Read reads a live record inside tx; a missing or deleted one is
// NotFound, named by the flow.
func (c *Cases[T]) Read(tx *store.Txn, id string) (T, error) {
	rec, err := tx.Get(c.Kind, id)
	return c.decode(rec, err, id)
}

// Get reads a live record outside a save.
func (c *Cases[T]) Get(st *store.Store, id string) (T, error) {
	rec, err := st.Get(c.Kind, id)
	return c.decode(rec, err, id)
}

func (c *Cases[T]) decode(rec *record.Record, err error, id string) (T, error) {
	var v T
	if errors.Is(err, store.ErrNotFound) || (err == nil && rec.Deleted()) {
		return v, problem.NotFound(c.What, id)
	}
	if err != nil {
		return v, err
	}
	if c.Load != nil {
		return v, c.Load(rec, &v)
	}
	return v, rec.Decode(&v)
}

// Put writes a record in tx (fields unchanged write nothing).
func (c *Cases[T]) Put(tx *store.Txn, id string, v *T) error {
	return tx.Put(c.Kind, id, c.stored(v))
}

// PutNew writes a record whose id this save just made.
func (c *Cases[T]) PutNew(tx *store.Txn, id string, v *T) error {
	return tx.PutNew(c.Kind, id, c.stored(v))
}

func (c *Cases[T]) stored(v *T) any {
	if c.Stored != nil {
		return c.Stored(v)
	}
	return *v
}

// Change reads record id inside the save that writes it, lets fn change
// it, and writes it: a change is made on the record as it is when
// written, so neither another window's move nor a sync import landing
// meanwhile is overwritten unseen. fn's error writes nothing.
func (c *Cases[T]) Change(b *service.Base, id string, fn func(tx *store.Txn, v *T) error) (T, error) {
	var v T
	err := b.Update(func(tx *store.Txn) error {
		var err error
		if v, err = c.Read(tx, id); err != nil {
			return err
		}
		if err := fn(tx, &v); err != nil {
			return err
		}
		return c.Put(tx, id, &v)
	})
	return v, err
}

// Move makes a declared move on record id in one save: it refuses a move
// its state does not allow, lets fn check and fill the move (fn's error
// writes nothing), logs the step and moves the state.
func (c *Cases[T]) Move(b *service.Base, id, move string, fn func(tx *store.Txn, v *T, m Move) (Step, error)) (T, error) {
	m := c.MustMove(move)
	return c.Change(b, id, func(tx *store.Txn, v *T) error {
		h := c.Head(v)
		if !c.Allowed(move, *h.Status) {
			return c.Refuse(h.Number, *h.Status, move)
		}
		step, err := fn(tx, v, m)
		if err != nil {
			return err
		}
		c.Log(v, b, m, step)
		return nil
	})
}

// Log appends the entry of move m to v's log and moves v to m.To (when
// it names a state).
func (c *Cases[T]) Log(v *T, b *service.Base, m Move, step Step) Entry {
	h := c.Head(v)
	return c.log(h, b, m, step, *h.Status, m.To)
}

// Begin logs the first entry of a new record (registration, import): it
// comes from no state and lands in m.To, or where v already is when m.To
// is empty (an imported item keeps the status its sheet gave it).
func (c *Cases[T]) Begin(v *T, b *service.Base, m Move, step Step) Entry {
	h := c.Head(v)
	to := m.To
	if to == "" {
		to = *h.Status
	}
	return c.log(h, b, m, step, "", to)
}

func (c *Cases[T]) log(h Head, b *service.Base, m Move, step Step, from, to string) Entry {
	e := Entry{ID: store.NewID(), At: b.Now().Format(time.RFC3339), Date: step.Date, By: b.Author(),
		Staff: step.Staff, StaffID: step.StaffID, Action: m.Code, Label: m.Label, Note: step.Note,
		From: from, FromName: c.Label(from)}
	if to != "" {
		e.To, e.ToName = to, c.Label(to)
		*h.Status = to
		if h.StatusName != nil {
			*h.StatusName = e.ToName
		}
	}
	*h.Log = append(*h.Log, e)
	return e
}
