package dispute

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"zongzhi/backend/caseflow"
	"zongzhi/backend/dict"
	"zongzhi/backend/grid"
	"zongzhi/backend/idcard"
	"zongzhi/backend/problem"
	"zongzhi/backend/service"
	"zongzhi/backend/store"
	"zongzhi/backend/zeroreport"
)

// Service is the dispute area's domain logic over a store.
type Service struct {
	service.Base
	Grid *grid.Service
	// Dict holds the editable code tables; the dispute tables are
	// registered in the one the settings screen shows.
	Dict *dict.Dict
	// Zero holds the 零报告 the monthly table prints for an empty month.
	Zero *zeroreport.Service

	numbers *caseflow.Issuer
}

// Numbers is the dispute number pattern: JF-2026-K7QM-0001.
var Numbers = caseflow.Numbers{Prefix: "JF"}

// New returns the service. It registers the dispute code tables in d and
// the dispute counter with z (nil: no zero reports).
func New(st *store.Store, g *grid.Service, d *dict.Dict, z *zeroreport.Service) *Service {
	s := &Service{Base: service.New(st), Grid: g, Dict: d, Zero: z, numbers: caseflow.NewIssuer(st, Kind, Numbers)}
	registerTables(d)
	if z != nil {
		z.Register(zeroreport.AreaDispute, s.count)
	}
	return s
}

// Indexers returns the store indexers of the dispute kinds (the dict and
// zero-report kinds come with their own packages).
func Indexers() map[string]store.Indexer { return indexers() }

const dateLayout = service.DateLayout

// Get returns a dispute with the parties' ID numbers and phones masked.
func (s *Service) Get(id string) (Dispute, error) {
	d, err := s.load(id)
	if err != nil {
		return d, err
	}
	mask(&d)
	return d, nil
}

func mask(d *Dispute) {
	parties := make([]Party, len(d.Parties))
	for i, p := range d.Parties {
		p.IDNumber, p.Phone = idcard.MaskID(p.IDNumber), idcard.MaskPhone(p.Phone)
		parties[i] = p
	}
	d.Parties = parties
}

// load reads a dispute in full (unmasked).
func (s *Service) load(id string) (Dispute, error) { return cases.Get(s.Store, id) }

// get reads a dispute as the running save sees it.
func get(tx *store.Txn, id string) (Dispute, error) { return cases.Read(tx, id) }

func put(tx *store.Txn, d Dispute) error { return cases.Put(tx, d.ID, &d) }

// Input registers a dispute (ID empty) or corrects its registration.
// A party's ID number or phone sent back masked, as Get gave it, keeps
// the stored value.
type Input struct {
	ID           string  `json:"id,omitempty"`
	Name         string  `json:"name"`
	Date         string  `json:"date"`
	Place        string  `json:"place"`
	Grid         string  `json:"grid"`
	Scale        string  `json:"scale"`
	Category     string  `json:"category"`
	Source       string  `json:"source"`
	Parties      []Party `json:"parties"`
	Involved     int     `json:"involved"` // 0 = the number of parties
	Description  string  `json:"description"`
	Deadline     string  `json:"deadline"`
	Method       string  `json:"method"`
	Organisation string  `json:"organisation"`
	Mediator     string  `json:"mediator"`     // staff id
	MediatorName string  `json:"mediatorName"` // when the mediator is not on the staff list
}

// Save registers a new dispute (numbered, status 已登记) or corrects the
// registration of one not yet declined or archived. The flow itself moves
// only through Accept, Decline, AddRecord, Conclude, FollowUp and Archive.
func (s *Service) Save(in Input) (Dispute, error) {
	var d, was Dispute
	if in.ID != "" {
		var err error
		if was, err = s.load(in.ID); err != nil {
			return was, err
		}
		if was.Status == StatusDeclined || was.Status == StatusArchived {
			return was, problem.Conflict(ErrLocked, fmt.Sprintf("该纠纷%s，不能再修改", was.StatusName))
		}
		d = was
	}
	var f problem.Fields
	s.fill(&d, was, in, &f)
	if err := f.Err(); err != nil {
		return d, err
	}
	err := s.Update(func(tx *store.Txn) error {
		if in.ID != "" {
			cur, err := get(tx, in.ID)
			if err != nil {
				return err
			}
			// Only the registration changes here: keep the flow as stored.
			keep := d
			d = cur
			d.Name, d.Date, d.Place, d.Grid, d.GridName = keep.Name, keep.Date, keep.Place, keep.Grid, keep.GridName
			d.Scale, d.ScaleName, d.Category, d.CategoryName = keep.Scale, keep.ScaleName, keep.Category, keep.CategoryName
			d.Source, d.SourceName, d.Parties, d.Involved, d.Description = keep.Source, keep.SourceName, keep.Parties, keep.Involved, keep.Description
			d.Deadline, d.Method, d.MethodName, d.Organisation = keep.Deadline, keep.Method, keep.MethodName, keep.Organisation
			d.Mediator, d.MediatorName = keep.Mediator, keep.MediatorName
			return put(tx, d)
		}
		d.ID = store.NewID()
		d.Number = s.numbers.Issue(tx, d.Date[:4], nil)
		d.Records = []Entry{}
		cases.Begin(&d, &s.Base, Flow.MustMove(MoveRegister), caseflow.Step{Date: d.Date, Note: "登记"})
		return cases.PutNew(tx, d.ID, &d)
	})
	if err != nil {
		return d, err
	}
	mask(&d)
	return d, nil
}

// fill checks the registration fields of in and copies them into d with
// their labels; was is the dispute as stored (zero when new).
func (s *Service) fill(d *Dispute, was Dispute, in Input, f *problem.Fields) {
	service.Trim(&in.Name, &in.Date, &in.Place, &in.Grid, &in.Description, &in.Deadline, &in.Organisation, &in.Mediator, &in.MediatorName)
	f.Required("name", "纠纷名称", in.Name)
	if n := utf8.RuneCountInString(in.Name); n > 60 {
		f.Add("name", "too_long", fmt.Sprintf("纠纷名称最多60个字，现在%d个字", n))
	}
	f.Date("date", "登记日期", in.Date, true)
	if in.Date > s.Today() {
		f.Add("date", "future", "登记日期不能晚于今天")
	}
	if was.Accepted != "" && in.Date > was.Accepted {
		f.Add("date", "order", fmt.Sprintf("登记日期不能晚于受理日期（%s）", was.Accepted))
	}
	d.Name, d.Date, d.Place, d.Description, d.Organisation = in.Name, in.Date, in.Place, in.Description, in.Organisation
	d.Grid, d.GridName = in.Grid, ""
	if in.Grid == "" {
		f.Add("grid", "required", "请选择所属网格")
	} else if r, ok := s.Store.Row(in.Grid); !ok || r.Kind != grid.KindGrid {
		f.Add("grid", "unknown", "所属网格不存在或已删除")
	} else {
		d.GridName = r.Name
	}
	if in.Scale == "" {
		in.Scale = "1"
	}
	d.Scale, d.ScaleName = in.Scale, dict.Fixed(f, "scale", "纠纷规模", Scales, in.Scale, true)
	d.Category, d.CategoryName = in.Category, s.Dict.Check(f, "category", "纠纷类别", TableCategories, in.Category, was.Category, true)
	d.Source, d.SourceName = in.Source, s.Dict.Check(f, "source", "纠纷来源", TableSources, in.Source, was.Source, false)
	d.Method, d.MethodName = in.Method, s.Dict.Check(f, "method", "调处方式", TableMethods, in.Method, was.Method, false)
	d.Parties = s.parties(f, in.Parties, was.Parties)
	switch {
	case in.Involved < 0:
		f.Add("involved", "range", "涉及人数不能为负数")
	case in.Involved == 0:
		d.Involved = len(d.Parties)
	case in.Involved < len(d.Parties):
		f.Add("involved", "range", fmt.Sprintf("涉及人数不能少于当事人人数（%d人）", len(d.Parties)))
	default:
		d.Involved = in.Involved
	}
	f.Required("description", "简要情况", in.Description)
	f.Date("deadline", "调处期限", in.Deadline, false)
	if in.Deadline != "" && in.Date != "" && in.Deadline < in.Date {
		f.Add("deadline", "order", "调处期限不能早于登记日期")
	}
	d.Deadline = in.Deadline
	d.Mediator, d.MediatorName = grid.StaffOrName(s.Store, f, "mediator", "调解员", in.Mediator, in.MediatorName)
}

// parties checks the parties; a masked ID number or phone (as Get shows
// it) stands for the stored one of the party it masks.
func (s *Service) parties(f *problem.Fields, in, was []Party) []Party {
	out := make([]Party, 0, len(in))
	if len(in) == 0 {
		f.Add("parties", "required", "请至少填写一名当事人")
	}
	for i, p := range in {
		service.Trim(&p.Name, &p.IDNumber, &p.Phone, &p.Role)
		field := fmt.Sprintf("parties.%d", i)
		who := fmt.Sprintf("第%d名当事人", i+1)
		if p.Name != "" {
			who = "当事人“" + p.Name + "”"
		}
		if p.Name == "" {
			f.Add(field+".name", "required", who+"的姓名不能为空")
		}
		for _, o := range was {
			if strings.Contains(p.IDNumber, "*") && o.IDNumber != "" && idcard.MaskID(o.IDNumber) == p.IDNumber {
				p.IDNumber = o.IDNumber
			}
			if strings.Contains(p.Phone, "*") && o.Phone != "" && idcard.MaskPhone(o.Phone) == p.Phone {
				p.Phone = o.Phone
			}
		}
		if p.IDNumber != "" {
			if info, err := idcard.Parse(p.IDNumber, s.Now()); err != nil {
				f.Add(field+".idNumber", "format", who+"的身份证号码有误："+err.Error())
			} else {
				p.IDNumber = info.Number
			}
		}
		if p.Phone != "" && !phoneOK(p.Phone) {
			f.Add(field+".phone", "format", fmt.Sprintf("%s的联系电话“%s”格式不正确，应为11位手机号或带区号的固定电话", who, p.Phone))
		}
		if p.Role == "" {
			f.Add(field+".role", "required", "请选择"+who+"是申请人还是被申请人")
		} else if l, ok := dict.Label(Roles, p.Role); !ok {
			f.Add(field+".role", "unknown", fmt.Sprintf("%s的身份“%s”不在代码表中", who, p.Role))
		} else {
			p.RoleName = l
		}
		out = append(out, p)
	}
	return out
}

func phoneOK(p string) bool {
	digits := strings.ReplaceAll(p, "-", "")
	for _, r := range digits {
		if r < '0' || r > '9' {
			return false
		}
	}
	if len(digits) == 11 && digits[0] == '1' {
		return true
	}
	return p[0] == '0' && len(digits) >= 10 && len(digits) <= 12
}

// Number is the readable number of a site's n-th dispute of a year.
func Number(year, site string, n int) string { return Numbers.Format(site, year, n) }
