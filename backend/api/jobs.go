package api

import (
	"context"
	"sync"

	"zongzhi/backend/problem"
	"zongzhi/backend/store"
	zsync "zongzhi/backend/sync"
)

// A long stick exchange runs as a job the UI polls (the same over HTTP
// and in the window) and can cancel.
type job struct {
	mu     sync.Mutex
	status JobStatus
	cancel context.CancelFunc
}

// JobStatus is what the progress dialog shows.
type JobStatus struct {
	ID        string         `json:"id"`
	Running   bool           `json:"running"`
	Progress  zsync.Progress `json:"progress"`
	Result    *StickResult   `json:"result,omitempty"`
	Error     string         `json:"error,omitempty"`
	Cancelled bool           `json:"cancelled"`
}

type jobs struct {
	mu   sync.Mutex
	byID map[string]*job
}

func (j *jobs) add(cancel context.CancelFunc) *job {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.byID == nil {
		j.byID = map[string]*job{}
	}
	jb := &job{status: JobStatus{ID: store.NewID(), Running: true}, cancel: cancel}
	j.byID[jb.status.ID] = jb
	return jb
}

func (j *jobs) get(id string) (*job, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	jb, ok := j.byID[id]
	if !ok {
		return nil, problem.NotFound("任务", id)
	}
	return jb, nil
}

// StartExchange starts the stick exchange and returns its job id.
func (s *SyncService) StartExchange(req StickRequest) (string, error) {
	if _, err := s.Preview(req); err != nil {
		return "", err
	}
	ctx, cancel := context.WithCancel(context.Background())
	jb := s.jobs.add(cancel)
	go func() {
		defer cancel()
		reps, path, err := zsync.StickWith(ctx, s.store, req.Dir, func(p zsync.Progress) {
			jb.mu.Lock()
			jb.status.Progress = p
			jb.mu.Unlock()
		})
		jb.mu.Lock()
		defer jb.mu.Unlock()
		jb.status.Running = false
		if reps == nil {
			reps = []zsync.Report{}
		}
		jb.status.Result = &StickResult{Reports: reps, Written: path}
		switch {
		case ctx.Err() != nil:
			jb.status.Cancelled = true
			jb.status.Error = "已取消：已导入的更改保留，下次同步会接着导入其余更改"
		case err != nil:
			jb.status.Error = err.Error()
		}
	}()
	return jb.status.ID, nil
}

// Job reports a job's progress and, once done, its result.
func (s *SyncService) Job(id string) (JobStatus, error) {
	jb, err := s.jobs.get(id)
	if err != nil {
		return JobStatus{}, err
	}
	jb.mu.Lock()
	defer jb.mu.Unlock()
	return jb.status, nil
}

// CancelJob asks a running job to stop after its current batch.
func (s *SyncService) CancelJob(id string) error {
	jb, err := s.jobs.get(id)
	if err != nil {
		return err
	}
	jb.cancel()
	return nil
}
