// Package volunteer keeps the township's volunteer teams (志愿服务队): the
// teams, the volunteers (persons of the people registry) with their
// memberships over time, the activities with the hours each person served
// — recorded once, approved by someone other than who recorded them,
// corrected only by a new entry — the star levels those hours reach, and
// the 志愿服务证明 issued (民政部令第67号, 谁记录谁证明).
package volunteer

import (
	"zongzhi/backend/caseflow"
	"zongzhi/backend/record"
)

// Record kinds in the store.
const (
	KindTeam        = "volunteer-team"
	KindVolunteer   = "volunteer"
	KindActivity    = "volunteer-activity"
	KindCertificate = "volunteer-cert"
)

// Team is a 志愿服务队.
type Team struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Type      string   `json:"type"` // TableTeamTypes
	TypeName  string   `json:"typeName"`
	Level     string   `json:"level"` // Levels
	LevelName string   `json:"levelName"`
	Leader    string   `json:"leader"` // 队长
	Contact   string   `json:"contact"`
	Founded   string   `json:"founded"`
	Serves    []string `json:"serves"`    // grid ids or village codes
	Dissolved string   `json:"dissolved"` // date; "" = active (teams are never deleted)
	Note      string   `json:"note"`
}

// Volunteer is a person of the people registry serving in teams.
type Volunteer struct {
	ID           string       `json:"id"`
	Person       string       `json:"person"` // people.Person id: one person per ID number
	Name         string       `json:"name"`
	Phone        string       `json:"phone"`
	Politics     string       `json:"politics"`
	PoliticsName string       `json:"politicsName"`
	Skills       []string     `json:"skills"`
	Source       string       `json:"source"` // TableSources
	SourceName   string       `json:"sourceName"`
	NationalNo   string       `json:"nationalNo"` // 全国志愿服务信息系统 volunteer number
	Staff        string       `json:"staff"`      // the grid staff member this person also is
	Memberships  []Membership `json:"memberships"`
}

// Membership is a volunteer's time in a team; history is kept.
type Membership struct {
	ID       string `json:"id"`
	Team     string `json:"team"`
	TeamName string `json:"teamName"`
	Joined   string `json:"joined"`
	Left     string `json:"left"` // "" = still serving
}

// Activity is one volunteer activity and the hours served at it.
type Activity struct {
	ID            string   `json:"id"`
	Number        string   `json:"number"` // HD-2026-K7QM-0001
	Teams         []string `json:"teams"`
	TeamNames     []string `json:"teamNames"`
	Title         string   `json:"title"`
	Type          string   `json:"type"` // TableActivityTypes
	TypeName      string   `json:"typeName"`
	Date          string   `json:"date"`
	Start         string   `json:"start"` // HH:MM
	End           string   `json:"end"`
	Place         string   `json:"place"`
	Grid          string   `json:"grid"`
	GridName      string   `json:"gridName"`
	Content       string   `json:"content"`
	Served        Served   `json:"served"`
	Organizer     string   `json:"organizer"` // staff id or "" with a typed name
	OrganizerName string   `json:"organizerName"`
	Recorder      string   `json:"recorder"`
	RecorderName  string   `json:"recorderName"`
	// Travel is how many hours of travel the organiser allows on top of
	// the activity's own time (0 = none).
	Travel float64 `json:"travel"`

	Status     string `json:"status"`
	StatusName string `json:"statusName"`

	Hours       []Hours          `json:"hours"`
	Corrections []Correction     `json:"corrections"`
	Log         []caseflow.Entry `json:"log"`
}

// Served counts the people an activity served, by group.
type Served struct {
	Elderly  int `json:"elderly"`  // 空巢老人
	Children int `json:"children"` // 留守儿童
	Disabled int `json:"disabled"` // 残障人士
	Poor     int `json:"poor"`     // 困难群众
	Others   int `json:"others"`
}

// Hours is one person's hours at an activity, one field per volunteer in
// the store: the same person's hours entered at two sites meet as a
// conflict a person resolves, never as two entries counted twice.
type Hours struct {
	Volunteer string  `json:"volunteer"`
	Name      string  `json:"name"`
	SignIn    string  `json:"signIn"` // HH:MM from the sign-in sheet
	SignOut   string  `json:"signOut"`
	Hours     float64 `json:"hours"`
}

// Correction changes a person's approved hours with a reason; it never
// overwrites the entry it corrects.
type Correction struct {
	ID        string  `json:"id"`
	Volunteer string  `json:"volunteer"`
	Hours     float64 `json:"hours"` // the hours that count from now on
	Was       float64 `json:"was"`
	Reason    string  `json:"reason"`
	By        string  `json:"by"`
	At        string  `json:"at"`
}

// Certificate is a 志愿服务证明 as issued: re-printed from here, it reads
// the same.
type Certificate struct {
	ID           string     `json:"id"`
	Number       string     `json:"number"` // ZM-2026-K7QM-0001
	Volunteer    string     `json:"volunteer"`
	Name         string     `json:"name"`
	IDMasked     string     `json:"idMasked"`
	From         string     `json:"from"` // "" = since the first activity
	To           string     `json:"to"`
	Hours        float64    `json:"hours"`
	Lines        []CertLine `json:"lines"`
	Issued       string     `json:"issued"`
	Organisation string     `json:"organisation"` // 出具单位
	Responsible  string     `json:"responsible"`  // 负责人
	Handler      string     `json:"handler"`      // 经办人
	Contact      string     `json:"contact"`
	By           string     `json:"by"` // who issued it (the operator)
}

// CertLine is one activity on a certificate.
type CertLine struct {
	Date  string  `json:"date"`
	Title string  `json:"title"`
	Team  string  `json:"team"`
	Hours float64 `json:"hours"`
}

type plainVolunteer Volunteer

func (p *plainVolunteer) lists() []caseflow.List {
	return []caseflow.List{caseflow.Entries("mem:", "memberships", &p.Memberships, func(m Membership) string { return m.ID },
		func(a, b Membership) bool {
			if a.Joined != b.Joined {
				return a.Joined < b.Joined
			}
			return a.ID < b.ID
		})}
}

// storedVolunteer is a Volunteer as the store keeps it: a membership per field.
type storedVolunteer Volunteer

// MarshalJSON writes the volunteer's fields, then one field per membership.
func (v storedVolunteer) MarshalJSON() ([]byte, error) {
	p := plainVolunteer(v)
	return caseflow.Marshal(p, p.lists()...)
}

// UnmarshalJSON gathers the membership fields back.
func (v *storedVolunteer) UnmarshalJSON(raw []byte) error {
	var p plainVolunteer
	if err := caseflow.Unmarshal(raw, &p, p.lists()...); err != nil {
		return err
	}
	*v = storedVolunteer(p)
	return nil
}

type plainActivity Activity

func (p *plainActivity) lists() []caseflow.List {
	return []caseflow.List{
		caseflow.Entries("hrs:", "hours", &p.Hours, func(h Hours) string { return h.Volunteer }, func(a, b Hours) bool { return a.Name+a.Volunteer < b.Name+b.Volunteer }),
		caseflow.Entries("cor:", "corrections", &p.Corrections, func(c Correction) string { return c.ID }, func(a, b Correction) bool {
			if a.At != b.At {
				return a.At < b.At
			}
			return a.ID < b.ID
		}),
		caseflow.Log(caseflow.LogPrefix, "log", &p.Log),
	}
}

// storedActivity is an Activity as the store keeps it.
type storedActivity Activity

// MarshalJSON writes the activity's fields, then one field per entry.
func (a storedActivity) MarshalJSON() ([]byte, error) {
	p := plainActivity(a)
	return caseflow.Marshal(p, p.lists()...)
}

// UnmarshalJSON gathers the entry fields back into their lists.
func (a *storedActivity) UnmarshalJSON(raw []byte) error {
	var p plainActivity
	if err := caseflow.Unmarshal(raw, &p, p.lists()...); err != nil {
		return err
	}
	*a = storedActivity(p)
	return nil
}

func (a *Activity) head() caseflow.Head {
	return caseflow.Head{Number: a.Number, Status: &a.Status, StatusName: &a.StatusName, Log: &a.Log}
}

// activities keeps activities on the case-flow kernel in their stored shape.
var activities = caseflow.Cases[Activity]{
	Flow: Flow, Kind: KindActivity, Head: (*Activity).head,
	Stored: func(a *Activity) any { return storedActivity(*a) },
	Load: func(r *record.Record, a *Activity) error {
		var s storedActivity
		err := r.Decode(&s)
		*a = Activity(s)
		return err
	},
}

// volunteers keeps volunteers in their stored shape (no flow: Cases
// reads and writes them inside one save).
var volunteers = caseflow.Cases[Volunteer]{
	Flow: &caseflow.Flow{What: "志愿者"}, Kind: KindVolunteer,
	Stored: func(v *Volunteer) any { return storedVolunteer(*v) },
	Load: func(r *record.Record, v *Volunteer) error {
		var s storedVolunteer
		err := r.Decode(&s)
		*v = Volunteer(s)
		return err
	},
}
