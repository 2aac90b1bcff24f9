package api

import (
	"zongzhi/backend/demo"
	"zongzhi/backend/dispute"
	"zongzhi/backend/grid"
	"zongzhi/backend/ledger"
	"zongzhi/backend/meeting"
	"zongzhi/backend/people"
	"zongzhi/backend/problem"
	"zongzhi/backend/store"
	"zongzhi/backend/volunteer"
)

// Version is the program version, set at build time.
var Version = "0.1.0-dev"

// SystemService tells the UI about this installation and loads demo data.
type SystemService struct {
	store     *store.Store
	dataDir   string
	grid      *grid.Service
	people    *people.Service
	ledger    *ledger.Service
	dispute   *dispute.Service
	meeting   *meeting.Service
	volunteer *volunteer.Service
}

// Info describes the installation.
type Info struct {
	Version       string     `json:"version"`
	Site          store.Site `json:"site"`
	DataDir       string     `json:"dataDir"`
	SchemaVersion int        `json:"schemaVersion"`
	// Empty: no divisions yet — the first start, when demo data is offered.
	Empty bool `json:"empty"`
}

// Info returns what the about box and the first-start screen show.
func (s *SystemService) Info() Info {
	return Info{
		Version:       Version,
		Site:          s.store.Site(),
		DataDir:       s.dataDir,
		SchemaVersion: store.SchemaVersion(),
		Empty:         len(s.store.Rows(store.IndexKind, grid.KindDivision)) == 0,
	}
}

// DemoRequest chooses the demo dataset.
type DemoRequest struct {
	Scale string `json:"scale"` // township | county
	Seed  int64  `json:"seed"`
}

// LoadDemo writes the demo dataset into an empty store through the normal
// write path.
func (s *SystemService) LoadDemo(req DemoRequest) (demo.Summary, error) {
	if !s.Info().Empty {
		return demo.Summary{}, problem.Conflict("not_empty", "已有数据，不能再载入演示数据（演示数据只在首次启动的空库中载入）")
	}
	return demo.Load(demo.Areas{Grid: s.grid, People: s.people, Ledger: s.ledger, Disputes: s.dispute, Meetings: s.meeting, Volunteers: s.volunteer}, req.Scale, req.Seed)
}
