package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"
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

// span is a token: para[start:end].
type span struct{ start, end int }

// tokens splits text into unbreakable units: a CJK character, a Latin or
// number run, one punctuation mark, one space, one newline. They are
// byte spans of text, so a line is always a substring: wrapping a
// 20,000-row ledger allocates no string per character.
func tokens(text string, out []span) []span {
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		j := i + size
		if isRunChar(r) {
			for j < len(text) {
				next, n := utf8.DecodeRuneInString(text[j:])
				if isRunChar(next) {
					j += n
					continue
				}
				if strings.ContainsRune(runJoiners, next) && j+n < len(text) {
					if after, _ := utf8.DecodeRuneInString(text[j+n:]); isRunChar(after) {
						j += n
						continue
					}
				}
				break
			}
		}
		out = append(out, span{i, j})
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
	var toks []span
	for {
		para, rest, more := strings.Cut(text, "\n")
		toks = tokens(para, toks[:0])
		lines = wrapPara(measure, para, toks, width, lines)
		if !more {
			return lines
		}
		text = rest
	}
}

// wrapPara appends the lines of para (split into toks) to lines. The
// tokens of a line are always consecutive, so a line is the substring from
// its first token's start to its last one's end.
func wrapPara(measure func(string) float64, para string, toks []span, width float64, lines []string) []string {
	first := len(lines)
	var cur []span // tokens of the current line
	curW := 0.0
	text := func(t span) string { return para[t.start:t.end] }
	flush := func() {
		for len(cur) > 0 && text(cur[len(cur)-1]) == " " {
			cur = cur[:len(cur)-1]
		}
		line := ""
		if len(cur) > 0 {
			line = para[cur[0].start:cur[len(cur)-1].end]
		}
		lines = append(lines, line)
		cur, curW = cur[:0], 0
	}
	for _, t := range toks {
		tok := text(t)
		w := measure(tok)
		if tok == " " && len(cur) == 0 && len(lines) > first {
			continue // a break swallows the spaces around it
		}
		if curW+w <= width {
			cur, curW = append(cur, t), curW+w
			continue
		}
		switch {
		case tok == " ":
			flush()
			continue
		case len(cur) > 0 && strings.Contains(noLineStart, tok) && curW <= width:
			// Hang one closing mark in the margin rather than start a line with it.
			cur, curW = append(cur, t), curW+w
			continue
		case len(cur) > 0 && strings.Contains(noLineStart, tok):
			// Already hanging: take the last word down with its marks.
			k := len(cur) - 1
			for k > 0 && strings.Contains(noLineStart, text(cur[k])) {
				k--
			}
			if k > 0 {
				moved := append(append([]span(nil), cur[k:]...), t)
				cur = cur[:k]
				flush()
				for _, m := range moved {
					cur, curW = append(cur, m), curW+measure(text(m))
				}
				continue
			}
		}
		// Pull trailing opening marks down with the token.
		var carry []span
		for len(cur) > 1 && strings.Contains(noLineEnd, text(cur[len(cur)-1])) {
			carry = append([]span{cur[len(cur)-1]}, carry...)
			cur = cur[:len(cur)-1]
		}
		if len(cur) > 0 {
			flush()
		}
		for _, c := range carry {
			cur, curW = append(cur, c), curW+measure(text(c))
		}
		if curW+w <= width {
			cur, curW = append(cur, t), curW+w
			continue
		}
		// A run wider than a line: break it by character.
		for i := t.start; i < t.end; {
			_, size := utf8.DecodeRuneInString(para[i:])
			c := span{i, i + size}
			rw := measure(text(c))
			if curW+rw > width && len(cur) > 0 {
				flush()
			}
			cur, curW = append(cur, c), curW+rw
			i += size
		}
	}
	if len(cur) > 0 || len(lines) == first {
		flush()
	}
	return lines
}
