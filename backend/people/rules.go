package people

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"zongzhi/backend/cadence"
	"zongzhi/backend/problem"
	"zongzhi/backend/record"
	"zongzhi/backend/store"
)

// KindCadenceRule is an office's change to the visit cadence: a shipped
// rule with another interval, or a rule for a category of its own. One
// record per rule key, so two sites changing the same rule meet as a
// conflict in the inbox rather than as two rules.
const KindCadenceRule = "cadence-rule"

// ruleEdit is the stored change.
type ruleEdit struct {
	Category   string           `json:"category"`
	Levels     []string         `json:"levels"`
	Every      cadence.Interval `json:"every"`
	MinPerYear int              `json:"minPerYear"`
	Added      bool             `json:"added"`   // not a shipped rule
	Removed    bool             `json:"removed"` // back to the shipped rule, or an added rule dropped
}

func ruleKey(category string, levels []string) string {
	return category + "|" + strings.Join(levels, ",")
}

func ruleIndexer(r *record.Record) (store.Row, error) {
	var e ruleEdit
	err := r.Decode(&e)
	row := store.Row{Category: e.Category, Status: "active"}
	if e.Removed {
		row.Status = "removed"
	}
	return row, err
}

// CadenceRule is one rule as the settings screen shows it.
type CadenceRule struct {
	Key          string           `json:"key"`
	Category     string           `json:"category"` // "" = any category, by 关注程度
	CategoryName string           `json:"categoryName"`
	Levels       []string         `json:"levels"`
	Every        cadence.Interval `json:"every"`
	MinPerYear   int              `json:"minPerYear"`
	Label        string           `json:"label"`
	Applies      string           `json:"applies"` // who the rule is for, e.g. 严重精神障碍3–5级
	// Shipped is the rule as shipped (nil for an office's own rule).
	Shipped *cadence.Rule `json:"shipped,omitempty"`
	Changed bool          `json:"changed"` // differs from what was shipped
}

// rules caches the cadence table in force; dropped when a rule changes.
type rules struct {
	mu    sync.Mutex
	table cadence.Table
	list  []CadenceRule
}

func (s *Service) dropRules() {
	s.rules.mu.Lock()
	s.rules.table, s.rules.list = nil, nil
	s.rules.mu.Unlock()
}

// cadenceTable is the visit cadence in force.
func (s *Service) cadenceTable() cadence.Table {
	s.rules.mu.Lock()
	defer s.rules.mu.Unlock()
	if s.rules.table == nil {
		s.rules.list = s.buildRules()
		s.rules.table = make(cadence.Table, 0, len(s.rules.list))
		for _, r := range s.rules.list {
			s.rules.table = append(s.rules.table, cadence.Rule{Category: r.Category, Levels: r.Levels, Every: r.Every, MinPerYear: r.MinPerYear, Label: r.Label})
		}
	}
	return s.rules.table
}

// CadenceRules lists the rules in force: shipped ones (changed or not),
// then the office's own.
func (s *Service) CadenceRules() []CadenceRule {
	s.cadenceTable()
	s.rules.mu.Lock()
	defer s.rules.mu.Unlock()
	return append([]CadenceRule(nil), s.rules.list...)
}

func (s *Service) buildRules() []CadenceRule {
	edits := map[string]ruleEdit{}
	var added []string
	for _, row := range s.Store.Rows(store.IndexKind, KindCadenceRule) {
		rec, err := s.Store.Get(KindCadenceRule, row.ID)
		if err != nil || rec.Deleted() {
			continue
		}
		var e ruleEdit
		if rec.Decode(&e) != nil || e.Removed {
			continue
		}
		k := ruleKey(e.Category, e.Levels)
		edits[k] = e
		if e.Added {
			added = append(added, k)
		}
	}
	var out []CadenceRule
	for _, d := range cadence.Defaults() {
		shipped := d
		r := CadenceRule{Key: ruleKey(d.Category, d.Levels), Category: d.Category, Levels: d.Levels, Every: d.Every,
			MinPerYear: d.MinPerYear, Label: d.Label, Shipped: &shipped}
		if e, ok := edits[r.Key]; ok && !e.Added && (e.Every != d.Every || e.MinPerYear != d.MinPerYear) {
			r.Every, r.MinPerYear, r.Changed = e.Every, e.MinPerYear, true
			r.Label = ruleLabel(strings.SplitN(d.Label, "：", 2)[0], e.Every, e.MinPerYear)
		}
		out = append(out, s.named(r))
	}
	// An office's own rules go before the 关注程度 catch-alls; For looks
	// for the category's own rules first anyway.
	var own []CadenceRule
	for _, k := range added {
		e := edits[k]
		r := CadenceRule{Key: k, Category: e.Category, Levels: e.Levels, Every: e.Every, MinPerYear: e.MinPerYear, Changed: true}
		r.Label = ruleLabel(s.Dict.Label(TableCategories, e.Category), e.Every, e.MinPerYear)
		own = append(own, s.named(r))
	}
	i := 0
	for i < len(out) && out[i].Category != "" {
		i++
	}
	return append(out[:i:i], append(own, out[i:]...)...)
}

func (s *Service) named(r CadenceRule) CadenceRule {
	r.Applies = strings.SplitN(r.Label, "：", 2)[0]
	if r.Category == "" {
		r.CategoryName = "其他类别（按关注程度）"
	} else {
		r.CategoryName = s.Dict.Label(TableCategories, r.Category)
	}
	return r
}

func ruleLabel(who string, every cadence.Interval, minPerYear int) string {
	l := who + "：" + every.String() + "至少1次"
	if minPerYear > 0 {
		l += fmt.Sprintf("，每年不少于%d次", minPerYear)
	}
	return l
}

// CadenceInput changes one rule: a shipped rule's interval (Reset puts
// it back), or an office's rule for a category that has none (Remove
// drops it).
type CadenceInput struct {
	Key        string           `json:"key,omitempty"` // an existing rule; empty to add one for Category
	Category   string           `json:"category,omitempty"`
	Every      cadence.Interval `json:"every"`
	MinPerYear int              `json:"minPerYear"`
	Reset      bool             `json:"reset,omitempty"`
}

// SaveCadenceRule records the change; due dates follow at once.
func (s *Service) SaveCadenceRule(in CadenceInput) (CadenceRule, error) {
	var cur *CadenceRule
	for _, r := range s.CadenceRules() {
		if in.Key != "" && r.Key == in.Key {
			r := r
			cur = &r
		}
	}
	var f problem.Fields
	e := ruleEdit{Every: in.Every, MinPerYear: in.MinPerYear}
	switch {
	case in.Key != "" && cur == nil:
		return CadenceRule{}, problem.NotFound("走访规则", in.Key)
	case cur != nil:
		e.Category, e.Levels, e.Added = cur.Category, cur.Levels, cur.Shipped == nil
		e.Removed = in.Reset
	default:
		e.Category, e.Added = in.Category, true
		s.Dict.Check(&f, "category", "人员类别", TableCategories, in.Category, "", true)
		for _, r := range s.CadenceRules() {
			if in.Category != "" && r.Category == in.Category {
				f.Add("category", "duplicate", fmt.Sprintf("%s已有走访规则，请修改原规则", r.CategoryName))
				break
			}
		}
	}
	if !e.Removed {
		checkInterval(&f, e.Every, e.MinPerYear)
	}
	if err := f.Err(); err != nil {
		return CadenceRule{}, err
	}
	key := ruleKey(e.Category, e.Levels)
	if err := s.Update(func(tx *store.Txn) error { return tx.Put(KindCadenceRule, "rule:"+key, e) }); err != nil {
		return CadenceRule{}, err
	}
	for _, r := range s.CadenceRules() {
		if r.Key == key {
			return r, nil
		}
	}
	if e.Removed {
		return CadenceRule{Key: key, Category: e.Category}, nil
	}
	return CadenceRule{}, errors.New("people: saved rule not in force")
}

func checkInterval(f *problem.Fields, every cadence.Interval, minPerYear int) {
	for _, m := range (cadence.Table{{Every: every, MinPerYear: minPerYear}}).Validate() {
		field := "every"
		if strings.Contains(m, "每年") {
			field = "minPerYear"
		}
		f.Add(field, "invalid", strings.TrimPrefix(m, "第1条规则："))
	}
}
