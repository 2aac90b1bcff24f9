package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"

	"github.com/dgraph-io/badger/v4"

	"zongzhi/backend/record"
)

// Verify replays the whole op log into fresh records and compares them
// with the stored records, and the live indexes with a rebuild. It is the
// consistency check after a crash, and what `zongzhid check` runs.
func (s *Store) Verify() error {
	var ops []record.Op
	stored := map[string][]byte{}
	err := s.view(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(prefixOp), PrefetchValues: true})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			var op record.Op
			if err := it.Item().Value(func(v []byte) error { return json.Unmarshal(v, &op) }); err != nil {
				return err
			}
			ops = append(ops, op)
		}
		rt := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(prefixRecord), PrefetchValues: true})
		defer rt.Close()
		for rt.Rewind(); rt.Valid(); rt.Next() {
			v, err := rt.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			stored[string(rt.Item().Key())] = v
		}
		return nil
	})
	if err != nil {
		return err
	}
	// HLC order is causal: a write's replaced versions carry lower stamps.
	sort.Slice(ops, func(i, j int) bool { return ops[j].Version().Wins(ops[i].Version()) })
	replayed := map[string]*record.Record{}
	for _, op := range ops {
		for _, w := range op.Writes {
			key := string(recordKey(w.Kind, w.ID))
			if replayed[key] == nil {
				replayed[key] = record.New(w.Kind, w.ID)
			}
			replayed[key].Apply(w, op.Version())
		}
	}
	if len(replayed) != len(stored) {
		return fmt.Errorf("store: op log yields %d records, store holds %d", len(replayed), len(stored))
	}
	for key, rec := range replayed {
		want, _ := json.Marshal(rec)
		if !bytes.Equal(want, stored[key]) {
			return fmt.Errorf("store: record %s differs from its op log", key)
		}
	}
	fresh, err := s.RebuildIndex()
	if err != nil {
		return err
	}
	if live := s.DumpIndex(); !reflect.DeepEqual(live, fresh) {
		return fmt.Errorf("store: live index (%d rows) differs from a rebuild (%d rows)", len(live), len(fresh))
	}
	return nil
}
