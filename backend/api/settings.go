package api

import (
	"zongzhi/backend/attach"
	"zongzhi/backend/dict"
	"zongzhi/backend/people"
	"zongzhi/backend/store"
)

// SettingsService is the admin's settings: the editable code tables and
// the visit cadence. Both are synced records, so every site of a sync
// group ends up with the same tables and rules.
type SettingsService struct {
	people *people.Service
}

// Tables lists the code tables an office may edit.
func (s *SettingsService) Tables() []dict.Table { return s.people.Dict.Tables() }

// Entries lists one table's entries, retired ones included.
func (s *SettingsService) Entries(table string) []dict.Entry { return s.people.Dict.Entries(table) }

// SaveEntry adds a local entry, renames, retires or restores one.
func (s *SettingsService) SaveEntry(in dict.EntryInput) (dict.Entry, error) {
	return s.people.Dict.Save(in)
}

// CadenceRules lists the visit cadence in force.
func (s *SettingsService) CadenceRules() []people.CadenceRule { return s.people.CadenceRules() }

// SaveCadenceRule changes, resets, adds or removes one rule.
func (s *SettingsService) SaveCadenceRule(in people.CadenceInput) (people.CadenceRule, error) {
	return s.people.SaveCadenceRule(in)
}

// PhotoService shows attached photos (a visit's now).
type PhotoService struct {
	store *store.Store
}

// Get returns a photo with its bytes (Missing when the record has
// synced but the bytes have not).
func (p *PhotoService) Get(id string) (attach.Photo, error) { return attach.Get(p.store, id) }
