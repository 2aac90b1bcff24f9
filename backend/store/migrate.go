package store

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"
)

// migration upgrades the stored data by one schema version inside one
// Badger transaction, so a crash leaves either the old or the new version.
type migration func(txn *badger.Txn) error

// migrations[i] moves the store from version i to i+1. Append only: a
// shipped migration is never edited.
var migrations = []migration{
	// 0 → 1: the first layout (keys.go). Nothing to convert.
	func(*badger.Txn) error { return nil },
}

// SchemaVersion is the layout this build writes.
func SchemaVersion() int { return len(migrations) }

func migrate(db *badger.DB) error {
	for {
		done, err := migrateOne(db)
		if err != nil || done {
			return err
		}
	}
}

func migrateOne(db *badger.DB) (done bool, err error) {
	err = db.Update(func(txn *badger.Txn) error {
		v, err := schemaVersion(txn)
		if err != nil {
			return err
		}
		if v > len(migrations) {
			return fmt.Errorf("%w: data version %d, this program knows %d", ErrSchemaTooNew, v, len(migrations))
		}
		if v == len(migrations) {
			done = true
			return nil
		}
		if err := migrations[v](txn); err != nil {
			return fmt.Errorf("store: migration %d→%d: %w", v, v+1, err)
		}
		return txn.Set([]byte(keySchema), binary.BigEndian.AppendUint32(nil, uint32(v+1)))
	})
	return done, err
}

func schemaVersion(txn *badger.Txn) (int, error) {
	item, err := txn.Get([]byte(keySchema))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	var v int
	err = item.Value(func(b []byte) error {
		if len(b) != 4 {
			return fmt.Errorf("store: bad schema version %x", b)
		}
		v = int(binary.BigEndian.Uint32(b))
		return nil
	})
	return v, err
}
