package store

import (
	"sync"

	"github.com/dgraph-io/badger/v4"
)

// gate lets Close wait for every Badger call in flight: Badger unmaps its
// tables on Close, and a read still running (an HTTP request, a sync job)
// would fault instead of failing. Calls may nest; once closing, new ones
// are refused with ErrClosed rather than queued, so nesting cannot
// deadlock.
type gate struct {
	mu      sync.Mutex
	idle    *sync.Cond
	n       int
	closing bool
}

func (g *gate) enter() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closing {
		return false
	}
	g.n++
	return true
}

func (g *gate) leave() {
	g.mu.Lock()
	g.n--
	if g.n == 0 && g.idle != nil {
		g.idle.Broadcast()
	}
	g.mu.Unlock()
}

// close refuses new calls and waits for those in flight.
func (g *gate) close() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.closing = true
	if g.idle == nil {
		g.idle = sync.NewCond(&g.mu)
	}
	for g.n > 0 {
		g.idle.Wait()
	}
}

// view and dbUpdate are the only ways to Badger outside Open.
func (s *Store) view(fn func(*badger.Txn) error) error {
	if !s.gate.enter() {
		return ErrClosed
	}
	defer s.gate.leave()
	return s.db.View(fn)
}

func (s *Store) dbUpdate(fn func(*badger.Txn) error) error {
	if !s.gate.enter() {
		return ErrClosed
	}
	defer s.gate.leave()
	return s.db.Update(fn)
}
