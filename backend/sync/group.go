// Package sync exchanges ops between sites on USB sticks: signed,
// encrypted, compressed packages that any site can import in any order,
// once or twice, and that nobody outside the sync group can read or forge.
package sync

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"golang.org/x/crypto/argon2"
	"time"

	"zongzhi/backend/store"
)

// Group is a sync group (同步组): the sites that exchange data and the
// shared key that encrypts their packages.
type Group struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Key  []byte `json:"key"` // 32 bytes, XChaCha20-Poly1305
}

// Peer is another site of the group as we know it from its packages.
type Peer struct {
	Site      store.Site        `json:"site"`
	PublicKey []byte            `json:"publicKey"` // pinned at first contact
	Have      map[string]uint64 `json:"have"`      // its version vector in its latest package
	LastHeard time.Time         `json:"lastHeard"`
}

// state is this site's sync settings, kept in the store's local metadata.
type state struct {
	Group   *Group           `json:"group,omitempty"`
	SignKey []byte           `json:"signKey"` // ed25519 seed: this site's own
	KeySite string           `json:"keySite"` // the site identity the key belongs to
	Peers   map[string]*Peer `json:"peers"`
}

const metaName = "sync"

// Errors a user sees, in Chinese.
var (
	ErrNoGroup      = errors.New("本站点尚未加入同步组：请先创建同步组或导入加入文件")
	ErrAlreadyGroup = errors.New("本站点已属于一个同步组")
)

func load(st *store.Store) (*state, error) {
	s := &state{Peers: map[string]*Peer{}}
	if _, err := st.GetMeta(metaName, s); err != nil {
		return nil, err
	}
	if s.Peers == nil {
		s.Peers = map[string]*Peer{}
	}
	if len(s.SignKey) == 0 || s.KeySite != st.Site().ID {
		// A new identity (first start, or the folder moved to another
		// machine) signs with a key of its own.
		s.KeySite = st.Site().ID
		seed := make([]byte, ed25519.SeedSize)
		if _, err := rand.Read(seed); err != nil {
			return nil, err
		}
		s.SignKey = seed
		// Kept at once: every package of this site is signed by one key.
		if err := s.save(st); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func (s *state) save(st *store.Store) error { return st.SetMeta(metaName, s) }

func (s *state) private() ed25519.PrivateKey { return ed25519.NewKeyFromSeed(s.SignKey) }

// CreateGroup makes this site the first member of a new group and returns
// the join file content to hand to the other sites.
func CreateGroup(st *store.Store, name string) ([]byte, error) {
	s, err := load(st)
	if err != nil {
		return nil, err
	}
	if s.Group != nil {
		return nil, ErrAlreadyGroup
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	s.Group = &Group{ID: store.NewID(), Name: name, Key: key}
	if err := s.save(st); err != nil {
		return nil, err
	}
	return JoinFile(st)
}

// JoinFile returns the group's join file: whoever holds it can read and
// write the group's packages, so it travels like a key.
func JoinFile(st *store.Store) ([]byte, error) {
	s, err := load(st)
	if err != nil {
		return nil, err
	}
	if s.Group == nil {
		return nil, ErrNoGroup
	}
	return json.MarshalIndent(struct {
		Format string `json:"format"`
		Group  Group  `json:"group"`
	}{"zongzhi-join-1", *s.Group}, "", "  ")
}

// Join makes this site a member of the group in a join file.
func Join(st *store.Store, joinFile []byte) (Group, error) {
	var jf struct {
		Format string `json:"format"`
		Group  Group  `json:"group"`
	}
	if err := json.Unmarshal(joinFile, &jf); err != nil || jf.Format != "zongzhi-join-1" || len(jf.Group.Key) != 32 || jf.Group.ID == "" {
		return Group{}, errors.New("这不是有效的同步组加入文件")
	}
	s, err := load(st)
	if err != nil {
		return Group{}, err
	}
	if s.Group != nil {
		if s.Group.ID == jf.Group.ID {
			return *s.Group, nil
		}
		return Group{}, fmt.Errorf("%w（%s），不能再加入另一个组", ErrAlreadyGroup, s.Group.Name)
	}
	s.Group = &jf.Group
	return jf.Group, s.save(st)
}

// Status describes the group and when we last heard from each site.
type Status struct {
	Group *struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"group"`
	Site  store.Site        `json:"site"`
	Have  map[string]uint64 `json:"have"`
	Peers []Peer            `json:"peers"`
}

// GroupStatus returns the sync status of this site.
func GroupStatus(st *store.Store) (Status, error) {
	s, err := load(st)
	if err != nil {
		return Status{}, err
	}
	out := Status{Site: st.Site(), Have: st.VersionVector(), Peers: []Peer{}}
	if s.Group != nil {
		out.Group = &struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		}{s.Group.ID, s.Group.Name}
	}
	for _, p := range s.Peers {
		q := *p
		q.PublicKey = nil
		out.Peers = append(out.Peers, q)
	}
	return out, nil
}

// Passphrase groups: every site derives the same key from the group name
// and a passphrase (argon2id), for offices that cannot pass a file around.
// Sites still sign with their own keys.
const minPassphrase = 10

// GroupFromPassphrase derives the group a name and passphrase stand for.
func GroupFromPassphrase(name, passphrase string) (Group, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return Group{}, errors.New("同步组名称不能为空")
	}
	if len([]rune(passphrase)) < minPassphrase {
		return Group{}, fmt.Errorf("口令太短：至少%d个字符（可用一句只有本组知道的话）", minPassphrase)
	}
	salt := sha256.Sum256([]byte("zongzhi-sync-group:" + name))
	key := argon2.IDKey([]byte(passphrase), salt[:16], 3, 64<<10, 2, 32)
	id := sha256.Sum256(append([]byte("zongzhi-sync-group-id:"), key...))
	return Group{ID: hex.EncodeToString(id[:16]), Name: name, Key: key}, nil
}

// JoinPassphrase makes this site a member of the passphrase group (the
// first site to do so creates it).
func JoinPassphrase(st *store.Store, name, passphrase string) (Group, error) {
	g, err := GroupFromPassphrase(name, passphrase)
	if err != nil {
		return Group{}, err
	}
	raw, _ := json.Marshal(struct {
		Format string `json:"format"`
		Group  Group  `json:"group"`
	}{"zongzhi-join-1", g})
	return Join(st, raw)
}
