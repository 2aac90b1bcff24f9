package dispute

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"zongzhi/backend/caseflow"
	"zongzhi/backend/dict"
	"zongzhi/backend/grid"
	"zongzhi/backend/idcard"
	"zongzhi/backend/importer"
	"zongzhi/backend/problem"
	"zongzhi/backend/report/xlsx"
	"zongzhi/backend/store"
)

// SheetImport takes in a 矛盾纠纷排查调处台账 kept in Excel: one row per
// dispute, with where it stands (result, 回访, 归档) as the paper ledger
// says. A dispute already registered (same number, or same date and name)
// is a duplicate; the sheet may correct its registration details but
// never moves its flow. Grids must exist; a mediator not on the staff
// list is kept by name.
type SheetImport struct{ S *Service }

var sheetSchema = xlsx.Schema{
	{Key: "seq", Label: "序号", Kind: xlsx.Seq},
	{Key: "number", Label: "编号", Synonyms: []string{"纠纷编号", "案件编号", "登记编号", "案号"}, Kind: xlsx.Line},
	{Key: "date", Label: "登记日期", Synonyms: []string{"日期", "发生日期", "排查日期", "登记时间", "发生时间"}, Required: true, Kind: xlsx.Date},
	{Key: "name", Label: "纠纷名称", Synonyms: []string{"纠纷事项", "矛盾纠纷名称", "纠纷事由", "事由", "案由", "名称"}, Required: true, Kind: xlsx.Line},
	{Key: "category", Label: "纠纷类别", Synonyms: []string{"类别", "纠纷类型", "类型", "矛盾纠纷类别"}, Required: true, Kind: xlsx.Line},
	{Key: "scale", Label: "纠纷规模", Synonyms: []string{"规模", "等级", "纠纷等级"}, Kind: xlsx.Line},
	{Key: "source", Label: "纠纷来源", Synonyms: []string{"来源", "信息来源", "受理来源"}, Kind: xlsx.Line},
	{Key: "place", Label: "发生地点", Synonyms: []string{"地点", "发生地", "纠纷地点"}, Kind: xlsx.Text},
	{Key: "village", Label: "村（社区）", Synonyms: []string{"所属村（社区）", "村/社区", "村居", "所属村", "社区"}, Kind: xlsx.Line},
	{Key: "grid", Label: "所属网格", Synonyms: []string{"网格", "网格名称"}, Required: true, Kind: xlsx.Line},
	{Key: "applicant", Label: "申请人", Synonyms: []string{"申请人姓名", "当事人（申请人）", "当事人甲", "当事人", "当事人姓名"}, Required: true, Kind: xlsx.Line},
	{Key: "applicantID", Label: "申请人身份证号", Synonyms: []string{"申请人身份证号码", "申请人证件号码", "身份证号", "身份证号码", "当事人身份证号"}, Kind: xlsx.Number},
	{Key: "applicantPhone", Label: "申请人电话", Synonyms: []string{"申请人联系电话", "联系电话", "电话"}, Kind: xlsx.Number},
	{Key: "respondent", Label: "被申请人", Synonyms: []string{"被申请人姓名", "当事人（被申请人）", "当事人乙", "对方当事人"}, Kind: xlsx.Line},
	{Key: "respondentID", Label: "被申请人身份证号", Synonyms: []string{"被申请人身份证号码", "被申请人证件号码"}, Kind: xlsx.Number},
	{Key: "respondentPhone", Label: "被申请人电话", Synonyms: []string{"被申请人联系电话"}, Kind: xlsx.Number},
	{Key: "involved", Label: "涉及人数", Synonyms: []string{"涉及人数（人）", "人数", "涉及人员数"}, Kind: xlsx.Int},
	{Key: "description", Label: "简要情况", Synonyms: []string{"纠纷简要情况", "基本情况", "主要情况", "纠纷情况", "简要案情", "纠纷概况"}, Required: true, Kind: xlsx.Text},
	{Key: "deadline", Label: "调处期限", Synonyms: []string{"期限", "办结时限", "化解时限"}, Kind: xlsx.Date},
	{Key: "method", Label: "调处方式", Synonyms: []string{"调解方式", "调解类型", "化解方式"}, Kind: xlsx.Line},
	{Key: "organisation", Label: "调解组织", Synonyms: []string{"调处单位", "调解单位", "调解委员会"}, Kind: xlsx.Line},
	{Key: "mediator", Label: "调解员", Synonyms: []string{"调解人", "调处人", "承办人", "调解人员"}, Kind: xlsx.Line},
	{Key: "result", Label: "调处结果", Synonyms: []string{"结果", "是否化解", "化解情况", "调处情况", "办理结果"}, Kind: xlsx.Line},
	{Key: "resultDate", Label: "办结日期", Synonyms: []string{"调处日期", "化解日期", "结案日期", "办结时间"}, Kind: xlsx.Date},
	{Key: "agreement", Label: "协议形式", Synonyms: []string{"协议类型", "调解协议", "协议"}, Kind: xlsx.Line},
	{Key: "amount", Label: "协议金额", Synonyms: []string{"协议金额（元）", "涉及金额", "金额", "金额（元）"}, Kind: xlsx.Line},
	{Key: "channel", Label: "去向", Synonyms: []string{"不成功去向", "引导去向", "处理去向", "未化解去向"}, Kind: xlsx.Line},
	{Key: "visitDate", Label: "回访日期", Synonyms: []string{"回访时间"}, Kind: xlsx.Date},
	{Key: "visitor", Label: "回访人", Synonyms: []string{"回访人员"}, Kind: xlsx.Line},
	{Key: "satisfaction", Label: "回访满意度", Synonyms: []string{"满意度", "回访情况", "当事人满意度", "回访结果"}, Kind: xlsx.Line},
	{Key: "archived", Label: "归档日期", Synonyms: []string{"归档时间"}, Kind: xlsx.Date},
	{Key: "note", Label: "备注", Kind: xlsx.Text},
}

// About names the area and the columns it reads.
func (SheetImport) About() importer.About {
	return importer.About{Key: "disputes", Label: "矛盾纠纷排查调处台账", Schema: sheetSchema}
}

// Words sheets use for codes, besides the tables' own labels.
var (
	categoryWords = map[string]string{
		"婚姻": "01", "家庭": "01", "婚姻家庭纠纷": "01", "邻里纠纷": "02", "宅基地": "03", "房屋": "03", "合同纠纷": "04",
		"劳资": "10", "欠薪": "10", "劳资纠纷": "10", "劳动争议": "10", "拖欠工资": "10", "土地": "07", "山林": "07", "林地": "07",
		"征地": "08", "拆迁": "08", "环境": "09", "医患": "11", "医疗纠纷": "11", "交通事故": "13", "道路交通事故": "13",
		"村务": "14", "物业纠纷": "12", "损害": "06", "人身损害": "06", "其它": "99",
	}
	scaleWords   = map[string]string{"一般纠纷": "1", "较大纠纷": "2", "重大纠纷": "3"}
	sourceWords  = map[string]string{"申请": "1", "当事人": "1", "主动": "2", "排查": "2", "公安": "3", "派出所": "3", "法院": "4", "信访": "5", "其它": "9"}
	methodWords  = map[string]string{"人民": "1", "行政": "2", "司法": "3", "联合": "4", "联调": "4"}
	resultWords  = map[string]string{"成功": ResultSuccess, "调处成功": ResultSuccess, "调解成功": ResultSuccess, "已化解": ResultSuccess, "化解": ResultSuccess, "是": ResultSuccess, "不成功": ResultFailure, "调处不成功": ResultFailure, "调解不成功": ResultFailure, "未化解": ResultFailure, "失败": ResultFailure, "否": ResultFailure}
	channelWords = map[string]string{"诉讼": "1", "引导诉讼": "1", "法院": "1", "起诉": "1", "仲裁": "2", "劳动仲裁": "2", "信访": "3", "上访": "3"}
	agreeWords   = map[string]string{"书面": "1", "口头": "2"}
	satisfyWords = map[string]string{"很满意": "1", "比较满意": "2", "一般": "2"}
	pendingWords = map[string]bool{"调处中": true, "调解中": true, "正在调处": true, "正在调解": true, "化解中": true, "未办结": true}
)

// codeOf finds a code by label, code, a known word, or a label that
// contains the text (once only).
func codeOf(words map[string]string, table []Code, v string) (string, bool) {
	v = strings.ReplaceAll(v, " ", "")
	if v == "" {
		return "", true
	}
	for _, c := range table {
		if c.Label == v || c.Code == v {
			return c.Code, true
		}
	}
	if c, ok := words[v]; ok {
		return c, true
	}
	trimmed := strings.TrimSuffix(strings.TrimSuffix(v, "纠纷"), "类")
	for _, c := range table {
		if c.Label == trimmed {
			return c.Code, true
		}
	}
	if c, ok := words[trimmed]; ok {
		return c, true
	}
	hit := ""
	for _, c := range table {
		if trimmed != "" && strings.Contains(c.Label, trimmed) {
			if hit != "" {
				return "", false
			}
			hit = c.Code
		}
	}
	return hit, hit != ""
}

type sheetPlan struct {
	s      *Service
	rows   []xlsx.Row
	outs   []importer.Outcome
	writes []*Dispute // per row: a new dispute (no ID yet) or an update
	taken  map[string]bool
}

// Plan decides each row against the store and the rows above it.
func (im SheetImport) Plan(ctx context.Context, rows []xlsx.Row) (importer.Plan, error) {
	s := im.S
	p := &sheetPlan{s: s, rows: rows, outs: make([]importer.Outcome, len(rows)), writes: make([]*Dispute, len(rows)), taken: map[string]bool{}}
	names := s.Grid.SheetNames()
	byNumber, byDateName := map[string]int{}, map[string]int{}
	for i, r := range rows {
		if i%200 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		var f problem.Fields
		d, notes := p.build(r, &f, names)
		if err := f.Err(); err != nil {
			p.outs[i] = importer.Outcome{Action: importer.Reject, Reason: f.Messages()}
			continue
		}
		key := d.Date + "|" + d.Name
		if prev, ok := byNumber[d.Number]; ok && d.Number != "" {
			p.outs[i] = importer.Outcome{Action: importer.Duplicate, Reason: fmt.Sprintf("与%s第%d行编号相同（%s），未重复导入", rows[prev].Sheet, rows[prev].Line, d.Number)}
			continue
		}
		if prev, ok := byDateName[key]; ok {
			p.outs[i] = importer.Outcome{Action: importer.Duplicate, Reason: fmt.Sprintf("与%s第%d行日期、名称相同，未重复导入", rows[prev].Sheet, rows[prev].Line)}
			continue
		}
		if d.Number != "" {
			byNumber[d.Number] = i
		}
		byDateName[key] = i
		old, found, err := p.existing(d)
		if err != nil {
			p.outs[i] = importer.Outcome{Action: importer.Reject, Reason: err.Error()}
			continue
		}
		if !found {
			if d.Number != "" {
				p.taken[d.Number] = true
			}
			p.writes[i] = &d
			p.outs[i] = importer.Outcome{Action: importer.Import, Note: strings.Join(notes, "；")}
			continue
		}
		_, changed := correct(old, d)
		switch {
		case !changed:
			p.outs[i] = importer.Outcome{Action: importer.Duplicate, Reason: fmt.Sprintf("纠纷已登记（%s“%s”），无需导入", old.Number, old.Name)}
		case old.Status == StatusArchived || old.Status == StatusDeclined:
			p.outs[i] = importer.Outcome{Action: importer.Duplicate, Reason: fmt.Sprintf("纠纷已登记（%s“%s”）且%s，表中不同的登记信息未采用", old.Number, old.Name, old.StatusName)}
		default:
			// Keep the sheet's row: Apply corrects the dispute as it is then.
			d.ID = old.ID
			p.writes[i] = &d
			p.outs[i] = importer.Outcome{Action: importer.Update, Note: fmt.Sprintf("已登记为%s：按表更新登记信息，办理状态以系统为准", old.Number)}
		}
	}
	return p, nil
}

// existing finds the registered dispute a row names: by number, else by
// date and name. A number used by a dispute of another name is an error.
func (p *sheetPlan) existing(d Dispute) (Dispute, bool, error) {
	s := p.s
	if d.Number != "" {
		rows := s.Store.Rows(store.IndexCode, Kind, d.Number)
		if len(rows) == 0 {
			return Dispute{}, false, nil
		}
		if rows[0].Name != d.Name {
			return Dispute{}, false, fmt.Errorf("编号%s已用于另一纠纷“%s”（%s）", d.Number, rows[0].Name, rows[0].Start)
		}
		old, err := s.load(rows[0].ID)
		return old, err == nil, err
	}
	for _, r := range s.Store.Rows(store.IndexKind, Kind) {
		if r.Start == d.Date && r.Name == d.Name {
			old, err := s.load(r.ID)
			return old, err == nil, err
		}
	}
	return Dispute{}, false, nil
}

// correct takes the sheet's registration details the sheet fills and the
// stored dispute lacks or has otherwise; the flow stays as stored.
func correct(old, d Dispute) (Dispute, bool) {
	upd, changed := old, false
	for _, c := range []struct{ dst, v *string }{
		{&upd.Place, &d.Place}, {&upd.Description, &d.Description}, {&upd.Deadline, &d.Deadline}, {&upd.Organisation, &d.Organisation},
	} {
		if *c.v != "" && *c.dst != *c.v {
			*c.dst, changed = *c.v, true
		}
	}
	if d.Involved > upd.Involved {
		upd.Involved, changed = d.Involved, true
	}
	return upd, changed
}

// build reads one row into a dispute (no ID, number as the sheet has it).
func (p *sheetPlan) build(r xlsx.Row, f *problem.Fields, names *grid.SheetNames) (Dispute, []string) {
	s := p.s
	var notes []string
	line := func(k string) string { return strings.TrimSpace(xlsx.OneLine(r.Get(k).Text)) }
	date := func(k, name string) string {
		v, err := xlsx.ParseDate(r.Get(k).Text, r.Year())
		if err != nil {
			f.Add(k, "format", name+err.Error())
		}
		return v
	}
	code := func(k, name string, words map[string]string, table []Code) string {
		v := line(k)
		c, ok := codeOf(words, table, v)
		if !ok {
			f.Add(k, "unknown", fmt.Sprintf("%s“%s”不在代码表中", name, v))
		}
		return c
	}
	number := line("number")
	in := Input{Name: line("name"), Date: date("date", "登记日期"), Place: r.Get("place").Text,
		Description: r.Get("description").Text, Deadline: date("deadline", "调处期限"), Organisation: line("organisation")}
	in.Category = code("category", "纠纷类别", categoryWords, s.Dict.Options(TableCategories))
	in.Scale = code("scale", "纠纷规模", scaleWords, Scales)
	in.Source = code("source", "纠纷来源", sourceWords, s.Dict.Options(TableSources))
	in.Method = code("method", "调处方式", methodWords, s.Dict.Options(TableMethods))
	if note := r.Get("note").Text; note != "" {
		in.Description = strings.TrimSpace(in.Description + "\n备注：" + note)
	}
	if v := r.Get("involved").Text; v != "" {
		n, err := xlsx.ParseInt(v)
		if err != nil {
			f.Add("involved", "format", "涉及人数"+err.Error())
		}
		in.Involved = n
	}
	if g := line("grid"); g != "" {
		in.Grid = names.Grid(f, line("village"), g)
	}
	in.Parties = append(p.parties(f, r, "applicant", "申请人", "1"), p.parties(f, r, "respondent", "被申请人", "2")...)
	in.Mediator, in.MediatorName = names.Person(line("mediator"), "调解员", &notes)
	if f.Err() != nil {
		return Dispute{}, nil
	}
	var d Dispute
	s.fill(&d, Dispute{}, in, f)
	d.Number = number

	// Where the paper ledger says it stands.
	res := line("result")
	status := StatusRegistered
	if d.MediatorName != "" {
		status = StatusAccepted
	}
	switch {
	case res == "":
	case res == "不予受理":
		status = StatusDeclined
		d.Declined = strings.TrimSpace(r.Get("note").Text)
		if d.Declined == "" {
			f.Add("note", "required", "不予受理的纠纷须在备注中写明理由")
		}
	case pendingWords[res]:
		status = StatusMediating
	default:
		c, ok := resultWords[strings.ReplaceAll(res, " ", "")]
		if !ok {
			f.Add("result", "unknown", fmt.Sprintf("调处结果“%s”应为成功、不成功或调处中", res))
			break
		}
		d.Result, d.ResultName = c, dict.Name(Results, c)
		status = StatusSucceeded
		if c == ResultFailure {
			status = StatusFailed
		}
	}
	if status != StatusRegistered && status != StatusDeclined && d.MethodName == "" && !f.Has("method") {
		d.Method, d.MethodName = "1", dict.Name(Methods, "1")
		notes = append(notes, "未填调处方式，按人民调解登记")
	}
	if status == StatusAccepted || status == StatusMediating || status == StatusSucceeded || status == StatusFailed {
		if d.MediatorName == "" {
			f.Add("mediator", "required", "已受理或已调处的纠纷须填写调解员")
		}
	}
	d.ResultDate = date("resultDate", "办结日期")
	if d.ResultDate != "" && d.ResultDate < d.Date {
		f.Add("resultDate", "order", "办结日期不能早于登记日期")
	}
	if d.ResultDate > s.Today() {
		f.Add("resultDate", "future", "办结日期不能晚于今天")
	}
	switch status {
	case StatusSucceeded:
		a := code("agreement", "协议形式", agreeWords, Agreements)
		if a == "" && !f.Has("agreement") {
			f.Add("agreement", "required", "调处成功的纠纷须填写协议形式（书面或口头）")
		}
		d.Agreement, d.AgreementName = a, dict.Name(Agreements, a)
		if v := strings.TrimSuffix(strings.ReplaceAll(line("amount"), ",", ""), "元"); v != "" {
			amount, err := strconv.ParseFloat(v, 64)
			if err != nil || amount < 0 || math.IsInf(amount, 0) {
				f.Add("amount", "format", fmt.Sprintf("协议金额“%s”不是有效金额", line("amount")))
			}
			d.Amount = math.Round(amount*100) / 100
		}
	case StatusFailed:
		c := code("channel", "去向", channelWords, Channels)
		if c == "" && !f.Has("channel") {
			f.Add("channel", "required", "调处不成功的纠纷须填写去向（引导诉讼、仲裁或信访）")
		}
		d.Channel, d.ChannelName = c, dict.Name(Channels, c)
	}
	if sat := line("satisfaction"); sat != "" || line("visitDate") != "" {
		if d.Result == "" {
			f.Add("satisfaction", "order", "尚无调处结果的纠纷不能有回访")
		}
		v := Visit{Date: date("visitDate", "回访日期"), Satisfaction: code("satisfaction", "回访满意度", satisfyWords, Satisfactions)}
		if v.Satisfaction == "" && !f.Has("satisfaction") {
			f.Add("satisfaction", "required", "已回访的纠纷须填写满意度（满意、基本满意或不满意）")
		}
		if v.Date == "" && !f.Has("visitDate") {
			f.Add("visitDate", "required", "已回访的纠纷须填写回访日期")
		}
		switch {
		case v.Date > s.Today():
			f.Add("visitDate", "future", "回访日期不能晚于今天")
		case v.Date != "" && v.Date < max(d.ResultDate, d.Date):
			f.Add("visitDate", "order", fmt.Sprintf("回访日期不能早于%s（%s）", map[bool]string{true: "办结日期", false: "登记日期"}[d.ResultDate != ""], max(d.ResultDate, d.Date)))
		}
		v.SatisfactionName = dict.Name(Satisfactions, v.Satisfaction)
		v.By, v.ByName = names.Person(line("visitor"), "回访人", &notes)
		d.Visit = v
		status = StatusVisited
	}
	if d.Archived = date("archived", "归档日期"); d.Archived != "" {
		switch {
		case status != StatusVisited:
			f.Add("archived", "order", "归档须在回访之后：未回访的纠纷不能填写归档日期")
		case d.Archived > s.Today():
			f.Add("archived", "future", "归档日期不能晚于今天")
		case d.Archived < d.Visit.Date:
			f.Add("archived", "order", fmt.Sprintf("归档日期不能早于回访日期（%s）", d.Visit.Date))
		}
		status = StatusArchived
	}
	if status != StatusRegistered {
		d.Accepted = d.Date
	}
	d.Status, d.StatusName = status, StatusName(status)
	return d, notes
}

// parties reads one side's names (several split by 、，;) with their ID
// numbers and phones in the same order.
func (p *sheetPlan) parties(f *problem.Fields, r xlsx.Row, key, what, role string) []Party {
	split := func(v string) []string {
		return strings.FieldsFunc(xlsx.OneLine(v), func(c rune) bool { return strings.ContainsRune("、,，;；/ ", c) })
	}
	names := split(r.Get(key).Text)
	idCell := r.Get(key + "ID")
	if xlsx.Mangled(idCell) {
		f.Add(key+"ID", "mangled", fmt.Sprintf("%s身份证号码“%s”被 Excel 存成了数字，末几位已丢失：请在原表中把该列设为文本后重新录入", what, idCell.Text))
		return nil
	}
	ids, phones := split(idCell.Text), split(r.Get(key+"Phone").Text)
	if len(ids) > len(names) || len(phones) > len(names) {
		f.Add(key+"ID", "count", fmt.Sprintf("%s有%d人，身份证号或电话却有更多个，请一一对应", what, len(names)))
		return nil
	}
	out := make([]Party, len(names))
	for i, n := range names {
		out[i] = Party{Name: n, Role: role}
		if i < len(ids) {
			info, err := idcard.Parse(ids[i], p.s.Now())
			if err != nil {
				f.Add(key+"ID", "format", fmt.Sprintf("%s“%s”的%s", what, n, err.Error()))
			}
			out[i].IDNumber = info.Number
		}
		if i < len(phones) {
			out[i].Phone = phones[i]
		}
	}
	return out
}

func (p *sheetPlan) Outcomes() []importer.Outcome { return p.outs }

// Apply writes the planned rows, 100 rows per transaction; new disputes
// without a number get the next numbers of this site.
func (p *sheetPlan) Apply(ctx context.Context, progress func(done int)) (int, error) {
	const batch = 100
	return importer.InBatches(ctx, len(p.rows), batch, p.s.Update, func(tx *store.Txn, from, to int) error {
		for i := from; i < to; i++ {
			d := p.writes[i]
			if d == nil || (p.outs[i].Action != importer.Import && p.outs[i].Action != importer.Update) {
				continue
			}
			if d.ID != "" {
				// Correct the registration of the dispute as it is now: a
				// step taken since the preview stays.
				cur, err := get(tx, d.ID)
				if err != nil {
					return err
				}
				if upd, changed := correct(cur, *d); changed {
					if err := put(tx, upd); err != nil {
						return err
					}
				}
				continue
			}
			n := *d
			n.ID = store.NewID()
			if n.Number == "" {
				n.Number = p.s.numbers.Issue(tx, n.Date[:4], p.taken)
			}
			n.Records, n.Log = []Entry{}, nil
			cases.Begin(&n, &p.s.Base, Flow.MustMove(MoveImport), caseflow.Step{Date: p.s.Today(),
				Note: fmt.Sprintf("由Excel导入（%s第%d行）", p.rows[i].Sheet, p.rows[i].Line)})
			if err := cases.PutNew(tx, n.ID, &n); err != nil {
				return err
			}
		}
		return nil
	}, progress)
}
