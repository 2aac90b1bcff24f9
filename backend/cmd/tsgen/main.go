// Command tsgen writes frontend/src/api/types.ts and constants.ts from the
// Go types of the services backend/api binds. Run it from anywhere in the
// module: go run ./backend/cmd/tsgen (or go generate ./backend/api/...).
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"zongzhi/backend/api/tsgen"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run() error {
	src, err := tsgen.NewSource(".")
	if err != nil {
		return err
	}
	files, err := tsgen.Files(src)
	if err != nil {
		return err
	}
	for name, data := range files {
		path := filepath.Join(src.Root, filepath.FromSlash(name))
		if old, err := os.ReadFile(path); err == nil && string(old) == string(data) {
			continue
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
		fmt.Println("wrote", name)
	}
	return nil
}
