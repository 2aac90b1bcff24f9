package testkit

import (
	"os"
	"path/filepath"
	"testing"
)

// TempFile writes data as name in a fresh folder and returns its path.
func TempFile(t testing.TB, name string, data []byte) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// Artefact keeps data as name in the folder ZONGZHI_ARTEFACTS names (make
// test sets it), for a person to look at, and returns the file; without
// it, it keeps nothing and returns "".
func Artefact(t testing.TB, name string, data []byte) string {
	t.Helper()
	dir := os.Getenv("ZONGZHI_ARTEFACTS")
	if dir == "" {
		return ""
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, name)
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}
