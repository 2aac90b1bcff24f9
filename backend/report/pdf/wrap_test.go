package pdf

import (
	"math/rand"
	"strings"
	"testing"
	"zongzhi/backend/testkit"
)

// mono measures CJK as 2 units and everything else as 1.
func mono(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r >= 0x2E80 {
			w += 2
		} else {
			w++
		}
	}
	return w
}

func TestWrapRules(t *testing.T) {
	cases := []struct {
		name, in string
		width    float64
		want     []string
	}{
		{"cjk breaks anywhere", "平场子村第一网格", 8, []string{"平场子村", "第一网格"}},
		{"latin run kept whole", "电话13812345678号", 12, []string{"电话", "13812345678", "号"}},
		{"date kept whole", "自2024-03-05起", 11, []string{"自", "2024-03-05", "起"}},
		{"no closing punct at line start", "网格长，专职", 6, []string{"网格长，", "专职"}},
		{"no opening punct at line end", "张三（网格长）", 6, []string{"张三", "（网格", "长）"}},
		{"forced break", "第一行\n第二行", 20, []string{"第一行", "第二行"}},
		{"overlong run split", "ABCDEFGHIJ", 4, []string{"ABCD", "EFGH", "IJ"}},
		{"spaces at break dropped", "aaa bbb ccc", 7, []string{"aaa bbb", "ccc"}},
		{"empty", "", 5, []string{""}},
	}
	for _, c := range cases {
		got := Wrap(mono, c.in, c.width)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s: Wrap(%q, %v) = %q, want %q", c.name, c.in, c.width, got, c.want)
		}
	}
}

// Over thousands of random strings: no character lost or doubled, no
// line too wide (but a hanging closing mark), no line starting with a
// closing mark or ending with an opening one where avoidable.
func TestWrapKeepsEveryCharacter(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	alphabet := []string{"网", "格", "员", "张", "瞾", "䶮", "堃", "喆", "昇", "淼", "燚", "犇", "村", "社", "区",
		"a", "B", "7", "0", "-", ".", " ", " ", "，", "。", "、", "（", "）", "《", "》", "“", "”", "：", "\n", "1381234", "2024-03-05", "Wi-Fi"}
	for i := 0; i < 5000; i++ {
		var b strings.Builder
		for n := rng.Intn(80); n > 0; n-- {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		in := b.String()
		width := float64(4 + rng.Intn(30))
		lines := Wrap(mono, in, width)
		if testkit.Squeeze(strings.Join(lines, "")) != testkit.Squeeze(in) {
			t.Fatalf("Wrap(%q, %v) lost characters: %q", in, width, lines)
		}
		for _, l := range lines {
			// Only runs of punctuation may overflow (they hang or travel
			// with their word): the rest must fit.
			core := strings.TrimLeft(strings.TrimRight(l, noLineStart), noLineEnd)
			if mono(l) > width && mono(core) > width {
				t.Fatalf("Wrap(%q, %v): line %q is %v wide", in, width, l, mono(l))
			}
		}
	}
}
