package api_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"zongzhi/backend/api"
	"zongzhi/backend/dispute"
	"zongzhi/backend/grid"
	"zongzhi/backend/ledger"
	"zongzhi/backend/store"
	"zongzhi/backend/testkit"
)

// openLegacy opens a copy of the store written before the case-flow kernel
// (see testdata/store-2026-12.README).
func openLegacy(t *testing.T) (*api.Services, map[string]json.RawMessage) {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join("testdata", "store-2026-12")
	files, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(src, f.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f.Name()), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	st := testkit.Open(t, store.DefaultOptions(dir).WithMachine("legacy-writer"), api.Indexers())
	raw, err := os.ReadFile(filepath.Join("testdata", "store-2026-12.views.json"))
	if err != nil {
		t.Fatal(err)
	}
	var golden map[string]json.RawMessage
	if err := json.Unmarshal(raw, &golden); err != nil {
		t.Fatal(err)
	}
	return api.New(st, dir), golden
}

// comparable decodes a view's JSON, without what depends on today. Log
// entries are the kernel's now, which leaves out empty fields (a first
// entry's "from": ""): an empty field and a missing one read the same.
func comparable(t *testing.T, raw []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "overdue")
	delete(m, "overdueDays")
	for _, log := range []string{"log", "steps"} {
		entries, _ := m[log].([]any)
		for _, e := range entries {
			for k, v := range e.(map[string]any) {
				if v == "" {
					delete(e.(map[string]any), k)
				}
			}
		}
	}
	return m
}

func TestStoreWrittenBeforeTheKernelReadsTheSame(t *testing.T) {
	s, golden := openLegacy(t)
	if len(golden) != 15 {
		t.Fatalf("golden views: %d, want 15", len(golden))
	}
	for key, want := range golden {
		kind, id, _ := strings.Cut(key, "/")
		var got any
		var err error
		switch kind {
		case "ledger":
			got, err = s.Ledger.Get(id)
		case "dispute":
			got, err = s.Dispute.Get(id)
		}
		if err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		raw, _ := json.Marshal(got)
		if g, w := comparable(t, raw), comparable(t, want); !reflect.DeepEqual(g, w) {
			t.Errorf("%s reads differently now:\n got %s\nwant %s", key, raw, want)
		}
	}
}

// An old record moves on: its old log stays, the new entry follows it,
// and new numbers do not take an old one.
func TestStoreWrittenBeforeTheKernelMovesOn(t *testing.T) {
	s, golden := openLegacy(t)
	var ledgerID, disputeID string
	for key, raw := range golden {
		var v struct {
			Number string `json:"number"`
		}
		json.Unmarshal(raw, &v)
		kind, id, _ := strings.Cut(key, "/")
		if strings.HasSuffix(v.Number, "0003") {
			if kind == "ledger" {
				ledgerID = id
			} else {
				disputeID = id
			}
		}
	}
	before, err := s.Ledger.Get(ledgerID)
	if err != nil {
		t.Fatal(err)
	}
	staff := before.Steps[len(before.Steps)-1].StaffID // who asked for the extension
	approver := ""
	all, err := s.Grid.ListStaff(grid.StaffQuery{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range all {
		if r.ID != staff && r.ID != before.Dispatcher && r.ID != before.Reviewer {
			approver = r.ID
		}
	}
	if _, err := s.Ledger.Act(ledger.ActInput{ID: ledgerID, Action: ledger.ActExtendApprove, Staff: approver, Date: "2026-11-20"}); err != nil {
		t.Fatal(err)
	}
	it, err := s.Ledger.Get(ledgerID)
	if err != nil {
		t.Fatal(err)
	}
	if len(it.Steps) != len(before.Steps)+1 || it.Steps[len(it.Steps)-1].Action != ledger.ActExtendApprove || it.Deadline != "2026-12-31" {
		t.Fatalf("after the move: %d steps (was %d), deadline %s", len(it.Steps), len(before.Steps), it.Deadline)
	}
	d0, _ := s.Dispute.Get(disputeID)
	d, err := s.Dispute.Conclude(dispute.ResultInput{ID: disputeID, Date: "2026-11-20", Result: dispute.ResultSuccess, Agreement: "1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Log) != len(d0.Log)+1 || len(d.Records) != 2 || d.Status != dispute.StatusSucceeded {
		t.Fatalf("dispute after the move: %d log entries (was %d), %d records, %s", len(d.Log), len(d0.Log), len(d.Records), d.Status)
	}
	n, err := s.Dispute.Save(dispute.Input{Name: "新纠纷", Date: "2026-11-20", Place: "村口", Grid: d.Grid, Category: "02",
		Parties: []dispute.Party{{Name: "甲", Role: "1"}}, Description: "x"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(n.Number, "-0008") {
		t.Errorf("new dispute number %s, want the eighth of the year", n.Number)
	}
	ni, err := s.Ledger.Save(ledger.ItemInput{Source: "1", Category: "05", Place: "新地点", Grid: d.Grid, Found: "2026-11-20", Description: "x"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(ni.Number, "-0009") {
		t.Errorf("new item number %s, want the ninth of the year", ni.Number)
	}
}
