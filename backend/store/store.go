// Package store is the one write path: Badger holds records and the op
// log, written together in one transaction; go-memdb holds slim index rows
// rebuilt at open and updated after each commit.
package store

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"
	"github.com/hashicorp/go-memdb"

	"zongzhi/backend/hlc"
	"zongzhi/backend/record"
)

// Site is one installation that writes ops: a township center, a village
// station, a laptop.
type Site struct {
	ID   string `json:"id"`
	Code string `json:"code"` // short, printable; goes into readable numbers
	Name string `json:"name"`
}

// Store is an open data folder.
type Store struct {
	db       *badger.DB
	mem      *memdb.MemDB
	clock    *hlc.Clock
	site     Site
	indexers map[string]Indexer

	mu     sync.Mutex        // one writer at a time: seq numbers stay dense
	vv     map[string]uint64 // highest seq held per site, from the op log
	closed bool

	witness string // see Options.Witness
	dir     string

	watchers []func([]Changed)
	gate     gate
}

// Open opens (or creates) the store, runs migrations, creates the site
// identity on first start, and rebuilds the indexes.
func Open(opts Options, indexers map[string]Indexer) (*Store, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	db, err := badger.Open(opts.badgerOptions())
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", opts.Dir, err)
	}
	s := &Store{db: db, indexers: indexers, vv: map[string]uint64{}}
	if err := s.init(opts); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

func (s *Store) init(opts Options) error {
	if err := migrate(s.db); err != nil {
		return err
	}
	if err := s.loadSite(opts.SiteName, opts.Machine); err != nil {
		return err
	}
	last, err := s.loadVersionVector()
	if err != nil {
		return err
	}
	if err := s.checkWitness(opts); err != nil {
		return err
	}
	s.clock = hlc.NewClock(last, opts.Now)
	mem, err := s.buildIndex()
	if err != nil {
		return err
	}
	s.mem = mem
	return nil
}

// Close flushes and closes Badger.
func (s *Store) Close() error {
	s.gate.close()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	return s.db.Close()
}

// Site is this installation's identity.
func (s *Store) Site() Site { return s.site }

// Clock is the store's hybrid logical clock.
func (s *Store) Clock() *hlc.Clock { return s.clock }

// VersionVector is the highest op seq held per site, derived from the log.
func (s *Store) VersionVector() map[string]uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]uint64, len(s.vv))
	for k, v := range s.vv {
		out[k] = v
	}
	return out
}

const codeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789" // no I/O/0/1: read aloud, typed by hand

func newSiteCode() string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	out := make([]byte, 4)
	for i := range b {
		out[i] = codeAlphabet[int(b[i])%len(codeAlphabet)]
	}
	return string(out)
}

// thisSite is the stored identity with the machine it belongs to.
type thisSite struct {
	Site
	Machine  string `json:"machine,omitempty"`
	Previous string `json:"previous,omitempty"` // the identity this folder had on another machine
}

func (s *Store) loadSite(name, machine string) error {
	return s.dbUpdate(func(txn *badger.Txn) error {
		var cur thisSite
		item, err := txn.Get([]byte(keyThisSite))
		switch {
		case err == nil:
			if err := item.Value(func(v []byte) error { return json.Unmarshal(v, &cur) }); err != nil {
				return err
			}
			if cur.Machine == "" || machine == "" || cur.Machine == machine {
				s.site = cur.Site
				if cur.Machine == "" && machine != "" { // data from before machines were recorded
					cur.Machine = machine
					raw, _ := json.Marshal(cur)
					return txn.Set([]byte(keyThisSite), raw)
				}
				return nil
			}
			name = cur.Name // moved to another machine: a new identity, same name
		case !errors.Is(err, badger.ErrKeyNotFound):
			return err
		}
		return s.newIdentity(txn, name, machine, cur.ID)
	})
}

// newIdentity gives this folder a fresh site id and code; previous names
// the identity it leaves behind.
func (s *Store) newIdentity(txn *badger.Txn, name, machine, previous string) error {
	id, err := uuid.NewV7()
	if err != nil {
		return err
	}
	next := thisSite{Site: Site{ID: id.String(), Code: newSiteCode(), Name: name}, Machine: machine, Previous: previous}
	s.site = next.Site
	raw, _ := json.Marshal(next)
	if err := txn.Set([]byte(keyThisSite), raw); err != nil {
		return err
	}
	pub, _ := json.Marshal(next.Site)
	return txn.Set(siteKey(next.ID), pub)
}

// loadVersionVector reads the last op of every known site; it returns the
// highest HLC seen so the clock never goes back across restarts.
func (s *Store) loadVersionVector() (hlc.Timestamp, error) {
	var last hlc.Timestamp
	err := s.view(func(txn *badger.Txn) error {
		sites := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(prefixSite)})
		defer sites.Close()
		for sites.Rewind(); sites.Valid(); sites.Next() {
			site := string(sites.Item().Key()[len(prefixSite):])
			it := txn.NewIterator(badger.IteratorOptions{Prefix: opPrefix(site), Reverse: true})
			it.Seek(append(opPrefix(site), 0xff))
			if it.Valid() {
				var op record.Op
				if err := it.Item().Value(func(v []byte) error { return json.Unmarshal(v, &op) }); err != nil {
					it.Close()
					return err
				}
				s.vv[site] = op.Seq
				if op.HLC > last && op.HLC.Wall().Before(time.Now().Add(hlc.MaxDrift)) {
					last = op.HLC
				}
			}
			it.Close()
		}
		return nil
	})
	return last, err
}

// buildIndex reads every record and indexes the live ones. At county
// scale this is most of a cold open, and decoding the records is most of
// that: one goroutine reads Badger, the others decode and run the
// indexers, this one inserts (a memdb write transaction is not shared).
func (s *Store) buildIndex() (*memdb.MemDB, error) {
	mem, err := newIndex()
	if err != nil {
		return nil, err
	}
	var (
		failed  atomic.Bool
		errOnce sync.Once
		first   error
	)
	fail := func(err error) {
		errOnce.Do(func() { first = err })
		failed.Store(true)
	}
	raw := make(chan [][]byte, 8)
	rows := make(chan []*Row, 8)
	go func() {
		defer close(raw)
		const batch = 512
		err := s.view(func(txn *badger.Txn) error {
			it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(prefixRecord), PrefetchValues: true, PrefetchSize: 256})
			defer it.Close()
			vals := make([][]byte, 0, batch)
			for it.Rewind(); it.Valid() && !failed.Load(); it.Next() {
				v, err := it.Item().ValueCopy(nil)
				if err != nil {
					return fmt.Errorf("store: read %s: %w", it.Item().Key(), err)
				}
				if vals = append(vals, v); len(vals) == batch {
					raw <- vals
					vals = make([][]byte, 0, batch)
				}
			}
			if len(vals) > 0 {
				raw <- vals
			}
			return nil
		})
		if err != nil {
			fail(err)
		}
	}()
	var wg sync.WaitGroup
	for i := 0; i < max(1, runtime.GOMAXPROCS(0)); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for vals := range raw {
				out := make([]*Row, 0, len(vals))
				for _, v := range vals {
					if failed.Load() {
						break
					}
					var rec record.Record
					if err := json.Unmarshal(v, &rec); err != nil {
						fail(fmt.Errorf("store: decode record: %w", err))
						break
					}
					if rec.Deleted() {
						continue
					}
					row, err := s.rowOf(&rec)
					if err != nil {
						fail(err)
						break
					}
					out = append(out, row)
				}
				rows <- out
			}
		}()
	}
	go func() {
		wg.Wait()
		close(rows)
	}()
	mtxn := mem.Txn(true)
	for rs := range rows {
		for _, r := range rs {
			if failed.Load() {
				break
			}
			if err := mtxn.Insert(tableRows, r); err != nil {
				fail(err)
			}
		}
	}
	if failed.Load() {
		mtxn.Abort()
		return nil, first
	}
	mtxn.Commit()
	return mem, nil
}

// RebuildIndex builds a fresh index from Badger without installing it
// (tests compare it with the live one).
func (s *Store) RebuildIndex() ([]Row, error) {
	mem, err := s.buildIndex()
	if err != nil {
		return nil, err
	}
	fresh := &Store{mem: mem}
	return fresh.DumpIndex(), nil
}

// Get reads one record; deleted records are returned too (check Deleted).
func (s *Store) Get(kind, id string) (*record.Record, error) {
	var rec *record.Record
	err := s.view(func(txn *badger.Txn) error {
		var err error
		rec, err = getRecord(txn, kind, id)
		return err
	})
	return rec, err
}

func getRecord(txn *badger.Txn, kind, id string) (*record.Record, error) {
	item, err := txn.Get(recordKey(kind, id))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, fmt.Errorf("%w: %s/%s", ErrNotFound, kind, id)
	}
	if err != nil {
		return nil, err
	}
	rec := &record.Record{}
	if err := item.Value(func(v []byte) error { return json.Unmarshal(v, rec) }); err != nil {
		return nil, fmt.Errorf("store: decode %s/%s: %w", kind, id, err)
	}
	return rec, nil
}

// Ops reads the ops of one site with seq in (after, upTo], in order.
func (s *Store) Ops(site string, after, upTo uint64) ([]record.Op, error) {
	var out []record.Op
	err := s.view(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: opPrefix(site), PrefetchValues: true})
		defer it.Close()
		for it.Seek(opKey(site, after+1)); it.Valid(); it.Next() {
			seq := binary.BigEndian.Uint64(it.Item().Key()[len(opPrefix(site)):])
			if seq > upTo {
				break
			}
			var op record.Op
			if err := it.Item().Value(func(v []byte) error { return json.Unmarshal(v, &op) }); err != nil {
				return err
			}
			out = append(out, op)
		}
		return nil
	})
	return out, err
}

// Sites lists every site we hold ops from, this one included.
func (s *Store) Sites() ([]Site, error) {
	var out []Site
	err := s.view(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(prefixSite), PrefetchValues: true})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			var site Site
			if err := it.Item().Value(func(v []byte) error { return json.Unmarshal(v, &site) }); err != nil {
				return err
			}
			out = append(out, site)
		}
		return nil
	})
	return out, err
}
