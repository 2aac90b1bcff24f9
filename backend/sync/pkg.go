package sync

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/klauspost/compress/zstd"
	"golang.org/x/crypto/chacha20poly1305"

	"zongzhi/backend/record"
	"zongzhi/backend/store"
)

// Package layout (*.zzpkg):
//
//	magic "ZZPKG1\n"
//	uint32 BE header length, header JSON (plaintext: who, for whom, version vectors)
//	uint64 BE body length, body = XChaCha20-Poly1305(zstd(JSON body)), header as associated data
//	64-byte ed25519 signature of everything before it, by the sending site
const magic = "ZZPKG1\n"

// Decoder limits: a hostile file must not exhaust memory.
const (
	maxHeader = 64 << 10
	maxBody   = 1 << 30
	maxPlain  = 4 << 30
)

// Header is the plaintext part of a package.
type Header struct {
	Format  int               `json:"format"`
	Group   string            `json:"group"`
	From    store.Site        `json:"from"`
	To      string            `json:"to"` // a site id, or "all"
	Created time.Time         `json:"created"`
	Assumed map[string]uint64 `json:"assumed"` // what we believed the receivers hold: ops above it are inside
	Have    map[string]uint64 `json:"have"`    // the sender's version vector
	Ops     int               `json:"ops"`
	Nonce   []byte            `json:"nonce"`
	Public  []byte            `json:"public"` // the sender's signing key
}

type body struct {
	Sites []store.Site `json:"sites"`
	Ops   []record.Op  `json:"ops"`
	// Blobs are the photos the ops refer to (store.BlobField), by hash.
	Blobs map[string][]byte `json:"blobs,omitempty"`
}

// Rejection reasons, shown to the user as they are.
var (
	ErrNotAPackage = errors.New("不是综治台账同步数据包")
	ErrDamaged     = errors.New("数据包已损坏或被篡改（校验未通过），未导入任何内容")
	ErrOtherGroup  = errors.New("数据包不属于本同步组，未导入任何内容")
	ErrForged      = errors.New("数据包签名无效：可能是伪造或被修改的数据包，未导入任何内容")
	ErrWrongSigner = errors.New("数据包的签名密钥与该站点以前的不一致：可能是冒充该站点的数据包，未导入任何内容")
	ErrTooLarge    = errors.New("数据包超出允许的大小，未导入")
)

func encodePackage(w io.Writer, h Header, b body, key []byte, priv ed25519.PrivateKey) error {
	plain, err := json.Marshal(b)
	if err != nil {
		return err
	}
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedBetterCompression))
	if err != nil {
		return err
	}
	compressed := enc.EncodeAll(plain, nil)
	enc.Close()
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return err
	}
	h.Format, h.Public = 1, priv.Public().(ed25519.PublicKey)
	h.Nonce = make([]byte, aead.NonceSize())
	if _, err := rand.Read(h.Nonce); err != nil {
		return err
	}
	hdr, err := json.Marshal(h)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	buf.WriteString(magic)
	binary.Write(&buf, binary.BigEndian, uint32(len(hdr)))
	buf.Write(hdr)
	sealed := aead.Seal(nil, h.Nonce, compressed, hdr)
	binary.Write(&buf, binary.BigEndian, uint64(len(sealed)))
	buf.Write(sealed)
	buf.Write(ed25519.Sign(priv, buf.Bytes()))
	_, err = w.Write(buf.Bytes())
	return err
}

// rawPackage is a package split into its parts, nothing verified yet.
type rawPackage struct {
	Header Header
	hdr    []byte
	sealed []byte
	signed []byte
	sig    []byte
}

func splitPackage(data []byte) (*rawPackage, error) {
	if len(data) > maxBody+maxHeader+1024 {
		return nil, ErrTooLarge
	}
	if !bytes.HasPrefix(data, []byte(magic)) {
		return nil, ErrNotAPackage
	}
	rest := data[len(magic):]
	if len(rest) < 4 {
		return nil, ErrDamaged
	}
	hl := binary.BigEndian.Uint32(rest)
	if hl > maxHeader || uint64(len(rest)) < 4+uint64(hl)+8 {
		return nil, ErrDamaged
	}
	p := &rawPackage{hdr: rest[4 : 4+hl]}
	rest = rest[4+hl:]
	bl := binary.BigEndian.Uint64(rest)
	if bl > maxBody || uint64(len(rest)) != 8+bl+ed25519.SignatureSize {
		return nil, ErrDamaged
	}
	p.sealed = rest[8 : 8+bl]
	p.sig = rest[8+bl:]
	p.signed = data[:len(data)-ed25519.SignatureSize]
	if err := json.Unmarshal(p.hdr, &p.Header); err != nil || p.Header.Format != 1 {
		return nil, ErrDamaged
	}
	if len(p.Header.Public) != ed25519.PublicKeySize {
		return nil, ErrForged
	}
	return p, nil
}

// open checks the signature and decrypts the body with the group key.
func (p *rawPackage) open(key []byte) (body, error) {
	var b body
	if !ed25519.Verify(p.Header.Public, p.signed, p.sig) {
		return b, ErrForged
	}
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return b, err
	}
	if len(p.Header.Nonce) != aead.NonceSize() {
		return b, ErrDamaged
	}
	compressed, err := aead.Open(nil, p.Header.Nonce, p.sealed, p.hdr)
	if err != nil {
		return b, ErrDamaged
	}
	if b, err = decodeBody(compressed); err != nil {
		return b, err
	}
	if len(b.Ops) != p.Header.Ops {
		return b, ErrDamaged
	}
	return b, nil
}

// decodeBody decompresses and parses an authenticated body. A member of the
// group could still craft a hostile one: memory is bounded.
func decodeBody(compressed []byte) (body, error) {
	var b body
	dec, err := zstd.NewReader(nil, zstd.WithDecoderMaxMemory(maxPlain), zstd.WithDecoderConcurrency(1))
	if err != nil {
		return b, err
	}
	defer dec.Close()
	plain, err := dec.DecodeAll(compressed, nil)
	if err != nil {
		return b, fmt.Errorf("%w：%v", ErrDamaged, err)
	}
	if err := json.Unmarshal(plain, &b); err != nil {
		return b, ErrDamaged
	}
	return b, nil
}
