package people

import (
	"encoding/json"
	"fmt"
	"sort"

	"zongzhi/backend/dict"
	"zongzhi/backend/idcard"
	"zongzhi/backend/problem"
	"zongzhi/backend/record"
	"zongzhi/backend/store"
)

// One person per ID number holds at each site, but two sites may register
// the same person before they sync. Such pairs are found, shown, and
// merged by a person — never merged silently, since the two records may
// each carry enrollments and visits, and a typo may make two people look
// like one.

// DuplicatePerson is one of the records sharing an ID number.
type DuplicatePerson struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	GridName    string `json:"gridName"`
	Phone       string `json:"phone"` // masked
	Enrollments int    `json:"enrollments"`
	Visits      int    `json:"visits"`
}

// DuplicateGroup is one ID number held by several person records.
type DuplicateGroup struct {
	IDMasked string            `json:"idMasked"`
	Persons  []DuplicatePerson `json:"persons"`
}

// Duplicates lists the ID numbers several live persons share.
func (s *Service) Duplicates() []DuplicateGroup {
	by := map[string][]*store.Row{}
	for _, r := range s.Store.Rows(store.IndexKind, KindPerson) {
		if r.Code != "" {
			by[r.Code] = append(by[r.Code], r)
		}
	}
	out := []DuplicateGroup{}
	for key, rows := range by {
		if len(rows) < 2 {
			continue
		}
		g := DuplicateGroup{IDMasked: idcard.MaskID(key)}
		for _, r := range rows {
			var p Person
			if s.Read(KindPerson, r.ID, "人员", &p) != nil {
				continue
			}
			d := DuplicatePerson{ID: p.ID, Name: p.Name, GridName: p.GridName, Phone: idcard.MaskPhone(p.Phone)}
			d.Enrollments = len(s.Store.Rows(store.IndexParent, KindEnrollment, p.ID))
			d.Visits = len(s.Store.Rows(store.IndexRef, KindVisit, p.ID))
			g.Persons = append(g.Persons, d)
		}
		sort.Slice(g.Persons, func(i, j int) bool { return g.Persons[i].ID < g.Persons[j].ID })
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].IDMasked < out[j].IDMasked })
	return out
}

// IncomingDuplicates names the persons a sync package would register a
// second time: a package record whose ID number a different person here
// (or in the same package) already has. For the sync preview.
func (s *Service) IncomingDuplicates(ops []record.Op) []string {
	type incoming struct{ id, number, name string }
	recs := map[string]*incoming{}
	var order []string
	for _, op := range ops {
		for _, w := range op.Writes {
			if w.Kind != KindPerson || (w.Field != "idNumber" && w.Field != "name") {
				continue
			}
			in := recs[w.ID]
			if in == nil {
				in = &incoming{id: w.ID}
				recs[w.ID] = in
				order = append(order, w.ID)
			}
			var v string
			json.Unmarshal(w.Value, &v)
			if w.Field == "idNumber" {
				in.number = v
			} else {
				in.name = v
			}
		}
	}
	var out []string
	seen := map[string]string{} // key → first incoming id
	for _, id := range order {
		in := recs[id]
		if in.number == "" {
			continue
		}
		key := idKey(in.number)
		name := in.name
		if name == "" {
			if r, ok := s.Store.Row(id); ok {
				name = r.Name
			}
		}
		clash := ""
		for _, r := range s.Store.Rows(store.IndexCode, KindPerson, key) {
			if r.ID != id {
				clash = r.Name
			}
		}
		if other, ok := seen[key]; ok && other != id && clash == "" {
			clash = recs[other].name
		}
		seen[key] = id
		if clash != "" {
			out = append(out, fmt.Sprintf("%s（%s，本机为%s）", name, idcard.MaskID(key), clash))
		}
	}
	return out
}

// MergeInput names the record to keep and the duplicate folded into it.
type MergeInput struct {
	Keep string `json:"keep"`
	Drop string `json:"drop"`
}

// MergePersons folds a duplicate registration into the kept one: its
// enrollments and visits move over (an active enrollment in a category
// the kept person also has is ended as 撤管 and its visits join the kept
// enrollment), empty fields of the kept person are filled from the
// duplicate, and the duplicate is marked merged and deleted. Nothing is
// lost: every moved record keeps its history.
func (s *Service) MergePersons(in MergeInput) (Person, error) {
	var keep, drop Person
	if err := s.Read(KindPerson, in.Keep, "人员", &keep); err != nil {
		return keep, err
	}
	if err := s.Read(KindPerson, in.Drop, "人员", &drop); err != nil {
		return keep, err
	}
	if keep.ID == drop.ID || idKey(keep.IDNumber) != idKey(drop.IDNumber) {
		return keep, problem.Conflict("not_duplicate", "两条记录的证件号码不同，不是同一人，不能合并")
	}
	fill := func(dst *string, src string) {
		if *dst == "" {
			*dst = src
		}
	}
	fill(&keep.Phone, drop.Phone)
	fill(&keep.Domicile, drop.Domicile)
	fill(&keep.Address, drop.Address)
	fill(&keep.Ethnicity, drop.Ethnicity)
	fill(&keep.EthnicName, drop.EthnicName)
	if drop.Note != "" && drop.Note != keep.Note {
		keep.Note = joinNote(keep.Note, drop.Note)
	}

	// The kept person's active enrollments by category.
	active := map[string]string{}
	for _, r := range s.Store.Rows(store.IndexParent, KindEnrollment, keep.ID) {
		if Active(r.Status) {
			active[r.Category] = r.ID
		}
	}
	today := s.Today()
	err := s.Update(func(tx *store.Txn) error {
		moveTo := map[string]string{} // dropped enrollment → kept enrollment
		for _, r := range s.Store.Rows(store.IndexParent, KindEnrollment, drop.ID) {
			var e Enrollment
			if err := s.Read(KindEnrollment, r.ID, "列管", &e); err != nil {
				return err
			}
			e.Person, e.PersonName, e.Grid = keep.ID, keep.Name, keep.Grid
			if into, ok := active[e.Category]; ok && Active(e.Status) {
				reason := "重复登记，走访记录已并入同类别在管记录"
				e.History = append(e.History, StatusChange{Date: today, From: e.Status, To: "5", Reason: reason, By: s.Author()})
				e.Status, e.StatusName, e.Ended, e.EndReason = "5", dict.Name(Statuses, "5"), today, reason
				moveTo[e.ID] = into
			} else if Active(e.Status) {
				active[e.Category] = e.ID
			}
			if err := tx.Put(KindEnrollment, e.ID, e); err != nil {
				return err
			}
		}
		for _, r := range s.Store.Rows(store.IndexRef, KindVisit, drop.ID) {
			var v Visit
			if err := s.Read(KindVisit, r.ID, "走访", &v); err != nil {
				return err
			}
			v.Person, v.Grid = keep.ID, keep.Grid
			if into, ok := moveTo[v.Enrollment]; ok {
				v.Enrollment = into
			}
			if err := tx.Put(KindVisit, v.ID, v); err != nil {
				return err
			}
		}
		if err := tx.Put(KindPerson, keep.ID, keep); err != nil {
			return err
		}
		drop.MergedInto = keep.ID
		if err := tx.Put(KindPerson, drop.ID, drop); err != nil {
			return err
		}
		return tx.Delete(KindPerson, drop.ID)
	})
	return keep, err
}

func joinNote(a, b string) string {
	if a == "" {
		return b
	}
	return a + "；" + b
}
