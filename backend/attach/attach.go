// Package attach keeps photos attached to records (a visit's photos now;
// a rectification item's before/after photos later). A photo is a blob in
// the store plus an attachment record naming its owner; the record is
// what syncs, and sync carries the blob with it. Photos are checked to be
// images before anything is stored.
package attach

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // decoders for the check
	_ "image/png"
	"strings"
	"unicode/utf8"

	"zongzhi/backend/problem"
	"zongzhi/backend/record"
	"zongzhi/backend/store"
)

// Kind is the record kind of an attachment.
const Kind = "attachment"

// MaxPhotos bounds the photos of one owner per save.
const MaxPhotos = 9

// Attachment is one photo of a record.
type Attachment struct {
	ID        string `json:"id"`
	Owner     string `json:"owner"`     // the record it belongs to
	OwnerKind string `json:"ownerKind"` // e.g. visit
	Role      string `json:"role,omitempty"`
	Blob      string `json:"blob"` // store.BlobField: sha256 of the bytes
	Name      string `json:"name"`
	Mime      string `json:"mime"`
	Size      int    `json:"size"`
	Width     int    `json:"width"`
	Height    int    `json:"height"`
	Caption   string `json:"caption,omitempty"`
	Added     string `json:"added"` // date
}

// Upload is a photo as the UI sends it (JSON carries Data as base64).
type Upload struct {
	Name    string `json:"name"`
	Data    []byte `json:"data"`
	Caption string `json:"caption,omitempty"`
}

// Indexer maps an attachment to its index row (Parent = owner).
func Indexer(r *record.Record) (store.Row, error) {
	var a Attachment
	err := r.Decode(&a)
	return store.Row{Parent: a.Owner, Name: a.Name, Category: a.OwnerKind, Start: a.Added}, err
}

// Prepare checks uploads and stores their bytes; the attachment records
// it returns are written by the caller in the owner's own save, so a
// refused save leaves no record (at most an unreferenced blob). field
// names the form field for messages.
func Prepare(st *store.Store, f *problem.Fields, field string, owner, ownerKind, day string, uploads []Upload) []Attachment {
	if len(uploads) > MaxPhotos {
		f.Add(field, "too_many", fmt.Sprintf("每次最多%d张照片，现在%d张", MaxPhotos, len(uploads)))
		return nil
	}
	var out []Attachment
	for i, u := range uploads {
		name := strings.TrimSpace(u.Name)
		if name == "" {
			name = fmt.Sprintf("照片%d", i+1)
		}
		if utf8.RuneCountInString(name) > 80 {
			name = string([]rune(name)[:80])
		}
		if len(u.Data) == 0 {
			f.Add(field, "empty", fmt.Sprintf("照片“%s”是空文件", name))
			continue
		}
		if len(u.Data) > store.MaxBlob {
			f.Add(field, "too_large", fmt.Sprintf("照片“%s”有%.1f MB，超过%d MB", name, float64(len(u.Data))/(1<<20), store.MaxBlob>>20))
			continue
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(u.Data))
		if err != nil {
			f.Add(field, "not_image", fmt.Sprintf("“%s”不是JPEG或PNG图片", name))
			continue
		}
		out = append(out, Attachment{ID: store.NewID(), Owner: owner, OwnerKind: ownerKind, Name: name, Mime: "image/" + format,
			Size: len(u.Data), Width: cfg.Width, Height: cfg.Height, Caption: strings.TrimSpace(u.Caption), Added: day})
	}
	if f.Has(field) {
		return nil
	}
	for i, u := range uploads {
		hash, err := st.PutBlob(u.Data)
		if err != nil {
			f.Add(field, "store", fmt.Sprintf("照片“%s”未能保存：%v", out[i].Name, err))
			return nil
		}
		out[i].Blob = hash
	}
	return out
}

// Put writes prepared attachments in the owner's save.
func Put(tx *store.Txn, list []Attachment) error {
	for _, a := range list {
		if err := tx.PutNew(Kind, a.ID, a); err != nil {
			return err
		}
	}
	return nil
}

// Of lists an owner's photos in the order they were added.
func Of(st *store.Store, owner string) []Attachment {
	out := []Attachment{}
	for _, r := range st.Rows(store.IndexParent, Kind, owner) {
		rec, err := st.Get(Kind, r.ID)
		if err != nil {
			continue
		}
		var a Attachment
		if rec.Decode(&a) == nil {
			out = append(out, a)
		}
	}
	return out
}

// Photo is an attachment with its bytes, for showing it.
type Photo struct {
	Attachment
	Data    []byte `json:"data"`    // nil when the bytes have not arrived
	Missing bool   `json:"missing"` // the record synced, the bytes did not (yet)
}

// Get reads one attachment with its bytes.
func Get(st *store.Store, id string) (Photo, error) {
	rec, err := st.Get(Kind, id)
	if err != nil || rec.Deleted() {
		return Photo{}, problem.NotFound("照片", id)
	}
	var p Photo
	if err := rec.Decode(&p.Attachment); err != nil {
		return p, err
	}
	p.Data, err = st.Blob(p.Blob)
	if err == store.ErrBlobMissing {
		p.Missing, err = true, nil
	}
	return p, err
}
