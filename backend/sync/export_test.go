package sync

import "zongzhi/backend/store"

// ResetSigningKey forgets this site's signing key (tests: a reinstalled
// program on a copied data folder).
func ResetSigningKey(st *store.Store) error {
	s, err := load(st)
	if err != nil {
		return err
	}
	s.SignKey = nil
	return st.SetMeta(metaName, s)
}
