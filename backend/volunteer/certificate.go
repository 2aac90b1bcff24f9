package volunteer

import (
	"fmt"

	"zongzhi/backend/idcard"
	"zongzhi/backend/people"
	"zongzhi/backend/problem"
	"zongzhi/backend/service"
	"zongzhi/backend/store"
)

// CertificateInput asks for a 志愿服务证明 of a period ("" = all).
type CertificateInput struct {
	Volunteer    string `json:"volunteer"`
	From         string `json:"from"`
	To           string `json:"to"`
	Organisation string `json:"organisation"`
	Responsible  string `json:"responsible"`
	Handler      string `json:"handler"`
	Contact      string `json:"contact"`
}

// IssueCertificate issues a certificate numbered inside the save and
// keeps it as issued: whoever records the hours proves them (谁记录谁证明),
// and every certificate is logged. A period with no approved hours gets none.
func (s *Service) IssueCertificate(in CertificateInput) (Certificate, error) {
	service.Trim(&in.From, &in.To, &in.Organisation, &in.Responsible, &in.Handler, &in.Contact)
	var f problem.Fields
	f.Date("from", "起始日期", in.From, false)
	f.Date("to", "截止日期", in.To, false)
	if in.From != "" && in.To != "" && in.To < in.From {
		f.Add("to", "order", "截止日期不能早于起始日期")
	}
	f.Required("organisation", "出具单位", in.Organisation)
	f.Required("responsible", "负责人", in.Responsible)
	f.Required("handler", "经办人", in.Handler)
	if in.Responsible != "" && in.Responsible == in.Handler {
		f.Add("handler", "separation", "经办人与负责人不能是同一人")
	}
	rec, err := s.ServiceRecord(in.Volunteer)
	if err != nil {
		return Certificate{}, err
	}
	c := Certificate{Volunteer: in.Volunteer, Name: rec.Volunteer.Name, From: in.From, To: in.To, Issued: s.Today(),
		Organisation: in.Organisation, Responsible: in.Responsible, Handler: in.Handler, Contact: in.Contact, By: s.Author(), Lines: []CertLine{}}
	var p people.Person
	if s.Read(people.KindPerson, rec.Volunteer.Person, "人员", &p) == nil {
		c.IDMasked = idcard.MaskID(p.IDNumber)
	}
	for _, l := range rec.Lines {
		if (in.From != "" && l.Date < in.From) || (in.To != "" && l.Date > in.To) {
			continue
		}
		c.Lines = append(c.Lines, CertLine{Date: l.Date, Title: l.Title, Team: l.Teams, Hours: l.Hours})
		c.Hours += l.Hours
	}
	if len(c.Lines) == 0 && !f.Has("from") && !f.Has("to") {
		f.Add("from", "empty", fmt.Sprintf("%s在所选期间没有经审核的服务时长，不能出具证明", c.Name))
	}
	if err := f.Err(); err != nil {
		return c, err
	}
	c.ID = store.NewID()
	err = s.Update(func(tx *store.Txn) error {
		c.Number = s.certNumbers.Issue(tx, c.Issued[:4], nil)
		return tx.PutNew(KindCertificate, c.ID, c)
	})
	return c, err
}

// Certificate returns an issued certificate by its number, as issued.
func (s *Service) Certificate(number string) (Certificate, error) {
	rows := s.Store.Rows(store.IndexCode, KindCertificate, number)
	if len(rows) == 0 {
		return Certificate{}, problem.NotFound("志愿服务证明", number)
	}
	var c Certificate
	return c, s.Read(KindCertificate, rows[0].ID, "志愿服务证明", &c)
}

// Certificates lists a volunteer's certificates, newest first.
func (s *Service) Certificates(volunteer string) []Certificate {
	out := []Certificate{}
	for _, r := range s.Store.Rows(store.IndexParent, KindCertificate, volunteer) {
		var c Certificate
		if s.Read(KindCertificate, r.ID, "志愿服务证明", &c) == nil {
			out = append(out, c)
		}
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}
