// Package api is the service facade: the only surface the UI sees. The
// Wails window binds these structs and `zongzhid serve` serves the same
// methods as POST /api/<Service>/<Method>, so both take one code path.
// Methods take at most one argument and return (result, error); errors
// are *problem.Error so the UI can put a message beside the right field.
package api

// The frontend's types.ts and constants.ts are generated from this package's bound types.
//go:generate go run ../cmd/tsgen

import (
	"zongzhi/backend/dispute"
	"zongzhi/backend/grid"
	"zongzhi/backend/importer"
	"zongzhi/backend/ledger"
	"zongzhi/backend/meeting"
	"zongzhi/backend/people"
	"zongzhi/backend/store"
	"zongzhi/backend/volunteer"
	"zongzhi/backend/workday"
	"zongzhi/backend/zeroreport"
)

// Services are every service of one open store.
type Services struct {
	System    *SystemService
	Grid      *GridService
	Report    *ReportService
	Sync      *SyncService
	Import    *ImportService
	People    *PeopleService
	Settings  *SettingsService
	Photo     *PhotoService
	Ledger    *LedgerService
	Dispute   *DisputeService
	Zero      *ZeroReportService
	Meeting   *MeetingService
	Volunteer *VolunteerService
	// Domain are the services underneath, for Go callers that are not
	// the UI (the CLI, benchmarks, tests). They are never bound.
	Domain Domain
}

// Domain are the domain services one store's facade forwards to.
type Domain struct {
	Grid      *grid.Service
	People    *people.Service
	Ledger    *ledger.Service
	Dispute   *dispute.Service
	Zero      *zeroreport.Service
	Meeting   *meeting.Service
	Volunteer *volunteer.Service
	// Workdays is the working-day calendar, for services that reckon
	// deadlines in working days.
	Workdays *workday.Service
}

// Indexers are the store indexers of every domain kind.
func Indexers() map[string]store.Indexer {
	all := map[string]store.Indexer{}
	for _, ix := range []map[string]store.Indexer{grid.Indexers(), people.Indexers(), zeroreport.Indexers(), dispute.Indexers(), meeting.Indexers(), volunteer.Indexers(),
		{ledger.KindItem: ledger.Indexer, workday.Kind: workday.Indexer}} {
		for k, v := range ix {
			all[k] = v
		}
	}
	return all
}

// New builds the services over an open store kept in dataDir.
func New(st *store.Store, dataDir string) *Services {
	g := grid.New(st)
	p := people.New(st, g)
	w := workday.New(st, func() string { return st.Site().Name })
	l := ledger.New(st, p.Dict, func() ledger.Calendar { return w.Calendar() })
	z := zeroreport.New(st)
	z.Register(zeroreport.AreaRectification, ledger.FoundCounter(l))
	d := dispute.New(st, g, p.Dict, z)
	m := meeting.New(st, p.Dict, l)
	v := volunteer.New(st, p.Dict, p)
	return &Services{
		System:    &SystemService{store: st, dataDir: dataDir, grid: g, people: p, ledger: l, dispute: d, meeting: m, volunteer: v},
		Grid:      &GridService{grid: g},
		Report:    &ReportService{grid: g, people: p, ledger: l, zero: z},
		Sync:      &SyncService{store: st, people: p},
		Import:    &ImportService{store: st, areas: []importer.Area{grid.RosterImport{S: g}, people.RosterImport{S: p}, ledger.SheetImport{S: l}, dispute.SheetImport{S: d}}},
		People:    &PeopleService{people: p},
		Settings:  &SettingsService{people: p, workdays: w},
		Photo:     &PhotoService{store: st},
		Ledger:    &LedgerService{ledger: l},
		Dispute:   &DisputeService{dispute: d},
		Zero:      &ZeroReportService{zero: z},
		Meeting:   &MeetingService{meeting: m, ledger: l},
		Volunteer: &VolunteerService{volunteer: v},
		Domain:    Domain{Grid: g, People: p, Ledger: l, Dispute: d, Zero: z, Meeting: m, Volunteer: v, Workdays: w},
	}
}

// Bindings names each service as the UI calls it. Every exported method
// of these structs is a Wails binding and a POST /api/<Service>/<Method>
// endpoint, so the structs forward only what the UI calls (never promote
// a domain service: its helpers would become endpoints). The list is
// pinned in testdata/surface.txt.
func (s *Services) Bindings() map[string]any {
	return map[string]any{
		"SystemService":     s.System,
		"GridService":       s.Grid,
		"ReportService":     s.Report,
		"SyncService":       s.Sync,
		"ImportService":     s.Import,
		"PeopleService":     s.People,
		"SettingsService":   s.Settings,
		"PhotoService":      s.Photo,
		"LedgerService":     s.Ledger,
		"ZeroReportService": s.Zero,
		"DisputeService":    s.Dispute,
		"MeetingService":    s.Meeting,
		"VolunteerService":  s.Volunteer,
	}
}
