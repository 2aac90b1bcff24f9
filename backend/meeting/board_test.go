package meeting_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"zongzhi/backend/attach"
	"zongzhi/backend/meeting"
	"zongzhi/backend/problem"
)

// The dashboard: open and overdue decisions by unit, and each body's
// meetings against its frequency.
func TestBoard(t *testing.T) {
	f := open(t, "勐简乡综治中心")
	f.township(t) // a quarterly 村民代表会议
	monthly, err := f.svc.SaveBody(meeting.Body{Name: "乡综治中心联席会议", Type: "01", Frequency: "monthly", Members: []meeting.Member{{Name: "派出所"}}})
	if err != nil {
		t.Fatal(err)
	}
	m := f.create(t, "2026-03-18")
	for _, d := range []meeting.DecisionInput{
		{Meeting: m.ID, Text: "整修配电房", Unit: "13", Deadline: "2026-03-19"}, // overdue on the 20th
		{Meeting: m.ID, Text: "清理垃圾", Unit: "13", Deadline: "2026-04-30"},
		{Meeting: m.ID, Text: "宣传防诈", Deadline: "2026-04-30"},
	} {
		if m, err = f.svc.SaveDecision(d); err != nil {
			t.Fatal(err)
		}
	}
	if b := f.svc.Board(); len(b.Units) != 0 {
		t.Fatalf("decisions of a draft counted: %+v", b.Units)
	}
	if _, err := f.svc.Sign(meeting.SignInput{ID: m.ID, Date: "2026-03-19"}); err != nil {
		t.Fatal(err)
	}
	b := f.svc.Board()
	if len(b.Units) != 2 || b.Units[0].UnitName != "供电所" || b.Units[0].Open != 2 || b.Units[0].Overdue != 1 || b.Units[1].UnitName != "未指定" || b.Units[1].Open != 1 {
		t.Fatalf("units %+v", b.Units)
	}
	var quarterly, monthlyC meeting.BodyCadence
	for _, c := range b.Bodies {
		switch c.Body {
		case f.body.ID:
			quarterly = c
		case monthly.ID:
			monthlyC = c
		}
	}
	if quarterly.Held != 1 || !quarterly.Missed || quarterly.Last != "2026-03-18" || quarterly.FrequencyName != "每季度" {
		t.Fatalf("quarterly %+v", quarterly)
	}
	if monthlyC.Held != 0 || !monthlyC.Missed || monthlyC.Last != "" {
		t.Fatalf("monthly %+v", monthlyC)
	}
}

func TestPhotos(t *testing.T) {
	f := open(t, "勐简乡综治中心")
	f.township(t)
	m := f.create(t, "2026-03-18")
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	img.Set(1, 1, color.RGBA{200, 0, 0, 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	_, err := f.svc.AddPhotos(meeting.PhotoInput{Meeting: m.ID, Role: "selfie", Photos: []attach.Upload{{Name: "a.png", Data: buf.Bytes()}}})
	if p := problem.As(err); len(p.Fields) == 0 || p.Fields[0].Field != "role" {
		t.Fatalf("bad role: %+v", p)
	}
	if _, err := f.svc.AddPhotos(meeting.PhotoInput{Meeting: m.ID, Role: meeting.PhotoSignIn, Photos: []attach.Upload{{Name: "签到表.png", Data: buf.Bytes()}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Sign(meeting.SignInput{ID: m.ID, Date: "2026-03-19"}); err != nil {
		t.Fatal(err)
	}
	// Evidence may follow the signing, until the meeting is archived.
	if _, err := f.svc.AddPhotos(meeting.PhotoInput{Meeting: m.ID, Role: meeting.PhotoScene, Photos: []attach.Upload{{Name: "现场.png", Data: buf.Bytes()}}}); err != nil {
		t.Fatal(err)
	}
	v, _ := f.svc.Get(m.ID)
	if len(v.Photos) != 2 || v.Photos[0].Role == "" {
		t.Fatalf("photos %+v", v.Photos)
	}
	if _, err := f.svc.Archive(meeting.ArchiveInput{ID: m.ID, Date: "2026-03-20"}); err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.AddPhotos(meeting.PhotoInput{Meeting: m.ID, Role: meeting.PhotoScene, Photos: []attach.Upload{{Name: "迟到.png", Data: buf.Bytes()}}})
	if p := problem.As(err); p.Code != meeting.ErrLocked || !strings.Contains(p.Message, "已归档") {
		t.Fatalf("archived: %+v", p)
	}
}
