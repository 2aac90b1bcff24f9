package caseflow_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"zongzhi/backend/caseflow"
	"zongzhi/backend/problem"
	"zongzhi/backend/record"
	"zongzhi/backend/service"
	"zongzhi/backend/store"
	"zongzhi/backend/testkit"
)

// A small flow of our own, declared the way an area declares its own:
// 待办 → 办理中 → 已办结, a note that keeps the state, and no one who
// started a ticket closes it.
const (
	kind     = "ticket"
	todo     = "todo"
	doing    = "doing"
	done     = "done"
	moveOpen = "open"
	moveTake = "take"
	moveNote = "note"
	moveDone = "finish"
)

var flow = &caseflow.Flow{
	What:   "工单",
	States: []caseflow.State{{Code: todo, Label: "待办"}, {Code: doing, Label: "办理中"}, {Code: done, Label: "已办结", Final: true}},
	Moves: []caseflow.Move{
		{Code: moveOpen, Label: "登记", To: todo},
		{Code: moveTake, Label: "接办", From: []string{todo}, To: doing, Who: "承办人"},
		{Code: moveNote, Label: "备注", From: []string{todo, doing}},
		{Code: moveDone, Label: "办结", From: []string{doing}, To: done, Needs: "须先接办", Who: "审核人（不能是承办人）"},
	},
	Separation: []caseflow.Separation{{Moves: []string{moveDone}, Excluded: []string{moveTake}, Role: "审核人"}},
}

type ticket struct {
	ID         string           `json:"id"`
	Number     string           `json:"number"`
	Title      string           `json:"title"`
	Status     string           `json:"status"`
	StatusName string           `json:"statusName"`
	Log        []caseflow.Entry `json:"-"`
}

type plainTicket ticket

func (t ticket) MarshalJSON() ([]byte, error) {
	return caseflow.Marshal(plainTicket(t), caseflow.Log(caseflow.LogPrefix, "", &t.Log))
}

func (t *ticket) UnmarshalJSON(b []byte) error {
	var p plainTicket
	err := caseflow.Unmarshal(b, &p, caseflow.Log(caseflow.LogPrefix, "", &p.Log))
	*t = ticket(p)
	return err
}

func (t *ticket) head() caseflow.Head {
	return caseflow.Head{Number: t.Number, Status: &t.Status, StatusName: &t.StatusName, Log: &t.Log}
}

var tickets = caseflow.Cases[ticket]{Flow: flow, Kind: kind, Head: (*ticket).head}

var numbers = caseflow.Numbers{Prefix: "GD", Legacy: func(site, year string) string { return site + "-" + year + "-" }}

func indexers() map[string]store.Indexer {
	return map[string]store.Indexer{kind: func(r *record.Record) (store.Row, error) {
		var t ticket
		err := r.Decode(&t)
		return store.Row{Code: t.Number, Status: t.Status, Name: t.Title}, err
	}}
}

type site struct {
	service.Base
	st     *store.Store
	issuer *caseflow.Issuer
}

func open(t *testing.T, name string) *site {
	t.Helper()
	st := testkit.Open(t, store.DefaultOptions(t.TempDir()).WithSiteName(name).WithMachine(name), indexers())
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	return &site{st: st, issuer: caseflow.NewIssuer(st, kind, numbers),
		Base: service.Base{Store: st, Author: func() string { return name }, Now: func() time.Time { now = now.Add(time.Minute); return now }}}
}

// register saves a new ticket numbered inside the save.
func (s *site) register(t *testing.T, title string) ticket {
	t.Helper()
	tk := ticket{ID: store.NewID(), Title: title}
	_, err := s.st.Update("test", func(tx *store.Txn) error {
		tk.Number = s.issuer.Issue(tx, "2026", nil)
		tickets.Begin(&tk, &s.Base, flow.MustMove(moveOpen), caseflow.Step{Date: "2026-03-02"})
		return tickets.PutNew(tx, tk.ID, &tk)
	})
	if err != nil {
		t.Fatal(err)
	}
	return tk
}

func (s *site) move(id, move, staff string) (ticket, error) {
	return tickets.Move(&s.Base, id, move, func(_ *store.Txn, tk *ticket, m caseflow.Move) (caseflow.Step, error) {
		if e, sep, took := flow.TookPart(tk.Log, m.Code, staff); took {
			var f problem.Fields
			f.Add("staff", "separation", sep.Role+"不能是"+e.Label+"的人")
			return caseflow.Step{}, f.Err()
		}
		return caseflow.Step{Date: "2026-03-03", StaffID: staff, Staff: staff, Note: m.Label + "：" + staff}, nil
	})
}

func TestMovesFollowTheDeclaration(t *testing.T) {
	s := open(t, "乡综治中心")
	tk := s.register(t, "路灯不亮")
	if tk.Status != todo || tk.StatusName != "待办" || len(tk.Log) != 1 || tk.Log[0].ToName != "待办" || tk.Log[0].From != "" {
		t.Fatalf("registered: %+v", tk)
	}
	if got := flow.Next(todo); len(got) != 2 || got[0].Code != moveTake || got[1].Code != moveNote {
		t.Fatalf("next from 待办: %+v", got)
	}
	before := s.st.VersionVector()
	_, err := s.move(tk.ID, moveDone, "张三")
	p := problem.As(err)
	for _, want := range []string{"工单" + tk.Number, "“待办”", "不能办结", "（改为“已办结”）", "须先接办", "审核人（不能是承办人）"} {
		if p.Code != caseflow.ErrTransition || !strings.Contains(p.Message, want) {
			t.Fatalf("refusal %q lacks %q (code %s)", p.Message, want, p.Code)
		}
	}
	if after := s.st.VersionVector(); after[s.st.Site().ID] != before[s.st.Site().ID] {
		t.Fatal("a refused move wrote a change")
	}
	if tk, err = s.move(tk.ID, moveTake, "张三"); err != nil || tk.Status != doing || tk.StatusName != "办理中" {
		t.Fatalf("take: %v %+v", err, tk)
	}
	if tk, err = s.move(tk.ID, moveNote, "李四"); err != nil || tk.Status != doing || tk.Log[2].To != "" || tk.Log[2].From != doing {
		t.Fatalf("note: %v %+v", err, tk)
	}
	// Separation of duties: who took the ticket may not close it; the
	// refusal is a field problem and writes nothing.
	if _, err = s.move(tk.ID, moveDone, "张三"); problem.As(err).Code != problem.CodeInvalid || !strings.Contains(err.Error(), "审核人不能是接办的人") {
		t.Fatalf("separation: %v", err)
	}
	if tk, err = s.move(tk.ID, moveDone, "王五"); err != nil || tk.Status != done {
		t.Fatalf("finish: %v %+v", err, tk)
	}
	_, err = s.move(tk.ID, moveNote, "王五")
	if p := problem.As(err); p.Code != caseflow.ErrTransition || !strings.Contains(p.Message, "已办结，不能再变更") {
		t.Fatalf("a final state: %+v", p)
	}
	got, err := tickets.Get(s.st, tk.ID)
	if err != nil || len(got.Log) != 4 || got.Log[3].Staff != "王五" || got.Log[3].ToName != "已办结" || got.Log[3].By != "乡综治中心" {
		t.Fatalf("read back: %v %+v", err, got.Log)
	}
	if _, err := tickets.Get(s.st, "no-such-id"); problem.As(err).Code != problem.CodeNotFound || !strings.Contains(err.Error(), "工单") {
		t.Fatalf("missing: %v", err)
	}
	if tr := flow.Transitions(); len(tr[todo]) != 1 || tr[todo][0] != doing || len(tr[done]) != 0 {
		t.Fatalf("transitions %v", tr)
	}
}

// A move reads the record inside the save that writes it: a move that
// landed meanwhile (another window, a sync import) is seen, not undone.
func TestMoveSeesWhatLandedMeanwhile(t *testing.T) {
	s := open(t, "乡综治中心")
	tk := s.register(t, "井盖缺失")
	stale := tk // what a second window shows
	if _, err := s.move(tk.ID, moveTake, "张三"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.move(stale.ID, moveTake, "李四"); problem.As(err).Code != caseflow.ErrTransition {
		t.Fatalf("a second take from a stale view: %v", err)
	}
	got, _ := tickets.Get(s.st, tk.ID)
	if len(got.Log) != 2 || got.Log[1].StaffID != "张三" {
		t.Fatalf("log %+v", got.Log)
	}
}

// Entries two sites add offline are both kept, in the same order at both.
func TestLogEntriesFromTwoSitesBothSurviveSync(t *testing.T) {
	a, b := open(t, "乡综治中心"), open(t, "村工作站")
	tk := a.register(t, "河道垃圾")
	testkit.Exchange(t, a.st, b.st)
	if _, err := a.move(tk.ID, moveNote, "乡里补充"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.move(tk.ID, moveTake, "村里接办"); err != nil {
		t.Fatal(err)
	}
	testkit.Exchange(t, a.st, b.st)
	testkit.Exchange(t, b.st, a.st)
	ga, _ := tickets.Get(a.st, tk.ID)
	gb, _ := tickets.Get(b.st, tk.ID)
	if len(ga.Log) != 3 || len(gb.Log) != 3 {
		t.Fatalf("logs after sync: %d and %d entries", len(ga.Log), len(gb.Log))
	}
	for i := range ga.Log {
		if ga.Log[i] != gb.Log[i] {
			t.Fatalf("entry %d differs: %+v vs %+v", i, ga.Log[i], gb.Log[i])
		}
	}
	if ga.Status != doing || gb.Status != doing {
		t.Fatalf("status %s / %s", ga.Status, gb.Status)
	}
}

func TestNumbersOnePatternNoGapsLegacyContinued(t *testing.T) {
	s := open(t, "乡综治中心")
	code := caseflow.SiteCode(s.st.Site())
	if n := s.register(t, "一").Number; n != "GD-2026-"+code+"-0001" {
		t.Fatalf("first number %s", n)
	}
	// A save that fails after taking a number leaves no gap.
	boom := errors.New("boom")
	_, err := s.st.Update("test", func(tx *store.Txn) error {
		if n := s.issuer.Issue(tx, "2026", nil); n != numbers.Format(code, "2026", 2) {
			t.Errorf("in the failed save: %s", n)
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if n := s.register(t, "二").Number; n != numbers.Format(code, "2026", 2) {
		t.Fatalf("after a failed save: %s", n)
	}
	// A batch in one save: the save remembers what it issued before the
	// index knows it; taken holds a sheet's own numbers.
	taken := map[string]bool{numbers.Format(code, "2026", 4): true}
	var got []string
	_, err = s.st.Update("test", func(tx *store.Txn) error {
		for range 3 {
			n := s.issuer.Issue(tx, "2026", taken)
			got = append(got, n)
			tk := ticket{ID: store.NewID(), Number: n, Status: todo}
			if err := tickets.PutNew(tx, tk.ID, &tk); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil || strings.Join(got, " ") != strings.Join([]string{numbers.Format(code, "2026", 3), numbers.Format(code, "2026", 5), numbers.Format(code, "2026", 6)}, " ") {
		t.Fatalf("batch: %v %v", err, got)
	}
	// Another year starts at 1; a fresh issuer over the same store
	// (the program restarted) continues where the index says.
	again := caseflow.NewIssuer(s.st, kind, numbers)
	_, err = s.st.Update("test", func(tx *store.Txn) error {
		if n := again.Issue(tx, "2027", nil); n != numbers.Format(code, "2027", 1) {
			t.Errorf("new year: %s", n)
		}
		if n := again.Issue(tx, "2026", nil); n != numbers.Format(code, "2026", 7) {
			t.Errorf("after a restart: %s", n)
		}
		return boom
	})
	// Numbers of the older pattern (<site>-<year>-<seq>) are continued.
	_, err = s.st.Update("test", func(tx *store.Txn) error {
		for i := 1; i <= 9; i++ {
			tk := ticket{ID: store.NewID(), Number: code + "-2025-000" + string(rune('0'+i)), Status: done}
			if err := tickets.PutNew(tx, tk.ID, &tk); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.st.Update("test", func(tx *store.Txn) error {
		if n := caseflow.NewIssuer(s.st, kind, numbers).Issue(tx, "2025", nil); n != numbers.Format(code, "2025", 10) {
			t.Errorf("after the legacy numbers: %s", n)
		}
		return boom
	})
}

// Two sites that issue the same number (the same site code drawn, or a
// sheet's own number imported at both) keep both records after sync;
// Clashes shows them to a person.
func TestClashesFoundAfterSync(t *testing.T) {
	a, b := open(t, "乡综治中心"), open(t, "村工作站")
	ta := a.register(t, "甲地")
	tb := ticket{ID: store.NewID(), Number: ta.Number, Title: "乙地", Status: todo}
	if _, err := b.st.Update("test", func(tx *store.Txn) error { return tickets.PutNew(tx, tb.ID, &tb) }); err != nil {
		t.Fatal(err)
	}
	if c := caseflow.Clashes(a.st, []caseflow.Numbered{{Kind: kind, What: "工单"}}); len(c) != 0 {
		t.Fatalf("clashes before sync: %+v", c)
	}
	testkit.Exchange(t, b.st, a.st)
	c := caseflow.Clashes(a.st, []caseflow.Numbered{{Kind: kind, What: "工单"}})
	if len(c) != 1 || c[0].Number != ta.Number || len(c[0].IDs) != 2 || c[0].What != "工单" || strings.Join(c[0].Names, "") == "" {
		t.Fatalf("clashes after sync: %+v", c)
	}
	// The next number issued at a does not take the clashing one again.
	if n := a.register(t, "丙地").Number; n == ta.Number {
		t.Fatalf("issued %s again", n)
	}
}
