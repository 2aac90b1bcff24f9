package cli

import (
	"os"
	"path/filepath"
	"runtime"
)

// DataDir is where the store lives: ZONGZHI_DATA if set, else the
// per-user application data folder of the OS.
func DataDir() string {
	if d := os.Getenv("ZONGZHI_DATA"); d != "" {
		return d
	}
	switch runtime.GOOS {
	case "windows":
		if d := os.Getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, "Zongzhi", "data")
		}
	case "darwin":
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, "Library", "Application Support", "Zongzhi", "data")
		}
	default:
		if d := os.Getenv("XDG_DATA_HOME"); d != "" {
			return filepath.Join(d, "zongzhi")
		}
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, ".local", "share", "zongzhi")
		}
	}
	return "zongzhi-data"
}
