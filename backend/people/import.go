package people

import (
	"context"
	"fmt"
	"strings"

	"zongzhi/backend/grid"
	"zongzhi/backend/idcard"
	"zongzhi/backend/importer"
	"zongzhi/backend/problem"
	"zongzhi/backend/report/xlsx"
	"zongzhi/backend/store"
)

// RosterImport takes in a township's 特殊人群花名册: one row per person and
// category. Rows (on any sheet) with the same ID number are one person;
// numbers that are mangled or fail the check digit are refused, never
// guessed. Grids and 包保责任人 must already exist.
type RosterImport struct{ S *Service }

var peopleSchema = xlsx.Schema{
	{Key: "seq", Label: "序号", Synonyms: []string{"编号"}, Kind: xlsx.Seq},
	{Key: "name", Label: "姓名", Synonyms: []string{"人员姓名"}, Required: true, Kind: xlsx.Line},
	{Key: "id", Label: "身份证号", Synonyms: []string{"身份证号码", "公民身份号码", "证件号码", "身份证"}, Required: true, Kind: xlsx.Number},
	{Key: "sex", Label: "性别", Kind: xlsx.Line},
	{Key: "birth", Label: "出生日期", Synonyms: []string{"出生年月"}, Kind: xlsx.Date},
	{Key: "ethnicity", Label: "民族", Kind: xlsx.Line},
	{Key: "phone", Label: "联系电话", Synonyms: []string{"电话", "手机", "手机号码", "联系方式"}, Kind: xlsx.Number},
	{Key: "domicile", Label: "户籍地", Synonyms: []string{"户籍地址", "户籍所在地"}, Kind: xlsx.Text},
	{Key: "address", Label: "现住地", Synonyms: []string{"现住址", "现居住地", "居住地址", "现住地址"}, Kind: xlsx.Text},
	{Key: "village", Label: "村（社区）", Synonyms: []string{"所属村（社区）", "村/社区", "村居", "所属村", "社区"}, Kind: xlsx.Line},
	{Key: "grid", Label: "所属网格", Synonyms: []string{"网格", "网格名称"}, Required: true, Kind: xlsx.Line},
	{Key: "category", Label: "人员类别", Synonyms: []string{"类别", "特殊人群类别", "人员类型"}, Required: true, Kind: xlsx.Line},
	{Key: "attention", Label: "关注程度", Kind: xlsx.Line},
	{Key: "control", Label: "管控等级", Synonyms: []string{"管控级别"}, Kind: xlsx.Line},
	{Key: "level", Label: "危险性评估", Synonyms: []string{"危险性评估等级", "风险等级", "危险等级", "帮教类型", "危险性评估类型"}, Kind: xlsx.Line},
	{Key: "responsible", Label: "包保责任人", Synonyms: []string{"责任人", "帮扶责任人", "包保人"}, Required: true, Kind: xlsx.Line},
	{Key: "enrolled", Label: "列管日期", Synonyms: []string{"列管时间", "纳入管理日期", "登记日期"}, Kind: xlsx.Date},
	{Key: "note", Label: "备注", Kind: xlsx.Text},
}

// About names the area and the columns it reads.
func (RosterImport) About() importer.About {
	return importer.About{Key: "people", Label: "特殊人群", Schema: peopleSchema}
}

// categoryWords maps what sheets write to category codes.
var categoryWords = map[string]string{
	"刑满释放": "01", "刑释人员": "01", "刑满释放人员": "01", "安置帮教": "01",
	"社区矫正": "02", "社区矫正人员": "02", "社矫": "02",
	"严重精神障碍": "03", "严重精神障碍患者": "03", "精神障碍": "03", "肇事肇祸等严重精神障碍患者": "03", "精神病": "03",
	"吸毒": "04", "吸毒人员": "04", "社区戒毒": "04",
	"艾滋病": "05", "艾滋病危险人员": "05",
	"重点青少年": "06", "信访": "51", "信访人员": "51", "留守儿童": "52", "邪教": "53", "邪教人员": "53", "重点关注": "54", "重点关注人员": "54",
}

var (
	attentionWords = map[string]string{"高": "01", "中": "02", "低": "03", "不关注": "00", "一般": "02"}
	controlWords   = map[string]string{"严管": "1", "普管": "2", "宽管": "3"}
)

func codeFor(words map[string]string, table []Code, v string) (string, bool) {
	v = strings.ReplaceAll(v, " ", "")
	if c, ok := words[v]; ok {
		return c, true
	}
	for _, c := range table {
		if c.Label == v || c.Code == v {
			return c.Code, true
		}
	}
	return "", false
}

type peoplePlan struct {
	s      *Service
	rows   []xlsx.Row
	outs   []importer.Outcome
	writes [][]pending
	// Distinct persons and enrollments the rows name (the CLI's summary).
	Persons, Enrollments int
}

type pending struct {
	kind, id string
	v        any
	fresh    bool
}

// Plan decides each row against the store and the rows above it.
func (im RosterImport) Plan(ctx context.Context, rows []xlsx.Row) (importer.Plan, error) {
	s := im.S
	p := &peoplePlan{s: s, rows: rows, outs: make([]importer.Outcome, len(rows)), writes: make([][]pending, len(rows))}
	now := s.Now()
	persons := map[string]*Person{} // ID number → as planned
	firstRow := map[string]int{}    // ID number → first row naming them
	enrolled := map[string]int{}    // ID number|category → row
	names := s.Grid.SheetNames()
	for i, r := range rows {
		if i%500 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		var f problem.Fields
		reject := func() { p.outs[i] = importer.Outcome{Action: importer.Reject, Reason: f.Messages()} }
		idCell := r.Get("id")
		if xlsx.Mangled(idCell) {
			f.Add("id", "mangled", fmt.Sprintf("身份证号码“%s”被 Excel 存成了数字，末几位已丢失：请在原表中把该列设为文本后重新录入", idCell.Text))
			reject()
			continue
		}
		info, err := idcard.Parse(xlsx.OneLine(idCell.Text), now)
		if err != nil {
			f.Add("id", "format", err.Error())
			reject()
			continue
		}
		// The person: as registered, as planned by an earlier row, or new.
		key18 := info.Number18
		if key18 == "" {
			key18 = info.Number
		}
		person, seen := persons[key18]
		var notes []string
		action := importer.Duplicate
		if !seen {
			cand := Person{Name: xlsx.OneLine(r.Get("name").Text), IDNumber: info.Number, Phone: xlsx.OneLine(r.Get("phone").Text),
				Domicile: r.Get("domicile").Text, Address: r.Get("address").Text, Note: r.Get("note").Text}
			if v := xlsx.OneLine(r.Get("sex").Text); v != "" {
				cand.Sex, _ = codeFor(nil, Sexes, v)
				if cand.Sex == "" {
					f.Add("sex", "unknown", fmt.Sprintf("性别“%s”应为男或女", v))
				}
			}
			if v := r.Get("birth").Text; v != "" {
				d, err := xlsx.ParseDate(v, r.Year())
				if err != nil {
					f.Add("birth", "format", "出生日期"+err.Error())
				}
				cand.Birth = d
			}
			if v := xlsx.OneLine(r.Get("ethnicity").Text); v != "" {
				if !strings.HasSuffix(v, "族") {
					v += "族"
				}
				cand.Ethnicity, _ = codeFor(nil, Ethnicities, v)
			}
			cand.Grid = names.Grid(&f, xlsx.OneLine(r.Get("village").Text), xlsx.OneLine(r.Get("grid").Text))
			if id, ok := s.personByIDNumber(info.Number); ok {
				var old Person
				if err := s.Read(KindPerson, id, "人员", &old); err != nil {
					return nil, err
				}
				upd := old
				for _, c := range []struct {
					dst *string
					v   string
				}{{&upd.Phone, cand.Phone}, {&upd.Address, cand.Address}, {&upd.Domicile, cand.Domicile}} {
					if c.v != "" {
						*c.dst = c.v
					}
				}
				if cand.Name != "" && cand.Name != old.Name {
					notes = append(notes, fmt.Sprintf("证件号码已登记为“%s”，表中姓名“%s”未采用", old.Name, cand.Name))
				}
				s.checkPerson(&upd, &f)
				if f.Err() != nil {
					reject()
					continue
				}
				if upd != old {
					p.writes[i] = append(p.writes[i], pending{kind: KindPerson, id: upd.ID, v: upd})
					action = importer.Update
				}
				person = &upd
			} else {
				s.checkPerson(&cand, &f)
				if f.Err() != nil {
					reject()
					continue
				}
				cand.ID = store.NewID()
				person = &cand
				p.writes[i] = append(p.writes[i], pending{kind: KindPerson, id: cand.ID, v: person, fresh: true})
				action = importer.Import
			}
		} else {
			notes = append(notes, fmt.Sprintf("与%s第%d行是同一人（证件号码相同），已合并", rows[firstRow[key18]].Sheet, rows[firstRow[key18]].Line))
		}
		// The enrollment of this row's category.
		e, act, ok := p.enrollment(&f, r, person, names)
		if !ok {
			reject()
			continue
		}
		key := key18 + "|" + e.Category
		switch prev, dup := enrolled[key]; {
		case dup:
			f.Add("category", "duplicate", fmt.Sprintf("与%s第%d行重复：同一人同一类别只能列管一次", rows[prev].Sheet, rows[prev].Line))
			reject()
			continue
		case act == importer.Duplicate:
			notes = append(notes, "已列管为"+e.CategoryName+"，未重复列管")
		default:
			p.writes[i] = append(p.writes[i], pending{kind: KindEnrollment, id: e.ID, v: e, fresh: true})
			action = importer.Import
			p.Enrollments++
		}
		enrolled[key] = i
		if !seen {
			persons[key18], firstRow[key18] = person, i
			p.Persons++
		}
		p.outs[i] = importer.Outcome{Action: action, Note: strings.Join(notes, "；")}
		if action == importer.Duplicate {
			p.outs[i].Reason = "该人员及其列管已在系统中，无需导入"
		}
	}
	return p, nil
}

// enrollment builds the row's enrollment; act is Duplicate when the person
// is already actively enrolled in the category.
func (p *peoplePlan) enrollment(f *problem.Fields, r xlsx.Row, person *Person, names *grid.SheetNames) (Enrollment, importer.Action, bool) {
	s := p.s
	e := Enrollment{ID: store.NewID(), Person: person.ID, PersonName: person.Name, Grid: person.Grid, Status: "1", StatusName: "在管", Details: map[string]string{}}
	v := xlsx.OneLine(r.Get("category").Text)
	var ok bool
	if e.Category, ok = codeFor(categoryWords, s.Dict.Options(TableCategories), v); !ok {
		f.Add("category", "unknown", fmt.Sprintf("人员类别“%s”不在代码表中（可填：刑满释放人员、社区矫正人员、严重精神障碍患者、吸毒人员……）", v))
		return e, "", false
	}
	if v := xlsx.OneLine(r.Get("attention").Text); v != "" {
		if e.Attention, ok = codeFor(attentionWords, Attention, v); !ok {
			f.Add("attention", "unknown", fmt.Sprintf("关注程度“%s”应为高、中、低", v))
		}
	}
	if v := xlsx.OneLine(r.Get("control").Text); v != "" {
		if e.Control, ok = codeFor(controlWords, Control, v); !ok {
			f.Add("control", "unknown", fmt.Sprintf("管控等级“%s”应为严管、普管、宽管", v))
		}
	}
	if v := strings.TrimSuffix(xlsx.OneLine(r.Get("level").Text), "级"); v != "" {
		if d := levelDetail(e.Category); d != nil {
			code, ok := codeFor(nil, d.Table, v)
			if !ok {
				code, ok = codeFor(nil, d.Table, v+"级")
			}
			if !ok {
				f.Add("level", "unknown", fmt.Sprintf("%s“%s”不在代码表中", d.Label, v))
			}
			e.Details[d.Key] = code
		}
	}
	for _, name := range strings.FieldsFunc(xlsx.OneLine(r.Get("responsible").Text), func(r rune) bool { return strings.ContainsRune("、,，;； /", r) }) {
		switch ids := names.Staff(name); len(ids) {
		case 1:
			e.Responsible = append(e.Responsible, ids[0])
		case 0:
			f.Add("responsible", "unknown", fmt.Sprintf("包保责任人“%s”不在网格人员中，请先在“网格人员”中添加", name))
		default:
			f.Add("responsible", "ambiguous", fmt.Sprintf("有%d名网格人员叫“%s”，请在系统中指定", len(ids), name))
		}
	}
	e.Enrolled = s.Today()
	if v := r.Get("enrolled").Text; v != "" {
		d, err := xlsx.ParseDate(v, r.Year())
		if err != nil {
			f.Add("enrolled", "format", "列管日期"+err.Error())
		}
		e.Enrolled = d
	}
	if f.Err() != nil {
		return e, "", false
	}
	s.checkEnrollment(&e, Enrollment{}, f)
	if f.Err() != nil {
		return e, "", false
	}
	for _, row := range s.Store.Rows(store.IndexParent, KindEnrollment, person.ID) {
		if row.Category == e.Category && Active(row.Status) {
			return e, importer.Duplicate, true
		}
	}
	return e, importer.Import, true
}

func (p *peoplePlan) Outcomes() []importer.Outcome { return p.outs }

// Summary counts distinct persons and new enrollments the rows name.
func (p *peoplePlan) Summary() string {
	return fmt.Sprintf("不同人员 %d 人，新列管 %d 条", p.Persons, p.Enrollments)
}

// Apply writes the planned rows, 100 rows per transaction.
func (p *peoplePlan) Apply(ctx context.Context, progress func(done int)) (int, error) {
	const batch = 100
	return importer.InBatches(ctx, len(p.rows), batch, p.s.Update, func(tx *store.Txn, from, to int) error {
		for i := from; i < to; i++ {
			for _, w := range p.writes[i] {
				put := tx.Put
				if w.fresh {
					put = tx.PutNew
				}
				if err := put(w.kind, w.id, w.v); err != nil {
					return err
				}
			}
		}
		return nil
	}, progress)
}
