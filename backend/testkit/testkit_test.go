package testkit_test

import (
	"testing"
	"time"

	"zongzhi/backend/idcard"
	"zongzhi/backend/testkit"
)

// The kit's ID numbers carry the check digit idcard computes and parse
// to the birth date and sex they were made for.
func TestIDNumber(t *testing.T) {
	for _, c := range []struct {
		birth string
		order int
		sex   string
	}{{"19800101", 123, "1"}, {"19760405", 124, "2"}, {"20120229", 7, "1"}} {
		n := testkit.IDNumber(c.birth, c.order)
		if n[17] != idcard.CheckDigit(n[:17]) {
			t.Errorf("%s: check digit %c, idcard says %c", n, n[17], idcard.CheckDigit(n[:17]))
		}
		info, err := idcard.Parse(n, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
		if err != nil || info.Birth != c.birth[:4]+"-"+c.birth[4:6]+"-"+c.birth[6:] || info.Sex != c.sex {
			t.Errorf("%s: %+v %v", n, info, err)
		}
	}
}
