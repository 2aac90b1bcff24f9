package api

import (
	"zongzhi/backend/attach"
	"zongzhi/backend/dict"
	"zongzhi/backend/people"
	"zongzhi/backend/store"
	"zongzhi/backend/workday"
)

// SettingsService is the admin's settings: the editable code tables, the
// visit cadence and the working-day calendar. All are synced records, so
// every site of a sync group ends up with the same tables, rules and
// holidays.
type SettingsService struct {
	people   *people.Service
	workdays *workday.Service
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

// WorkdayYears lists the 放假调休 schedules in force, oldest first.
func (s *SettingsService) WorkdayYears() []workday.Year { return s.workdays.Years() }

// SaveWorkdayYear enters or changes one year's schedule.
func (s *SettingsService) SaveWorkdayYear(in workday.Year) (workday.Year, error) {
	return s.workdays.SaveYear(in)
}

// ResetWorkdayYear drops the office's schedule for a year and reports
// whether the year is still in the calendar: true when a shipped year is
// back to what was shipped, false when the year is gone (deadlines in it
// are then reckoned Monday–Friday, with a warning).
func (s *SettingsService) ResetWorkdayYear(year int) (bool, error) {
	if err := s.workdays.ResetYear(year); err != nil {
		return false, err
	}
	return s.workdays.Calendar().Known(year), nil
}

// PhotoService shows attached photos (a visit's now).
type PhotoService struct {
	store *store.Store
}

// Get returns a photo with its bytes (Missing when the record has
// synced but the bytes have not).
func (p *PhotoService) Get(id string) (attach.Photo, error) { return attach.Get(p.store, id) }
