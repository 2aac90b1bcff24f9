package store

import "errors"

// Sentinel errors of the store.
var (
	// ErrNotFound: no record with that kind and id.
	ErrNotFound = errors.New("store: record not found")
	// ErrSchemaTooNew: the data was written by a newer program.
	ErrSchemaTooNew = errors.New("store: data schema is newer than this program")
	// ErrClosed: the store was closed.
	ErrClosed = errors.New("store: closed")
	// ErrNoIndexer: a record kind was written that no indexer knows.
	ErrNoIndexer = errors.New("store: no indexer for record kind")
)
