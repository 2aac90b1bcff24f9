package pdf

import (
	"strings"
	"unicode"
)

// Line-start and line-end prohibitions (禁则): closing punctuation never
// starts a line, opening punctuation never ends one.
const (
	noLineStart = "，。、；：？！）》」』】〕〉”’…—～·%‰,.;:?!)]}"
	noLineEnd   = "（《「『【〔〈“‘([{"
)

// runJoiners may sit inside a Latin/number run without splitting it:
// 2024-03-05, 0871-6543210, v1.2, a@b, 50%.
const runJoiners = "-./:@_+#%&'"

func isRunChar(r rune) bool {
	return r < 0x2E80 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// tokens splits text into unbreakable units: a CJK character, a Latin or
// number run, one punctuation mark, one space, one newline.
func tokens(text string) []string {
	var out []string
	rs := []rune(text)
	for i := 0; i < len(rs); {
		j := i + 1
		if isRunChar(rs[i]) {
			for j < len(rs) && (isRunChar(rs[j]) || (strings.ContainsRune(runJoiners, rs[j]) && j+1 < len(rs) && isRunChar(rs[j+1]))) {
				j++
			}
		}
		out = append(out, string(rs[i:j]))
		i = j
	}
	return out
}

// Wrap breaks text into lines no wider than width as measured by measure:
// between CJK characters, never inside a Latin/number run unless the run
// alone is wider than a line, with closing punctuation kept off line
// starts and opening punctuation off line ends. "\n" forces a break.
// Spaces at a break are dropped; no other character is ever dropped or
// doubled (gofpdf's SplitText loses one CJK character per break).
func Wrap(measure func(string) float64, text string, width float64) []string {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		lines = append(lines, wrapPara(measure, para, width)...)
	}
	return lines
}

func wrapPara(measure func(string) float64, para string, width float64) []string {
	var lines []string
	var cur []string // tokens of the current line
	curW := 0.0
	flush := func() {
		for len(cur) > 0 && cur[len(cur)-1] == " " {
			cur = cur[:len(cur)-1]
		}
		lines = append(lines, strings.Join(cur, ""))
		cur, curW = nil, 0
	}
	for _, tok := range tokens(para) {
		w := measure(tok)
		if tok == " " && len(cur) == 0 && len(lines) > 0 {
			continue // a break swallows the spaces around it
		}
		if curW+w <= width {
			cur, curW = append(cur, tok), curW+w
			continue
		}
		switch {
		case tok == " ":
			flush()
			continue
		case len(cur) > 0 && strings.Contains(noLineStart, tok) && curW <= width:
			// Hang one closing mark in the margin rather than start a line with it.
			cur, curW = append(cur, tok), curW+w
			continue
		case len(cur) > 0 && strings.Contains(noLineStart, tok):
			// Already hanging: take the last word down with its marks.
			k := len(cur) - 1
			for k > 0 && strings.Contains(noLineStart, cur[k]) {
				k--
			}
			if k > 0 {
				moved := append(append([]string(nil), cur[k:]...), tok)
				cur = cur[:k]
				flush()
				for _, m := range moved {
					cur, curW = append(cur, m), curW+measure(m)
				}
				continue
			}
		}
		// Pull trailing opening marks down with the token.
		var carry []string
		for len(cur) > 1 && strings.Contains(noLineEnd, cur[len(cur)-1]) {
			carry = append([]string{cur[len(cur)-1]}, carry...)
			cur = cur[:len(cur)-1]
		}
		if len(cur) > 0 {
			flush()
		}
		for _, c := range carry {
			cur, curW = append(cur, c), curW+measure(c)
		}
		if curW+w <= width {
			cur, curW = append(cur, tok), curW+w
			continue
		}
		// A run wider than a line: break it by character.
		for _, r := range tok {
			rw := measure(string(r))
			if curW+rw > width && len(cur) > 0 {
				flush()
			}
			cur, curW = append(cur, string(r)), curW+rw
		}
	}
	if len(cur) > 0 || len(lines) == 0 {
		flush()
	}
	return lines
}
