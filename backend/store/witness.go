package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/dgraph-io/badger/v4"
)

// witnessEntry is what the machine remembers of one site.
type witnessEntry struct {
	Dir    string `json:"dir"`
	Shared uint64 `json:"shared"` // highest own seq that left in a package
}

func readWitness(path string) (map[string]witnessEntry, error) {
	w := map[string]witnessEntry{}
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return w, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: witness %s: %w", path, err)
	}
	if err := json.Unmarshal(raw, &w); err != nil {
		return map[string]witnessEntry{}, nil // a damaged witness only forgets; it never blocks opening
	}
	return w, nil
}

func writeWitness(path string, w map[string]witnessEntry) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	raw, _ := json.MarshalIndent(w, "", " ")
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, raw, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// checkWitness runs at open, after the site and the version vector are
// loaded and before any edit.
func (s *Store) checkWitness(opts Options) error {
	if opts.Witness == "" || opts.InMemory {
		return nil
	}
	s.witness = opts.Witness
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return err
	}
	s.dir = dir
	w, err := readWitness(s.witness)
	if err != nil {
		return err
	}
	if e, ok := w[s.site.ID]; ok && (e.Dir != dir || e.Shared > s.vv[s.site.ID]) {
		old := s.site
		if err := s.dbUpdate(func(txn *badger.Txn) error {
			return s.newIdentity(txn, old.Name, opts.Machine, old.ID)
		}); err != nil {
			return err
		}
	}
	w[s.site.ID] = witnessEntry{Dir: dir, Shared: w[s.site.ID].Shared}
	return writeWitness(s.witness, w)
}

// MarkShared records that this site's changes up to now have left on a
// stick: a restored backup older than this takes a new identity.
func (s *Store) MarkShared() error {
	if s.witness == "" {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	w, err := readWitness(s.witness)
	if err != nil {
		return err
	}
	e := w[s.site.ID]
	e.Dir, e.Shared = s.dir, max(e.Shared, s.vv[s.site.ID])
	w[s.site.ID] = e
	return writeWitness(s.witness, w)
}
