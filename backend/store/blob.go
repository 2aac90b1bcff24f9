package store

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"
)

// Blobs (photos) are content-addressed: b/<sha256 hex> holds the bytes.
// They are not ops: a record refers to a blob by its hash in a field
// named BlobField, and that write is what travels; sync carries the bytes
// of every blob the ops in a package refer to. A blob is immutable, so
// storing it twice is harmless, and storing it before the record that
// refers to it commits leaves at worst an unreferenced blob, never a
// record without its photo.
const prefixBlob = "b/"

// BlobField is the field name by which a record refers to a blob.
const BlobField = "blob"

// MaxBlob bounds one blob (a photo after the UI has scaled it down).
const MaxBlob = 16 << 20

// ErrBlobMissing is returned for a blob this store does not hold.
var ErrBlobMissing = errors.New("store: blob not here")

func blobKey(hash string) []byte { return []byte(prefixBlob + hash) }

// BlobHash is the name a blob is stored under.
func BlobHash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// PutBlob stores data and returns its hash.
func (s *Store) PutBlob(data []byte) (string, error) {
	if len(data) > MaxBlob {
		return "", fmt.Errorf("store: blob of %d bytes exceeds %d", len(data), MaxBlob)
	}
	hash := BlobHash(data)
	if s.HasBlob(hash) {
		return hash, nil
	}
	return hash, s.dbUpdate(func(txn *badger.Txn) error { return txn.Set(blobKey(hash), data) })
}

// HasBlob tells whether the blob is here.
func (s *Store) HasBlob(hash string) bool {
	err := s.view(func(txn *badger.Txn) error {
		_, err := txn.Get(blobKey(hash))
		return err
	})
	return err == nil
}

// Blob reads a blob; ErrBlobMissing when it has not arrived.
func (s *Store) Blob(hash string) ([]byte, error) {
	var out []byte
	err := s.view(func(txn *badger.Txn) error {
		item, err := txn.Get(blobKey(hash))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return ErrBlobMissing
		}
		if err != nil {
			return err
		}
		out, err = item.ValueCopy(nil)
		return err
	})
	return out, err
}
