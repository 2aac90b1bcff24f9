package volunteer

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"time"

	"zongzhi/backend/caseflow"
	"zongzhi/backend/dict"
	"zongzhi/backend/grid"
	"zongzhi/backend/idcard"
	"zongzhi/backend/people"
	"zongzhi/backend/problem"
	"zongzhi/backend/service"
	"zongzhi/backend/store"
)

// Number patterns: activities HD-2026-K7QM-0001, certificates ZM-2026-K7QM-0001.
var (
	ActivityNumbers    = caseflow.Numbers{Prefix: "HD"}
	CertificateNumbers = caseflow.Numbers{Prefix: "ZM"}
)

// Problem codes the UI keys its messages on.
const (
	ErrDissolved = "team_dissolved" // a dissolved team takes no members or activities
)

// Service is the volunteer area's domain logic over a store.
type Service struct {
	service.Base
	Dict   *dict.Dict
	People *people.Service // volunteers are persons of its registry

	activityNumbers *caseflow.Issuer
	certNumbers     *caseflow.Issuer
}

// New returns the service; it registers the volunteer tables in d.
func New(st *store.Store, d *dict.Dict, p *people.Service) *Service {
	RegisterTables(d)
	return &Service{Base: service.New(st), Dict: d, People: p,
		activityNumbers: caseflow.NewIssuer(st, KindActivity, ActivityNumbers),
		certNumbers:     caseflow.NewIssuer(st, KindCertificate, CertificateNumbers)}
}

var reTime = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

// SaveTeam creates or edits a team. A dissolved team keeps its history
// and takes no new members or activities.
func (s *Service) SaveTeam(t Team) (Team, error) {
	service.Trim(&t.Name, &t.Leader, &t.Contact, &t.Founded, &t.Dissolved, &t.Note)
	var f problem.Fields
	f.Required("name", "队伍名称", t.Name)
	t.TypeName = s.Dict.Check(&f, "type", "队伍类型", TableTeamTypes, t.Type, "", true)
	t.LevelName = dict.Fixed(&f, "level", "所属层级", Levels, t.Level, true)
	f.Date("founded", "成立日期", t.Founded, false)
	f.Date("dissolved", "解散日期", t.Dissolved, false)
	if t.Dissolved != "" && t.Founded != "" && t.Dissolved < t.Founded {
		f.Add("dissolved", "order", "解散日期不能早于成立日期")
	}
	for _, other := range s.Store.Rows(store.IndexKind, KindTeam) {
		if other.ID != t.ID && other.Name == t.Name {
			f.Add("name", "duplicate", fmt.Sprintf("已有名为“%s”的队伍", t.Name))
		}
	}
	if t.Serves == nil {
		t.Serves = []string{}
	}
	if err := f.Err(); err != nil {
		return t, err
	}
	if t.ID == "" {
		t.ID = store.NewID()
	}
	return t, s.Update(func(tx *store.Txn) error { return tx.Put(KindTeam, t.ID, t) })
}

// Teams lists the teams by name, dissolved ones last.
func (s *Service) Teams() []Team {
	out := []Team{}
	for _, r := range s.Store.Rows(store.IndexKind, KindTeam) {
		var t Team
		if s.Read(KindTeam, r.ID, "志愿服务队", &t) == nil {
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if (out[i].Dissolved == "") != (out[j].Dissolved == "") {
			return out[i].Dissolved == ""
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// VolunteerInput registers a volunteer: an existing person (Person) or one
// registered now (PersonInput, under the registry's ID-number rules).
type VolunteerInput struct {
	ID          string         `json:"id,omitempty"`
	Person      string         `json:"person,omitempty"`
	PersonInput *people.Person `json:"personInput,omitempty"`
	Phone       string         `json:"phone"`
	Politics    string         `json:"politics"`
	Skills      []string       `json:"skills"`
	Source      string         `json:"source"`
	NationalNo  string         `json:"nationalNo"`
	Staff       string         `json:"staff"`
}

// SaveVolunteer registers or edits a volunteer. A person is a volunteer
// once: a second registration of the same person is refused, naming the
// volunteer it would repeat.
func (s *Service) SaveVolunteer(in VolunteerInput) (Volunteer, error) {
	service.Trim(&in.Phone, &in.NationalNo)
	var f problem.Fields
	if in.Person == "" && in.PersonInput != nil && in.ID == "" {
		saved, err := s.People.SavePerson(*in.PersonInput)
		if err != nil {
			return Volunteer{}, err // the registry's own refusal, naming its fields (e.g. a duplicate ID number with its ref)
		}
		in.Person = saved.Person.ID
	}
	v := Volunteer{ID: in.ID, Person: in.Person, Phone: in.Phone, Politics: in.Politics, Skills: in.Skills, Source: in.Source,
		NationalNo: in.NationalNo, Staff: in.Staff}
	if in.ID != "" {
		old, err := volunteers.Get(s.Store, in.ID)
		if err != nil {
			return v, err
		}
		v.Person, v.Memberships = old.Person, old.Memberships
		if strings.Contains(v.Phone, "*") && v.Phone == idcard.MaskPhone(old.Phone) {
			v.Phone = old.Phone // sent back masked, as the page showed it
		}
	}
	r, ok := s.Store.Row(v.Person)
	switch {
	case v.Person == "":
		f.Add("person", "required", "请选择或登记志愿者本人")
	case !ok || r.Kind != people.KindPerson:
		f.Add("person", "unknown", "人员不存在或已删除")
	default:
		v.Name = r.Name
		for _, other := range s.Store.Rows(store.IndexParent, KindVolunteer, v.Person) {
			if other.ID != v.ID {
				f.Add("person", "duplicate", fmt.Sprintf("“%s”已是登记的志愿者", r.Name))
			}
		}
	}
	v.PoliticsName = dict.Fixed(&f, "politics", "政治面貌", Politics, v.Politics, false)
	v.SourceName = s.Dict.Check(&f, "source", "志愿者来源", TableSources, v.Source, "", false)
	if v.Staff != "" {
		if sr, ok := s.Store.Row(v.Staff); !ok || sr.Kind != grid.KindStaff {
			f.Add("staff", "unknown", "关联的网格人员不存在或已删除")
		}
	}
	if v.Skills == nil {
		v.Skills = []string{}
	}
	if err := f.Err(); err != nil {
		return v, err
	}
	if v.ID == "" {
		v.ID = store.NewID()
	}
	return v, s.Update(func(tx *store.Txn) error { return volunteers.Put(tx, v.ID, &v) })
}

// GetVolunteer returns a volunteer with the memberships.
func (s *Service) GetVolunteer(id string) (Volunteer, error) { return volunteers.Get(s.Store, id) }

// MembershipInput puts a volunteer in a team (ID "") or ends a membership (ID, Left).
type MembershipInput struct {
	Volunteer string `json:"volunteer"`
	ID        string `json:"id,omitempty"`
	Team      string `json:"team"`
	Joined    string `json:"joined"`
	Left      string `json:"left"`
}

// SetMembership adds or ends a membership. History is kept: one person
// may serve in several teams, and in one team again after leaving.
func (s *Service) SetMembership(in MembershipInput) (Volunteer, error) {
	service.Trim(&in.Joined, &in.Left)
	return volunteers.Change(&s.Base, in.Volunteer, func(_ *store.Txn, v *Volunteer) error {
		var f problem.Fields
		m := Membership{ID: in.ID, Team: in.Team, Joined: in.Joined, Left: in.Left}
		if in.ID != "" {
			found := false
			for _, x := range v.Memberships {
				if x.ID == in.ID {
					m, found = x, true
					m.Left = in.Left
				}
			}
			if !found {
				return problem.NotFound("队员身份", in.ID)
			}
		}
		var t Team
		if err := s.Read(KindTeam, m.Team, "志愿服务队", &t); err != nil {
			f.Add("team", "unknown", "志愿服务队不存在或已删除")
		} else {
			m.TeamName = t.Name
			if in.ID == "" && t.Dissolved != "" {
				return problem.Conflict(ErrDissolved, fmt.Sprintf("“%s”已于%s解散，不能再加入", t.Name, t.Dissolved))
			}
		}
		f.Date("joined", "加入日期", m.Joined, true)
		f.Date("left", "退出日期", m.Left, false)
		if m.Left != "" && m.Left < m.Joined {
			f.Add("left", "order", fmt.Sprintf("退出日期不能早于加入日期（%s）", m.Joined))
		}
		if m.Joined > s.Today() {
			f.Add("joined", "future", "加入日期不能晚于今天")
		}
		for _, x := range v.Memberships {
			if in.ID == "" && x.Team == m.Team && x.Left == "" {
				f.Add("team", "duplicate", fmt.Sprintf("已是“%s”的队员（%s加入）", x.TeamName, x.Joined))
			}
		}
		if err := f.Err(); err != nil {
			return err
		}
		if m.ID == "" {
			m.ID = store.NewID()
			v.Memberships = append(v.Memberships, m)
		} else {
			for i := range v.Memberships {
				if v.Memberships[i].ID == m.ID {
					v.Memberships[i] = m
				}
			}
		}
		return nil
	})
}

// memberOn tells whether v served in one of teams on day.
func memberOn(v Volunteer, teams []string, day string) bool {
	for _, m := range v.Memberships {
		for _, t := range teams {
			if m.Team == t && m.Joined <= day && (m.Left == "" || m.Left >= day) {
				return true
			}
		}
	}
	return false
}

// Duration is an activity's time in hours (0 when its times are unknown).
func Duration(a Activity) float64 {
	s, err1 := time.Parse("15:04", a.Start)
	e, err2 := time.Parse("15:04", a.End)
	if err1 != nil || err2 != nil || !e.After(s) {
		return 0
	}
	return e.Sub(s).Hours()
}

// halfHours tells whether h is a whole number of half hours.
func halfHours(h float64) bool { return h == math.Round(h*2)/2 }

// HoursOf is what counts of each person's hours at an activity: the last
// correction, else the entry.
func HoursOf(a Activity) map[string]float64 {
	out := map[string]float64{}
	for _, h := range a.Hours {
		out[h.Volunteer] = h.Hours
	}
	for _, c := range a.Corrections { // oldest first: the last one counts
		out[c.Volunteer] = c.Hours
	}
	return out
}

func joinNames(names []string) string { return strings.Join(names, "、") }
