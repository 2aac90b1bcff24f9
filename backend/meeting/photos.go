package meeting

import (
	"zongzhi/backend/attach"
	"zongzhi/backend/dict"
	"zongzhi/backend/problem"
	"zongzhi/backend/store"
)

// Photo roles of a meeting.
const (
	PhotoScene  = "scene"   // 会议现场
	PhotoSignIn = "sign-in" // 签字的签到表
	PhotoOther  = "other"   // 其他附件
)

// PhotoRoles names them.
var PhotoRoles = []Code{{Code: PhotoScene, Label: "会议现场"}, {Code: PhotoSignIn, Label: "签到表（已签字）"}, {Code: PhotoOther, Label: "其他"}}

// PhotoInput adds photos to a meeting: the meeting itself, the signed
// sign-in sheet. Photos are evidence, not the minutes' text, so they may
// be added after signing (until archived).
type PhotoInput struct {
	Meeting string          `json:"meeting"`
	Role    string          `json:"role"`
	Photos  []attach.Upload `json:"photos"`
}

// AddPhotos stores the photos with the meeting, in one save.
func (s *Service) AddPhotos(in PhotoInput) ([]attach.Attachment, error) {
	var f problem.Fields
	dict.Fixed(&f, "role", "照片类别", PhotoRoles, in.Role, true)
	if len(in.Photos) == 0 {
		f.Add("photos", "required", "请选择照片")
	}
	photos := attach.Prepare(s.Store, &f, "photos", in.Meeting, Kind, s.Today(), in.Photos)
	if err := f.Err(); err != nil {
		return nil, err
	}
	for i := range photos {
		photos[i].Role = in.Role
	}
	err := s.Update(func(tx *store.Txn) error {
		m, err := cases.Read(tx, in.Meeting)
		if err != nil {
			return err
		}
		if m.Status == StatusArchived {
			return problem.Conflict(ErrLocked, "已归档的会议不能再添加照片")
		}
		return attach.Put(tx, photos)
	})
	return photos, err
}
