// Package app is the desktop shell: the Wails window, its lifecycle and
// native dialogs. It binds the same backend/api services that zongzhid
// serves over HTTP.
package app

import (
	"context"
	"encoding/base64"
	"fmt"
	"io/fs"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	wailsruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"zongzhi/backend/api"
	"zongzhi/backend/cli"
	"zongzhi/backend/problem"
)

// Desktop offers the window's native abilities to the frontend.
type Desktop struct {
	ctx context.Context
}

// SaveFile asks where to save a generated file (PDF, Excel) with the
// native dialog and writes it there. It returns the path, or "" when the
// user cancelled.
func (d *Desktop) SaveFile(name, dataBase64 string) (string, error) {
	data, err := base64.StdEncoding.DecodeString(dataBase64)
	if err != nil {
		return "", fmt.Errorf("文件内容无效：%w", err)
	}
	home, _ := os.UserHomeDir()
	path, err := wailsruntime.SaveFileDialog(d.ctx, wailsruntime.SaveDialogOptions{
		Title:            "保存文件",
		DefaultFilename:  name,
		DefaultDirectory: home,
	})
	if err != nil || path == "" {
		return "", err
	}
	// Write beside, then rename: a full disk never leaves half a PDF.
	tmp := path + ".part"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return "", fmt.Errorf("无法写入 %s：%w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return "", fmt.Errorf("无法保存 %s：%w", path, err)
	}
	return path, nil
}

// ChooseDirectory asks for a folder (the USB stick) with the native
// dialog; "" when cancelled.
func (d *Desktop) ChooseDirectory(title string) (string, error) {
	return wailsruntime.OpenDirectoryDialog(d.ctx, wailsruntime.OpenDialogOptions{Title: title})
}

// OpenPath opens a saved file with the system viewer.
func (d *Desktop) OpenPath(path string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", path)
	case "darwin":
		cmd = exec.Command("open", path)
	default:
		cmd = exec.Command("xdg-open", path)
	}
	return cmd.Start()
}

// PrintFile writes a document to a temporary folder and opens it with the
// system viewer, where the secretary prints it (WebKitGTK has no PDF
// printing of its own).
func (d *Desktop) PrintFile(name, dataBase64 string) error {
	data, err := base64.StdEncoding.DecodeString(dataBase64)
	if err != nil {
		return fmt.Errorf("文件内容无效：%w", err)
	}
	dir, err := os.MkdirTemp("", "zongzhi-print-")
	if err != nil {
		return fmt.Errorf("无法创建临时文件夹：%w", err)
	}
	path := filepath.Join(dir, filepath.Base(name))
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return fmt.Errorf("无法写入临时文件：%w", err)
	}
	return d.OpenPath(path)
}

// UIReady is called by the frontend once its first view has rendered;
// the build check under Xvfb waits for the line it logs.
func (d *Desktop) UIReady(view string) {
	log.Printf("zongzhi: ui ready (%s)", view)
}

// Run opens the store and the window; it returns when the window closes.
func Run(ui fs.FS) error {
	dir := cli.DataDir()
	st, err := cli.OpenStore(dir)
	if err != nil {
		return err
	}
	defer st.Close()
	services := api.New(st, dir)
	desktop := &Desktop{}
	bind := []any{desktop}
	for _, svc := range services.Bindings() {
		bind = append(bind, svc)
	}
	return wails.Run(&options.App{
		Title:     "综治台账",
		Width:     1360,
		Height:    860,
		MinWidth:  1024,
		MinHeight: 680,
		// Alpha must be 255 or the window is black under Xvfb.
		BackgroundColour: &options.RGBA{R: 245, G: 247, B: 250, A: 255},
		AssetServer:      &assetserver.Options{Assets: ui},
		OnStartup:        func(ctx context.Context) { desktop.ctx = ctx },
		OnDomReady: func(ctx context.Context) {
			// The build check under Xvfb waits for this line.
			log.Printf("zongzhi: dom ready (data %s)", filepath.Clean(dir))
		},
		Bind: bind,
		// The frontend gets the same {code, message, fields} as over HTTP.
		ErrorFormatter: func(err error) any { return problem.As(err) },
	})
}
