package grid

import (
	"context"
	"fmt"
	"strings"

	"zongzhi/backend/dict"
	"zongzhi/backend/importer"
	"zongzhi/backend/problem"
	"zongzhi/backend/report/xlsx"
	"zongzhi/backend/store"
)

// RosterImport takes in a township's 网格及网格员花名册: one row per staff
// member on a grid (grid columns often merged down over its staff), or a
// grid on its own. Grids are matched by code or village + name, staff by
// name + phone; villages must already exist.
type RosterImport struct{ S *Service }

var rosterSchema = xlsx.Schema{
	{Key: "seq", Label: "序号", Synonyms: []string{"编号", "序"}, Kind: xlsx.Seq},
	{Key: "village", Label: "村（社区）", Synonyms: []string{"所属村（社区）", "村/社区", "村(居)", "村居", "所属村", "所属社区", "社区", "村", "村委会", "村（居）委会", "村(社区)名称"}, Required: true, Kind: xlsx.Line},
	{Key: "grid", Label: "网格名称", Synonyms: []string{"网格", "所属网格", "网格名", "网格名称及编号"}, Required: true, Kind: xlsx.Line},
	{Key: "code", Label: "网格编码", Synonyms: []string{"网格编号", "网格代码"}, Kind: xlsx.Number},
	{Key: "level", Label: "网格层级", Synonyms: []string{"层级", "网格级别", "级别"}, Kind: xlsx.Line},
	{Key: "type", Label: "网格类型", Synonyms: []string{"类型", "网格类别"}, Kind: xlsx.Line},
	{Key: "parent", Label: "上级网格", Synonyms: []string{"所属一级网格"}, Kind: xlsx.Line},
	{Key: "households", Label: "户数", Synonyms: []string{"网格户数", "住户数", "户数(户)", "覆盖户数"}, Kind: xlsx.Int},
	{Key: "scope", Label: "网格范围", Synonyms: []string{"四至", "四至范围", "网格四至", "管辖范围", "覆盖范围"}, Kind: xlsx.Text},
	{Key: "name", Label: "姓名", Synonyms: []string{"网格员", "网格员姓名", "人员姓名", "网格员/姓名", "网格人员/姓名", "网格长姓名"}, Kind: xlsx.Line},
	{Key: "phone", Label: "联系电话", Synonyms: []string{"电话", "手机", "手机号", "手机号码", "联系方式", "网格员/联系电话", "网格员/电话"}, Kind: xlsx.Number},
	{Key: "role", Label: "岗位", Synonyms: []string{"职务", "角色", "网格职务", "人员类别", "网格员类别", "网格员/岗位"}, Kind: xlsx.Line},
	{Key: "unit", Label: "工作单位", Synonyms: []string{"单位", "所在单位", "单位及职务", "工作单位及职务", "现任职务"}, Kind: xlsx.Line},
	{Key: "primary", Label: "主责任人", Synonyms: []string{"是否主责任人", "是否网格长", "主要责任人"}, Kind: xlsx.Bool},
	{Key: "start", Label: "任职日期", Synonyms: []string{"任职时间", "上岗时间", "上岗日期", "开始日期", "任职开始日期"}, Kind: xlsx.Date},
	{Key: "note", Label: "备注", Kind: xlsx.Text},
}

// About names the area and the columns it reads.
func (RosterImport) About() importer.About {
	return importer.About{Key: "grids", Label: "网格及网格员", Schema: rosterSchema}
}

// Words a sheet uses for the role and level codes.
var (
	roleWords = map[string]string{
		"网格长": "01", "专职网格员": "02", "网格员": "02", "专职": "02", "兼职网格员": "03", "兼职": "03",
		"网格指导员": "04", "指导员": "04", "联系领导": "04", "包村领导": "04", "网格警长": "05", "警长": "05", "社区民警": "05", "民警": "05",
		"法律顾问": "06", "律师": "06", "网格志愿者": "07", "志愿者": "07",
	}
	levelWords = map[string]string{"一级": "1", "一级网格": "1", "1": "1", "二级": "2", "二级网格": "2", "2": "2"}
	typeWords  = map[string]string{"基础": "1", "基础网格": "1", "1": "1", "专属": "2", "专属网格": "2", "2": "2"}
)

// villageCore strips what sheets add to a village's name.
func villageCore(name string) string {
	name = strings.ReplaceAll(name, " ", "")
	for _, suf := range []string{"村民委员会", "居民委员会", "社区居委会", "村委会", "居委会", "委员会", "社区", "村"} {
		if t := strings.TrimSuffix(name, suf); t != name && t != "" {
			return t
		}
	}
	return name
}

type gridState struct {
	grid     *Grid
	isNew    bool
	primary  string         // staff ID of the primary on the import's dates ("" = none)
	primRow  int            // row that made it primary in this file (-1 = existing)
	primAsg  string         // existing primary assignment ID
	primFrom string         // its start
	serving  map[string]int // staff ID → row that assigned it (-1 = existing)
	wantPrim bool           // some row of the file makes a primary
}

type rosterPlan struct {
	s      *Service
	rows   []xlsx.Row
	outs   []importer.Outcome
	writes [][]pendingWrite
}

type pendingWrite struct {
	kind  string
	id    string
	v     any
	grid  *Grid // a new grid: issue its code first
	fresh bool  // a record this import creates
}

// Plan decides each row against the store and the rows above it.
func (im RosterImport) Plan(ctx context.Context, rows []xlsx.Row) (importer.Plan, error) {
	s := im.S
	p := &rosterPlan{s: s, rows: rows, outs: make([]importer.Outcome, len(rows)), writes: make([][]pendingWrite, len(rows))}
	today := s.Today()
	villages := map[string][]string{} // core name → codes
	for _, r := range s.Store.Rows(store.IndexStatus, KindDivision, "village") {
		villages[villageCore(r.Name)] = append(villages[villageCore(r.Name)], r.Code)
	}
	grids := map[string]*gridState{} // village|name
	byCode := map[string]string{}    // code → village|name
	staff := map[string]*Staff{}     // name|phone
	loadGrid := func(village, name string) (*gridState, error) {
		key := village + "|" + name
		if g, ok := grids[key]; ok {
			return g, nil
		}
		for _, r := range s.Store.Rows(store.IndexParent, KindGrid, village) {
			if r.Name != name {
				continue
			}
			var g Grid
			if err := s.Read(KindGrid, r.ID, "网格", &g); err != nil {
				return nil, err
			}
			st := &gridState{grid: &g, serving: map[string]int{}, primRow: -1}
			for _, a := range s.Store.Rows(store.IndexParent, KindAssignment, g.ID) {
				if a.End != "" && a.End < today {
					continue
				}
				st.serving[a.Ref] = -1
				if a.Status == statusPrimary {
					st.primary, st.primAsg, st.primFrom = a.Ref, a.ID, a.Start
				}
			}
			grids[key] = st
			return st, nil
		}
		return nil, nil
	}
	for _, r := range s.Store.Rows(store.IndexKind, KindGrid) {
		byCode[r.Code] = r.Parent + "|" + r.Name
	}

	// First pass: does the file name a primary for each grid?
	wantPrim := map[string]bool{}
	for _, r := range rows {
		if isPrimary(r) {
			wantPrim[villageCore(xlsx.OneLine(r.Get("village").Text))+"|"+xlsx.OneLine(r.Get("grid").Text)] = true
		}
	}

	for i, r := range rows {
		if i%500 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		var f problem.Fields
		reject := func() {
			p.outs[i] = importer.Outcome{Action: importer.Reject, Reason: f.Messages()}
			p.writes[i] = nil
		}
		vName := xlsx.OneLine(r.Get("village").Text)
		gName := xlsx.OneLine(r.Get("grid").Text)
		if vName == "" {
			f.Add("village", "required", "村（社区）不能为空")
		}
		if gName == "" {
			f.Add("grid", "required", "网格名称不能为空")
		}
		var village string
		if vName != "" {
			switch codes := villages[villageCore(vName)]; {
			case reDivision.MatchString(vName):
				if row, ok := s.Store.Row(vName); ok && row.Kind == KindDivision && row.Status == "village" {
					village = vName
				} else {
					f.Add("village", "unknown", fmt.Sprintf("村（社区）代码“%s”不存在", vName))
				}
			case len(codes) == 1:
				village = codes[0]
			case len(codes) > 1:
				f.Add("village", "ambiguous", fmt.Sprintf("有%d个村（社区）叫“%s”，请改填12位区划代码", len(codes), vName))
			default:
				f.Add("village", "unknown", fmt.Sprintf("村（社区）“%s”不存在，请先在“区划”中添加", vName))
			}
		}
		if f.Err() != nil {
			reject()
			continue
		}
		// The grid: by code, else by village and name, else new.
		var notes []string
		key := village + "|" + gName
		if code := xlsx.OneLine(r.Get("code").Text); code != "" {
			if k, ok := byCode[code]; ok {
				if !strings.HasPrefix(k, village+"|") {
					f.Add("code", "village", fmt.Sprintf("网格编码“%s”属于另一个村（社区）", code))
					reject()
					continue
				}
				key = k
			} else {
				notes = append(notes, fmt.Sprintf("表中网格编码“%s”未采用，由系统编号", code))
			}
		}
		gs, err := loadGrid(village, key[len(village)+1:])
		if err != nil {
			return nil, err
		}
		changed, created := false, false
		var edited *Grid // the existing grid as this row changes it
		if gs == nil {
			g := Grid{ID: store.NewID(), Name: gName, Village: village, Level: "1", Type: "1"}
			if v := r.Get("level").Text; v != "" {
				g.Level = word(levelWords, v)
			}
			if v := r.Get("type").Text; v != "" {
				g.Type = word(typeWords, v)
			}
			g.Households = intField(&f, r, "households", "户数")
			g.Scope = r.Get("scope").Text
			if pn := xlsx.OneLine(r.Get("parent").Text); pn != "" {
				if g.Level != "2" {
					f.Add("parent", "level", "只有二级网格才填“上级网格”")
				} else if ps, err := loadGrid(village, pn); err != nil {
					return nil, err
				} else if ps == nil || ps.grid.Level != "1" {
					f.Add("parent", "unknown", fmt.Sprintf("上级网格“%s”在该村（社区）中不存在或不是一级网格", pn))
				} else {
					g.Parent = ps.grid.ID
				}
			} else if g.Level == "2" {
				f.Add("parent", "required", "二级网格须填写所属的一级网格")
			}
			checkGrid(&g, &f)
			if f.Err() != nil {
				reject()
				continue
			}
			gs = &gridState{grid: &g, isNew: true, serving: map[string]int{}, primRow: -1}
			created = true
		} else {
			g := *gs.grid
			if n := intField(&f, r, "households", "户数"); n != 0 && n != g.Households {
				g.Households = n
			}
			if sc := r.Get("scope").Text; sc != "" && sc != g.Scope {
				g.Scope = sc
			}
			if v := r.Get("type").Text; v != "" && word(typeWords, v) != g.Type {
				g.Type = word(typeWords, v)
			}
			checkGrid(&g, &f)
			if f.Err() != nil {
				reject()
				continue
			}
			if g.Households != gs.grid.Households || g.Scope != gs.grid.Scope || g.Type != gs.grid.Type {
				changed, edited = true, &g
			}
		}
		gs.wantPrim = wantPrim[villageCore(vName)+"|"+gName]

		// The staff member and the assignment, when the row names one.
		var out []pendingWrite
		action := importer.Duplicate
		if created {
			out = append(out, pendingWrite{kind: KindGrid, id: gs.grid.ID, v: gs.grid, grid: gs.grid, fresh: true})
		} else if changed && !gs.isNew {
			out = append(out, pendingWrite{kind: KindGrid, id: edited.ID, v: edited})
		}
		if created || changed {
			action = importer.Update
			if created {
				action = importer.Import
			}
		}
		if name := xlsx.OneLine(r.Get("name").Text); name != "" {
			w, act, note, ok := p.planStaff(i, r, name, gs, staff, today, &f)
			if !ok {
				reject()
				continue
			}
			out = append(out, w...)
			action = stronger(action, act)
			if note != "" {
				notes = append(notes, note)
			}
		}
		if created {
			grids[key] = gs
			notes = append([]string{"新建网格（编码自动生成）"}, notes...)
		} else if changed && gs.isNew {
			*gs.grid = *edited // not written yet: the row that creates it writes the final values
		} else if changed {
			gs.grid = edited
		}
		p.outs[i] = importer.Outcome{Action: action, Note: strings.Join(notes, "；")}
		if action == importer.Duplicate {
			p.outs[i].Reason = "表中内容与已有数据相同，无需导入"
		}
		p.writes[i] = out
	}
	return p, nil
}

func (p *rosterPlan) planStaff(i int, r xlsx.Row, name string, gs *gridState, staff map[string]*Staff, today string, f *problem.Fields) ([]pendingWrite, importer.Action, string, bool) {
	s := p.s
	phone := strings.NewReplacer(" ", "", "—", "-", "－", "-").Replace(xlsx.OneLine(r.Get("phone").Text))
	role := "02"
	if v := xlsx.OneLine(r.Get("role").Text); v != "" {
		role = word(roleWords, v)
	}
	p1 := Staff{Name: name, Phone: phone, Role: role, Unit: xlsx.OneLine(r.Get("unit").Text), Note: r.Get("note").Text}
	checkStaff(&p1, f)
	start := today
	if v := r.Get("start").Text; v != "" {
		d, err := xlsx.ParseDate(v, r.Year())
		if err != nil {
			f.Add("start", "format", "任职日期"+err.Error())
		}
		start = d
	}
	if v := r.Get("primary").Text; v != "" {
		if _, err := xlsx.ParseBool(v); err != nil {
			f.Add("primary", "format", "主责任人"+err.Error())
		}
	}
	if f.Err() != nil {
		return nil, "", "", false
	}
	var out []pendingWrite
	action := importer.Duplicate
	key := name + "|" + phone
	cur, known := staff[key]
	if !known {
		for _, row := range s.Store.Rows(store.IndexCode, KindStaff, phone) {
			if row.Name == name {
				var old Staff
				if err := s.Read(KindStaff, row.ID, "人员", &old); err == nil {
					cur = &old
				}
				break
			}
		}
	}
	switch {
	case cur == nil:
		p1.ID = store.NewID()
		cur = &p1
		out = append(out, pendingWrite{kind: KindStaff, id: p1.ID, v: cur, fresh: true})
		action = importer.Import
	case p1.Unit != "" && p1.Unit != cur.Unit:
		upd := *cur
		upd.Unit = p1.Unit
		cur = &upd
		out = append(out, pendingWrite{kind: KindStaff, id: cur.ID, v: cur})
		action = importer.Update
	}

	if row, ok := gs.serving[cur.ID]; ok {
		if row >= 0 {
			return nil, "", "", rejectWith(f, "name", fmt.Sprintf("与第%d行重复：%s已排在该网格", p.rows[row].Line, name))
		}
		staff[key] = cur
		gs.serving[cur.ID] = i       // a later row naming them again repeats this one
		return out, action, "", true // already serves here
	}
	primary := isPrimary(r)
	note := ""
	if !primary && gs.primary == "" && !gs.wantPrim {
		primary = true
		note = "表中未标明主责任人，定为主责任人"
	}
	a := Assignment{ID: store.NewID(), Grid: gs.grid.ID, Staff: cur.ID, Role: role, Primary: primary, Start: start}
	a.RoleName = dict.Name(Roles, role)
	if primary && gs.primary != "" {
		if gs.primRow >= 0 {
			return nil, "", "", rejectWith(f, "primary", fmt.Sprintf("同一网格只能有一名主责任人（第%d行已是）", p.rows[gs.primRow].Line))
		}
		if gs.primFrom >= start {
			return nil, "", "", rejectWith(f, "start", fmt.Sprintf("任职日期须晚于现任主责任人%s的任职开始日期（%s）", s.staffName(gs.primary), gs.primFrom))
		}
		var old Assignment
		if err := s.Read(KindAssignment, gs.primAsg, "任职", &old); err != nil {
			return nil, "", "", rejectWith(f, "primary", err.Error())
		}
		old.End, old.EndReason = dayBefore(start), "由"+name+"接任主责任人"
		out = append(out, pendingWrite{kind: KindAssignment, id: old.ID, v: old})
		note = fmt.Sprintf("接替%s为主责任人", s.staffName(gs.primary))
	}
	// Accepted: only now does the row change what later rows see.
	staff[key] = cur
	if primary {
		gs.primary, gs.primRow, gs.primFrom = cur.ID, i, start
	}
	gs.serving[cur.ID] = i
	out = append(out, pendingWrite{kind: KindAssignment, id: a.ID, v: a, fresh: true})
	return out, importer.Import, note, true
}

func rejectWith(f *problem.Fields, field, msg string) bool {
	f.Add(field, "import", msg)
	return false
}

func isPrimary(r xlsx.Row) bool {
	if v := r.Get("primary").Text; v != "" {
		yes, err := xlsx.ParseBool(v)
		return err == nil && yes
	}
	return word(roleWords, xlsx.OneLine(r.Get("role").Text)) == "01"
}

// word maps a sheet's word to a code; unknown words pass through so the
// code-table check names them.
func word(table map[string]string, v string) string {
	v = strings.ReplaceAll(v, " ", "")
	if c, ok := table[v]; ok {
		return c
	}
	return v
}

func intField(f *problem.Fields, r xlsx.Row, key, name string) int {
	n, err := xlsx.ParseInt(r.Get(key).Text)
	if err != nil {
		f.Add(key, "format", name+err.Error())
	}
	return n
}

func stronger(a, b importer.Action) importer.Action {
	rank := map[importer.Action]int{importer.Duplicate: 0, importer.Update: 1, importer.Import: 2}
	if rank[b] > rank[a] {
		return b
	}
	return a
}

func (p *rosterPlan) Outcomes() []importer.Outcome { return p.outs }

// importBatch bounds one transaction: big enough to be fast, small enough
// that a cancel stops soon and Badger never sees a huge transaction.
const importBatch = 100

// Apply writes the planned rows in transactions of importBatch rows.
func (p *rosterPlan) Apply(ctx context.Context, progress func(done int)) (int, error) {
	issued := map[string]int{}
	written := 0
	return importer.InBatches(ctx, len(p.rows), importBatch, p.s.Update, func(tx *store.Txn, from, to int) error {
		for i := from; i < to; i++ {
			for _, w := range p.writes[i] {
				if w.grid != nil && w.grid.Code == "" {
					if err := p.s.issueCode(tx, w.grid, issued); err != nil {
						return fmt.Errorf("第%d行：%w", p.rows[i].Line, err)
					}
				}
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
	}, func(to int) {
		clear(p.writes[written:to]) // written: the structs need not stay in memory
		written = to
		if progress != nil {
			progress(to)
		}
	})
}
