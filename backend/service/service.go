// Package service is what every domain service stands on: the store it
// writes, who saves, and the clock that says what today is. Domain
// services embed Base, so these few lines exist once.
package service

import (
	"errors"
	"strings"
	"time"

	"zongzhi/backend/problem"
	"zongzhi/backend/store"
)

// DateLayout is how dates are written everywhere: 2026-03-05.
const DateLayout = "2006-01-02"

// Base is a domain service's footing.
type Base struct {
	Store *store.Store
	// Author names who saves (the operator; the site name until users exist).
	Author func() string
	// Now is the wall clock: today decides deadlines, 逾期, dates in the future.
	Now func() time.Time
}

// New is the footing of a service over st: the site saves, on the wall clock.
func New(st *store.Store) Base {
	return Base{Store: st, Author: func() string { return st.Site().Name }, Now: time.Now}
}

// Today is today's date as dates are written.
func (b *Base) Today() string { return b.Now().Format(DateLayout) }

// Update runs fn as one save by the author.
func (b *Base) Update(fn func(tx *store.Txn) error) error {
	_, err := b.Store.Update(b.Author(), fn)
	return err
}

// Read reads a live record outside a save into v; a missing or deleted
// one is NotFound, named what (网格, 矛盾纠纷 …).
func (b *Base) Read(kind, id, what string, v any) error {
	rec, err := b.Store.Get(kind, id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && rec.Deleted()) {
		return problem.NotFound(what, id)
	}
	if err != nil {
		return err
	}
	return rec.Decode(v)
}

// Get reads a live record as the running save sees it (see Read).
func Get(tx *store.Txn, kind, id, what string, v any) error {
	rec, err := tx.Get(kind, id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && rec.Deleted()) {
		return problem.NotFound(what, id)
	}
	if err != nil {
		return err
	}
	return rec.Decode(v)
}

// Trim trims typed values in place before they are checked.
func Trim(ps ...*string) {
	for _, p := range ps {
		*p = strings.TrimSpace(*p)
	}
}
