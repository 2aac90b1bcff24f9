package api

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"zongzhi/backend/importer"
	"zongzhi/backend/problem"
	"zongzhi/backend/report/xlsx"
	"zongzhi/backend/store"
)

// ImportService is the Excel import: upload → preview of every row →
// (map unknown headers) → confirm → written with progress → reject report.
type ImportService struct {
	store *store.Store
	areas []importer.Area
	jobs  jobs

	mu       sync.Mutex
	sessions map[string]*session
}

type session struct {
	*importer.Session
	fileName  string
	mapping   xlsx.Mapping
	created   time.Time
	report    []byte
	committed bool
}

// AreaInfo is one kind of sheet the app takes in, with the fields a
// header can be mapped to.
type AreaInfo struct {
	Key    string       `json:"key"`
	Label  string       `json:"label"`
	Fields []xlsx.Field `json:"fields"`
}

func areaInfo(a importer.About) AreaInfo {
	return AreaInfo{Key: a.Key, Label: a.Label, Fields: a.Schema}
}

// Areas lists what can be imported.
func (s *ImportService) Areas() []AreaInfo {
	out := make([]AreaInfo, len(s.areas))
	for i, a := range s.areas {
		out[i] = areaInfo(a.About())
	}
	return out
}

func (s *ImportService) area(key string) (importer.Area, error) {
	for _, a := range s.areas {
		if a.About().Key == key {
			return a, nil
		}
	}
	return nil, &problem.Error{Code: problem.CodeInvalid, Message: fmt.Sprintf("未知的导入类型“%s”", key)}
}

// ImportRequest is an uploaded workbook.
type ImportRequest struct {
	Area     string       `json:"area"`
	FileName string       `json:"fileName"`
	Data     []byte       `json:"data"`
	Year     int          `json:"year,omitempty"`    // for dates like 3月5日 when the title names no year
	Mapping  xlsx.Mapping `json:"mapping,omitempty"` // header → field key, for headers the area does not know
}

// ImportPreview is what the import would do. Token names it for Lines,
// StartCommit and RejectReport; it is empty when no sheet was recognised
// (NeedsMapping: map the headers and preview again).
type ImportPreview struct {
	Token        string               `json:"token"`
	Area         AreaInfo             `json:"area"`
	FileName     string               `json:"fileName"`
	Sheets       []importer.SheetInfo `json:"sheets"`
	Counts       importer.Counts      `json:"counts"`
	Mapping      xlsx.Mapping         `json:"mapping"` // what was applied, remembered ones included
	NeedsMapping bool                 `json:"needsMapping"`
	Summary      string               `json:"summary,omitempty"` // the area's own counts, e.g. distinct persons
	Lines        []importer.Line      `json:"lines"`             // the first page, problems first
	Total        int                  `json:"total"`
}

// previewPage is how many rows a preview carries; Lines pages the rest.
const previewPage = 200

// mappingMeta is where mappings are remembered: per area, per template
// (the signature of a sheet's header texts).
func mappingMeta(area string) string { return "import-mapping/" + area }

type templates map[string]xlsx.Mapping // signature → mapping

// Preview reads the workbook and plans every row without writing.
func (s *ImportService) Preview(req ImportRequest) (ImportPreview, error) {
	area, err := s.area(req.Area)
	if err != nil {
		return ImportPreview{}, err
	}
	if len(req.Data) == 0 {
		return ImportPreview{}, &problem.Error{Code: problem.CodeInvalid, Message: "请选择要导入的 Excel 文件",
			Fields: []problem.FieldError{{Field: "file", Code: "required", Message: "请选择要导入的 Excel 文件（.xlsx）"}}}
	}
	if req.Year == 0 {
		req.Year = time.Now().Year()
	}
	// Remembered mappings first, the user's choices over them.
	mapping := xlsx.Mapping{}
	var known templates
	if _, err := s.store.GetMeta(mappingMeta(area.About().Key), &known); err != nil {
		return ImportPreview{}, err
	}
	for _, m := range known {
		for h, k := range m {
			mapping[h] = k
		}
	}
	for h, k := range req.Mapping {
		mapping[xlsx.HeaderKey(h)] = k
	}
	sess, err := importer.Prepare(context.Background(), area, req.Data, importer.Options{Year: req.Year, Mapping: mapping})
	info := areaInfo(area.About())
	switch {
	case errors.Is(err, importer.ErrNoData):
		return ImportPreview{Area: info, FileName: req.FileName, Sheets: sess.Sheets, Mapping: mapping, NeedsMapping: true, Lines: []importer.Line{}}, nil
	case err != nil:
		return ImportPreview{}, &problem.Error{Code: "import_file", Message: err.Error()}
	}
	token := store.NewID()
	s.mu.Lock()
	if s.sessions == nil {
		s.sessions = map[string]*session{}
	}
	for t, old := range s.sessions {
		if time.Since(old.created) > time.Hour {
			old.Close()
			delete(s.sessions, t)
		}
	}
	s.sessions[token] = &session{Session: sess, fileName: req.FileName, mapping: mapping, created: time.Now()}
	s.mu.Unlock()
	p := ImportPreview{Token: token, Area: info, FileName: req.FileName, Sheets: sess.Sheets, Counts: sess.Counts(), Mapping: mapping, Summary: sess.Summary()}
	for _, sh := range sess.Sheets {
		p.NeedsMapping = p.NeedsMapping || (!sh.Recognised && len(sh.Unknown) > 0) || len(sh.Unknown) > 0
	}
	p.Lines, p.Total = problemsFirst(sess, previewPage)
	return p, nil
}

// problemsFirst is the first page of the preview: rejected rows, then
// duplicates, then the rest.
func problemsFirst(sess *importer.Session, limit int) ([]importer.Line, int) {
	var out []importer.Line
	total := 0
	for _, a := range []importer.Action{importer.Reject, importer.Duplicate, importer.Update, importer.Import} {
		lines, n := sess.Lines(a, 0, limit-len(out))
		out = append(out, lines...)
		total += n
	}
	return out, total
}

func (s *ImportService) session(token string) (*session, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sess, ok := s.sessions[token]
	if !ok {
		return nil, problem.Conflict("import_expired", "导入预览已过期，请重新选择文件")
	}
	return sess, nil
}

// LinesRequest pages the preview; Action filters ("" = every row).
type LinesRequest struct {
	Token  string          `json:"token"`
	Action importer.Action `json:"action,omitempty"`
	Offset int             `json:"offset"`
	Limit  int             `json:"limit"`
}

// LinesPage is one page of preview rows.
type LinesPage struct {
	Lines []importer.Line `json:"lines"`
	Total int             `json:"total"`
}

// Lines returns a page of the preview's rows.
func (s *ImportService) Lines(req LinesRequest) (LinesPage, error) {
	sess, err := s.session(req.Token)
	if err != nil {
		return LinesPage{}, err
	}
	if req.Limit <= 0 || req.Limit > 1000 {
		req.Limit = 100
	}
	lines, total := sess.Lines(req.Action, req.Offset, req.Limit)
	return LinesPage{Lines: lines, Total: total}, nil
}

// ImportResult is what a commit did.
type ImportResult struct {
	Counts    importer.Counts `json:"counts"`
	Summary   string          `json:"summary,omitempty"`
	Cancelled bool            `json:"cancelled"`
	Rejected  int             `json:"rejected"` // rows in the reject report
}

// StartCommit writes the previewed rows as a job (poll Job, stop with
// CancelJob) and remembers the header mapping for this template.
func (s *ImportService) StartCommit(token string) (string, error) {
	sess, err := s.session(token)
	if err != nil {
		return "", err
	}
	return s.jobs.start(Step{Stage: "写入"}, "已取消：已写入的行保留，其余行在未导入清单中",
		func(ctx context.Context, progress func(any)) (any, error) {
			res, err := sess.Commit(ctx, func(done, total int) { progress(Step{Done: done, Total: total, Stage: "写入"}) })
			s.mu.Lock()
			sess.report, sess.committed = res.RejectReport, true
			s.mu.Unlock()
			if err == nil {
				if rerr := s.remember(sess); rerr != nil {
					err = rerr
				}
			}
			return &ImportResult{Counts: res.Counts, Summary: sess.Summary(), Cancelled: res.Cancelled, Rejected: res.Counts.Reject + res.Counts.Duplicate}, err
		}), nil
}

// remember keeps the mapping of each recognised sheet under its template.
func (s *ImportService) remember(sess *session) error {
	var known templates
	if _, err := s.store.GetMeta(mappingMeta(sess.Area.About().Key), &known); err != nil {
		return err
	}
	if known == nil {
		known = templates{}
	}
	changed := false
	for _, sh := range sess.Sheets {
		if !sh.Recognised {
			continue
		}
		m := xlsx.Mapping{}
		for _, h := range sh.Headers {
			if k, ok := sess.mapping[xlsx.HeaderKey(h)]; ok {
				m[xlsx.HeaderKey(h)] = k
			}
		}
		if len(m) > 0 {
			known[sh.Signature] = m
			changed = true
		}
	}
	if !changed {
		return nil
	}
	return s.store.SetMeta(mappingMeta(sess.Area.About().Key), known)
}

// Job reports an import's progress and, once done, its result.
func (s *ImportService) Job(id string) (JobStatus, error) { return s.jobs.status(id) }

// CancelJob stops an import after its current batch.
func (s *ImportService) CancelJob(id string) error { return s.jobs.stop(id) }

// RejectReport returns the .xlsx of the rows a finished import did not
// write (before the commit: that the preview would not take), with the
// reason for each.
func (s *ImportService) RejectReport(token string) (Document, error) {
	sess, err := s.session(token)
	if err != nil {
		return Document{}, err
	}
	s.mu.Lock()
	data, committed := sess.report, sess.committed
	s.mu.Unlock()
	if !committed { // before the commit: the rows the preview would not take
		if data, err = sess.Session.RejectReport(); err != nil {
			return Document{}, err
		}
	}
	if data == nil {
		return Document{}, problem.Conflict("no_rejects", "没有未导入的行")
	}
	name := strings.TrimSuffix(sess.fileName, ".xlsx")
	if name == "" {
		name = "导入"
	}
	return Document{FileName: name + "-未导入.xlsx", Data: data, Warnings: []string{}}, nil
}
