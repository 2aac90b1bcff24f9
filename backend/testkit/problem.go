package testkit

import (
	"testing"

	"zongzhi/backend/problem"
)

// FieldMessage is the message err gives for field; it fails the test if
// err is nil or names no such field.
func FieldMessage(t testing.TB, err error, field string) string {
	t.Helper()
	if err == nil {
		t.Fatalf("no error on %s: the call succeeded", field)
	}
	for _, f := range problem.As(err).Fields {
		if f.Field == field {
			return f.Message
		}
	}
	t.Fatalf("no error on %s in %v", field, err)
	return ""
}

// Must returns a function that gives back v, failing the test on err:
// testkit.Must[grid.Grid](t)(svc.SaveGrid(g)).
func Must[T any](t testing.TB) func(v T, err error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}
