package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"zongzhi/backend/testkit"
)

func photoBytes(t *testing.T, w, h int, kind string) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 90, 255})
		}
	}
	var buf bytes.Buffer
	var err error
	if kind == "PNG" {
		err = png.Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Photos print after the table, six to a landscape page, each with its
// caption, counted in 第 X 页 共 Y 页; a broken one is named, not fatal.
func TestLedgerPrintsPhotosAfterTheTable(t *testing.T) {
	testkit.Tool(t, "pdfimages")
	l := Ledger{Title: "王五帮扶档案", Landscape: true, Columns: []Column{{Title: "序号"}, {Title: "现实表现"}},
		Rows: [][]string{{"1", "情绪稳定"}, {"2", "按时报到"}}}
	for i := 0; i < 7; i++ {
		kind := "JPG"
		if i%3 == 2 {
			kind = "PNG"
		}
		l.Photos = append(l.Photos, Photo{Caption: fmt.Sprintf("2026-11-%02d 入户 照片%d", i+1, i+1), Data: photoBytes(t, 160+i*40, 120, kind), Type: kind})
	}
	l.Photos = append(l.Photos, Photo{Caption: "坏照片", Data: []byte("not a jpeg"), Type: "JPG"})
	file, res := render(t, l)
	if dir := os.Getenv("ZONGZHI_ARTEFACTS"); dir != "" {
		exec.Command("pdftoppm", "-png", "-r", "50", "-f", "2", "-l", "2", file, filepath.Join(dir, "ledger-photos")).Run()
	}
	if res.Pages != 3 || testkit.PDFPages(t, file) != 3 {
		t.Fatalf("pages: result %d, file %d; want 1 table page + 2 photo pages", res.Pages, testkit.PDFPages(t, file))
	}
	text := testkit.Squeeze(testkit.PDFFileText(t, file))
	for _, want := range []string{"附：走访照片", "2026-11-01入户照片1", "2026-11-07入户照片7", "第3页共3页", "照片无法读取"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q not in the text", want)
		}
	}
	out, err := exec.Command("pdfimages", "-list", file).Output()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(strings.Split(strings.TrimSpace(string(out)), "\n")) - 2; n < 7 {
		t.Fatalf("%d images in the PDF, want 7:\n%s", n, out)
	}
	if len(res.Replaced) != 1 || !strings.Contains(res.Replaced[0], "坏照片") {
		t.Fatalf("warnings %v", res.Replaced)
	}
}
