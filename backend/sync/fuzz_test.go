package sync

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"github.com/klauspost/compress/zstd"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"zongzhi/backend/record"
	"zongzhi/backend/store"
)

var fuzzKey = bytes.Repeat([]byte{7}, 32)

func samplePackage(t testing.TB) []byte {
	priv := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{3}, ed25519.SeedSize))
	ops := []record.Op{{Site: "s1", Seq: 1, HLC: 1 << 20, Writes: []record.Write{{Kind: "grid", ID: "g1", Field: "name", Value: json.RawMessage(`"一组"`)}}}}
	var buf bytes.Buffer
	h := Header{Group: "g", From: store.Site{ID: "s1", Code: "ABCD", Name: "站"}, To: "all", Ops: len(ops)}
	if err := encodePackage(&buf, h, body{Ops: ops}, fuzzKey, priv); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The decoder meets files from sticks: whatever the bytes, it returns an
// error or a verified body, never panics, never allocates without bound.
func FuzzPackage(f *testing.F) {
	valid := samplePackage(f)
	f.Add(valid)
	f.Add(valid[:len(valid)/2])
	f.Add([]byte(magic))
	f.Add([]byte("junk"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := splitPackage(data)
		if err != nil {
			return
		}
		b, err := p.open(fuzzKey)
		if err == nil && len(b.Ops) != p.Header.Ops {
			t.Fatalf("accepted a body of %d ops for a header of %d", len(b.Ops), p.Header.Ops)
		}
	})
}

// The authenticated body, as a hostile group member could craft it.
func FuzzBody(f *testing.F) {
	enc, _ := zstd.NewWriter(nil)
	f.Add(enc.EncodeAll([]byte(`{"ops":[{"site":"s","seq":1,"writes":[]}]}`), nil))
	f.Add(enc.EncodeAll([]byte(`{"ops":`), nil))
	f.Add([]byte{0x28, 0xb5, 0x2f, 0xfd, 0, 0x58})
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = decodeBody(data)
	})
}

// Writes the committed seed corpus (run once with ZONGZHI_WRITE_CORPUS=1).
func TestWriteFuzzCorpus(t *testing.T) {
	if os.Getenv("ZONGZHI_WRITE_CORPUS") == "" {
		t.Skip("set ZONGZHI_WRITE_CORPUS=1 to rewrite testdata/fuzz")
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzPackage")
	os.MkdirAll(dir, 0o755)
	valid := samplePackage(t)
	flipped := append([]byte(nil), valid...)
	flipped[len(flipped)/2] ^= 1
	for name, data := range map[string][]byte{"valid": valid, "flipped": flipped, "truncated": valid[:len(valid)-10]} {
		content := fmt.Sprintf("go test fuzz v1\n[]byte(%s)\n", strconv.Quote(string(data)))
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
