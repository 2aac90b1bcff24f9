package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	"github.com/dgraph-io/badger/v4"

	"zongzhi/backend/record"
)

// ErrForkedSite: two different ops carry one site and sequence number —
// a copied data folder or a restored backup wrote under the same identity.
var ErrForkedSite = errors.New("store: two different changes carry the same site and sequence number")

// ErrBadOp: an op is malformed (no site, no writes, unknown record kind).
var ErrBadOp = errors.New("store: malformed change")

// Gap names the changes of one site that are missing: seqs From..To.
type Gap struct {
	Site string `json:"site"`
	From uint64 `json:"from"`
	To   uint64 `json:"to"`
}

// ImportReport says what an import did.
type ImportReport struct {
	Applied    int   `json:"applied"`
	Duplicate  int   `json:"duplicate"`  // already held: importing twice changes nothing
	Waiting    int   `json:"waiting"`    // held until the changes they build on arrive
	ClockAhead int   `json:"clockAhead"` // held: stamped far ahead of our clock
	Gaps       []Gap `json:"gaps"`
}

// importBatch and importWrites bound one Badger transaction: whole ops
// only, so a crash between batches resumes to the same result. One op may
// carry many records (a visit history), hence the bound on writes too;
// a batch Badger still finds too big is split (applyOps).
const (
	importBatch  = 64
	importWrites = 2000
)

type opKeyT struct {
	site string
	seq  uint64
}

// Import applies ops written at other sites, in causal order: an op
// applies once every earlier op of its site and every version it replaced
// are held. Ops already held are skipped (after checking they are the
// same change); ops that cannot apply yet wait in the store for a later
// package. Everything is checked before anything is written.
func (s *Store) Import(ops []record.Op, sites []Site) (ImportReport, error) {
	return s.importOps(context.Background(), ops, sites, true, nil)
}

// ImportWith is Import with cancellation and progress (ops applied so far
// of those given). Cancelled between batches, it keeps what it applied:
// importing the same ops again resumes.
func (s *Store) ImportWith(ctx context.Context, ops []record.Op, sites []Site, progress func(done, total int)) (ImportReport, error) {
	return s.importOps(ctx, ops, sites, true, progress)
}

// PreviewImport reports what Import would do, writing nothing.
func (s *Store) PreviewImport(ops []record.Op) (ImportReport, error) {
	return s.importOps(context.Background(), ops, nil, false, nil)
}

func (s *Store) importOps(ctx context.Context, ops []record.Op, sites []Site, write bool, progress func(done, total int)) (ImportReport, error) {
	if !s.gate.enter() {
		return ImportReport{}, ErrClosed
	}
	defer s.gate.leave()
	s.mu.Lock()
	defer s.mu.Unlock()
	var rep ImportReport
	if s.closed {
		return rep, ErrClosed
	}
	cand := map[opKeyT]record.Op{}
	if err := s.loadPending(cand); err != nil {
		return rep, err
	}
	fresh := map[opKeyT]bool{}
	for _, op := range ops {
		if err := s.checkOp(op); err != nil {
			return ImportReport{}, err
		}
		k := opKeyT{op.Site, op.Seq}
		if op.Seq <= s.vv[op.Site] {
			same, err := s.sameAsStored(op)
			if err != nil {
				return ImportReport{}, err
			}
			if !same {
				return ImportReport{}, fmt.Errorf("%w: site %s seq %d", ErrForkedSite, op.Site, op.Seq)
			}
			rep.Duplicate++
			continue
		}
		if op.Site == s.site.ID {
			return ImportReport{}, fmt.Errorf("%w: a package carries change %d of this site, which this site never made", ErrForkedSite, op.Seq)
		}
		if prev, ok := cand[k]; ok {
			if !sameOp(prev, op) {
				return ImportReport{}, fmt.Errorf("%w: site %s seq %d", ErrForkedSite, op.Site, op.Seq)
			}
			if !fresh[k] {
				rep.Duplicate++ // already waiting from an earlier package
			}
			continue
		}
		cand[k] = op
		fresh[k] = true
	}

	vv := make(map[string]uint64, len(s.vv))
	for k, v := range s.vv {
		vv[k] = v
	}
	ahead := func(op record.Op) bool { return s.clock.TooFarAhead(op.HLC) }
	ready := func(op record.Op) bool {
		if op.Seq != vv[op.Site]+1 || ahead(op) {
			return false
		}
		for _, w := range op.Writes {
			for _, r := range w.Replaces {
				if r.Seq > vv[r.Site] {
					return false
				}
			}
		}
		return true
	}
	siteNames := map[string]Site{}
	for _, st := range sites {
		siteNames[st.ID] = st
	}
	siteIDs := map[string]bool{}
	for k := range cand {
		siteIDs[k.site] = true
	}
	order := make([]string, 0, len(siteIDs))
	for id := range siteIDs {
		order = append(order, id)
	}
	sort.Strings(order)
	for {
		// Each site's next op is the only candidate of that site: rounds
		// over the sites until a batch is full or nothing moves.
		var batch []record.Op
		writes := 0
		full := func() bool { return len(batch) >= importBatch || writes >= importWrites }
		for progress := true; progress && !full(); {
			progress = false
			for _, site := range order {
				for !full() {
					k := opKeyT{site, vv[site] + 1}
					op, ok := cand[k]
					if !ok || !ready(op) {
						break
					}
					batch = append(batch, op)
					writes += len(op.Writes)
					vv[site] = op.Seq
					delete(cand, k)
					progress = true
				}
			}
		}
		if len(batch) == 0 {
			break
		}
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		if write {
			if err := s.applyOps(batch, siteNames); err != nil {
				return rep, err
			}
		}
		rep.Applied += len(batch)
		if progress != nil {
			progress(rep.Applied+rep.Duplicate, len(ops))
		}
	}
	// What is left waits for a later package.
	if write {
		if err := s.savePending(cand, fresh); err != nil {
			return rep, err
		}
	}
	missing := map[string]uint64{} // site → highest seq some waiting op needs
	for _, op := range cand {
		if ahead(op) {
			rep.ClockAhead++
		} else {
			rep.Waiting++
		}
		missing[op.Site] = max(missing[op.Site], op.Seq-1)
		for _, w := range op.Writes {
			for _, r := range w.Replaces {
				missing[r.Site] = max(missing[r.Site], r.Seq)
			}
		}
	}
	for site, upTo := range missing {
		// Runs of seqs neither held nor waiting.
		for seq := vv[site] + 1; seq <= upTo; seq++ {
			if _, ok := cand[opKeyT{site, seq}]; ok {
				continue
			}
			if n := len(rep.Gaps); n > 0 && rep.Gaps[n-1].Site == site && rep.Gaps[n-1].To == seq-1 {
				rep.Gaps[n-1].To = seq
			} else {
				rep.Gaps = append(rep.Gaps, Gap{Site: site, From: seq, To: seq})
			}
		}
	}
	sort.SliceStable(rep.Gaps, func(i, j int) bool { return rep.Gaps[i].Site < rep.Gaps[j].Site })
	return rep, nil
}

func (s *Store) checkOp(op record.Op) error {
	if op.Site == "" || op.Seq == 0 || len(op.Writes) == 0 {
		return fmt.Errorf("%w: site %q seq %d with %d writes", ErrBadOp, op.Site, op.Seq, len(op.Writes))
	}
	for _, w := range op.Writes {
		if _, ok := s.indexers[w.Kind]; !ok || w.ID == "" || w.Field == "" || !json.Valid(w.Value) {
			return fmt.Errorf("%w: write %s/%s.%s", ErrBadOp, w.Kind, w.ID, w.Field)
		}
	}
	return nil
}

func sameOp(a, b record.Op) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}

func (s *Store) sameAsStored(op record.Op) (bool, error) {
	var same bool
	err := s.view(func(txn *badger.Txn) error {
		item, err := txn.Get(opKey(op.Site, op.Seq))
		if err != nil {
			return err
		}
		return item.Value(func(v []byte) error {
			var stored record.Op
			if err := json.Unmarshal(v, &stored); err != nil {
				return err
			}
			same = sameOp(stored, op)
			return nil
		})
	})
	return same, err
}

func (s *Store) loadPending(into map[opKeyT]record.Op) error {
	return s.view(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(prefixPending), PrefetchValues: true})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			var op record.Op
			if err := it.Item().Value(func(v []byte) error { return json.Unmarshal(v, &op) }); err != nil {
				return err
			}
			if op.Seq > s.vv[op.Site] {
				into[opKeyT{op.Site, op.Seq}] = op
			}
		}
		return nil
	})
}

// applyOps applies a batch in causal order, halving it while Badger finds
// a transaction too big (records grow with their field history, so the
// writes bound is only an estimate).
func (s *Store) applyOps(batch []record.Op, sites map[string]Site) error {
	err := s.applyBatch(batch, sites)
	if errors.Is(err, badger.ErrTxnTooBig) && len(batch) > 1 {
		h := len(batch) / 2
		if err := s.applyOps(batch[:h], sites); err != nil {
			return err
		}
		return s.applyOps(batch[h:], sites)
	}
	return err
}

// applyBatch commits ops in one transaction with the sites they come from
// and drops them from the waiting area.
func (s *Store) applyBatch(batch []record.Op, sites map[string]Site) error {
	btx := s.db.NewTransaction(true)
	defer btx.Discard()
	for _, op := range batch {
		if err := btx.Delete(pendingKey(op.Site, op.Seq)); err != nil {
			return err
		}
		if _, err := btx.Get(siteKey(op.Site)); errors.Is(err, badger.ErrKeyNotFound) {
			st, ok := sites[op.Site]
			if !ok {
				st = Site{ID: op.Site}
			}
			raw, _ := json.Marshal(st)
			if err := btx.Set(siteKey(op.Site), raw); err != nil {
				return err
			}
		}
	}
	if err := s.commitOps(btx, batch, nil); err != nil {
		return err
	}
	for _, op := range batch {
		// Stamps within the allowed drift move our clock forward, so a
		// later local edit wins over what it has seen.
		_ = s.clock.Observe(op.HLC)
	}
	return nil
}

func (s *Store) savePending(cand map[opKeyT]record.Op, fresh map[opKeyT]bool) error {
	var keys []opKeyT
	for k := range cand {
		if fresh[k] {
			keys = append(keys, k)
		}
	}
	for len(keys) > 0 {
		n := min(len(keys), importBatch)
		err := s.dbUpdate(func(txn *badger.Txn) error {
			for _, k := range keys[:n] {
				raw, _ := json.Marshal(cand[k])
				if err := txn.Set(pendingKey(k.site, k.seq), raw); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		keys = keys[n:]
	}
	return nil
}
