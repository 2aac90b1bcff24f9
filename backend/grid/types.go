// Package grid keeps administrative divisions, grids (网格), grid staff,
// their dated assignments and 包挂 links.
package grid

// Record kinds in the store.
const (
	KindDivision   = "division"
	KindGrid       = "grid"
	KindStaff      = "staff"
	KindAssignment = "assignment"
	KindLink       = "link"
)

// Division is a township or a village/community, keyed by its 12-digit
// statistical code (6 county + 3 township + 3 village). Codes get retired:
// ValidTo marks that, nothing is deleted.
type Division struct {
	Code      string `json:"code"`
	Name      string `json:"name"`
	Level     string `json:"level"` // township | village
	Parent    string `json:"parent,omitempty"`
	ValidFrom string `json:"validFrom,omitempty"`
	ValidTo   string `json:"validTo,omitempty"`
	GridSeq   int    `json:"gridSeq,omitempty"` // last grid sequence issued: codes are never reused
}

// Point is a WGS-84 position.
type Point struct {
	Lng float64 `json:"lng"`
	Lat float64 `json:"lat"`
}

// Grid is one 网格. Code = village code + 3-digit sequence, issued by the
// program. Centre and boundary are optional and never invented: a grid
// without them is "待定位".
type Grid struct {
	ID         string `json:"id"`
	Code       string `json:"code"`
	Name       string `json:"name"`
	Village    string `json:"village"` // division code
	Level      string `json:"level"`   // Levels code
	LevelName  string `json:"levelName"`
	Type       string `json:"type"` // Types code
	TypeName   string `json:"typeName"`
	Parent     string `json:"parent,omitempty"` // 一级 grid of a 二级 grid
	Centre     *Point `json:"centre,omitempty"`
	Boundary   string `json:"boundary,omitempty"` // GeoJSON polygon as drawn by a surveyor
	Households int    `json:"households,omitempty"`
	Scope      string `json:"scope,omitempty"` // 四至 / what the grid covers, in words
	Note       string `json:"note,omitempty"`
}

// Located tells whether a surveyed position exists.
func (g Grid) Located() bool { return g.Centre != nil || g.Boundary != "" }

// Staff is a person who works grids.
type Staff struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Phone    string `json:"phone"`
	Unit     string `json:"unit,omitempty"` // 工作单位 / 职务
	Role     string `json:"role"`           // usual role, Roles code
	RoleName string `json:"roleName"`
	Note     string `json:"note,omitempty"`
}

// Assignment puts a staff member on a grid for a dated period. History is
// never overwritten: a ledger of last March shows who was responsible then.
type Assignment struct {
	ID        string `json:"id"`
	Grid      string `json:"grid"`
	Staff     string `json:"staff"`
	Role      string `json:"role"`
	RoleName  string `json:"roleName"`
	Primary   bool   `json:"primary"` // 主责任人: exactly one per grid at any date
	Start     string `json:"start"`
	End       string `json:"end,omitempty"` // last day, "" = still serving
	EndReason string `json:"endReason,omitempty"`
}

// ActiveOn tells whether the assignment covers the date (YYYY-MM-DD).
func (a Assignment) ActiveOn(date string) bool {
	return a.Start <= date && (a.End == "" || a.End >= date)
}

// Link is a 包挂 responsibility of a staff member for a household,
// building, enterprise or shop, dated like an assignment.
type Link struct {
	ID         string `json:"id"`
	Staff      string `json:"staff"`
	Grid       string `json:"grid,omitempty"`
	Object     string `json:"object"` // LinkObjects code
	ObjectName string `json:"objectName"`
	Target     string `json:"target"` // the household/building/enterprise, in words
	Address    string `json:"address,omitempty"`
	Start      string `json:"start"`
	End        string `json:"end,omitempty"`
}
