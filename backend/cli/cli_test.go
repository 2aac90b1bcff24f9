package cli_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"zongzhi/backend/cli"
	"zongzhi/backend/ledger"
	"zongzhi/backend/store"
)

// syncBuffer lets the test read a server's output while it writes.
type syncBuffer struct {
	ch chan string
}

func (b syncBuffer) Write(p []byte) (int, error) { b.ch <- string(p); return len(p), nil }

func run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := cli.Run(context.Background(), cli.Env{Stdout: &out, Stderr: &errOut}, args)
	return out.String() + errOut.String(), err
}

func TestDemoInfoCheck(t *testing.T) {
	dir := t.TempDir()
	out, err := run(t, "demo", "--data", dir, "--scale", "township", "--seed", "7")
	if err != nil || !strings.Contains(out, "演示数据已载入") || !strings.Contains(out, "网格") {
		t.Fatalf("demo: %v %s", err, out)
	}
	if _, err := run(t, "demo", "--data", dir); err == nil || !strings.Contains(err.Error(), "已有数据") {
		t.Fatalf("second demo load: %v", err)
	}
	if _, err := run(t, "demo", "--data", t.TempDir(), "--scale", "province"); err == nil || !strings.Contains(err.Error(), "未知的演示数据规模") {
		t.Fatalf("bad scale: %v", err)
	}
	out, err = run(t, "info", "--data", dir)
	if err != nil || !strings.Contains(out, "站点：") {
		t.Fatalf("info: %v %s", err, out)
	}
	out, err = run(t, "check", "--data", dir)
	if err != nil || !strings.Contains(out, "数据校验通过") {
		t.Fatalf("check: %v %s", err, out)
	}
	if _, err := run(t, "frobnicate"); err == nil {
		t.Fatal("unknown command accepted")
	}
}

func TestServeAnswersAndRefusesASecondOpen(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	out := syncBuffer{ch: make(chan string, 16)}
	done := make(chan error, 1)
	go func() {
		done <- cli.Run(ctx, cli.Env{Stdout: out, Stderr: io.Discard}, []string{"serve", "--data", dir, "--addr", "127.0.0.1:0"})
	}()
	var url string
	select {
	case line := <-out.ch:
		url = regexp.MustCompile(`http://[0-9.:]+`).FindString(line)
	case err := <-done:
		t.Fatalf("serve exited: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not start")
	}
	resp, err := http.Post(url+"/api/SystemService/Info", "application/json", nil)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("info over HTTP: %v %v", err, resp)
	}
	// The store is locked while served: a second program is told why.
	if _, err := run(t, "info", "--data", dir); err == nil || !strings.Contains(err.Error(), "正被另一个") {
		t.Fatalf("second open: %v", err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}
}

func TestEncryptedDataFolder(t *testing.T) {
	dir := t.TempDir()
	key := filepath.Join(t.TempDir(), "key")
	os.WriteFile(key, []byte("0123456789abcdef0123456789abcdef"), 0o600)
	t.Setenv("ZONGZHI_KEY_FILE", key)
	if out, err := run(t, "demo", "--data", dir); err != nil {
		t.Fatalf("demo into encrypted store: %v %s", err, out)
	}
	t.Setenv("ZONGZHI_KEY_FILE", "")
	if _, err := run(t, "info", "--data", dir); err == nil || !strings.Contains(err.Error(), "已加密") {
		t.Fatalf("open without key: %v", err)
	}
	t.Setenv("ZONGZHI_KEY_FILE", key)
	if out, err := run(t, "check", "--data", dir); err != nil {
		t.Fatalf("check with key: %v %s", err, out)
	}
}

// Two sites exchange through the sync subcommands, as an admin script would.
func TestSyncCommands(t *testing.T) {
	a, b, stick := t.TempDir(), t.TempDir(), t.TempDir()
	join := filepath.Join(t.TempDir(), "join.zzjoin")
	steps := [][]string{
		{"demo", "--data", a, "--seed", "4"},
		{"sync", "init", "--data", a, "--name", "勐简乡同步组", "--out", join},
		{"sync", "join", "--data", b, join},
		{"sync", "export", "--data", a, "--out", stick},
	}
	for _, s := range steps {
		if out, err := run(t, s...); err != nil {
			t.Fatalf("%v: %v %s", s, err, out)
		}
	}
	files, _ := filepath.Glob(filepath.Join(stick, "综治同步", "*.zzpkg"))
	if len(files) != 1 {
		t.Fatalf("packages on the stick: %v", files)
	}
	out, err := run(t, "sync", "import", "--data", b, "--dry-run", files[0])
	if err != nil || !strings.Contains(out, "将导入") {
		t.Fatalf("dry run: %v %s", err, out)
	}
	if out, _ := run(t, "info", "--data", b); !strings.Contains(out, "操作日志：map[]") {
		t.Fatalf("a dry run wrote changes: %s", out)
	}
	out, err = run(t, "sync", "stick", "--data", b, stick)
	if err != nil || !strings.Contains(out, "已导入") || !strings.Contains(out, "本站点数据包已写入") {
		t.Fatalf("stick: %v %s", err, out)
	}
	out, err = run(t, "sync", "status", "--data", a)
	if err != nil || !strings.Contains(out, "勐简乡同步组") {
		t.Fatalf("status: %v %s", err, out)
	}
	out, err = run(t, "sync", "stick", "--data", a, stick)
	if err != nil || !strings.Contains(out, "本站点自己的数据包") {
		t.Fatalf("stick at a: %v %s", err, out)
	}
	out, err = run(t, "sync", "status", "--data", a)
	if err != nil || !strings.Contains(out, "上次收到") {
		t.Fatalf("status after exchange: %v %s", err, out)
	}
	if out, err := run(t, "check", "--data", b); err != nil || strings.Contains(out, "编号重复") {
		t.Fatalf("check b: %v %s", err, out)
	}
	// A number another record already carries (as two sites that drew
	// one site code would issue it) is reported by check.
	st, err := cli.OpenStore(b)
	if err != nil {
		t.Fatal(err)
	}
	number := st.Rows(store.IndexKind, ledger.KindItem)[0].Code
	twin := ledger.Item{ID: store.NewID(), Number: number, Status: ledger.StatusNew, Place: "另一站点的事项"}
	if _, err := st.Update("test", func(tx *store.Txn) error { return tx.PutNew(ledger.KindItem, twin.ID, twin) }); err != nil {
		t.Fatal(err)
	}
	st.Close()
	out, err = run(t, "check", "--data", b)
	if err != nil || !strings.Contains(out, "编号重复：整改事项 "+number) || !strings.Contains(out, "另一站点的事项") || !strings.Contains(out, "发现1个重复编号") {
		t.Fatalf("check with a clash: %v %s", err, out)
	}
}
