// Package testkit is what the backend's tests share: a real store in a
// fresh folder, sync between two stores, the text of a PDF, workbooks,
// valid ID numbers and the demo township most domain tests start from. It
// is for _test.go files only.
//
// It imports store and grid and what they import, never an area above
// grid: the tests of every area can use it (an internal test, package x
// rather than x_test, only if x is not among testkit's imports, as
// report/pdf is not). The app's services over a store are in api/apitest.
package testkit

import (
	"maps"
	"testing"

	"zongzhi/backend/store"
)

// Indexers merges sets of indexers into a new map, later sets winning.
func Indexers(sets ...map[string]store.Indexer) map[string]store.Indexer {
	all := map[string]store.Indexer{}
	for _, set := range sets {
		maps.Copy(all, set)
	}
	return all
}

// Open opens a real store with opts and the merged indexers, and closes
// it when the test ends; it fails the test if the store does not open.
func Open(t testing.TB, opts store.Options, indexers ...map[string]store.Indexer) *store.Store {
	t.Helper()
	st, err := store.Open(opts, Indexers(indexers...))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// Store opens a real store in a fresh t.TempDir() with the default
// options (see Open).
func Store(t testing.TB, indexers ...map[string]store.Indexer) *store.Store {
	t.Helper()
	return Open(t, store.DefaultOptions(t.TempDir()), indexers...)
}
