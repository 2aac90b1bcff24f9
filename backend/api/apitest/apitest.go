// Package apitest gives a test the app as the UI and the CLI see it: the
// services of package api over a real store in a fresh folder. It is for
// _test.go files only; below api, tests use package testkit.
package apitest

import (
	"testing"

	"zongzhi/backend/api"
	"zongzhi/backend/store"
	"zongzhi/backend/testkit"
)

// App is one installation under test: its services, its store and the
// folder they live in.
type App struct {
	*api.Services
	Store *store.Store
	Dir   string
}

// New opens a real store with every area's indexers in a fresh
// t.TempDir(), closed when the test ends, with the app's services over it.
func New(t testing.TB) *App {
	t.Helper()
	dir := t.TempDir()
	st := testkit.Open(t, store.DefaultOptions(dir), api.Indexers())
	return &App{Services: api.New(st, dir), Store: st, Dir: dir}
}
