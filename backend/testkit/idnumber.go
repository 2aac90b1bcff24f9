package testkit

import "fmt"

// IDNumber is a valid 18-digit ID number of area 530521 for a birth date
// (YYYYMMDD) and a three-digit order code (odd: male). The check
// digit (GB 11643, MOD 11-2) is computed here, not by package idcard, so
// that tests of idcard's checks do not check idcard against itself.
func IDNumber(birth string, order int) string {
	body := fmt.Sprintf("530521%s%03d", birth, order)
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(body[i]-'0') * w
	}
	return body + string("10X98765432"[sum%11])
}
