package grid

import (
	"fmt"
	"regexp"
	"strings"

	"zongzhi/backend/dict"
	"zongzhi/backend/problem"
	"zongzhi/backend/service"
	"zongzhi/backend/store"
)

// Service is the grid area's domain logic over a store.
type Service struct {
	service.Base // the clock's today decides active assignments
}

// New returns a service with the real clock.
func New(s *store.Store) *Service { return &Service{Base: service.New(s)} }

const dateLayout = service.DateLayout

var (
	reDivision = regexp.MustCompile(`^\d{12}$`)
	reMobile   = regexp.MustCompile(`^1[3-9]\d{9}$`)
	reLandline = regexp.MustCompile(`^0\d{2,3}-?\d{7,8}$`)
)

// get reads a live record of kind into v.
func get(tx *store.Txn, kind, id, what string, v any) error {
	return service.Get(tx, kind, id, what, v)
}

// read reads a live record outside a save.
func (s *Service) read(kind, id, what string, v any) error { return s.Read(kind, id, what, v) }

// SaveDivision creates or edits a township or village/community.
func (s *Service) SaveDivision(d Division) (Division, error) {
	service.Trim(&d.Code, &d.Name, &d.Parent)
	var f problem.Fields
	if !reDivision.MatchString(d.Code) {
		f.Add("code", "format", "区划代码应为12位数字（6位县级+3位乡镇+3位村居）")
	}
	f.Required("name", "名称", d.Name)
	f.Date("validFrom", "启用日期", d.ValidFrom, false)
	f.Date("validTo", "停用日期", d.ValidTo, false)
	switch d.Level {
	case "township":
		d.Parent = ""
		if !f.Has("code") && !strings.HasSuffix(d.Code, "000") {
			f.Add("code", "format", "乡镇（街道）代码的后3位应为000")
		}
	case "village":
		if d.Parent == "" {
			f.Add("parent", "required", "请选择所属乡镇（街道）")
		} else if p, ok := s.Store.Row(d.Parent); !ok || p.Kind != KindDivision || p.Status != "township" {
			f.Add("parent", "unknown", "所属乡镇（街道）不存在")
		} else if !f.Has("code") && d.Code[:9] != d.Parent[:9] {
			f.Add("code", "format", fmt.Sprintf("村（社区）代码的前9位应与所属乡镇一致（%s）", d.Parent[:9]))
		} else if d.Code == d.Parent {
			f.Add("code", "format", "村（社区）代码不能与乡镇代码相同")
		}
	default:
		f.Add("level", "required", "请选择区划层级")
	}
	if err := f.Err(); err != nil {
		return d, err
	}
	err := s.Update(func(tx *store.Txn) error {
		var old Division
		if err := service.Get(tx, KindDivision, d.Code, "区划", &old); err == nil {
			d.GridSeq = old.GridSeq // issued codes stay issued
		}
		return tx.Put(KindDivision, d.Code, d)
	})
	return d, err
}

// SaveGrid creates a grid (ID empty: code issued) or edits one. The code
// and village of an existing grid do not change.
func (s *Service) SaveGrid(g Grid) (Grid, error) {
	var f problem.Fields
	checkGrid(&g, &f)
	var old Grid
	if g.ID != "" {
		if err := s.Read(KindGrid, g.ID, "网格", &old); err != nil {
			return g, err
		}
		g.Code, g.Village = old.Code, old.Village
	}
	if g.Village == "" {
		f.Add("village", "required", "请选择所属村（社区）：网格只能建在村（社区）之下")
	} else if v, ok := s.Store.Row(g.Village); !ok || v.Kind != KindDivision {
		f.Add("village", "unknown", "所属村（社区）不存在")
	} else if v.Status != "village" {
		f.Add("village", "level", "网格不能直接建在乡镇（街道）之下，请选择村（社区）")
	}
	switch {
	case g.Level == "1" && g.Parent != "":
		f.Add("parent", "level", "一级网格没有上级网格，请清空“上级网格”")
	case g.Level == "2" && g.Parent == "":
		f.Add("parent", "required", "二级网格须选择所属的一级网格")
	case g.Level == "2":
		p, ok := s.Store.Row(g.Parent)
		switch {
		case !ok || p.Kind != KindGrid:
			f.Add("parent", "unknown", "上级网格不存在")
		case p.Status != "1":
			f.Add("parent", "level", "上级网格必须是一级网格")
		case p.Parent != g.Village:
			f.Add("parent", "village", "上级网格必须在同一村（社区）")
		case p.ID == g.ID:
			f.Add("parent", "level", "上级网格不能是自己")
		}
	}
	if g.ID != "" && g.Level == "2" && len(s.Store.Rows(store.IndexRef, KindGrid, g.ID)) > 0 {
		f.Add("level", "children", "该网格下还有二级网格，不能改为二级网格")
	}
	if err := f.Err(); err != nil {
		return g, err
	}
	err := s.Update(func(tx *store.Txn) error {
		if g.ID == "" {
			g.ID = store.NewID()
			if err := s.issueCode(tx, &g, nil); err != nil {
				return err
			}
		}
		return tx.Put(KindGrid, g.ID, g)
	})
	return g, err
}

// checkGrid checks what a grid says about itself, without looking at
// other records: the form and the sheet import share it.
func checkGrid(g *Grid, f *problem.Fields) {
	service.Trim(&g.Name, &g.Village, &g.Parent, &g.Scope, &g.Note, &g.Boundary)
	f.Required("name", "网格名称", g.Name)
	g.LevelName = dict.Fixed(f, "level", "网格层级", Levels, g.Level, true)
	g.TypeName = dict.Fixed(f, "type", "网格类型", Types, g.Type, true)
	if g.Households < 0 {
		f.Add("households", "range", "户数不能为负数")
	}
	if c := g.Centre; c != nil && (c.Lng < 73 || c.Lng > 136 || c.Lat < 3 || c.Lat > 54) {
		f.Add("centre", "range", "中心点坐标不在我国境内（经度73–136，纬度3–54），请核对；没有测绘坐标时请留空")
	}
}

// issueCode gives a new grid the next code of its village inside tx.
// Codes are never reused: the village keeps the last sequence issued.
// issued, when not nil, remembers the last sequence per village across
// calls, so a bulk import does not rescan the village's grids each time.
func (s *Service) issueCode(tx *store.Txn, g *Grid, issued map[string]int) error {
	var v Division
	if err := service.Get(tx, KindDivision, g.Village, "村（社区）", &v); err != nil {
		return err
	}
	last, ok := issued[g.Village]
	if !ok {
		last = s.maxGridSeq(g.Village)
	}
	seq := max(v.GridSeq, last) + 1
	if issued != nil {
		issued[g.Village] = seq
	}
	if seq > 999 {
		return problem.Conflict("grid_seq_full", "该村（社区）的网格编号已用完（最多999个）")
	}
	v.GridSeq = seq
	g.Code = fmt.Sprintf("%s%03d", g.Village, seq)
	return tx.Put(KindDivision, v.Code, v)
}

// maxGridSeq is the highest sequence among live grids of a village (codes
// from older data or another site that the counter has not seen).
func (s *Service) maxGridSeq(village string) int {
	n := 0
	for _, r := range s.Store.Rows(store.IndexParent, KindGrid, village) {
		var seq int
		if len(r.Code) == 15 {
			fmt.Sscanf(r.Code[12:], "%d", &seq)
		}
		n = max(n, seq)
	}
	return n
}

// DeleteGrid deletes a grid that nobody serves and no grid hangs under.
func (s *Service) DeleteGrid(id string) error {
	var g Grid
	if err := s.Read(KindGrid, id, "网格", &g); err != nil {
		return err
	}
	today := s.Today()
	var serving []string
	for _, r := range s.Store.Rows(store.IndexParent, KindAssignment, id) {
		if r.End == "" || r.End >= today {
			serving = append(serving, s.staffName(r.Ref))
		}
	}
	if len(serving) > 0 {
		return problem.Conflict("grid_in_use", fmt.Sprintf("网格“%s”仍有%d名在岗人员（%s），请先结束其任职后再删除",
			g.Name, len(serving), strings.Join(serving, "、")))
	}
	if kids := s.Store.Rows(store.IndexRef, KindGrid, id); len(kids) > 0 {
		return problem.Conflict("grid_has_children", fmt.Sprintf("网格“%s”下还有%d个二级网格，请先删除或调整它们", g.Name, len(kids)))
	}
	return s.Update(func(tx *store.Txn) error { return tx.Delete(KindGrid, id) })
}

func (s *Service) staffName(id string) string {
	if r, ok := s.Store.Row(id); ok {
		return r.Name
	}
	return "（已删除人员）"
}

// SaveStaff creates or edits a staff member.
func (s *Service) SaveStaff(p Staff) (Staff, error) {
	var f problem.Fields
	checkStaff(&p, &f)
	if p.ID != "" {
		var old Staff
		if err := s.Read(KindStaff, p.ID, "人员", &old); err != nil {
			return p, err
		}
	}
	if err := f.Err(); err != nil {
		return p, err
	}
	if p.ID == "" {
		p.ID = store.NewID()
	}
	return p, s.Update(func(tx *store.Txn) error { return tx.Put(KindStaff, p.ID, p) })
}

// checkStaff checks a staff member's own fields (form and import).
func checkStaff(p *Staff, f *problem.Fields) {
	service.Trim(&p.Name, &p.Phone, &p.Unit, &p.Note)
	f.Required("name", "姓名", p.Name)
	if p.Phone == "" {
		f.Add("phone", "required", "联系电话不能为空")
	} else if !reMobile.MatchString(p.Phone) && !reLandline.MatchString(p.Phone) {
		f.Add("phone", "format", fmt.Sprintf("联系电话“%s”格式不正确，应为11位手机号或带区号的固定电话", p.Phone))
	}
	p.RoleName = dict.Fixed(f, "role", "岗位", Roles, p.Role, true)
}

// DeleteStaff deletes a staff member who serves nowhere now; past
// assignments keep their history.
func (s *Service) DeleteStaff(id string) error {
	var p Staff
	if err := s.Read(KindStaff, id, "人员", &p); err != nil {
		return err
	}
	today := s.Today()
	for _, r := range s.Store.Rows(store.IndexRef, KindAssignment, id) {
		if r.End == "" || r.End >= today {
			return problem.Conflict("staff_in_use", fmt.Sprintf("%s仍在网格任职，请先结束其任职后再删除", p.Name))
		}
	}
	return s.Update(func(tx *store.Txn) error { return tx.Delete(KindStaff, id) })
}
