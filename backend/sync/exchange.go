package sync

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"zongzhi/backend/record"
	"zongzhi/backend/store"
)

// Folder is where packages live on a stick: visible, and named so a worker
// knows what it is.
const Folder = "综治同步"

// Export writes a package with every op the receivers are not known to
// hold (to: a site id, or "all"; unknown receivers get everything) into
// dir/综治同步/. The file is written beside, synced, renamed, then read
// back and verified. It returns the file path and the number of ops.
func Export(st *store.Store, to, dir string) (string, int, error) {
	s, err := load(st)
	if err != nil {
		return "", 0, err
	}
	if s.Group == nil {
		return "", 0, ErrNoGroup
	}
	assumed := s.assumed(to)
	have := st.VersionVector()
	var ops []record.Op
	sites := make([]string, 0, len(have))
	for site := range have {
		sites = append(sites, site)
	}
	sort.Strings(sites)
	for _, site := range sites {
		o, err := st.Ops(site, assumed[site], have[site])
		if err != nil {
			return "", 0, err
		}
		ops = append(ops, o...)
	}
	known, err := st.Sites()
	if err != nil {
		return "", 0, err
	}
	blobs, err := blobsOf(st, ops)
	if err != nil {
		return "", 0, err
	}
	me := st.Site()
	h := Header{Group: s.Group.ID, From: me, To: to, Created: time.Now(), Assumed: assumed, Have: have, Ops: len(ops)}
	var buf bytes.Buffer
	if err := encodePackage(&buf, h, body{Sites: known, Ops: ops, Blobs: blobs}, s.Group.Key, s.private()); err != nil {
		return "", 0, err
	}
	folder := filepath.Join(dir, Folder)
	if err := os.MkdirAll(folder, 0o755); err != nil {
		return "", 0, fmt.Errorf("无法在 %s 建立同步文件夹：%w", dir, err)
	}
	name := fmt.Sprintf("%s-%s-%d.zzpkg", me.Code, time.Now().Format("20060102-150405"), have[me.ID])
	path := filepath.Join(folder, name)
	if err := writeVerified(path, buf.Bytes(), s.Group.Key); err != nil {
		return "", 0, err
	}
	// From now on a backup older than this package must not reuse our numbers.
	if err := st.MarkShared(); err != nil {
		return path, len(ops), fmt.Errorf("数据包已写出，但无法记录本站点的同步进度：%w", err)
	}
	return path, len(ops), nil
}

// assumed is what the receivers hold as far as we know: for "all", the
// least any known peer holds; nothing for a receiver never heard from.
func (s *state) assumed(to string) map[string]uint64 {
	out := map[string]uint64{}
	var peers []*Peer
	if to == "all" || to == "" {
		for _, p := range s.Peers {
			peers = append(peers, p)
		}
	} else if p, ok := s.Peers[to]; ok {
		peers = []*Peer{p}
	}
	if len(peers) == 0 {
		return out
	}
	for site, seq := range peers[0].Have {
		m := seq
		for _, p := range peers[1:] {
			m = min(m, p.Have[site])
		}
		if m > 0 {
			out[site] = m
		}
	}
	return out
}

// writeVerified never leaves a half-written package under its real name.
func writeVerified(path string, data, key []byte) error {
	tmp := path + ".part"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("无法写入 %s：%w", path, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("写入 %s 失败（U盘已满或已拔出？）：%w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("写入 %s 失败：%w", path, err)
	}
	f.Close()
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	back, err := os.ReadFile(path)
	if err == nil {
		var p *rawPackage
		if p, err = splitPackage(back); err == nil {
			_, err = p.open(key)
		}
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("写入后校验 %s 失败，已删除该文件，请换一个U盘重试：%w", path, err)
	}
	return nil
}

// Report says what importing one package did (or would do).
type Report struct {
	File      string             `json:"file"`
	From      store.Site         `json:"from"`
	Own       bool               `json:"own"` // our own package: nothing to do
	Store     store.ImportReport `json:"store"`
	Conflicts []Conflict         `json:"conflicts"`
	Warnings  []string           `json:"warnings"`
	// Duplicates names persons the package registers a second time (same
	// ID number); the caller fills it from Ops, which a dry run keeps.
	Duplicates []string    `json:"duplicates"`
	Photos     int         `json:"photos"` // photos in the package not yet here
	Ops        []record.Op `json:"-"`
}

// Conflict is a field with concurrent values after the import.
type Conflict struct {
	Kind  string `json:"kind"`
	ID    string `json:"id"`
	Field string `json:"field"`
}

// ImportFile verifies a package and applies it (or only reports, when
// dryRun). Any failed check rejects the package before anything changes.
func ImportFile(st *store.Store, path string, dryRun bool) (Report, error) {
	return ImportFileWith(context.Background(), st, path, dryRun, nil)
}

// ImportFileWith is ImportFile with cancellation and progress.
func ImportFileWith(ctx context.Context, st *store.Store, path string, dryRun bool, progress func(done, total int)) (Report, error) {
	rep := Report{File: path, Conflicts: []Conflict{}, Warnings: []string{}, Duplicates: []string{}}
	if fi, err := os.Stat(path); err != nil {
		return rep, fmt.Errorf("无法读取 %s：%w", path, err)
	} else if fi.Size() > maxBody+maxHeader+1024 {
		return rep, ErrTooLarge
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return rep, fmt.Errorf("无法读取 %s：%w", path, err)
	}
	s, err := load(st)
	if err != nil {
		return rep, err
	}
	if s.Group == nil {
		return rep, ErrNoGroup
	}
	p, err := splitPackage(data)
	if err != nil {
		return rep, err
	}
	h := p.Header
	rep.From = h.From
	if h.Group != s.Group.ID {
		return rep, ErrOtherGroup
	}
	if peer, ok := s.Peers[h.From.ID]; ok && !bytes.Equal(peer.PublicKey, h.Public) {
		return rep, ErrWrongSigner
	}
	b, err := p.open(s.Group.Key)
	if err != nil {
		return rep, err
	}
	if h.From.ID == st.Site().ID {
		if !bytes.Equal(h.Public, s.private().Public().(ed25519.PublicKey)) {
			return rep, ErrWrongSigner // another machine uses our identity
		}
		rep.Own = true
		return rep, nil
	}
	for hash, data := range b.Blobs {
		if store.BlobHash(data) != hash {
			return rep, ErrDamaged
		}
		if !st.HasBlob(hash) {
			rep.Photos++
		}
	}
	if dryRun {
		rep.Store, err = st.PreviewImport(b.Ops)
	} else {
		// Photos first: an op that lands always finds its photo.
		for hash, data := range b.Blobs {
			if _, err := st.PutBlob(data); err != nil {
				return rep, fmt.Errorf("照片 %s 未能保存：%w", hash[:12], err)
			}
		}
		rep.Store, err = st.ImportWith(ctx, b.Ops, b.Sites, progress)
	}
	if err != nil {
		if errors.Is(err, store.ErrForkedSite) {
			return rep, fmt.Errorf("数据包中有与已有记录冲突的同一编号更改：可能有站点复制了数据目录或恢复了备份，未导入任何内容（%w）", err)
		}
		return rep, err
	}
	if rep.Store.ClockAhead > 0 {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("有%d项更改的时间比本机时间晚一天以上，已暂缓导入：系统时间可能不正确，请核对本机和%s的日期时间", rep.Store.ClockAhead, h.From.Name))
	}
	for _, g := range rep.Store.Gaps {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("缺少%s的第%d–%d项更改，相关更改等待下次同步补齐", siteName(b.Sites, g.Site), g.From, g.To))
	}
	if dryRun {
		rep.Conflicts = predictConflicts(st, b.Ops)
		rep.Ops = b.Ops
	} else {
		rep.Conflicts = conflicts(st, b.Ops)
		peer := s.Peers[h.From.ID]
		if peer == nil {
			peer = &Peer{PublicKey: h.Public, Have: map[string]uint64{}}
			s.Peers[h.From.ID] = peer
		}
		peer.Site = h.From
		for site, seq := range h.Have {
			peer.Have[site] = max(peer.Have[site], seq)
		}
		peer.LastHeard = time.Now()
		if err := s.save(st); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

// predictConflicts finds the fields a package would put in conflict: a
// write that does not replace a different value held here.
func predictConflicts(st *store.Store, ops []record.Op) []Conflict {
	inPackage := map[record.Version]bool{}
	for _, op := range ops {
		inPackage[op.Version()] = true
	}
	seen := map[Conflict]bool{}
	out := []Conflict{}
	for _, op := range ops {
		for _, w := range op.Writes {
			rec, err := st.Get(w.Kind, w.ID)
			if err != nil {
				continue
			}
			replaced := map[record.Version]bool{}
			for _, v := range w.Replaces {
				replaced[v] = true
			}
			for _, c := range rec.Candidates(w.Field) {
				if c.Ver == op.Version() || inPackage[c.Ver] || replaced[c.Ver] || bytes.Equal(c.Value, w.Value) {
					continue
				}
				k := Conflict{Kind: w.Kind, ID: w.ID, Field: w.Field}
				if !seen[k] {
					seen[k] = true
					out = append(out, k)
				}
			}
		}
	}
	return out
}

func siteName(sites []store.Site, id string) string {
	for _, s := range sites {
		if s.ID == id && s.Name != "" {
			return s.Name
		}
	}
	return "站点" + id[:min(8, len(id))]
}

func conflicts(st *store.Store, ops []record.Op) []Conflict {
	seen := map[string]bool{}
	out := []Conflict{}
	for _, op := range ops {
		for _, w := range op.Writes {
			k := w.Kind + "/" + w.ID
			if seen[k] {
				continue
			}
			seen[k] = true
			rec, err := st.Get(w.Kind, w.ID)
			if err != nil {
				continue
			}
			for _, f := range rec.Conflicts() {
				out = append(out, Conflict{Kind: w.Kind, ID: w.ID, Field: f})
			}
		}
	}
	return out
}

// Stick does the whole exchange with a stick: import every package in
// dir/综治同步/, then write this site's package for the others.
func Stick(st *store.Store, dir string) ([]Report, string, error) {
	return StickWith(context.Background(), st, dir, nil)
}

// Progress of a stick exchange: which package, and changes done of total.
type Progress struct {
	File  int    `json:"file"`
	Files int    `json:"files"`
	Name  string `json:"name"`
	Done  int    `json:"done"`
	Total int    `json:"total"`
}

// StickWith is Stick with cancellation (between batches; what was
// applied stays and a later exchange resumes) and progress.
func StickWith(ctx context.Context, st *store.Store, dir string, progress func(Progress)) ([]Report, string, error) {
	files, _ := filepath.Glob(filepath.Join(dir, Folder, "*.zzpkg"))
	sort.Strings(files)
	var reports []Report
	for i, f := range files {
		report := func(done, total int) {
			if progress != nil {
				progress(Progress{File: i + 1, Files: len(files), Name: filepath.Base(f), Done: done, Total: total})
			}
		}
		report(0, 0)
		rep, err := ImportFileWith(ctx, st, f, false, report)
		if ctx.Err() != nil {
			return reports, "", ctx.Err()
		}
		if err != nil {
			rep.Warnings = append(rep.Warnings, "未导入："+err.Error())
		}
		reports = append(reports, rep)
	}
	path, _, err := Export(st, "all", dir)
	return reports, path, err
}

// blobsOf reads the photos the ops refer to. A photo this site never
// received (its bytes lost in transit elsewhere) is left out: the
// receiver shows the photo as not arrived rather than refusing the ops.
func blobsOf(st *store.Store, ops []record.Op) (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, op := range ops {
		for _, w := range op.Writes {
			if w.Field != store.BlobField {
				continue
			}
			var hash string
			if json.Unmarshal(w.Value, &hash) != nil || hash == "" || out[hash] != nil {
				continue
			}
			data, err := st.Blob(hash)
			if errors.Is(err, store.ErrBlobMissing) {
				continue
			}
			if err != nil {
				return nil, err
			}
			out[hash] = data
		}
	}
	return out, nil
}
