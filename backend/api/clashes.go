package api

import (
	"zongzhi/backend/caseflow"
	"zongzhi/backend/dispute"
	"zongzhi/backend/ledger"
	"zongzhi/backend/meeting"
	"zongzhi/backend/volunteer"
)

// NumberedKinds are the kinds whose records carry a number the program
// issues: the readable numbers, and the meetings' 第N期 of a type and year.
func NumberedKinds() []caseflow.Numbered {
	return []caseflow.Numbered{
		{Kind: ledger.KindItem, What: ledger.Flow.What},
		{Kind: dispute.Kind, What: dispute.Flow.What},
		{Kind: meeting.Kind, What: meeting.Flow.What},
		{Kind: meeting.Kind, What: "会议期数", Number: meeting.SeqNumber},
		{Kind: volunteer.KindActivity, What: volunteer.Flow.What},
		{Kind: volunteer.KindCertificate, What: "志愿服务证明"},
	}
}

// NumberClashes lists the numbers two or more records carry: issued by
// two sites that drew one site code, a sheet's own number imported at two
// sites, or two sites signing minutes of one type in one year offline.
// Sync keeps both records; a person decides.
func (s *SyncService) NumberClashes() []caseflow.Clash {
	out := caseflow.Clashes(s.store, NumberedKinds())
	if out == nil {
		out = []caseflow.Clash{}
	}
	return out
}
