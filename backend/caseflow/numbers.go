package caseflow

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"zongzhi/backend/store"
)

// Numbers issues an area's readable numbers, one pattern for every area:
//
//	<prefix>-<year>-<site code>-<sequence>   e.g. ZG-2026-K7QM-0042
//
// The prefix names the area (ZG 整改, JF 纠纷, HY 会议 …), the year is the
// record's own (its registration date), the site code the issuing site's,
// and the sequence counts that site's numbers of the year from 1, four
// digits at least. Sites number offline on their own, so the site code
// is what keeps two sites apart; two sites that drew the same code still
// collide, and Clashes finds every such number after sync.
type Numbers struct {
	Prefix string
	// Legacy is the prefix of an older pattern of the same area (the
	// sequence follows it, four digits): the sequence continues after the
	// numbers issued in it. nil when there was none.
	Legacy func(site, year string) string
}

// Format is the number of a site's n-th record of a year.
func (n Numbers) Format(site, year string, seq int) string {
	return fmt.Sprintf("%s-%s-%s-%04d", n.Prefix, year, site, seq)
}

// Issuer hands out an area's numbers at one store. The highest number
// committed per year is found once in the index and then kept; each
// number is checked against the index, so a save that failed leaves no
// gap and a save that succeeded is never issued again.
type Issuer struct {
	Numbers
	Kind  string // the kind whose index rows carry the numbers (Row.Code)
	store *store.Store

	mu   sync.Mutex
	last map[string]int // per year: highest sequence known committed
}

// NewIssuer returns the issuer of kind's numbers at st.
func NewIssuer(st *store.Store, kind string, n Numbers) *Issuer {
	return &Issuer{Numbers: n, Kind: kind, store: st, last: map[string]int{}}
}

// SiteCode is the code a site's numbers carry.
func SiteCode(site store.Site) string {
	if site.Code != "" {
		return site.Code
	}
	return strings.ToUpper(site.ID[:4])
}

// Issue gives the next number of year inside the save tx (the store runs
// one save at a time, so two saves never take the same one, and the save
// remembers what it issued before the index knows it). taken holds
// numbers reserved elsewhere (a sheet's own numbers): they are skipped.
func (is *Issuer) Issue(tx *store.Txn, year string, taken map[string]bool) string {
	issued := tx.Memo("caseflow.numbers/" + is.Kind)
	is.mu.Lock()
	defer is.mu.Unlock()
	site := SiteCode(is.store.Site())
	last, ok := is.last[year]
	if !ok {
		last = is.highest(site, year)
	}
	for n := last + 1; ; n++ {
		number := is.Format(site, year, n)
		if taken[number] || issued[number] {
			continue
		}
		if is.used(number) || (is.Legacy != nil && is.used(fmt.Sprintf("%s%04d", is.Legacy(site, year), n))) {
			last = n // committed: never look at it again
			continue
		}
		is.last[year] = last
		issued[number] = true
		return number
	}
}

func (is *Issuer) used(number string) bool {
	return len(is.store.Rows(store.IndexCode, is.Kind, number)) > 0
}

// highest is the highest sequence of site and year in the index, in this
// pattern or the legacy one.
func (is *Issuer) highest(site, year string) int {
	max := 0
	scan := func(prefix string) {
		for _, r := range is.store.Rows(store.IndexCode+"_prefix", is.Kind, prefix) {
			if n, err := strconv.Atoi(strings.TrimPrefix(r.Code, prefix)); err == nil && n > max {
				max = n
			}
		}
	}
	scan(fmt.Sprintf("%s-%s-%s-", is.Prefix, year, site))
	if is.Legacy != nil {
		scan(is.Legacy(site, year))
	}
	return max
}
