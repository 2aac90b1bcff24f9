package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"regexp"
	"testing"
	"zongzhi/backend/testkit"

	"github.com/jung-kurt/gofpdf"
)

// The patched gofpdf (backend/third_party/gofpdf) refuses what a streamed
// document cannot do instead of writing a broken file.
func TestStreamedDocumentRefusesGoingBack(t *testing.T) {
	for name, act := range map[string]func(f *gofpdf.Fpdf){
		"SetPage":       func(f *gofpdf.Fpdf) { f.SetPage(1) },
		"SetProtection": func(f *gofpdf.Fpdf) { f.SetProtection(0, "u", "o") },
		"AliasNbPages":  func(f *gofpdf.Fpdf) { f.AliasNbPages(""); f.AddPage() },
	} {
		var buf bytes.Buffer
		f := gofpdf.New("P", "mm", "A4", "")
		f.SetStreamOutput(&buf)
		f.AddPage()
		f.AddPage() // page 1 is written now
		act(f)
		if err := f.Output(&buf); err == nil {
			t.Errorf("%s after a page was streamed: no error", name)
		}
	}
}

// A photo with transparency, printed after the table pages went out,
// raises the document's PDF version in the catalog (the header is
// already written); pdfinfo reads it.
func TestStreamedLedgerRaisesVersionForTransparentPhoto(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 40, 30))
	for y := 0; y < 30; y++ {
		for x := 0; x < 40; x++ {
			img.Set(x, y, color.NRGBA{uint8(x * 6), uint8(y * 8), 100, uint8(x * 6)})
		}
	}
	var pb bytes.Buffer
	if err := png.Encode(&pb, img); err != nil {
		t.Fatal(err)
	}
	l := Ledger{Title: "台账", Columns: []Column{{Title: "序号"}, {Title: "内容"}},
		Photos: []Photo{{Caption: "半透明照片", Data: pb.Bytes(), Type: "PNG"}}}
	for i := 0; i < 120; i++ {
		l.Rows = append(l.Rows, []string{fmt.Sprint(i + 1), "走访记录内容"})
	}
	file, res := render(t, l)
	out, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, []byte("%PDF-1.3")) || !bytes.Contains(out, []byte("/Version /1.4")) {
		t.Fatalf("header %q, no /Version /1.4 in the catalog", out[:8])
	}
	testkit.Tool(t, "pdfinfo")
	info, err := exec.Command("pdfinfo", file).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`PDF version:\s+1\.4`).Match(info) || testkit.PDFPages(t, file) != res.Pages {
		t.Fatalf("pdfinfo: %s", info)
	}
}
