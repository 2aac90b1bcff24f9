package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"zongzhi/backend/api"
	"zongzhi/backend/demo"
	"zongzhi/backend/dispute"
	"zongzhi/backend/grid"
	"zongzhi/backend/importer"
	"zongzhi/backend/ledger"
	"zongzhi/backend/meeting"
	"zongzhi/backend/people"
	"zongzhi/backend/period"
	"zongzhi/backend/store"
	"zongzhi/backend/volunteer"
)

// exportCmd: export pdf <report> | export xlsx <list>, through the same
// ReportService the window uses.
func exportCmd(env Env, args []string) error {
	if len(args) < 2 {
		return fmt.Errorf("用法：export pdf grid-roster|special-roster|visit-ledger|rectification-ledger|dispute-ledger|dispute-monthly|minutes|meeting-notice|sign-in|decision-ledger|volunteer-roster|activity-ledger|hours-table|certificate … --out 文件.pdf，或 export xlsx grids|staff|rectification|disputes … --out 文件.xlsx")
	}
	format, what := args[0], args[1]
	fl, data := flags("export "+format+" "+what, env)
	out := fl.String("out", "", "写到这个文件")
	township := fl.String("township", "", "乡镇（街道）区划代码（默认全部）")
	village := fl.String("village", "", "村（社区）区划代码（默认全部）")
	date := fl.String("date", "", "花名册日期 年-月-日（默认今天）")
	text := fl.String("text", "", "按名称、编码、电话等筛选")
	category := fl.String("category", "", "特殊人群类别代码，如 03；矛盾纠纷类别代码，如 02 邻里（默认全部）")
	public := fl.Bool("public", false, "公开版花名册：不含严重精神障碍、社区矫正、未成年人")
	from := fl.String("from", "", "走访台账开始日期 年-月-日")
	to := fl.String("to", "", "走访台账结束日期 年-月-日（默认今天）")
	period := fl.String("period", "", "台账期间：2026-03（月）、2026-Q1（季度）或 2026（年）")
	unit := fl.String("unit", "", "责任单位代码，如 02 派出所（默认全部）")
	status := fl.String("status", "", "整改状态代码，open 在办，overdue 逾期；矛盾纠纷状态，如 open 未办结、mediating 调处中、archived 已归档（默认全部）")
	gridRef := fl.String("grid", "", "网格编码或名称（矛盾纠纷台账、月度统计表；默认全部）")
	month := fl.String("month", "", "月度统计表的月份，如 2026-03（默认上个月）")
	id := fl.String("id", "", "会议编号（如 HY-2026-K7QM-0001）或 id（会议纪要、会议通知、签到表）")
	latest := fl.Bool("latest", false, "最近召开的一次会议（会议纪要、会议通知、签到表）")
	team := fl.String("team", "", "志愿服务队名称或 id（志愿者花名册、活动台账、时长统计表；默认全部）")
	volunteerRef := fl.String("volunteer", "", "志愿者的身份证号码或 id（志愿服务证明）")
	organisation := fl.String("organisation", "", "出具证明的单位（志愿服务证明）")
	responsible := fl.String("responsible", "", "负责人（志愿服务证明）")
	handler := fl.String("handler", "", "经办人（志愿服务证明）")
	number := fl.String("number", "", "重印已出具的志愿服务证明：证明编号，如 ZM-2026-K7QM-0001")
	return withStore(fl, args[2:], data, func(st *store.Store) error {
		if *out == "" {
			return fmt.Errorf("请用 --out 指定输出文件")
		}
		svcs := api.New(st, *data)
		rs := svcs.Report
		var doc api.Document
		var err error
		switch format + " " + what {
		case "pdf grid-roster":
			doc, err = rs.GridRoster(grid.RosterQuery{Township: *township, Village: *village, Date: *date})
		case "pdf special-roster":
			doc, err = rs.SpecialRoster(api.SpecialRosterQuery{Category: *category, Village: *village, Public: *public})
		case "pdf visit-ledger":
			if *to == "" {
				*to = time.Now().Format("2006-01-02")
			}
			doc, err = rs.VisitLedger(people.VisitsQuery{From: *from, To: *to, Category: *category, Village: *village})
		case "pdf rectification-ledger":
			doc, err = rs.RectificationLedger(api.LedgerPrint{Period: *period, Query: ledger.Query{From: *from, To: *to, Unit: *unit, Status: *status}})
		case "xlsx rectification":
			doc, err = rs.RectificationList(ledger.Query{From: *from, To: *to, Unit: *unit, Status: *status, Text: *text})
		case "pdf dispute-ledger", "xlsx disputes":
			var q dispute.Query
			if q, err = disputeQuery(svcs.Domain.Grid, *period, *from, *to, *gridRef, *village, *status, *category, *text); err != nil {
				return err
			}
			if what == "disputes" {
				doc, err = svcs.Dispute.DisputeList(q)
			} else {
				doc, err = svcs.Dispute.DisputeLedger(q)
			}
		case "pdf dispute-monthly":
			q := dispute.MonthlyQuery{Month: *month, Village: *village}
			if q.Month == "" {
				q.Month = time.Now().AddDate(0, 0, -time.Now().Day()).Format("2006-01") // due by the 20th for the month before
			}
			if q.Grid, err = gridID(svcs.Domain.Grid, *gridRef); err != nil {
				return err
			}
			doc, err = svcs.Dispute.DisputeMonthly(q)
		case "pdf minutes", "pdf meeting-notice", "pdf sign-in":
			var m string
			if m, err = meetingID(st, svcs.Meeting, *id, *latest); err != nil {
				return err
			}
			switch what {
			case "minutes":
				doc, err = svcs.Meeting.MinutesPDF(m)
			case "meeting-notice":
				doc, err = svcs.Meeting.NoticePDF(m)
			default:
				doc, err = svcs.Meeting.SignInPDF(m)
			}
		case "pdf volunteer-roster", "pdf activity-ledger", "pdf hours-table":
			var teamID string
			if teamID, err = teamRef(svcs.Volunteer, *team); err != nil {
				return err
			}
			switch what {
			case "volunteer-roster":
				doc, err = svcs.Volunteer.RosterPDF(api.RosterQuery{Team: teamID})
			case "activity-ledger":
				doc, err = svcs.Volunteer.ActivityLedgerPDF(api.PeriodQuery{Period: orYear(*period), Team: teamID})
			default:
				doc, err = svcs.Volunteer.HoursTablePDF(api.PeriodQuery{Period: orYear(*period), Team: teamID})
			}
		case "pdf certificate":
			if *number != "" {
				doc, err = svcs.Volunteer.CertificatePDF(*number)
				break
			}
			var v string
			if v, err = volunteerID(st, svcs, *volunteerRef); err != nil {
				return err
			}
			var c volunteer.Certificate
			if c, err = svcs.Volunteer.IssueCertificate(volunteer.CertificateInput{Volunteer: v, From: *from, To: *to, Organisation: *organisation,
				Responsible: *responsible, Handler: *handler}); err != nil {
				return err
			}
			doc, err = svcs.Volunteer.CertificatePDF(c.Number)
		case "pdf decision-ledger":
			doc, err = svcs.Meeting.DecisionLedgerPDF(api.DecisionQuery{Period: *period})
		case "xlsx grids":
			doc, err = rs.GridList(grid.GridQuery{Village: *village, Text: *text})
		case "xlsx staff":
			doc, err = rs.StaffList(grid.StaffQuery{Text: *text})
		default:
			return fmt.Errorf("未知的导出：%s %s（可选：pdf grid-roster、pdf special-roster、pdf visit-ledger、pdf rectification-ledger、pdf dispute-ledger、pdf dispute-monthly、pdf minutes、pdf meeting-notice、pdf sign-in、pdf decision-ledger；xlsx grids、xlsx staff、xlsx rectification、xlsx disputes）", format, what)
		}
		if err != nil {
			return err
		}
		if err := writeFile(*out, doc.Data); err != nil {
			return err
		}
		for _, w := range doc.Warnings {
			fmt.Fprintln(env.Stderr, "注意：", w)
		}
		if format == "pdf" {
			fmt.Fprintf(env.Stdout, "已导出 %s（%d 页）\n", *out, doc.Pages)
		} else {
			fmt.Fprintf(env.Stdout, "已导出 %s\n", *out)
		}
		return nil
	})
}

// orYear is the period asked for, this year when none.
func orYear(p string) string {
	if p == "" {
		return time.Now().Format("2006")
	}
	return p
}

// teamRef finds a team by name or id ("" = all).
func teamRef(vs *api.VolunteerService, ref string) (string, error) {
	if ref == "" {
		return "", nil
	}
	for _, t := range vs.Teams() {
		if t.ID == ref || t.Name == ref {
			return t.ID, nil
		}
	}
	return "", fmt.Errorf("没有名称或 id 为“%s”的志愿服务队", ref)
}

// volunteerID finds a volunteer by ID number or id.
func volunteerID(st *store.Store, svcs *api.Services, ref string) (string, error) {
	if ref == "" {
		return "", fmt.Errorf("请用 --volunteer 指定志愿者的身份证号码")
	}
	if r, ok := st.Row(ref); ok && r.Kind == volunteer.KindVolunteer {
		return r.ID, nil
	}
	person, _ := svcs.Domain.People.FindPerson(ref)
	for _, r := range st.Rows(store.IndexParent, volunteer.KindVolunteer, person) {
		return r.ID, nil
	}
	return "", fmt.Errorf("没有身份证号码或 id 为“%s”的志愿者", ref)
}

// meetingID finds the meeting asked for: by number or id, or the one
// held most recently.
func meetingID(st *store.Store, ms *api.MeetingService, ref string, latest bool) (string, error) {
	switch {
	case ref != "" && latest:
		return "", fmt.Errorf("--id 与 --latest 只能用一种")
	case latest:
		page := ms.List(meeting.Query{Limit: 1})
		if len(page.Lines) == 0 {
			return "", fmt.Errorf("还没有会议")
		}
		return page.Lines[0].ID, nil
	case ref == "":
		return "", fmt.Errorf("请用 --id 指定会议编号，或用 --latest 导出最近的一次会议")
	}
	if rows := st.Rows(store.IndexCode, meeting.Kind, ref); len(rows) > 0 {
		return rows[0].ID, nil
	}
	if r, ok := st.Row(ref); ok && r.Kind == meeting.Kind {
		return r.ID, nil
	}
	return "", fmt.Errorf("没有编号或 id 为“%s”的会议", ref)
}

// disputeQuery reads the dispute ledger's filters: a period (month,
// quarter or year) or from/to, a grid (code or name) or a village code,
// a status and a category.
func disputeQuery(g *grid.Service, span, from, to, gridRef, village, status, category, text string) (dispute.Query, error) {
	q := dispute.Query{From: from, To: to, Village: village, Status: status, Category: category, Text: text}
	if span != "" {
		if from != "" || to != "" {
			return q, fmt.Errorf("--period 与 --from/--to 只能用一种")
		}
		p, err := period.Parse(span)
		if err != nil {
			return q, err
		}
		q.From, q.To = p.From, p.To
	}
	if status != "" && status != "open" && dispute.StatusName(status) == "" {
		codes := []string{"open"}
		for _, c := range dispute.Statuses {
			codes = append(codes, c.Code+" "+c.Label)
		}
		return q, fmt.Errorf("未知的矛盾纠纷状态“%s”（可选：%s）", status, strings.Join(codes, "、"))
	}
	var err error
	q.Grid, err = gridID(g, gridRef)
	return q, err
}

// gridID finds a grid by id, code or name; "" is every grid.
func gridID(g *grid.Service, ref string) (string, error) {
	if ref == "" {
		return "", nil
	}
	var hits []grid.GridSummary
	for _, gr := range g.ListGrids(grid.GridQuery{}) {
		if gr.ID == ref || gr.Code == ref || gr.Name == ref {
			hits = append(hits, gr)
		}
	}
	switch len(hits) {
	case 0:
		return "", fmt.Errorf("没有编码或名称为“%s”的网格", ref)
	case 1:
		return hits[0].ID, nil
	}
	return "", fmt.Errorf("名称为“%s”的网格有 %d 个，请用网格编码", ref, len(hits))
}

// writeFile writes through a temp file so a failed export never leaves a
// half-written file under the name the user asked for.
func writeFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".zongzhi-*")
	if err != nil {
		return fmt.Errorf("无法写入 %s：%w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("无法写入 %s：%w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// importCmd: import xlsx <area> FILE, previewed, then written unless
// --dry-run; ends with one line of counts and the reject report's path.
func importCmd(env Env, args []string) error {
	if len(args) < 2 || args[0] != "xlsx" {
		return fmt.Errorf("用法：import xlsx grids 文件.xlsx [--dry-run] [--mapping 对照.json] [--year 年份]")
	}
	area := args[1]
	fl, data := flags("import xlsx "+area, env)
	dry := fl.Bool("dry-run", false, "只预览，不写入")
	mapFile := fl.String("mapping", "", "表头对照 JSON：{\"表中表头\": \"字段\"}，字段见 --fields")
	year := fl.Int("year", 0, "表中日期没有年份（如 3月5日）且标题里也没有时用的年份（默认今年）")
	rejects := fl.String("rejects", "", "未导入清单写到这里（默认：原文件名-未导入.xlsx）")
	fields := fl.Bool("fields", false, "列出可对照的字段")
	// Flags may come after the file name.
	var files []string
	rest := args[2:]
	for len(rest) > 0 {
		if err := fl.Parse(rest); err != nil {
			return err
		}
		rest = fl.Args()
		if len(rest) > 0 {
			files, rest = append(files, rest[0]), rest[1:]
		}
	}
	st, err := OpenStore(*data)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := api.New(st, *data).Import
	if *fields {
		for _, a := range svc.Areas() {
			if a.Key == area {
				for _, f := range a.Fields {
					fmt.Fprintf(env.Stdout, "%-12s %s%s\n", f.Key, f.Label, map[bool]string{true: "（必填）"}[f.Required])
				}
				return nil
			}
		}
		return fmt.Errorf("未知的导入类型“%s”", area)
	}
	if len(files) != 1 {
		return fmt.Errorf("请指定一个要导入的 .xlsx 文件")
	}
	file := files[0]
	raw, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("无法读取 %s：%w", file, err)
	}
	req := api.ImportRequest{Area: area, FileName: filepath.Base(file), Data: raw, Year: *year}
	if *mapFile != "" {
		m, err := os.ReadFile(*mapFile)
		if err != nil {
			return fmt.Errorf("无法读取表头对照 %s：%w", *mapFile, err)
		}
		if err := json.Unmarshal(m, &req.Mapping); err != nil {
			return fmt.Errorf("表头对照 %s 不是有效的 JSON（应为 {\"表中表头\": \"字段\"}）：%w", *mapFile, err)
		}
	}
	p, err := svc.Preview(req)
	if err != nil {
		return err
	}
	for _, sh := range p.Sheets {
		switch {
		case !sh.Recognised && len(sh.Missing) > 0:
			fmt.Fprintf(env.Stdout, "工作表“%s”：缺少必需的列（%s），未导入\n", sh.Sheet, strings.Join(sh.Missing, "、"))
		case !sh.Recognised:
			fmt.Fprintf(env.Stdout, "工作表“%s”：没有可识别的表头，未导入\n", sh.Sheet)
		default:
			fmt.Fprintf(env.Stdout, "工作表“%s”：表头在第 %s 行，数据 %d 行，另有 %d 行合计、落款等未计入\n",
				sh.Sheet, joinInts(sh.Header), sh.DataRows, len(sh.Skipped))
		}
		if len(sh.Unknown) > 0 {
			fmt.Fprintf(env.Stdout, "  未识别的表头：%s（用 --mapping 指定对应字段，字段见 --fields）\n", strings.Join(sh.Unknown, "、"))
		}
	}
	if p.Token == "" {
		return fmt.Errorf("没有可导入的数据：请用 --mapping 对照表头后再试")
	}
	shown := 0
	for _, l := range p.Lines {
		if l.Action != importer.Reject || shown == 20 {
			continue
		}
		fmt.Fprintf(env.Stdout, "  %s 第%d行：%s\n", l.Sheet, l.Line, l.Reason)
		shown++
	}
	if p.Counts.Reject > shown {
		fmt.Fprintf(env.Stdout, "  ……另有 %d 行未通过校验，见未导入清单\n", p.Counts.Reject-shown)
	}
	counts, summary := p.Counts, p.Summary
	verb := "将"
	if !*dry {
		id, err := svc.StartCommit(p.Token)
		if err != nil {
			return err
		}
		var st api.JobStatus
		for {
			if st, err = svc.Job(id); err != nil {
				return err
			}
			if !st.Running {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		if st.Error != "" {
			return fmt.Errorf("导入失败：%s", st.Error)
		}
		res := st.Result.(*api.ImportResult)
		counts, summary, verb = res.Counts, res.Summary, ""
	}
	where := "无"
	if doc, err := svc.RejectReport(p.Token); err == nil {
		where = *rejects
		if where == "" {
			where = strings.TrimSuffix(file, filepath.Ext(file)) + "-未导入.xlsx"
		}
		if err := writeFile(where, doc.Data); err != nil {
			return err
		}
	}
	if *dry {
		fmt.Fprint(env.Stdout, "（预览，未写入）")
	}
	if summary != "" {
		summary = "，" + summary
	}
	fmt.Fprintf(env.Stdout, "读取 %d 行%s，%s新增 %d，%s更新 %d，未导入 %d（其中重复 %d）；未导入清单：%s\n",
		counts.Read, summary, verb, counts.Import, verb, counts.Update, counts.Reject+counts.Duplicate, counts.Duplicate, where)
	return nil
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, "–")
}

// sampleCmd writes a sample 网格员花名册 workbook, messy the way office
// sheets are, for trying the import (and for the browser tests).
func sampleCmd(env Env, args []string) error {
	if len(args) == 0 || (args[0] != "roster" && args[0] != "people") {
		return fmt.Errorf("用法：sample roster|people [--villages 村1,村2] [--rows 120] [--seed 1] --out 文件.xlsx")
	}
	if args[0] == "people" {
		return samplePeople(env, args[1:])
	}
	fl, data := flags("sample roster", env)
	out := fl.String("out", "", "写到这个文件")
	names := fl.String("villages", "", "村（社区）名称，逗号分隔（默认：数据目录中的村、社区）")
	rows := fl.Int("rows", 120, "人员行数")
	seed := fl.Int64("seed", 1, "随机种子")
	if err := fl.Parse(args[1:]); err != nil {
		return err
	}
	if *out == "" {
		return fmt.Errorf("请用 --out 指定输出文件")
	}
	var villages []string
	if *names != "" {
		villages = strings.Split(*names, ",")
	} else {
		st, err := OpenStore(*data)
		if err != nil {
			return err
		}
		divs, err := grid.New(st).Divisions()
		st.Close()
		if err != nil {
			return err
		}
		for _, d := range divs {
			if d.Level == "village" {
				villages = append(villages, d.Name)
			}
		}
	}
	if len(villages) == 0 {
		return fmt.Errorf("没有村（社区）：请先载入演示数据或在“区划”中添加，或用 --villages 指定")
	}
	sheet, err := demo.MessyRoster(*seed, villages, *rows)
	return writeSample(env, "花名册", *out, sheet, err)
}

// writeSample writes a sample sheet and says what is in it.
func writeSample(env Env, what, out string, sheet demo.RosterSheet, err error) error {
	if err != nil {
		return err
	}
	if err := writeFile(out, sheet.Data); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "已写出示例%s %s：数据 %d 行（其中 %d 行故意写错）\n", what, out, sheet.DataRows, sheet.Bad)
	return nil
}

// samplePeople writes a sample 特殊人群花名册 for this store's grids and
// staff.
func samplePeople(env Env, args []string) error {
	fl, data := flags("sample people", env)
	out := fl.String("out", "", "写到这个文件")
	rows := fl.Int("rows", 120, "行数")
	seed := fl.Int64("seed", 1, "随机种子")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return fmt.Errorf("请用 --out 指定输出文件")
	}
	st, err := OpenStore(*data)
	if err != nil {
		return err
	}
	g := grid.New(st)
	var places []demo.PlaceRef
	for _, gr := range g.ListGrids(grid.GridQuery{}) {
		places = append(places, demo.PlaceRef{Village: gr.VillageName, Grid: gr.Name})
	}
	staff, err := g.ListStaff(grid.StaffQuery{})
	st.Close()
	if err != nil {
		return err
	}
	// Only staff whose name is unique can be named in a sheet.
	count := map[string]int{}
	for _, s := range staff {
		count[s.Name]++
	}
	var names []string
	for _, s := range staff {
		if count[s.Name] == 1 {
			names = append(names, s.Name)
		}
	}
	if len(places) == 0 || len(names) == 0 {
		return fmt.Errorf("没有网格或网格人员：请先载入演示数据")
	}
	sheet, err := demo.MessyPeople(*seed, places, names, *rows)
	return writeSample(env, "特殊人群花名册", *out, sheet, err)
}
