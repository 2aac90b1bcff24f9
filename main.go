// Command zongzhi is the desktop application. With a subcommand (serve,
// demo, info, check) it runs headless, like zongzhid.
package main

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"syscall"

	"zongzhi/app"
	"zongzhi/backend/cli"
)

//go:embed all:frontend/dist
var assets embed.FS

func main() {
	ui, err := fs.Sub(assets, "frontend/dist")
	if err != nil {
		panic(err)
	}
	args := os.Args[1:]
	if cli.IsCommand(args) {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		if err := cli.Run(ctx, cli.Env{UI: ui, Stdout: os.Stdout, Stderr: os.Stderr}, args); err != nil {
			fmt.Fprintln(os.Stderr, "错误：", err)
			os.Exit(1)
		}
		return
	}
	if err := app.Run(ui); err != nil {
		fmt.Fprintln(os.Stderr, "错误：", err)
		os.Exit(1)
	}
}
