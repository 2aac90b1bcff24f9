package httpapi_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"zongzhi/backend/api"
	"zongzhi/backend/demo"
	"zongzhi/backend/grid"
	"zongzhi/backend/importer"
	"zongzhi/backend/people"
	"zongzhi/backend/testkit"
)

// The import flow as the UI drives it: preview, map an unknown header,
// commit as a job, fetch the reject report; then export the grid list.
func TestExcelImportAndExportOverHTTP(t *testing.T) {
	c := newServer(t)
	c.ok("GridService/SaveDivision", grid.Division{Code: "530521103000", Name: "勐简乡", Level: "township"}, nil)
	names := []string{"平场子村", "大坪社区"}
	for i, v := range names {
		c.ok("GridService/SaveDivision", grid.Division{Code: "5305211032" + string(rune('0'+i)) + "1", Name: v, Level: "village", Parent: "530521103000"}, nil)
	}
	sheet, err := demo.MessyRoster(11, names, 60)
	if err != nil {
		t.Fatal(err)
	}
	// Rename one header to something the area does not know.
	f := testkit.Workbook(t, sheet.Data)
	f.SetCellValue("网格员花名册", "H3", "所在岗位单位")
	f.SetCellValue("续表", "H3", "所在岗位单位")
	var buf bytes.Buffer
	f.Write(&buf)

	var p api.ImportPreview
	c.ok("ImportService/Preview", api.ImportRequest{Area: "grids", FileName: "花名册.xlsx", Data: buf.Bytes(), Year: 2024}, &p)
	if !p.NeedsMapping || p.Token == "" || len(p.Sheets[0].Unknown) != 1 || p.Sheets[0].Unknown[0] != "所在岗位单位" {
		t.Fatalf("preview did not ask to map the unknown header: %+v", p.Sheets)
	}
	if p.Counts.Read != sheet.DataRows || len(p.Lines) == 0 || p.Lines[0].Action != importer.Reject {
		t.Fatalf("preview counts %+v lines %d first %+v", p.Counts, len(p.Lines), p.Lines[0])
	}
	c.ok("ImportService/Preview", api.ImportRequest{Area: "grids", FileName: "花名册.xlsx", Data: buf.Bytes(), Year: 2024,
		Mapping: map[string]string{"所在岗位单位": "unit"}}, &p)
	if p.NeedsMapping || p.Lines[len(p.Lines)-1].Values["unit"] == "" {
		t.Fatalf("mapping not applied: %+v", p.Sheets[0].Unknown)
	}
	var id string
	c.ok("ImportService/StartCommit", p.Token, &id)
	st := wait[api.Step, api.ImportResult](c, "ImportService/Job", id, 20*time.Millisecond)
	if st.Error != "" || st.Result == nil || st.Result.Counts.Import == 0 || st.Progress.Done != st.Progress.Total {
		t.Fatalf("job %+v result %+v", st, st.Result)
	}
	if st.Result.Counts.Import+st.Result.Counts.Update+st.Result.Rejected != sheet.DataRows {
		t.Fatalf("rows unaccounted: %+v of %d", st.Result, sheet.DataRows)
	}
	var rep api.Document
	c.ok("ImportService/RejectReport", p.Token, &rep)
	if rep.FileName != "花名册-未导入.xlsx" || len(rep.Data) == 0 {
		t.Fatalf("reject report %q (%d bytes)", rep.FileName, len(rep.Data))
	}

	// The mapping is remembered: the same template previews without asking.
	c.ok("ImportService/Preview", api.ImportRequest{Area: "grids", FileName: "花名册.xlsx", Data: buf.Bytes(), Year: 2024}, &p)
	if p.NeedsMapping || p.Counts.Import != 0 {
		t.Fatalf("second preview: needs mapping %v, counts %+v", p.NeedsMapping, p.Counts)
	}

	// The roster PDF as a job: progress, then the document.
	c.ok("ReportService/StartGridRoster", grid.RosterQuery{Date: "2024-12-31"}, &id)
	pj := wait[api.Step, api.Document](c, "ReportService/Job", id, 20*time.Millisecond)
	if pj.Error != "" || pj.Result == nil || pj.Result.Pages < 1 || !bytes.HasPrefix(pj.Result.Data, []byte("%PDF")) {
		t.Fatalf("roster job %+v", pj.JobStatus)
	}

	var doc api.Document
	c.ok("ReportService/GridList", grid.GridQuery{}, &doc)
	rows, _ := testkit.Workbook(t, doc.Data).GetRows("网格")
	if len(rows) < 3 || rows[1][1] != "网格编码" || len(rows[2][1]) != 15 {
		t.Fatalf("grid list export: %v", rows[:min(3, len(rows))])
	}
	c.ok("ReportService/StaffList", grid.StaffQuery{}, &doc)
	if rows, _ = testkit.Workbook(t, doc.Data).GetRows("网格人员"); len(rows) < 10 {
		t.Fatalf("staff export has %d rows", len(rows))
	}
}

// The special-population lists come out as sheets: every enrolled person
// (masked ID numbers), the visits of a period with real dates, the board.
func TestPeopleListsExportToExcel(t *testing.T) {
	c := newServer(t)
	c.ok("SystemService/LoadDemo", api.DemoRequest{Scale: "township", Seed: 9}, nil)
	sheet := func(method string, arg any, name string) [][]string {
		var doc api.Document
		c.ok(method, arg, &doc)
		rows, err := testkit.Workbook(t, doc.Data).GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	var page people.PeoplePage
	c.ok("PeopleService/ListPeople", people.PeopleQuery{Status: "active", Limit: 10}, &page)
	rows := sheet("ReportService/PeopleList", people.PeopleQuery{Status: "active"}, "特殊人群")
	if len(rows)-2 != page.Total || page.Total < 100 || !strings.Contains(rows[2][2], "********") {
		t.Fatalf("people list: %d rows for %d people; %v", len(rows)-2, page.Total, rows[2])
	}
	from := time.Now().AddDate(0, -3, 0).Format("2006-01-02")
	to := time.Now().Format("2006-01-02")
	var visits []people.VisitLine
	c.ok("PeopleService/Visits", people.VisitsQuery{From: from, To: to}, &visits)
	rows = sheet("ReportService/VisitList", people.VisitsQuery{From: from, To: to}, "走访记录")
	if len(rows)-2 != len(visits) || len(visits) == 0 || rows[2][1] < from {
		t.Fatalf("visit list: %d rows for %d visits; %v", len(rows)-2, len(visits), rows[2])
	}
	var b people.Board
	c.ok("PeopleService/Overdue", people.BoardQuery{}, &b)
	rows = sheet("ReportService/BoardList", people.BoardQuery{}, "待走访")
	if len(rows)-2 != b.Counts.Overdue+b.Counts.DueThisWeek || rows[2][1] != "逾期" {
		t.Fatalf("board list: %d rows for %d+%d", len(rows)-2, b.Counts.Overdue, b.Counts.DueThisWeek)
	}
}
