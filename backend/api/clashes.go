package api

import (
	"zongzhi/backend/caseflow"
	"zongzhi/backend/dispute"
	"zongzhi/backend/ledger"
)

// NumberedKinds are the kinds whose records carry a number the program
// issues, with what one record is called.
func NumberedKinds() map[string]string {
	return map[string]string{ledger.KindItem: ledger.Flow.What, dispute.Kind: dispute.Flow.What}
}

// NumberClashes lists the numbers two or more records carry: issued by
// two sites that drew one site code, or a sheet's own number imported at
// two sites. Sync keeps both records; a person decides.
func (s *SyncService) NumberClashes() []caseflow.Clash {
	out := caseflow.Clashes(s.store, NumberedKinds())
	if out == nil {
		out = []caseflow.Clash{}
	}
	return out
}
