package pdf

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"zongzhi/backend/testkit"
)

type renderer interface {
	Render(ctx context.Context, w io.Writer) (Result, error)
}

// renderFile renders doc to a temporary PDF; with ZONGZHI_ARTEFACTS set
// it also keeps the PDF and a PNG of page 1 there under name.
func renderFile(t *testing.T, doc renderer, name string) (string, Result) {
	t.Helper()
	var buf bytes.Buffer
	res, err := doc.Render(context.Background(), &buf)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), name+".pdf")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %d pages, %d bytes", name, res.Pages, buf.Len())
	if dir := os.Getenv("ZONGZHI_ARTEFACTS"); dir != "" {
		testkit.Tool(t, "pdftoppm")
		os.MkdirAll(dir, 0o755)
		os.WriteFile(filepath.Join(dir, name+".pdf"), buf.Bytes(), 0o644)
		if out, err := exec.Command("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", file, filepath.Join(dir, name)).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v %s", err, out)
		}
	}
	return file, res
}

func sampleMinutes() Minutes {
	return Minutes{
		Title:    "青石镇党政联席会议纪要",
		Sequence: "〔2024〕第 12 期",
		Issuer:   "中共青石镇委员会办公室",
		Date:     "2024年3月15日",
		Fields: []Field{
			{"时间", "2024年3月14日（星期四）下午2:30"},
			{"地点", "镇政府三楼会议室"},
			{"主持人", "王嵘（镇党委书记）"},
			{"出席人员", "李喆、张堃、刘琍、陈昇、赵赟、周淼、吴犇、郑鑫、孙垚、欧阳建国、司马晓东、上官婉清、诸葛明远、" +
				"杨晓燕、黄志强、各村（社区）党组织书记、镇属各站所负责人"},
			{"列席人员", "县农业农村局驻镇工作组、镇纪委派驻监督员"},
			{"请假人员", "钱翯（外出学习）、罗永康（因病）"},
			{"记录人", "冯燚"},
		},
		Sections: []Section{{Heading: "会议议定事项", Paragraphs: []string{
			"一、会议听取了镇农业综合服务中心关于春耕备耕工作的汇报。会议要求，各村（社区）要抓紧做好高标准农田灌溉设施检修，确保4月10日前全部完成；农资储备要做到“量足、质优、价稳”，严厉打击假冒伪劣农资。",
			"二、会议研究部署了农村人居环境整治“百日攻坚”行动。明确由分管领导张堃同志牵头，镇生态环境办具体负责，3月底前完成村道两侧、河道沟渠垃圾集中清运，建立“村收集、镇转运、县处理”长效机制，所需经费从镇级财政预算中统筹解决。",
			"三、会议审议通过了《青石镇2024年安全生产隐患排查整治工作方案》。要求各站所对照问题清单建立整改台账，实行销号管理，整改情况每周五前报镇应急管理办公室汇总。",
			"四、会议强调，要进一步规范信访件办理流程，对超期件逐件过堂，由包案领导负责，确保按期办结率达到100%。",
		}}},
		CopyTo:    "县委办公室，县政府办公室，县农业农村局，县生态环境局，镇党委、政府领导班子成员，各村（社区），镇属各站所。",
		PrintedBy: "中共青石镇委员会办公室",
		PrintedOn: "2024年3月15日印发",
	}
}

func runes(parts ...string) map[rune]int {
	m := map[rune]int{}
	for _, p := range parts {
		for _, r := range testkit.Squeeze(p) {
			m[r]++
		}
	}
	return m
}

// minutesText is every character the minutes print, but the page numbers.
func minutesText(m Minutes) []string {
	parts := []string{m.Title, m.Sequence, m.Issuer, m.Date, "抄送：", m.CopyTo, m.PrintedBy, m.PrintedOn}
	for _, f := range m.Fields {
		parts = append(parts, f.Label, "：", f.Value)
	}
	for _, s := range m.Sections {
		parts = append(append(parts, s.Heading), s.Paragraphs...)
	}
	return parts
}

// sameRunes fails unless the PDF text holds exactly the characters of
// parts: none dropped, none doubled, nothing else.
func sameRunes(t *testing.T, text string, parts ...string) {
	t.Helper()
	want, have := runes(parts...), runes(text)
	if maps.Equal(want, have) {
		return
	}
	for r, n := range want {
		if have[r] != n {
			t.Errorf("%q: %d in the input, %d in the PDF", r, n, have[r])
		}
	}
	for r, n := range have {
		if want[r] == 0 {
			t.Errorf("%q: not in the input, %d in the PDF", r, n)
		}
	}
}

var folio = regexp.MustCompile(`—\d+—`)

func TestMinutesSample(t *testing.T) {
	m := sampleMinutes()
	file, res := renderFile(t, m, "minutes-sample")
	if res.Pages != 1 || testkit.PDFPages(t, file) != 1 || len(res.Replaced) != 0 {
		t.Fatalf("pages %d, replaced %q", res.Pages, res.Replaced)
	}
	text := testkit.PDFFileText(t, file)
	sameRunes(t, text, append(minutesText(m), "—1—")...)
	flat := testkit.Squeeze(text)
	for _, s := range append(minutesText(m), "—1—") {
		if !strings.Contains(flat, testkit.Squeeze(s)) {
			t.Errorf("%q not found in one piece", s)
		}
	}
	if st, _ := os.Stat(file); st.Size() > 150<<10 {
		t.Errorf("a one-page minutes PDF is %d bytes", st.Size())
	}
}

// word is a word of pdftotext -bbox output, in points.
type word struct {
	xMin, yMin, xMax float64
	text             string
}

var wordRe = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>`)

func words(t *testing.T, file string) []word {
	out := testkit.PDFFileText(t, file, "-bbox")
	var ws []word
	for _, m := range wordRe.FindAllStringSubmatch(out, -1) {
		x0, _ := strconv.ParseFloat(m[1], 64)
		y0, _ := strconv.ParseFloat(m[2], 64)
		x1, _ := strconv.ParseFloat(m[3], 64)
		ws = append(ws, word{x0, y0, x1, m[4]})
	}
	return ws
}

// lines groups words by baseline, left to right.
func lines(ws []word) [][]word {
	var out [][]word
	for _, w := range ws {
		if n := len(out); n > 0 && abs(out[n-1][0].yMin-w.yMin) < 1 {
			out[n-1] = append(out[n-1], w)
			continue
		}
		out = append(out, []word{w})
	}
	return out
}

func abs(x float64) float64 { return max(x, -x) }

// Labels are spread to one width, values start at one x, and wrapped
// values continue under their first character.
func TestMinutesFieldsAlign(t *testing.T) {
	m := sampleMinutes()
	file, _ := renderFile(t, m, "minutes-align")
	ls := lines(words(t, file))
	mm := 72 / 25.4
	left, right := formalLeft*mm, (formalLeft+formalWidth)*mm
	var valueX []float64
	wrapped := 0
	for _, l := range ls {
		first := l[0].text
		switch {
		case strings.HasPrefix(first, "时") || strings.HasPrefix(first, "主") || strings.HasPrefix(first, "出席") || strings.HasPrefix(first, "记"):
			if abs(l[0].xMin-left) > 0.5 {
				t.Errorf("label %q starts at %.1f, not %.1f", first, l[0].xMin, left)
			}
			// Spread labels come out as words; the value is the word
			// after the one ending with the colon.
			colon := -1
			for i, w := range l {
				if strings.HasSuffix(w.text, "：") {
					colon = i
					break
				}
			}
			if colon < 0 || colon == len(l)-1 {
				t.Errorf("label and value not apart: %q", wordTexts(l))
				continue
			}
			valueX = append(valueX, l[colon+1].xMin)
		case l[0].xMin > left+5*mm && strings.Contains(m.Fields[3].Value, first):
			wrapped++
			valueX = append(valueX, l[0].xMin)
		}
		if l[len(l)-1].xMax > right+1 {
			t.Errorf("line %q runs past the type area: %.1f > %.1f", wordTexts(l), l[len(l)-1].xMax, right)
		}
	}
	if wrapped == 0 || len(valueX) < 5 {
		t.Fatalf("found %d value starts, %d wrapped lines", len(valueX), wrapped)
	}
	for _, x := range valueX {
		if abs(x-valueX[0]) > 0.5 {
			t.Errorf("value starts differ: %v", valueX)
			break
		}
	}
}

func wordTexts(l []word) []string {
	var s []string
	for _, w := range l {
		s = append(s, w.text)
	}
	return s
}

// contentStreams returns the inflated streams of a PDF.
func contentStreams(t *testing.T, file string) string {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, m := range regexp.MustCompile(`(?s)stream\r?\n(.*?)endstream`).FindAllSubmatch(data, -1) {
		zr, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue
		}
		out, _ := io.ReadAll(zr)
		if bytes.Contains(out, []byte(" Td ")) {
			b.Write(out)
		}
	}
	return b.String()
}

// Body lines are stretched with character spacing (Tc) to end on the
// right edge of the type area; last lines are not; the text still comes
// out whole and in order.
func TestMinutesJustifiesWithCharacterSpacing(t *testing.T) {
	m := sampleMinutes()
	m.Sections[0].Paragraphs = append(m.Sections[0].Paragraphs,
		"五、会议要求，各村（社区）要对照Wi-Fi全覆盖、12345热线转办件和2024-03-05专项督查反馈的问题逐项整改，整改情况于月底前书面报送镇党政办。")
	file, _ := renderFile(t, m, "minutes-justify")
	stream := contentStreams(t, file)
	set := regexp.MustCompile(`(-?[\d.]+) Tc`).FindAllStringSubmatch(stream, -1)
	nonzero := 0
	for _, s := range set {
		if v, _ := strconv.ParseFloat(s[1], 64); v != 0 {
			nonzero++
		}
	}
	// Four spread labels (时间, 地点, 主持人, 记录人) and the body lines
	// that do not fill the measure with whole characters: those holding
	// digits or Latin. Lines that fill it exactly need no spacing.
	if nonzero < 4+3 || len(set) != 2*nonzero {
		t.Fatalf("%d Tc operators, %d not zero", len(set), nonzero)
	}
	flat := testkit.Squeeze(testkit.PDFFileText(t, file))
	for _, p := range m.Sections[0].Paragraphs {
		if !strings.Contains(flat, testkit.Squeeze(p)) {
			t.Errorf("paragraph not found whole and in order: %q", p)
		}
	}
	mm := 72 / 25.4
	right := (formalLeft + formalWidth) * mm
	full, short := 0, 0
	for _, l := range lines(words(t, file)) {
		text := strings.Join(wordTexts(l), "")
		for _, p := range m.Sections[0].Paragraphs {
			if !strings.Contains(p, text) || len([]rune(text)) < 5 {
				continue
			}
			if strings.HasSuffix(p, text) {
				// A paragraph's last line is not stretched, but a
				// hanging mark is squeezed in.
				if end := l[len(l)-1].xMax; end > right+1.5 {
					t.Errorf("last line %q runs to %.1f", text, end)
				} else if end < right-5*mm {
					short++
				}
			} else {
				full++
				if end := l[len(l)-1].xMax; abs(end-right) > 1.5 {
					t.Errorf("line %q ends at %.1f, not %.1f", text, end, right)
				}
			}
			break
		}
	}
	if full < 8 || short < 3 {
		t.Fatalf("%d justified lines and %d last lines found", full, short)
	}
}

// A long body flows over pages: every page numbered, the paragraphs in
// order, the 抄送/印发 block on the last page only.
func TestMinutesFlowAcrossPages(t *testing.T) {
	m := sampleMinutes()
	base := m.Sections[0].Paragraphs
	m.Sections = append(m.Sections, Section{Heading: "其他事项"})
	for i := 0; i < 40; i++ {
		m.Sections[1].Paragraphs = append(m.Sections[1].Paragraphs, fmt.Sprintf("（%d）%s", i+1, base[i%len(base)][len("一、"):]))
	}
	var progress []int
	m.Progress = func(done, total int) { progress = append(progress, done) }
	file, res := renderFile(t, m, "minutes-long")
	n := testkit.PDFPages(t, file)
	if n < 2 || n != res.Pages {
		t.Fatalf("pages: result %d, pdfinfo %d", res.Pages, n)
	}
	if len(progress) < 40 || progress[len(progress)-1] != 45 {
		t.Errorf("progress %v", progress)
	}
	var all string
	for p := 1; p <= n; p++ {
		page := testkit.Squeeze(testkit.PDFFileText(t, file, "-f", fmt.Sprint(p), "-l", fmt.Sprint(p)))
		if !strings.Contains(page, fmt.Sprintf("—%d—", p)) {
			t.Errorf("page %d lacks its number", p)
		}
		if got := strings.Contains(page, "抄送：") && strings.Contains(page, m.PrintedOn); got != (p == n) {
			t.Errorf("page %d: 抄送/印发 block present=%v", p, got)
		}
		all += folio.ReplaceAllString(page, "")
	}
	sameRunes(t, all, minutesText(m)...)
	at := 0
	for _, s := range m.Sections {
		for _, p := range s.Paragraphs {
			i := strings.Index(all[at:], testkit.Squeeze(p))
			if i < 0 {
				t.Fatalf("paragraph missing or out of order: %q", p)
			}
			at += i + len(testkit.Squeeze(p))
		}
	}
}

func TestMinutesReplacesWhatTheFontCannotDraw(t *testing.T) {
	m := sampleMinutes()
	m.Fields[6].Value = "冯𫖮"
	m.Sections[0].Paragraphs[0] = "一、\uF949同志发言😀。"
	file, res := renderFile(t, m, "minutes-rare")
	if len(res.Replaced) != 3 || !strings.Contains(res.Replaced[0], "记录人") || !strings.Contains(res.Replaced[0], "𫖮") ||
		!strings.Contains(res.Replaced[1], "U+F949") {
		t.Fatalf("replaced %q", res.Replaced)
	}
	text := testkit.Squeeze(testkit.PDFFileText(t, file))
	if !strings.Contains(text, "冯"+Placeholder) || !strings.Contains(text, "一、"+Placeholder+"同志发言"+Placeholder+"。") {
		t.Fatalf("placeholders missing: %s", text)
	}
}

// The serif face lacks some compatibility ideographs the sans face has:
// each face checks its own map.
func TestFacesCheckTheirOwnGlyphs(t *testing.T) {
	if !sans.drawable('\uF949') || serif.drawable('\uF949') {
		t.Fatal("U+F949: sans should draw it, serif should not")
	}
	for _, r := range "青石镇喆堃燚犇〔〕—□" {
		if !sans.drawable(r) || !serif.drawable(r) {
			t.Errorf("%q not drawable in both faces", r)
		}
	}
}

func TestMinutesRenderIsCancellable(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := sampleMinutes().Render(ctx, &bytes.Buffer{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if _, err := (Certificate{Title: "证明"}).Render(ctx, &bytes.Buffer{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
}

func sampleCertificate() Certificate {
	return Certificate{
		Title:  "志愿服务证明",
		Number: "QSZ-2024-000318",
		Body: []string{
			"兹证明，张堃（身份证号码：530521199003151234）为青石镇新时代文明实践所注册志愿者。截至2024年3月15日，在本组织记录的志愿服务时间累计为126.5小时，主要参与了社区治安巡逻、矛盾纠纷调解和关爱留守儿童等志愿服务项目。具体情况如下：",
		},
		Closing: "特此证明。",
		Rows: []Field{
			{"姓名", "张堃"}, {"身份证号", "530521199003151234"}, {"注册编号", "ZY5305212019000123"},
			{"服务时长", "126.5小时"}, {"服务期间", "2021年5月1日至2024年3月15日"},
			{"服务项目", "社区治安巡逻（48小时）、矛盾纠纷调解（39.5小时）、关爱留守儿童（39小时）"},
		},
		Issuer:  "青石镇新时代文明实践所",
		Contact: "联系人：李梅　联系电话：0871-6543210",
		Date:    "2024年3月15日",
	}
}

func TestCertificateRoundTrip(t *testing.T) {
	c := sampleCertificate()
	file, res := renderFile(t, c, "certificate-sample")
	if res.Pages != 1 || testkit.PDFPages(t, file) != 1 || len(res.Replaced) != 0 {
		t.Fatalf("pages %d, replaced %q", res.Pages, res.Replaced)
	}
	parts := []string{c.Title, "编号：", c.Number, c.Closing, c.Issuer, "（盖章）", c.Contact, c.Date}
	parts = append(parts, c.Body...)
	for _, r := range c.Rows {
		parts = append(parts, r.Label, r.Value)
	}
	text := testkit.PDFFileText(t, file)
	sameRunes(t, text, parts...)
	flat := testkit.Squeeze(text)
	for _, s := range append(c.Body, c.Number, c.Issuer+"（盖章）", c.Date) {
		if !strings.Contains(flat, testkit.Squeeze(s)) {
			t.Errorf("%q not found whole", s)
		}
	}
}

func TestFormalEmptyDocuments(t *testing.T) {
	for _, doc := range []renderer{Minutes{}, Certificate{}, Minutes{Title: "纪要", CopyTo: "各村（社区）。"}} {
		res, err := doc.Render(context.Background(), &bytes.Buffer{})
		if err != nil || res.Pages != 1 {
			t.Fatalf("%T: pages %d, err %v", doc, res.Pages, err)
		}
	}
}
