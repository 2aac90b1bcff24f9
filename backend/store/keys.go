package store

import "encoding/binary"

// Key layout. Prefixes are one letter so scans stay cheap:
//
//	m/<name>              metadata (schema version, this site)
//	s/<site>              every site we hold ops from: id, code, name
//	o/<site>/<seq:8 BE>   op log, one entry per save, per site in order
//	r/<kind>/<id>         record: fields with their candidate values
//	b/<sha256>            blob (photo) bytes, see blob.go
const (
	prefixMeta   = "m/"
	prefixSite   = "s/"
	prefixOp     = "o/"
	prefixRecord = "r/"
	keySchema    = "m/schema"
	keyThisSite  = "m/site"
)

func recordKey(kind, id string) []byte { return []byte(prefixRecord + kind + "/" + id) }

func recordPrefix(kind string) []byte { return []byte(prefixRecord + kind + "/") }

func siteKey(site string) []byte { return []byte(prefixSite + site) }

func opPrefix(site string) []byte { return []byte(prefixOp + site + "/") }

func opKey(site string, seq uint64) []byte {
	k := opPrefix(site)
	return binary.BigEndian.AppendUint64(k, seq)
}

// Ops from other sites that arrived before the ops they depend on wait
// under p/<site>/<seq:8 BE> until a later package fills the gap.
const prefixPending = "p/"

func pendingPrefix(site string) []byte { return []byte(prefixPending + site + "/") }

func pendingKey(site string, seq uint64) []byte {
	return binary.BigEndian.AppendUint64(pendingPrefix(site), seq)
}
