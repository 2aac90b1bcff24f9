package store

import (
	"encoding/json"
	"errors"

	"github.com/dgraph-io/badger/v4"
)

// Local settings of this installation (sync keys, what peers hold) live
// under m/x/<name>. They are not records: they never travel in the op log.
func metaKey(name string) []byte { return []byte(prefixMeta + "x/" + name) }

// GetMeta reads a local setting into v; false if it was never set.
func (s *Store) GetMeta(name string, v any) (bool, error) {
	var found bool
	err := s.view(func(txn *badger.Txn) error {
		item, err := txn.Get(metaKey(name))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		found = true
		return item.Value(func(b []byte) error { return json.Unmarshal(b, v) })
	})
	return found, err
}

// SetMeta stores a local setting.
func (s *Store) SetMeta(name string, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return s.dbUpdate(func(txn *badger.Txn) error { return txn.Set(metaKey(name), raw) })
}
