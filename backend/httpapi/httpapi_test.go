package httpapi_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"zongzhi/backend/api"
	"zongzhi/backend/api/apitest"
	"zongzhi/backend/grid"
	"zongzhi/backend/httpapi"
	"zongzhi/backend/people"
	"zongzhi/backend/problem"
	zsync "zongzhi/backend/sync"
	"zongzhi/backend/testkit"
)

type client struct {
	t   *testing.T
	url string
}

func newServer(t *testing.T) client {
	t.Helper()
	ui := fstest.MapFS{"index.html": {Data: []byte("<html>综治台账</html>")}}
	h, err := httpapi.New(apitest.New(t).Bindings(), ui)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return client{t, srv.URL}
}

// call posts arg and decodes the answer into out (a *problem.Error on
// failure); it returns the status.
func (c client) call(method string, arg, out any) int {
	c.t.Helper()
	body, _ := json.Marshal(arg)
	resp, err := http.Post(c.url+"/api/"+method, "application/json", bytes.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode == http.StatusOK && out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			c.t.Fatalf("%s: %v in %s", method, err, raw)
		}
	}
	if resp.StatusCode != http.StatusOK {
		if p, ok := out.(*problem.Error); ok {
			json.Unmarshal(raw, p)
		}
	}
	return resp.StatusCode
}

func (c client) ok(method string, arg, out any) {
	c.t.Helper()
	var p problem.Error
	if out == nil {
		out = &p
	}
	if st := c.call(method, arg, out); st != http.StatusOK {
		c.t.Fatalf("%s: status %d", method, st)
	}
}

// job is what a service's Job method answers about a job with progress P
// and result R.
type job[P, R any] struct {
	api.JobStatus
	Progress P  `json:"progress"`
	Result   *R `json:"result"`
}

// wait polls method (a service's Job) about job id until it stops
// running, at most 200 times, pause apart, and returns the last answer.
func wait[P, R any](c client, method, id string, pause time.Duration) job[P, R] {
	c.t.Helper()
	var st job[P, R]
	for i := 0; i < 200; i++ {
		c.ok(method, id, &st)
		if !st.Running {
			break
		}
		time.Sleep(pause)
	}
	return st
}

// group starts two sites: a loads the township demo of seed and creates
// the sync group name, b joins it. It returns both and an empty stick.
func group(t *testing.T, seed int64, name string) (a, b client, stick string) {
	t.Helper()
	a, b = newServer(t), newServer(t)
	a.ok("SystemService/LoadDemo", api.DemoRequest{Scale: "township", Seed: seed}, nil)
	var jf struct{ Data []byte }
	a.ok("SyncService/CreateGroup", map[string]string{"name": name}, &jf)
	b.ok("SyncService/Join", map[string]any{"data": jf.Data}, nil)
	return a, b, t.TempDir()
}

func TestGridLifecycleOverHTTP(t *testing.T) {
	c := newServer(t)
	var info api.Info
	c.ok("SystemService/Info", nil, &info)
	if !info.Empty || info.Site.Code == "" {
		t.Fatalf("info %+v", info)
	}
	c.ok("GridService/SaveDivision", grid.Division{Code: "530521103000", Name: "勐简乡", Level: "township"}, nil)
	c.ok("GridService/SaveDivision", grid.Division{Code: "530521103201", Name: "平场子村", Level: "village", Parent: "530521103000"}, nil)

	// Invalid input: 422 naming each field, in Chinese.
	var p problem.Error
	if st := c.call("GridService/SaveGrid", grid.Grid{Village: "530521103000", Level: "1", Type: "1"}, &p); st != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", st)
	}
	msgs := map[string]string{}
	for _, f := range p.Fields {
		msgs[f.Field] = f.Message
	}
	if !strings.Contains(msgs["name"], "网格名称不能为空") || !strings.Contains(msgs["village"], "村（社区）") {
		t.Fatalf("field errors %+v", p.Fields)
	}
	// A value of the wrong type names the field too.
	p = problem.Error{}
	if st := c.call("GridService/SaveGrid", map[string]any{"name": "x", "households": "很多"}, &p); st != http.StatusBadRequest || len(p.Fields) != 1 || p.Fields[0].Field != "households" {
		t.Fatalf("type error: %d %+v", st, p)
	}

	var g grid.Grid
	c.ok("GridService/SaveGrid", grid.Grid{Name: "平场子一组", Village: "530521103201", Level: "1", Type: "1"}, &g)
	if g.Code != "530521103201001" {
		t.Fatalf("grid %+v", g)
	}
	var s grid.Staff
	c.ok("GridService/SaveStaff", grid.Staff{Name: "张三", Phone: "13812345678", Role: "01", Unit: "平场子村委会"}, &s)
	c.ok("GridService/Assign", grid.AssignInput{Grid: g.ID, Staff: s.ID, Role: "01", Primary: true, Start: "2023-01-01"}, nil)

	var list []grid.GridSummary
	c.ok("GridService/ListGrids", grid.GridQuery{Text: "一组"}, &list)
	if len(list) != 1 || list[0].Primary != "张三" || list[0].Located {
		t.Fatalf("list %+v", list)
	}

	p = problem.Error{}
	if st := c.call("GridService/DeleteGrid", g.ID, &p); st != http.StatusConflict || p.Code != "grid_in_use" || !strings.Contains(p.Message, "张三") {
		t.Fatalf("delete in use: %d %+v", st, p)
	}
	p = problem.Error{}
	if st := c.call("GridService/GetGrid", "no-such-id", &p); st != http.StatusNotFound || !strings.Contains(p.Message, "网格不存在") {
		t.Fatalf("missing grid: %d %+v", st, p)
	}
	if st := c.call("GridService/NoSuchMethod", nil, &p); st != http.StatusNotFound {
		t.Fatalf("unknown method: %d", st)
	}
	if resp, _ := http.Get(c.url + "/api/SystemService/Info"); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("GET: %d", resp.StatusCode)
	}
	// The UI is served, client-side routes included.
	for _, path := range []string{"/", "/grids/123"} {
		resp, _ := http.Get(c.url + path)
		body, _ := io.ReadAll(resp.Body)
		if !strings.Contains(string(body), "综治台账") {
			t.Fatalf("%s: %s", path, body)
		}
	}
}

// The roster PDF comes back over HTTP, and pdftotext finds every
// character of every name, grid and unit on it.
func TestRosterPDFOverHTTP(t *testing.T) {
	testkit.Tool(t, "pdftotext")
	c := newServer(t)
	var sum struct{ Grids, Staff int }
	c.ok("SystemService/LoadDemo", api.DemoRequest{Scale: "township", Seed: 3}, &sum)
	var doc api.Document
	c.ok("ReportService/GridRoster", grid.RosterQuery{}, &doc) // today: who serves now
	if doc.Pages < 2 || !bytes.HasPrefix(doc.Data, []byte("%PDF")) {
		t.Fatalf("document %s: %d pages, %d bytes", doc.FileName, doc.Pages, len(doc.Data))
	}
	testkit.Artefact(t, "grid-roster.pdf", doc.Data)
	text := testkit.PDFText(t, doc.Data)
	var list []grid.StaffSummary
	c.ok("GridService/ListStaff", grid.StaffQuery{}, &list)
	have := map[rune]int{}
	for _, r := range text {
		have[r]++
	}
	for _, s := range list {
		if len(s.Grids) == 0 {
			continue // not serving today: not on today's roster
		}
		for _, r := range s.Name + s.Phone + strings.ReplaceAll(s.Unit, " ", "") {
			if have[r] == 0 {
				t.Fatalf("character %q of %s/%s missing from the PDF text", r, s.Name, s.Unit)
			}
		}
		if !strings.Contains(text, s.Name) {
			t.Errorf("serving staff %s not on the roster", s.Name)
		}
	}
	for _, want := range []string{"网格责任人花名册", "第1页共", "填表人", "审核人"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q not in the roster text", want)
		}
	}
}

// Two sites, each its own server, exchange through one stick folder over
// the API the UI uses: a conflicting edit shows in both inboxes, a
// resolution at one site settles it at both.
func TestTwoSitesSyncConflictAndResolutionOverHTTP(t *testing.T) {
	a, b, stick := group(t, 5, "勐简乡同步组")
	exchange := func(c client) {
		var res struct {
			Written string
			Reports []struct{ Warnings []string }
		}
		c.ok("SyncService/Exchange", map[string]string{"dir": stick}, &res)
		if res.Written == "" {
			t.Fatal("no package written")
		}
	}
	exchange(a)
	exchange(b)
	var grids []grid.GridSummary
	b.ok("GridService/ListGrids", grid.GridQuery{Text: "一组"}, &grids)
	if len(grids) == 0 {
		t.Fatal("b did not receive the demo data")
	}
	target := grids[0]
	rename := func(c client, name string) {
		var d grid.GridDetail
		c.ok("GridService/GetGrid", target.ID, &d)
		d.Grid.Name = name
		c.ok("GridService/SaveGrid", d.Grid, nil)
	}
	rename(a, "一组（中心）")
	rename(b, "一组（村站）")
	exchange(a)
	exchange(b)
	exchange(a)
	var ca, cb []api.ConflictItem
	a.ok("SyncService/Conflicts", nil, &ca)
	b.ok("SyncService/Conflicts", nil, &cb)
	if len(ca) != 1 || len(cb) != 1 || ca[0].Field != "name" || len(ca[0].Candidates) != 2 || ca[0].Candidates[0].Site == "" {
		t.Fatalf("inboxes: a %+v, b %+v", ca, cb)
	}
	if string(ca[0].Candidates[0].Value) != string(cb[0].Candidates[0].Value) {
		t.Fatal("the provisional winner differs between sites")
	}
	var pick json.RawMessage
	for _, c := range cb[0].Candidates {
		if c.Shown == "一组（村站）" {
			pick = c.Value
		}
	}
	b.ok("SyncService/Resolve", api.ResolveRequest{Kind: cb[0].Kind, ID: cb[0].ID, Field: "name", Value: pick}, nil)
	exchange(b)
	exchange(a)
	a.ok("SyncService/Conflicts", nil, &ca)
	var d grid.GridDetail
	a.ok("GridService/GetGrid", target.ID, &d)
	if len(ca) != 0 || d.Grid.Name != "一组（村站）" {
		t.Fatalf("after resolution: %d conflicts, name %q", len(ca), d.Grid.Name)
	}
}

// The stick exchange as a job: progress is polled, and the result arrives.
func TestStickExchangeJobOverHTTP(t *testing.T) {
	a, b, stick := group(t, 6, "任务组")
	a.ok("SyncService/Exchange", map[string]string{"dir": stick}, nil)
	var id string
	b.ok("SyncService/StartExchange", map[string]string{"dir": stick}, &id)
	st := wait[zsync.Progress, api.StickResult](b, "SyncService/Job", id, 50*time.Millisecond)
	if st.Running || st.Error != "" || st.Result == nil || st.Result.Written == "" || len(st.Result.Reports) != 1 || st.Result.Reports[0].Store.Applied == 0 {
		t.Fatalf("job %+v", st)
	}
	if st.Progress.Files != 1 || st.Progress.Done == 0 {
		t.Fatalf("progress %+v", st.Progress)
	}
	var p problem.Error
	if code := b.call("SyncService/Job", "nope", &p); code != http.StatusNotFound {
		t.Fatalf("unknown job: %d", code)
	}
}

// Two sites register the same person before they sync: the preview names
// the duplicate, both inboxes list it, a merge at one site folds the
// enrollments and visits into one person at both.
func TestDuplicatePersonsFromTwoSitesAreMergedByAPerson(t *testing.T) {
	a, b, stick := group(t, 7, "合并测试组")
	a.ok("SyncService/Exchange", map[string]string{"dir": stick}, nil)
	b.ok("SyncService/Exchange", map[string]string{"dir": stick}, nil)

	number := testkit.IDNumber("19760405", 123)
	register := func(c client, name string, categories ...string) string {
		var grids []grid.GridSummary
		c.ok("GridService/ListGrids", grid.GridQuery{}, &grids)
		var staff []grid.StaffSummary
		c.ok("GridService/ListStaff", grid.StaffQuery{}, &staff)
		var saved people.SavedPerson
		c.ok("PeopleService/SavePerson", people.Person{Name: name, IDNumber: number, Grid: grids[0].ID}, &saved)
		for _, cat := range categories {
			var e people.Enrollment
			c.ok("PeopleService/Enroll", people.EnrollInput{Person: saved.Person.ID, Category: cat, Responsible: []string{staff[0].ID},
				Enrolled: time.Now().AddDate(0, -1, 0).Format("2006-01-02"), Details: map[string]string{"assessment": "01"}}, &e)
			c.ok("PeopleService/SaveVisit", people.VisitInput{Enrollment: e.ID, Date: time.Now().Format("2006-01-02"), Method: "1",
				Visitors: []string{staff[0].ID}, Behaviour: name + "情况稳定"}, nil)
		}
		return saved.Person.ID
	}
	keep := register(a, "周建国", "01")
	register(b, "周建囯", "01", "04") // typed with a variant character at the village station

	a.ok("SyncService/Exchange", map[string]string{"dir": stick}, nil)
	var preview []zsync.Report
	b.ok("SyncService/Preview", map[string]string{"dir": stick}, &preview)
	found := false
	for _, r := range preview {
		for _, d := range r.Duplicates {
			found = found || strings.Contains(d, "周建国") && strings.Contains(d, "周建囯")
		}
	}
	if !found {
		t.Fatalf("the preview names no duplicate: %+v", preview)
	}
	b.ok("SyncService/Exchange", map[string]string{"dir": stick}, nil)
	a.ok("SyncService/Exchange", map[string]string{"dir": stick}, nil)

	var groups []people.DuplicateGroup
	a.ok("PeopleService/Duplicates", nil, &groups)
	if len(groups) != 1 || len(groups[0].Persons) != 2 {
		t.Fatalf("duplicates at a: %+v", groups)
	}
	b.ok("PeopleService/Duplicates", nil, &groups)
	if len(groups) != 1 || len(groups[0].Persons) != 2 {
		t.Fatalf("duplicates at b: %+v", groups)
	}
	drop := groups[0].Persons[0].ID
	if drop == keep {
		drop = groups[0].Persons[1].ID
	}
	var p problem.Error
	if b.call("PeopleService/MergePersons", people.MergeInput{Keep: keep, Drop: keep}, &p) == http.StatusOK || !strings.Contains(p.Message, "不能合并") {
		t.Fatalf("merging a person with itself: %+v", p)
	}
	b.ok("PeopleService/MergePersons", people.MergeInput{Keep: keep, Drop: drop}, nil)
	b.ok("SyncService/Exchange", map[string]string{"dir": stick}, nil)
	a.ok("SyncService/Exchange", map[string]string{"dir": stick}, nil)

	a.ok("PeopleService/Duplicates", nil, &groups)
	if len(groups) != 0 {
		t.Fatalf("still duplicates after the merge: %+v", groups)
	}
	var d people.PersonDetail
	a.ok("PeopleService/GetPerson", keep, &d)
	statuses := map[string]int{}
	for _, e := range d.Enrollments {
		statuses[e.Category+e.Status]++
	}
	if statuses["011"] != 1 || statuses["015"] != 1 || statuses["041"] != 1 || len(d.Visits) != 3 {
		t.Fatalf("merged person: enrollments %v, %d visits", statuses, len(d.Visits))
	}
	if a.call("PeopleService/GetPerson", drop, &p) != http.StatusNotFound {
		t.Fatal("the folded duplicate is still there")
	}
}

// A roster marked public shows no minor, whatever the category, and no
// confidential category; the internal roster shows both.
func TestPublicRosterLeavesOutMinors(t *testing.T) {
	testkit.Tool(t, "pdftotext")
	c := newServer(t)
	c.ok("SystemService/LoadDemo", api.DemoRequest{Scale: "township", Seed: 8}, nil)
	var grids []grid.GridSummary
	c.ok("GridService/ListGrids", grid.GridQuery{}, &grids)
	var staff []grid.StaffSummary
	c.ok("GridService/ListStaff", grid.StaffQuery{}, &staff)
	enroll := func(name, birth string) {
		var saved people.SavedPerson
		c.ok("PeopleService/SavePerson", people.Person{Name: name, IDNumber: testkit.IDNumber(birth, 357), Grid: grids[1].ID}, &saved)
		c.ok("PeopleService/Enroll", people.EnrollInput{Person: saved.Person.ID, Category: "04", Responsible: []string{staff[0].ID},
			Enrolled: time.Now().AddDate(0, -1, 0).Format("2006-01-02")}, nil)
	}
	minorBirth := time.Now().AddDate(-15, 0, 0).Format("20060102")
	enroll("少年甲", minorBirth)
	enroll("成年乙", "19800101")
	text := func(public bool) string {
		var doc api.Document
		c.ok("ReportService/SpecialRoster", api.SpecialRosterQuery{Category: "04", Public: public}, &doc)
		return testkit.PDFText(t, doc.Data)
	}
	if internal := text(false); !strings.Contains(internal, "少年甲") || !strings.Contains(internal, "成年乙") {
		t.Fatalf("internal roster misses someone: %.300s", internal)
	}
	if public := text(true); strings.Contains(public, "少年甲") || !strings.Contains(public, "成年乙") {
		t.Fatalf("public roster: minor shown or adult missing: %.300s", public)
	}
}

// A second registration of an ID number is refused with the first
// person's id as the field's ref, so the form opens that person without
// reading an id out of the Chinese message.
func TestDuplicateIDNumberNamesThePersonAsRef(t *testing.T) {
	c := newServer(t)
	c.ok("GridService/SaveDivision", grid.Division{Code: "530521103000", Name: "勐简乡", Level: "township"}, nil)
	c.ok("GridService/SaveDivision", grid.Division{Code: "530521103201", Name: "平场子村", Level: "village", Parent: "530521103000"}, nil)
	var g grid.Grid
	c.ok("GridService/SaveGrid", grid.Grid{Name: "平场子一组", Village: "530521103201", Level: "1", Type: "1"}, &g)
	number := testkit.IDNumber("19800101", 123)
	var first people.SavedPerson
	c.ok("PeopleService/SavePerson", people.Person{Name: "张三", IDNumber: number, Grid: g.ID}, &first)

	raw, _ := json.Marshal(people.Person{Name: "张三丰", IDNumber: number, Grid: g.ID})
	resp, err := http.Post(c.url+"/api/PeopleService/SavePerson", "application/json", bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	// Decoded as the frontend sees it: plain JSON, not the Go type.
	var p struct {
		Code   string
		Fields []map[string]string
	}
	if err := json.NewDecoder(resp.Body).Decode(&p); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusConflict || p.Code != people.ErrDuplicatePerson || len(p.Fields) != 1 ||
		p.Fields[0]["field"] != "idNumber" || p.Fields[0]["ref"] != first.Person.ID {
		t.Fatalf("duplicate refusal: %d %+v (want ref %s)", resp.StatusCode, p, first.Person.ID)
	}
}
