package api

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"zongzhi/backend/attach"
	"zongzhi/backend/dict"
	"zongzhi/backend/dispute"
	"zongzhi/backend/grid"
	"zongzhi/backend/ledger"
	"zongzhi/backend/meeting"
	"zongzhi/backend/people"
	"zongzhi/backend/problem"
	"zongzhi/backend/record"
	"zongzhi/backend/store"
	zsync "zongzhi/backend/sync"
	"zongzhi/backend/volunteer"
	"zongzhi/backend/workday"
	"zongzhi/backend/zeroreport"
)

// SyncService is the U盘同步 screen: the group, the stick exchange with a
// preview first, and the 同步冲突 inbox.
type SyncService struct {
	store  *store.Store
	people *people.Service // possible duplicate persons in the preview
	jobs   jobs
}

// Status returns the group, this site and the sites heard from.
func (s *SyncService) Status() (zsync.Status, error) { return zsync.GroupStatus(s.store) }

// GroupRequest names a new group.
type GroupRequest struct {
	Name string `json:"name"`
}

// JoinFile is a join file to save and hand to the other sites.
type JoinFile struct {
	FileName string `json:"fileName"`
	Data     []byte `json:"data"`
}

// CreateGroup makes this site the first member of a new sync group.
func (s *SyncService) CreateGroup(req GroupRequest) (JoinFile, error) {
	name := strings.TrimSpace(req.Name)
	if name == "" {
		return JoinFile{}, &problem.Error{Code: problem.CodeInvalid, Message: "请修正标出的内容",
			Fields: []problem.FieldError{{Field: "name", Code: "required", Message: "同步组名称不能为空"}}}
	}
	data, err := zsync.CreateGroup(s.store, name)
	if err != nil {
		return JoinFile{}, problem.Conflict("sync_group", err.Error())
	}
	return JoinFile{FileName: name + ".zzjoin", Data: data}, nil
}

// JoinFile hands out the group's join file again (a new laptop joins
// later; the first copy was lost). It is a key: the UI says so.
func (s *SyncService) JoinFile() (JoinFile, error) {
	data, err := zsync.JoinFile(s.store)
	if err != nil {
		return JoinFile{}, problem.Conflict("sync_group", err.Error())
	}
	st, _ := zsync.GroupStatus(s.store)
	name := "同步组"
	if st.Group != nil {
		name = st.Group.Name
	}
	return JoinFile{FileName: name + ".zzjoin", Data: data}, nil
}

// JoinRequest carries a join file's content.
type JoinRequest struct {
	Data []byte `json:"data"`
}

// Join makes this site a member of the group in the join file.
func (s *SyncService) Join(req JoinRequest) (zsync.Status, error) {
	if _, err := zsync.Join(s.store, req.Data); err != nil {
		return zsync.Status{}, problem.Conflict("sync_join", err.Error())
	}
	return s.Status()
}

// PassphraseRequest joins (or starts) a passphrase group.
type PassphraseRequest struct {
	Name       string `json:"name"`
	Passphrase string `json:"passphrase"`
}

// JoinPassphrase makes this site a member of the group the name and
// passphrase stand for.
func (s *SyncService) JoinPassphrase(req PassphraseRequest) (zsync.Status, error) {
	var f problem.Fields
	if strings.TrimSpace(req.Name) == "" {
		f.Add("name", "required", "同步组名称不能为空")
	}
	if n := len([]rune(req.Passphrase)); n < 10 {
		f.Add("passphrase", "short", fmt.Sprintf("口令太短：至少10个字符，现在%d个", n))
	}
	if err := f.Err(); err != nil {
		return zsync.Status{}, err
	}
	if _, err := zsync.JoinPassphrase(s.store, req.Name, req.Passphrase); err != nil {
		return zsync.Status{}, problem.Conflict("sync_join", err.Error())
	}
	return s.Status()
}

// StickRequest names the stick's folder.
type StickRequest struct {
	Dir string `json:"dir"`
}

// Preview checks every package on the stick and tells what importing it
// would do, changing nothing.
func (s *SyncService) Preview(req StickRequest) ([]zsync.Report, error) {
	if strings.TrimSpace(req.Dir) == "" {
		return nil, &problem.Error{Code: problem.CodeInvalid, Message: "请修正标出的内容",
			Fields: []problem.FieldError{{Field: "dir", Code: "required", Message: "请选择U盘所在的文件夹"}}}
	}
	files, _ := filepath.Glob(filepath.Join(req.Dir, zsync.Folder, "*.zzpkg"))
	out := []zsync.Report{}
	for _, f := range files {
		rep, err := zsync.ImportFile(s.store, f, true)
		if err != nil {
			rep.Warnings = append(rep.Warnings, "不能导入："+err.Error())
		}
		if s.people != nil && rep.Ops != nil {
			if d := s.people.IncomingDuplicates(rep.Ops); d != nil {
				rep.Duplicates = d
			}
		}
		rep.Ops = nil
		out = append(out, rep)
	}
	return out, nil
}

// StickResult is what a stick exchange did.
type StickResult struct {
	Reports []zsync.Report `json:"reports"`
	Written string         `json:"written"`
}

// Exchange imports every package on the stick, then writes this site's.
func (s *SyncService) Exchange(req StickRequest) (StickResult, error) {
	if _, err := s.Preview(req); err != nil {
		return StickResult{}, err
	}
	reps, path, err := zsync.Stick(s.store, req.Dir)
	if reps == nil {
		reps = []zsync.Report{}
	}
	if err != nil {
		return StickResult{Reports: reps}, problem.Conflict("sync_write", err.Error())
	}
	return StickResult{Reports: reps, Written: path}, nil
}

// Candidate is one value of a conflicted field.
type Candidate struct {
	Value  json.RawMessage `json:"value"`
	Shown  string          `json:"shown"`
	Site   string          `json:"site"`
	Author string          `json:"author"`
	Time   string          `json:"time"`
	Winner bool            `json:"winner"` // the provisional value shown meanwhile
}

// ConflictItem is a field edited differently at two sites.
type ConflictItem struct {
	Kind       string      `json:"kind"`
	KindName   string      `json:"kindName"`
	ID         string      `json:"id"`
	Label      string      `json:"label"`
	Field      string      `json:"field"`
	FieldName  string      `json:"fieldName"`
	Critical   bool        `json:"critical"` // must be decided by a person
	Candidates []Candidate `json:"candidates"`
}

var kindNames = map[string]string{grid.KindDivision: "区划", grid.KindGrid: "网格", grid.KindStaff: "网格人员", grid.KindAssignment: "任职", grid.KindLink: "包挂",
	people.KindPerson: "人员", people.KindEnrollment: "列管", people.KindVisit: "走访", people.KindReveal: "查看记录",
	dict.Kind: "代码表", people.KindCadenceRule: "走访频次", attach.Kind: "照片",
	ledger.KindItem: "整改事项", workday.Kind: "工作日历", zeroreport.Kind: "零报告", dispute.Kind: "矛盾纠纷", dispute.KindSeq: "纠纷编号计数",
	meeting.Kind: "会议", meeting.KindBody: "会议机构", meeting.KindVersion: "纪要版本",
	volunteer.KindTeam: "志愿服务队", volunteer.KindVolunteer: "志愿者", volunteer.KindActivity: "志愿服务活动", volunteer.KindCertificate: "志愿服务证明"}

// Field names where a kind's differ from the shared ones.
var kindFieldNames = map[string]map[string]string{
	people.KindEnrollment:  {"level": "评估等级", "levelName": "评估等级", "status": "列管状态", "statusName": "列管状态"},
	people.KindVisit:       {"status": "状态"},
	people.KindCadenceRule: {"removed": "恢复默认/删除"},
	ledger.KindItem: {"source": "问题来源", "sourceName": "问题来源", "category": "问题类别", "categoryName": "问题类别", "level": "等级",
		"levelName": "等级", "place": "地点/对象", "found": "发现日期", "reporter": "发现/反映人", "description": "问题描述", "project": "整改项目",
		"measures": "整改措施", "funds": "整改资金", "responsible": "整改责任人", "responsibleName": "整改责任人", "deadline": "整改时限",
		"deadlineRule": "整改时限", "reviewer": "复查人", "reviewerName": "复查人", "unit": "责任单位", "unitName": "责任单位",
		"coUnits": "配合单位", "coUnitNames": "配合单位", "dispatcher": "指派人", "dispatcherName": "指派人", "done": "整改落实情况",
		"finished": "整改完成日期", "verifier": "核查人", "verifierName": "核查人", "opinion": "核查意见", "verified": "核查日期",
		"closed": "销号日期", "status": "办理状态", "statusName": "办理状态", "endReason": "撤销/驳回理由", "extension": "延期申请", "remark": "备注"},
	workday.Kind: {"holidays": "放假日期", "workdays": "调休上班日期", "year": "年份"},
}

var fieldNames = map[string]string{
	"name": "名称", "code": "编码", "village": "所属村（社区）", "level": "层级", "levelName": "层级", "type": "类型", "typeName": "类型",
	"parent": "上级", "centre": "中心点", "households": "户数", "scope": "四至范围", "note": "备注", "phone": "联系电话", "unit": "工作单位",
	"role": "岗位", "roleName": "岗位", "primary": "主责任人", "start": "开始日期", "end": "结束日期", "endReason": "结束原因",
	"grid": "网格", "target": "包挂对象", "address": "地址", "deleted": "删除/保留", "gridSeq": "网格编号计数",
	// people
	"idType": "证件类型", "idNumber": "证件号码", "sex": "性别", "birth": "出生日期", "ethnicity": "民族", "domicile": "户籍地",
	"status": "状态", "statusName": "状态", "category": "人员类别", "categoryName": "人员类别", "attention": "关注程度",
	"attentionName": "关注程度", "control": "管控等级", "controlName": "管控等级", "responsible": "包保责任人",
	"responsibleNames": "包保责任人", "source": "信息来源", "sourceName": "信息来源", "enrolled": "列管日期", "details": "类别信息（含危险性评估）",
	"detailNames": "类别信息", "ended": "结束日期", "history": "状态变更记录", "date": "走访日期", "planned": "计划日期", "method": "走访方式",
	"methodName": "走访方式", "visitors": "走访人", "visitorNames": "走访人", "behaviour": "现实表现", "measures": "帮扶措施",
	"snapshot": "走访时评估", "personName": "姓名", "gridName": "网格",
	// settings
	"caption": "照片说明", "label": "名称", "disabled": "停用", "private": "不上公开名册", "every": "走访间隔", "minPerYear": "每年最少次数",
}

// Critical fields decide where a record belongs or whether it exists.
var critical = map[string]bool{"deadline": true, "closed": true, "deleted": true, "village": true, "parent": true, "level": true, "grid": true, "status": true, "category": true,
	"idNumber": true, "primary": true, "details": true, "attention": true, "control": true, "ended": true}

// recordLabel names a conflicted record so a person recognises it.
func recordLabel(r *record.Record) string {
	text := func(f string) string {
		var s string
		json.Unmarshal(r.Value(f), &s)
		return s
	}
	switch r.Kind {
	case people.KindEnrollment:
		return text("personName") + " · " + text("categoryName")
	case people.KindVisit:
		return text("date") + text("planned") + " 走访"
	case people.KindCadenceRule:
		return "类别 " + text("category")
	case ledger.KindItem:
		return text("number") + " " + text("place")
	case dispute.Kind:
		return text("number") + " " + text("name")
	case meeting.Kind, volunteer.KindActivity:
		return text("number") + " " + text("title")
	case workday.Kind:
		return r.ID + "年"
	}
	for _, f := range []string{"name", "label", "code"} {
		if s := text(f); s != "" {
			return s
		}
	}
	return r.ID
}

func fieldName(kind, field string) string {
	if n := kindFieldNames[kind][field]; n != "" {
		return n
	}
	if n := fieldNames[field]; n != "" {
		return n
	}
	return field
}

// Conflicts lists the 同步冲突 inbox.
func (s *SyncService) Conflicts() ([]ConflictItem, error) {
	kinds := make([]string, 0, len(kindNames))
	for k := range kindNames {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	recs, err := s.store.ConflictedRecords(kinds...)
	if err != nil {
		return nil, err
	}
	sites := map[string]string{}
	if list, err := s.store.Sites(); err == nil {
		for _, st := range list {
			sites[st.ID] = fmt.Sprintf("%s（%s）", st.Name, st.Code)
		}
	}
	out := []ConflictItem{}
	for _, r := range recs {
		label := recordLabel(r)
		for _, f := range r.Conflicts() {
			item := ConflictItem{Kind: r.Kind, KindName: kindNames[r.Kind], ID: r.ID, Label: label, Field: f, FieldName: fieldName(r.Kind, f), Critical: critical[f]}
			cands := r.Candidates(f)
			if f == record.DeletedField && len(cands) == 1 {
				// Deleted here, edited there: the choice is delete or keep.
				cands = append(cands, record.Candidate{Value: json.RawMessage("false")})
			}
			for i, c := range cands {
				item.Candidates = append(item.Candidates, s.candidate(f, c, sites, i == 0))
			}
			out = append(out, item)
		}
	}
	return out, nil
}

func (s *SyncService) candidate(field string, c record.Candidate, sites map[string]string, winner bool) Candidate {
	out := Candidate{Value: c.Value, Shown: strings.Trim(string(c.Value), `"`), Winner: winner}
	if field == record.DeletedField {
		out.Shown = map[string]string{"true": "删除", "false": "保留（恢复，保留另一站点的修改）"}[string(c.Value)]
	}
	if c.Ver.Site == "" {
		return out
	}
	out.Site = sites[c.Ver.Site]
	out.Time = c.Ver.HLC.Wall().Local().Format("2006-01-02 15:04")
	if ops, err := s.store.Ops(c.Ver.Site, c.Ver.Seq-1, c.Ver.Seq); err == nil && len(ops) == 1 {
		out.Author = ops[0].Author
	}
	return out
}

// ResolveRequest settles one conflicted field.
type ResolveRequest struct {
	Kind  string          `json:"kind"`
	ID    string          `json:"id"`
	Field string          `json:"field"`
	Value json.RawMessage `json:"value"`
}

// Resolve writes the chosen value; the resolution travels to every site.
func (s *SyncService) Resolve(req ResolveRequest) error {
	if _, ok := kindNames[req.Kind]; !ok || !json.Valid(req.Value) {
		return &problem.Error{Code: problem.CodeInvalid, Message: "冲突处理请求无效"}
	}
	_, err := s.store.Update(s.store.Site().Name, func(tx *store.Txn) error {
		return tx.Resolve(req.Kind, req.ID, req.Field, req.Value)
	})
	return err
}

// StartExchange starts the stick exchange and returns its job id.
func (s *SyncService) StartExchange(req StickRequest) (string, error) {
	if _, err := s.Preview(req); err != nil {
		return "", err
	}
	return s.jobs.start(zsync.Progress{}, "已取消：已导入的更改保留，下次同步会接着导入其余更改",
		func(ctx context.Context, progress func(any)) (any, error) {
			reps, path, err := zsync.StickWith(ctx, s.store, req.Dir, func(p zsync.Progress) { progress(p) })
			if reps == nil {
				reps = []zsync.Report{}
			}
			return &StickResult{Reports: reps, Written: path}, err
		}), nil
}

// Job reports a job's progress and, once done, its result.
func (s *SyncService) Job(id string) (JobStatus, error) { return s.jobs.status(id) }

// CancelJob asks a running job to stop after its current batch.
func (s *SyncService) CancelJob(id string) error { return s.jobs.stop(id) }
