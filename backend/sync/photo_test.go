package sync_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"zongzhi/backend/attach"
	"zongzhi/backend/problem"
	"zongzhi/backend/store"
	zsync "zongzhi/backend/sync"
)

func pngBytes(t *testing.T, w, h int, c color.Color) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A photo attached at one site arrives with the record that refers to
// it; the preview counts it; a second import changes nothing.
func TestPhotosTravelWithTheirRecords(t *testing.T) {
	a, b, stick := pair(t)
	photo := pngBytes(t, 40, 30, color.RGBA{200, 30, 30, 255})
	owner := store.NewID()
	var f problem.Fields
	list := attach.Prepare(a.st, &f, "photos", owner, "visit", "2024-06-01", []attach.Upload{{Name: "入户.png", Data: photo}})
	if f.Err() != nil || len(list) != 1 || list[0].Width != 40 || list[0].Mime != "image/png" {
		t.Fatalf("prepare: %+v %v", list, f.Err())
	}
	if _, err := a.st.Update("tester", func(tx *store.Txn) error { return attach.Put(tx, list) }); err != nil {
		t.Fatal(err)
	}
	p, _, err := zsync.Export(a.st, "all", stick)
	if err != nil {
		t.Fatal(err)
	}
	preview, err := zsync.ImportFile(b.st, p, true)
	if err != nil || preview.Photos != 1 {
		t.Fatalf("preview: %d photos, %v", preview.Photos, err)
	}
	if b.st.HasBlob(list[0].Blob) {
		t.Fatal("a preview stored the photo")
	}
	for i := 0; i < 2; i++ {
		if _, err := zsync.ImportFile(b.st, p, false); err != nil {
			t.Fatal(err)
		}
	}
	got, err := attach.Get(b.st, list[0].ID)
	if err != nil || got.Missing || !bytes.Equal(got.Data, photo) || got.Owner != owner {
		t.Fatalf("photo at b: missing=%v, %d bytes, %v", got.Missing, len(got.Data), err)
	}
	if photos := attach.Of(b.st, owner); len(photos) != 1 {
		t.Fatalf("photos of the owner at b: %+v", photos)
	}
}
