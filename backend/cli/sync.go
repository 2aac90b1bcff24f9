package cli

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"time"

	"zongzhi/backend/grid"
	"zongzhi/backend/people"
	"zongzhi/backend/store"
	zsync "zongzhi/backend/sync"
)

func syncCmd(env Env, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("用法：sync init|join|export|import|stick|status（见 help）")
	}
	fl, data := flags("sync "+args[0], env)
	switch args[0] {
	case "init":
		name := fl.String("name", "", "同步组名称，如“勐简乡同步组”")
		out := fl.String("out", "同步组加入文件.zzjoin", "加入文件写到这里：交给其他站点，妥善保管")
		pass := fl.String("passphrase", "", "用口令建组（各站点用同一名称和口令加入），不写加入文件")
		return withStore(fl, args[1:], data, func(st *store.Store) error {
			if *name == "" {
				return fmt.Errorf("请用 --name 指定同步组名称")
			}
			if *pass != "" {
				g, err := zsync.JoinPassphrase(st, *name, *pass)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "已创建口令同步组“%s”：其他站点用 sync join --name %s --passphrase 口令 加入\n", g.Name, g.Name)
				return nil
			}
			join, err := zsync.CreateGroup(st, *name)
			if err != nil {
				return err
			}
			if err := os.WriteFile(*out, join, 0o600); err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "已创建同步组“%s”。加入文件：%s（持有者即可读写本组数据，请像钥匙一样保管）\n", *name, *out)
			return nil
		})
	case "join":
		name := fl.String("name", "", "口令同步组的名称")
		pass := fl.String("passphrase", "", "口令同步组的口令")
		return withStore(fl, args[1:], data, func(st *store.Store) error {
			if *pass != "" {
				g, err := zsync.JoinPassphrase(st, *name, *pass)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "已加入同步组“%s”\n", g.Name)
				return nil
			}
			if fl.NArg() != 1 {
				return fmt.Errorf("用法：sync join 加入文件，或 sync join --name 名称 --passphrase 口令")
			}
			raw, err := os.ReadFile(fl.Arg(0))
			if err != nil {
				return err
			}
			g, err := zsync.Join(st, raw)
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "已加入同步组“%s”\n", g.Name)
			return nil
		})
	case "export":
		to := fl.String("to", "all", "接收站点编号，或 all")
		out := fl.String("out", ".", "写到这个目录（U盘根目录）下的“综治同步”文件夹")
		return withStore(fl, args[1:], data, func(st *store.Store) error {
			path, n, err := zsync.Export(st, *to, *out)
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "已导出 %d 项更改：%s\n", n, path)
			return nil
		})
	case "import":
		dry := fl.Bool("dry-run", false, "只检查并预览，不导入")
		return withStore(fl, args[1:], data, func(st *store.Store) error {
			if fl.NArg() == 0 {
				return fmt.Errorf("用法：sync import [--dry-run] 数据包...")
			}
			failed := 0
			ps := people.New(st, grid.New(st))
			for _, f := range fl.Args() {
				rep, err := zsync.ImportFile(st, f, *dry)
				if err != nil {
					failed++
					fmt.Fprintf(env.Stdout, "%s：拒绝：%v\n", f, err)
					continue
				}
				if rep.Ops != nil {
					rep.Duplicates = ps.IncomingDuplicates(rep.Ops)
				}
				printReport(env, rep, *dry)
			}
			if !*dry {
				printDuplicates(env, ps)
			}
			if failed > 0 {
				return fmt.Errorf("%d 个数据包未导入", failed)
			}
			return nil
		})
	case "stick":
		return withStore(fl, args[1:], data, func(st *store.Store) error {
			if fl.NArg() != 1 {
				return fmt.Errorf("用法：sync stick U盘目录")
			}
			reps, path, err := zsync.Stick(st, fl.Arg(0))
			for _, rep := range reps {
				printReport(env, rep, false)
			}
			printDuplicates(env, people.New(st, grid.New(st)))
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "本站点数据包已写入：%s\n", path)
			return nil
		})
	case "status":
		return withStore(fl, args[1:], data, func(st *store.Store) error {
			s, err := zsync.GroupStatus(st)
			if err != nil {
				return err
			}
			if s.Group == nil {
				fmt.Fprintln(env.Stdout, "本站点尚未加入同步组")
				return nil
			}
			fmt.Fprintf(env.Stdout, "同步组：%s\n本站点：%s（%s），本站更改 %d 项\n", s.Group.Name, s.Site.Name, s.Site.Code, s.Have[s.Site.ID])
			sort.Slice(s.Peers, func(i, j int) bool { return s.Peers[i].Site.Code < s.Peers[j].Site.Code })
			for _, p := range s.Peers {
				fmt.Fprintf(env.Stdout, "  %s（%s）：上次收到 %s，对方持有本站更改 %d 项\n", p.Site.Name, p.Site.Code,
					p.LastHeard.Local().Format(time.DateTime), p.Have[s.Site.ID])
			}
			return nil
		})
	}
	return fmt.Errorf("未知的 sync 子命令：%s", args[0])
}

func withStore(fl *flag.FlagSet, args []string, data *string, fn func(*store.Store) error) error {
	if err := fl.Parse(args); err != nil {
		return err
	}
	st, err := OpenStore(*data)
	if err != nil {
		return err
	}
	defer st.Close()
	return fn(st)
}

func printReport(env Env, rep zsync.Report, dry bool) {
	verb := "已导入"
	if dry {
		verb = "将导入"
	}
	if rep.Own {
		fmt.Fprintf(env.Stdout, "%s：本站点自己的数据包，跳过\n", rep.File)
		return
	}
	fmt.Fprintf(env.Stdout, "%s：来自 %s（%s）：%s %d 项，已有 %d 项，等待缺失更改 %d 项，冲突字段 %d 个\n", rep.File, rep.From.Name, rep.From.Code,
		verb, rep.Store.Applied, rep.Store.Duplicate, rep.Store.Waiting+rep.Store.ClockAhead, len(rep.Conflicts))
	for _, w := range rep.Warnings {
		fmt.Fprintf(env.Stdout, "  注意：%s\n", w)
	}
	for _, d := range rep.Duplicates {
		fmt.Fprintf(env.Stdout, "  疑似重复人员：%s\n", d)
	}
}

// printDuplicates points at the persons two sites registered twice.
func printDuplicates(env Env, ps *people.Service) {
	if n := len(ps.Duplicates()); n > 0 {
		fmt.Fprintf(env.Stdout, "疑似重复人员 %d 组（同一证件号码登记了两次）：请在“U盘同步”页核对并合并\n", n)
	}
}
