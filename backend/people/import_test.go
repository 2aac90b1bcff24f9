package people_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"zongzhi/backend/demo"
	"zongzhi/backend/importer"
	"zongzhi/backend/people"
	"zongzhi/backend/testkit"
)

func TestPeopleImportMergesByIDNumberAndRefusesMangledNumbers(t *testing.T) {
	f := setup(t)
	sheet, err := demo.MessyPeople(3, []demo.PlaceRef{{Village: "平场子村", Grid: "平场子一组"}}, []string{"李网格"}, 120)
	if err != nil {
		t.Fatal(err)
	}
	area := people.RosterImport{S: f.svc}
	sess, err := importer.Prepare(context.Background(), area, sheet.Data, importer.Options{Year: 2024})
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	c := sess.Counts()
	t.Logf("%+v; %s; sheet: %d rows, %d bad", c, sess.Summary(), sheet.DataRows, sheet.Bad)
	if c.Read != sheet.DataRows || c.Reject < sheet.Bad || c.Import == 0 {
		t.Fatalf("counts %+v for %d rows, %d bad", c, sheet.DataRows, sheet.Bad)
	}
	var persons, enrollments int
	fmt.Sscanf(sess.Summary(), "不同人员 %d 人，新列管 %d 条", &persons, &enrollments)
	if persons == 0 || enrollments <= persons-1 || enrollments != c.Import {
		t.Fatalf("summary %q with counts %+v", sess.Summary(), c)
	}
	rejects, _ := sess.Lines(importer.Reject, 0, 1000)
	reasons := ""
	for _, l := range rejects {
		reasons += l.Reason + "\n"
	}
	for _, want := range []string{"存成了数字", "校验码"} {
		if !strings.Contains(reasons, want) {
			t.Errorf("no rejected row says %q:\n%s", want, reasons)
		}
	}
	merged := 0
	all, _ := sess.Lines("", 0, 1000)
	for _, l := range all {
		if strings.Contains(l.Note, "同一人") {
			merged++
		}
	}
	if merged == 0 {
		t.Error("no person on both sheets was merged")
	}
	res, err := sess.Commit(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	x := testkit.Workbook(t, res.RejectReport)
	reported := 0
	for _, sh := range x.GetSheetList() {
		rows, _ := x.GetRows(sh)
		reported += len(rows) - 2
	}
	if res.Counts.Import+res.Counts.Update+reported != sheet.DataRows {
		t.Fatalf("written %d + reported %d != %d rows", res.Counts.Import+res.Counts.Update, reported, sheet.DataRows)
	}
	page := f.svc.ListPeople(people.PeopleQuery{Limit: 1000})
	if page.Total != persons {
		t.Fatalf("%d people listed, the import counted %d", page.Total, persons)
	}
	if err := f.svc.Store.Verify(); err != nil {
		t.Fatal(err)
	}
	// Importing the same file again writes nothing.
	vv := fmt.Sprint(f.svc.Store.VersionVector())
	again, err := importer.Prepare(context.Background(), area, sheet.Data, importer.Options{Year: 2024})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if c2 := again.Counts(); c2.Import != 0 || c2.Update != 0 {
		t.Fatalf("second import %+v", c2)
	}
	again.Commit(context.Background(), nil)
	if fmt.Sprint(f.svc.Store.VersionVector()) != vv {
		t.Fatal("second import wrote")
	}
}
