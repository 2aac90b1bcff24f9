package ledger

import (
	"context"
	"fmt"
	"strings"

	"zongzhi/backend/caseflow"
	"zongzhi/backend/dict"
	"zongzhi/backend/grid"
	"zongzhi/backend/importer"
	"zongzhi/backend/problem"
	"zongzhi/backend/report/xlsx"
	"zongzhi/backend/store"
)

// SheetImport takes in an office's existing 隐患排查整改台账: one row per
// item, in whatever state the paper says. Each item gets a number of this
// site; the sheet's own number is kept in the remark. Historic rows name
// people who may not be staff here: their names are kept as written.
type SheetImport struct{ S *Service }

var sheetSchema = xlsx.Schema{
	{Key: "seq", Label: "序号", Kind: xlsx.Seq},
	{Key: "number", Label: "编号", Synonyms: []string{"台账编号", "隐患编号", "事项编号"}, Kind: xlsx.Line},
	{Key: "found", Label: "发现日期", Synonyms: []string{"排查日期", "排查时间", "发现时间", "登记日期", "日期"}, Required: true, Kind: xlsx.Date},
	{Key: "place", Label: "地点/对象", Synonyms: []string{"隐患地点", "地点", "排查对象", "单位名称", "隐患单位", "场所名称", "隐患部位", "地点或对象"}, Required: true, Kind: xlsx.Line},
	{Key: "category", Label: "问题类别", Synonyms: []string{"隐患类别", "隐患类型", "问题类型", "类别"}, Kind: xlsx.Line},
	{Key: "description", Label: "问题描述", Synonyms: []string{"隐患描述", "存在问题", "隐患内容", "主要问题", "隐患情况", "问题隐患", "具体问题"}, Required: true, Kind: xlsx.Text},
	{Key: "source", Label: "问题来源", Synonyms: []string{"来源", "发现方式"}, Kind: xlsx.Line},
	{Key: "level", Label: "等级", Synonyms: []string{"隐患等级", "问题等级", "级别"}, Kind: xlsx.Line},
	{Key: "village", Label: "村（社区）", Synonyms: []string{"所属村（社区）", "村/社区", "所属村", "社区"}, Kind: xlsx.Line},
	{Key: "grid", Label: "所属网格", Synonyms: []string{"网格", "网格名称"}, Required: true, Kind: xlsx.Line},
	{Key: "measures", Label: "整改措施", Synonyms: []string{"措施", "整改方案", "整改要求"}, Kind: xlsx.Text},
	{Key: "funds", Label: "整改资金", Synonyms: []string{"资金", "资金落实"}, Kind: xlsx.Line},
	{Key: "unit", Label: "责任单位", Synonyms: []string{"整改责任单位", "牵头单位"}, Kind: xlsx.Line},
	{Key: "responsible", Label: "责任人", Synonyms: []string{"整改责任人"}, Kind: xlsx.Line},
	{Key: "deadline", Label: "整改时限", Synonyms: []string{"整改期限", "完成时限", "时限"}, Kind: xlsx.Date},
	{Key: "reviewer", Label: "复查人", Synonyms: []string{"核查人", "验收人"}, Kind: xlsx.Line},
	{Key: "status", Label: "整改情况", Synonyms: []string{"是否整改", "整改结果", "完成情况", "是否销号", "整改状态"}, Kind: xlsx.Line},
	{Key: "closed", Label: "销号日期", Synonyms: []string{"完成日期", "整改完成时间", "销号时间", "办结日期", "完成时间"}, Kind: xlsx.Date},
	{Key: "note", Label: "备注", Kind: xlsx.Text},
}

// About names the area and the columns it reads.
func (SheetImport) About() importer.About {
	return importer.About{Key: "rectification", Label: "隐患排查整改台账", Schema: sheetSchema}
}

// Words sheets use for categories and sources.
var (
	categoryWords = map[string]string{"安全生产": "01", "安全隐患": "01", "生产安全": "01", "治安": "02", "社会治安": "02", "矛盾": "03", "纠纷": "03",
		"生态环境": "04", "环境": "04", "环保": "04", "消防": "05", "消防安全": "05", "交通": "06", "道路交通": "06", "交通安全": "06", "占道": "07"}
	sourceWords = map[string]string{"巡查": "1", "网格员巡查": "1", "走访": "2", "群众": "3", "群众举报": "3", "举报": "3", "12345": "4", "热线": "4",
		"会议": "5", "上级": "6", "交办": "6", "检查": "7", "联合": "7"}
	inProgressWords = []string{"整改中", "正在整改", "处置中", "未整改", "未完成", "未办结", "否", "×", "在办"}
)

func codeOf(words map[string]string, options []Code, v string) (string, bool) {
	v = strings.ReplaceAll(v, " ", "")
	for _, c := range options {
		if c.Label == v || c.Code == v {
			return c.Code, true
		}
	}
	if c, ok := words[v]; ok {
		return c, true
	}
	for w, c := range words { // "安全生产隐患类" and the like
		if strings.Contains(v, w) {
			return c, true
		}
	}
	return "", false
}

type sheetPlan struct {
	s     *Service
	outs  []importer.Outcome
	items []*Item // nil: nothing to write
}

// Plan decides each row against the store and the rows above it.
func (im SheetImport) Plan(ctx context.Context, rows []xlsx.Row) (importer.Plan, error) {
	s := im.S
	p := &sheetPlan{s: s, outs: make([]importer.Outcome, len(rows)), items: make([]*Item, len(rows))}
	names := grid.NewSheetNames(s.Store)
	// What is registered already: the same place found the same day.
	seen := map[string]string{}
	for _, r := range s.Store.Rows(store.IndexKind, KindItem) {
		seen[r.Start+"|"+r.Name] = "系统中已有" + r.Code
	}
	today := s.Today()
	for i, r := range rows {
		if i%500 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		var f problem.Fields
		it := &Item{ID: store.NewID()}
		var notes []string
		date := func(key, name string) string {
			v := r.Get(key).Text
			if v == "" {
				return ""
			}
			d, err := xlsx.ParseDate(v, r.Year())
			if err != nil {
				f.Add(key, "format", name+err.Error())
			}
			return d
		}
		it.Found, it.Deadline, it.Closed = date("found", "发现日期"), date("deadline", "整改时限"), date("closed", "销号日期")
		it.Place, it.Description = xlsx.OneLine(r.Get("place").Text), r.Get("description").Text
		it.Grid = names.Grid(&f, xlsx.OneLine(r.Get("village").Text), xlsx.OneLine(r.Get("grid").Text))
		it.Category, it.Source, it.Level = "99", "1", "1"
		if v := xlsx.OneLine(r.Get("category").Text); v != "" {
			var ok bool
			if it.Category, ok = codeOf(categoryWords, s.Dict.Options(TableCategories), v); !ok {
				it.Category = "99" // reported below; no second message from checkFound
				f.Add("category", "unknown", fmt.Sprintf("问题类别“%s”不在代码表中（可填：安全生产隐患、治安隐患、矛盾纠纷、生态环境问题、消防隐患……）", v))
			}
		}
		if v := xlsx.OneLine(r.Get("source").Text); v != "" {
			var ok bool
			if it.Source, ok = codeOf(sourceWords, s.Dict.Options(TableSources), v); !ok {
				it.Source = "1"
				f.Add("source", "unknown", fmt.Sprintf("问题来源“%s”不在代码表中（可填：网格巡查、走访发现、群众反映、12345热线……）", v))
			}
		}
		if v := xlsx.OneLine(r.Get("level").Text); v != "" {
			switch {
			case strings.Contains(v, "重大"):
				it.Level = "2"
			case strings.Contains(v, "一般") || strings.Contains(v, "较小"):
			default:
				f.Add("level", "unknown", fmt.Sprintf("等级“%s”应为一般或重大", v))
			}
		}
		s.checkFound(it, Item{}, &f)
		it.Measures, it.Funds = r.Get("measures").Text, xlsx.OneLine(r.Get("funds").Text)
		it.Project = it.Place
		if v := xlsx.OneLine(r.Get("unit").Text); v != "" {
			var ok bool
			if it.Unit, ok = codeOf(nil, s.Dict.Options(TableUnits), v); !ok {
				f.Add("unit", "unknown", fmt.Sprintf("责任单位“%s”不在代码表中，请先在“系统设置—责任单位”中添加", v))
			} else {
				it.UnitName = s.Dict.Label(TableUnits, it.Unit)
			}
		}
		it.Responsible, it.ResponsibleName = names.Person(xlsx.OneLine(r.Get("responsible").Text), "责任人", &notes)
		it.Reviewer, it.ReviewerName = names.Person(xlsx.OneLine(r.Get("reviewer").Text), "复查人", &notes)
		if it.Reviewer != "" && it.Reviewer == it.Responsible {
			f.Add("reviewer", "separation", "复查人不能是整改责任人本人")
		}
		// The state the paper records.
		word := xlsx.OneLine(r.Get("status").Text)
		closed, err := xlsx.ParseBool(word)
		for _, w := range inProgressWords {
			if word == w {
				closed, err = false, nil
			}
		}
		if err != nil {
			f.Add("status", "unknown", "整改情况"+err.Error())
		}
		if word == "" && it.Closed != "" {
			closed = true
		}
		// Paper ledgers rarely name a person: a unit and a deadline mean it was handed over.
		assigned := it.Unit != "" && it.Deadline != ""
		switch {
		case closed && it.Closed == "":
			f.Add("closed", "required", "已整改的事项须填写销号（完成）日期")
		case closed && it.Closed < it.Found:
			f.Add("closed", "order", fmt.Sprintf("销号日期（%s）早于发现日期（%s）", it.Closed, it.Found))
		case closed && it.Closed > today:
			f.Add("closed", "future", "销号日期不能晚于今天")
		case closed:
			it.Status, it.Finished, it.Verified = StatusClosed, it.Closed, it.Closed
			it.VerifierName, it.Verifier, it.Opinion = it.ReviewerName, it.Reviewer, "按原台账记为已整改"
		case assigned:
			it.Status, it.Closed = StatusHandling, ""
		default:
			it.Status, it.Closed = StatusNew, ""
			if it.Unit != "" || it.Deadline != "" {
				notes = append(notes, "责任单位、整改时限不全，记为待受理")
			}
		}
		if it.Deadline != "" && it.Deadline < it.Found {
			f.Add("deadline", "order", fmt.Sprintf("整改时限（%s）早于发现日期（%s）", it.Deadline, it.Found))
		}
		if f.Err() != nil {
			p.outs[i] = importer.Outcome{Action: importer.Reject, Reason: f.Messages()}
			continue
		}
		it.StatusName = dict.Name(Statuses, it.Status)
		key := it.Found + "|" + it.Place
		if why, dup := seen[key]; dup {
			p.outs[i] = importer.Outcome{Action: importer.Duplicate, Reason: fmt.Sprintf("同一地点/对象同日已登记（%s）", why)}
			continue
		}
		seen[key] = fmt.Sprintf("与%s第%d行重复", r.Sheet, r.Line)
		remark := []string{}
		if n := xlsx.OneLine(r.Get("number").Text); n != "" {
			remark = append(remark, "原编号："+n)
		}
		if n := r.Get("note").Text; n != "" {
			remark = append(remark, n)
		}
		it.Remark = strings.Join(remark, "；")
		s.cases.Begin(it, &s.Base, action(ActImport), caseflow.Step{Date: s.Today(), Note: fmt.Sprintf("由Excel台账导入（%s第%d行）", r.Sheet, r.Line)})
		p.items[i] = it
		p.outs[i] = importer.Outcome{Action: importer.Import, Note: strings.Join(notes, "；")}
	}
	return p, nil
}

func (p *sheetPlan) Outcomes() []importer.Outcome { return p.outs }

// Apply writes the planned items, 200 per transaction, numbering them in
// sheet order.
func (p *sheetPlan) Apply(ctx context.Context, progress func(done int)) (int, error) {
	const batch = 200
	s := p.s
	return importer.InBatches(ctx, len(p.items), batch, s.Update, func(tx *store.Txn, from, to int) error {
		for _, it := range p.items[from:to] {
			if it == nil {
				continue
			}
			it.Number = s.numbers.Issue(tx, it.Found[:4], nil)
			if err := s.cases.PutNew(tx, it.ID, it); err != nil {
				return err
			}
		}
		return nil
	}, progress)
}
