// Package cli holds the subcommands shared by the desktop binary and the
// headless zongzhid: serve, demo, info, check.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"

	"zongzhi/backend/api"
	"zongzhi/backend/caseflow"
	"zongzhi/backend/httpapi"
	"zongzhi/backend/store"
)

// Commands lists the subcommands, for usage text and for the desktop
// binary to know when not to open a window.
var Commands = []string{"serve", "demo", "info", "check", "sync", "export", "import", "sample", "help"}

// IsCommand tells whether args start with a subcommand.
func IsCommand(args []string) bool {
	if len(args) == 0 {
		return false
	}
	for _, c := range Commands {
		if args[0] == c || args[0] == "-h" || args[0] == "--help" {
			return true
		}
	}
	return false
}

// Env is what a command runs with.
type Env struct {
	UI     fs.FS // the built frontend; nil when the binary has none
	Stdout io.Writer
	Stderr io.Writer
}

// Run runs one subcommand; ctx ends a server.
func Run(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(env.Stdout)
		return nil
	}
	switch args[0] {
	case "serve":
		return serve(ctx, env, args[1:])
	case "demo":
		return demoCmd(env, args[1:])
	case "info":
		return infoCmd(env, args[1:])
	case "check":
		return checkCmd(env, args[1:])
	case "sync":
		return syncCmd(env, args[1:])
	case "export":
		return exportCmd(env, args[1:])
	case "import":
		return importCmd(env, args[1:])
	case "sample":
		return sampleCmd(env, args[1:])
	}
	usage(env.Stderr)
	return fmt.Errorf("未知命令：%s", args[0])
}

func usage(w io.Writer) {
	fmt.Fprint(w, `综治台账 — 命令行

  serve  [--addr 127.0.0.1:8765] [--ui 目录]   在浏览器中使用（仅本机）
  demo   [--scale township|county] [--seed N]  向空库载入演示数据
  info                                         显示数据目录、站点和数据量
  check                                        校验数据一致性（操作日志与记录、索引）
  sync init --name 名称 [--out 加入文件]        创建同步组（乡镇中心，一次）
  sync init --name 名称 --passphrase 口令       或：用口令建组，不写加入文件
  sync join 加入文件                            本站点加入同步组
  sync join --name 名称 --passphrase 口令       加入口令同步组
  sync export [--to all|站点编号] --out U盘目录  导出本站点的数据包
  sync import [--dry-run] 数据包...             校验并导入数据包（--dry-run 只预览）
  sync stick U盘目录                            一次完成U盘交换：导入U盘上的数据包，再写入本站点的
  sync status                                   同步组、各站点及上次收到的时间
  export pdf grid-roster [--township 代码] [--village 代码] [--date 日期] --out 文件.pdf
                                               打印网格责任人花名册
  export pdf special-roster [--category 03] [--village 代码] [--public] --out 文件.pdf
                                               打印特殊人群花名册（--public：公开版，不含保密类别）
  export pdf visit-ledger --from 日期 [--to 日期] [--category 代码] --out 文件.pdf
                                               打印走访台账
  export pdf minutes|meeting-notice|sign-in (--id 会议编号 | --latest) --out 文件.pdf
                                               会议纪要、会议通知、签到表
  export pdf decision-ledger [--period 2026|2026-Q1|2026-03] --out 文件.pdf
                                               会议议定事项督办台账
  export pdf volunteer-roster|activity-ledger|hours-table [--team 队伍] [--period 2026|2026-Q1|2026-03] --out 文件.pdf
                                               志愿者花名册、志愿服务活动台账、志愿服务时长统计表
  export pdf certificate --volunteer 身份证号码 [--from 日期] [--to 日期] --organisation 单位 --responsible 负责人 --handler 经办人 --out 文件.pdf
                                               出具志愿服务证明（编号登记在案）
  export pdf certificate --number ZM-2026-K7QM-0001 --out 文件.pdf
                                               按编号重印志愿服务证明
  export xlsx grids|staff [--village 代码] [--text 筛选] --out 文件.xlsx
                                               导出网格清单、网格人员清单
  import xlsx grids|people 文件.xlsx [--dry-run] [--mapping 对照.json] [--year 年份] [--rejects 文件]
                                               导入网格及网格员花名册：先预览，末行给出
                                               读取、新增、更新、未导入的行数和未导入清单
  sample roster|people [--rows N] --out 文件.xlsx
                                               写出一份示例网格员或特殊人群花名册（含常见的格式问题），用于试用导入

数据目录：环境变量 ZONGZHI_DATA，或 --data 目录；默认 `+DataDir()+`
`)
}

func flags(name string, env Env) (*flag.FlagSet, *string) {
	fl := flag.NewFlagSet(name, flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	data := fl.String("data", DataDir(), "数据目录")
	return fl, data
}

// OpenStore opens the store in dir with every domain indexer, with a
// Chinese message for the common failures.
func OpenStore(dir string) (*store.Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("无法创建数据目录 %s：%w", dir, err)
	}
	opts := store.DefaultOptions(dir)
	if conf, err := os.UserConfigDir(); err == nil {
		opts = opts.WithWitness(filepath.Join(conf, "zongzhi", "sites.json"))
	}
	if keyFile := os.Getenv("ZONGZHI_KEY_FILE"); keyFile != "" {
		key, err := os.ReadFile(keyFile)
		if err != nil {
			return nil, fmt.Errorf("无法读取加密密钥文件 %s：%w", keyFile, err)
		}
		if n := len(key); n != 16 && n != 24 && n != 32 {
			return nil, fmt.Errorf("加密密钥文件 %s 应为16、24或32字节，实际%d字节", keyFile, n)
		}
		opts = opts.WithEncryptionKey(key)
	}
	st, err := store.Open(opts, api.Indexers())
	switch {
	case err == nil:
		return st, nil
	case errors.Is(err, store.ErrSchemaTooNew):
		return nil, fmt.Errorf("数据目录 %s 由更新版本的程序写入，请升级本程序后再打开", dir)
	case strings.Contains(err.Error(), "Encryption key mismatch"):
		return nil, fmt.Errorf("数据目录 %s 已加密，但密钥不对或未提供（ZONGZHI_KEY_FILE）", dir)
	case strings.Contains(err.Error(), "Cannot acquire directory lock"), errors.Is(err, badger.ErrTruncateNeeded):
		return nil, fmt.Errorf("数据目录 %s 正被另一个综治台账程序使用，请先关闭它：%w", dir, err)
	}
	return nil, fmt.Errorf("打开数据目录 %s 失败：%w", dir, err)
}

func serve(ctx context.Context, env Env, args []string) error {
	fl, data := flags("serve", env)
	addr := fl.String("addr", "127.0.0.1:8765", "监听地址（默认只允许本机访问）")
	uiDir := fl.String("ui", "", "前端文件目录（默认使用程序内置的前端）")
	if err := fl.Parse(args); err != nil {
		return err
	}
	st, err := OpenStore(*data)
	if err != nil {
		return err
	}
	defer st.Close()
	ui := env.UI
	if *uiDir != "" {
		ui = os.DirFS(*uiDir)
	}
	h, err := httpapi.New(api.New(st, *data).Bindings(), ui)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("无法监听 %s：%w", *addr, err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(env.Stdout, "综治台账 listening on http://%s (data %s)\n", ln.Addr(), *data)
	// Serve returns as soon as Shutdown starts; the store may close only
	// once the requests in flight are done.
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shut)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	<-stopped
	return nil
}

func demoCmd(env Env, args []string) error {
	fl, data := flags("demo", env)
	scale := fl.String("scale", "township", "规模：township（一个乡镇）或 county（一个县）")
	seed := fl.Int64("seed", 1, "随机种子：相同种子生成相同数据")
	return withStore(fl, args, data, func(st *store.Store) error {
		start := time.Now()
		sum, err := api.New(st, *data).System.LoadDemo(api.DemoRequest{Scale: *scale, Seed: *seed})
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "演示数据已载入（%s）：乡镇 %d，村（社区）%d，网格 %d，网格人员 %d，任职 %d，包挂 %d，特殊人群 %d，列管 %d，走访 %d，整改事项 %d，矛盾纠纷 %d，会议 %d，志愿者 %d，志愿服务活动 %d，用时 %s\n",
			*scale, sum.Townships, sum.Villages, sum.Grids, sum.Staff, sum.Assignments, sum.Links, sum.Persons, sum.Enrollments, sum.Visits, sum.Items, sum.Disputes, sum.Meetings, sum.Volunteers, sum.Activities,
			time.Since(start).Round(time.Millisecond))
		return nil
	})
}

func infoCmd(env Env, args []string) error {
	fl, data := flags("info", env)
	return withStore(fl, args, data, func(st *store.Store) error {
		info := api.New(st, *data).System.Info()
		fmt.Fprintf(env.Stdout, "数据目录：%s\n站点：%s（代码 %s，编号 %s）\n版本：%s，数据格式 %d\n操作日志：%v\n",
			info.DataDir, info.Site.Name, info.Site.Code, info.Site.ID, info.Version, info.SchemaVersion, st.VersionVector())
		return nil
	})
}

func checkCmd(env Env, args []string) error {
	fl, data := flags("check", env)
	return withStore(fl, args, data, func(st *store.Store) error {
		if err := st.Verify(); err != nil {
			return fmt.Errorf("数据校验未通过：%w", err)
		}
		fmt.Fprintln(env.Stdout, "数据校验通过：记录与操作日志一致，索引与重建结果一致")
		// A number two records carry is no corruption (sync kept both),
		// but a person must renumber one: say so.
		clashes := caseflow.Clashes(st, api.NumberedKinds())
		for _, c := range clashes {
			fmt.Fprintf(env.Stdout, "编号重复：%s %s 由%d条记录使用（%s）\n", c.What, c.Number, len(c.IDs), strings.Join(c.Names, "、"))
		}
		if len(clashes) > 0 {
			fmt.Fprintf(env.Stdout, "发现%d个重复编号：两个站点签发了同一编号，请在“U盘同步”页面核对\n", len(clashes))
		}
		return nil
	})
}
