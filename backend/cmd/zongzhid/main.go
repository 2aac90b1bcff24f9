// Command zongzhid is the headless server and admin tool: pure Go, no GUI
// libraries. The desktop binary accepts the same subcommands.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"zongzhi/backend/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	args := os.Args[1:]
	if len(args) == 0 {
		args = []string{"help"}
	}
	if err := cli.Run(ctx, cli.Env{Stdout: os.Stdout, Stderr: os.Stderr}, args); err != nil {
		fmt.Fprintln(os.Stderr, "错误：", err)
		os.Exit(1)
	}
}
