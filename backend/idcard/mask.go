package idcard

import (
	"strings"
	"unicode/utf8"
)

// MaskID masks an identity number for lists and printouts, keeping the first
// 6 and the last 4 characters: 530521********1234, and for a 15-digit number
// 530521*****1234. The input is normalised first (spaces removed, x upper-
// cased). Inputs of 10 characters or fewer keep only a quarter at each end,
// so something is always hidden; it never panics.
func MaskID(number string) string {
	return maskKeep(Normalize(number), 6, 4)
}

// maskKeep keeps head and tail runes and stars the rest. Short strings keep
// a quarter of their length at each end instead.
func maskKeep(s string, head, tail int) string {
	r := []rune(s)
	n := len(r)
	if n == 0 {
		return ""
	}
	if n <= head+tail {
		head, tail = n/4, n/4
	}
	return string(r[:head]) + strings.Repeat("*", n-head-tail) + string(r[n-tail:])
}

// MaskPhone masks a phone number. A mobile number keeps 3 + **** + 4
// (138****5678; a +86/0086 prefix is kept as "+86 "). A landline keeps its
// area code and the last 4 digits of the local number (0871-***3210); an
// extension is kept. Anything else keeps a quarter at each end. It never
// panics.
func MaskPhone(phone string) string {
	s := strings.TrimSpace(phone)
	if s == "" {
		return ""
	}
	// Split into digit groups; remember whether anything other than digits
	// and ordinary separators appears.
	var groups []string
	var cur strings.Builder
	plus, other := false, false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			cur.WriteRune(r)
			continue
		case r >= '０' && r <= '９':
			cur.WriteByte(byte('0' + (r - '０')))
			continue
		case r == '+' || r == '＋':
			plus = true
		case strings.ContainsRune(" -()（）－—–\u3000.", r):
		default:
			other = true
		}
		if cur.Len() > 0 {
			groups = append(groups, cur.String())
			cur.Reset()
		}
	}
	if cur.Len() > 0 {
		groups = append(groups, cur.String())
	}
	if other || len(groups) == 0 {
		return maskQuarter(s)
	}
	all := strings.Join(groups, "")

	// Mobile: 1xxxxxxxxxx, optionally after 86 / 0086.
	country := ""
	mobile := all
	switch {
	case len(all) == 13 && strings.HasPrefix(all, "86"):
		country, mobile = "+86 ", all[2:]
	case len(all) == 15 && strings.HasPrefix(all, "0086"):
		country, mobile = "+86 ", all[4:]
	}
	if plus && country == "" {
		// A foreign or unusual international number.
		return maskQuarter(all)
	}
	if len(mobile) == 11 && mobile[0] == '1' {
		return country + mobile[:3] + "****" + mobile[7:]
	}

	// Landline with separators: area-local[-extension].
	if len(groups) >= 2 && groups[0][0] == '0' && len(groups[0]) >= 3 && len(groups[0]) <= 4 {
		out := groups[0] + "-" + maskLocal(groups[1])
		if len(groups) > 2 {
			out += "-" + strings.Join(groups[2:], "-")
		}
		return out
	}
	// Landline without separators: 010/02x have 3-digit area codes, others 4.
	if len(groups) == 1 && all[0] == '0' && len(all) >= 10 && len(all) <= 12 {
		area := 4
		if all[1] == '1' || all[1] == '2' {
			area = 3
		}
		return all[:area] + "-" + maskLocal(all[area:])
	}
	// Local number without area code.
	if len(groups) == 1 && (len(all) == 7 || len(all) == 8) {
		return maskLocal(all)
	}
	return maskQuarter(all)
}

// maskLocal keeps the last 4 digits of a local number.
func maskLocal(s string) string {
	n := utf8.RuneCountInString(s)
	if n <= 4 {
		return strings.Repeat("*", n)
	}
	return strings.Repeat("*", n-4) + s[len(s)-4:]
}

// maskQuarter keeps a quarter of the runes at each end.
func maskQuarter(s string) string {
	n := utf8.RuneCountInString(s)
	return maskKeep(s, n/4, n/4)
}
