package api

import (
	"context"
	"sync"
	"time"

	"zongzhi/backend/problem"
	"zongzhi/backend/store"
)

// Long work (a stick exchange, an import, a big PDF) runs as a job the UI
// polls — the same over HTTP and in the window — and can cancel.
type job struct {
	mu     sync.Mutex
	status JobStatus
	cancel context.CancelFunc
	ended  time.Time
}

// JobStatus is what a progress dialog shows. Progress and Result are the
// job's own types (e.g. zsync.Progress and *StickResult for the exchange).
type JobStatus struct {
	ID        string `json:"id"`
	Running   bool   `json:"running"`
	Progress  any    `json:"progress"`
	Result    any    `json:"result,omitempty"`
	Error     string `json:"error,omitempty"`
	Cancelled bool   `json:"cancelled"`
}

// Step is the progress of a job that counts one thing.
type Step struct {
	Done  int    `json:"done"`
	Total int    `json:"total"`
	Stage string `json:"stage,omitempty"`
}

type jobs struct {
	mu   sync.Mutex
	byID map[string]*job
}

// jobKeep is how long a finished job's result stays for the UI to fetch.
const jobKeep = 30 * time.Minute

// work is a job's body: it reports progress and returns its result; a
// result returned with a cancelled ctx is kept (what was done so far).
type work func(ctx context.Context, progress func(any)) (any, error)

// start runs w in the background and returns the job id. cancelled is the
// message shown when the user cancels.
func (j *jobs) start(initial any, cancelled string, w work) string {
	ctx, cancel := context.WithCancel(context.Background())
	jb := &job{status: JobStatus{ID: store.NewID(), Running: true, Progress: initial}, cancel: cancel}
	j.mu.Lock()
	if j.byID == nil {
		j.byID = map[string]*job{}
	}
	for id, old := range j.byID {
		old.mu.Lock()
		if !old.status.Running && time.Since(old.ended) > jobKeep {
			delete(j.byID, id)
		}
		old.mu.Unlock()
	}
	j.byID[jb.status.ID] = jb
	j.mu.Unlock()
	go func() {
		defer cancel()
		res, err := w(ctx, func(p any) {
			jb.mu.Lock()
			jb.status.Progress = p
			jb.mu.Unlock()
		})
		jb.mu.Lock()
		defer jb.mu.Unlock()
		jb.status.Running, jb.status.Result, jb.ended = false, res, time.Now()
		switch {
		case ctx.Err() != nil:
			jb.status.Cancelled = true
			jb.status.Error = cancelled
		case err != nil:
			jb.status.Error = err.Error()
		}
	}()
	return jb.status.ID
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

// status reports a job's progress and, once done, its result.
func (j *jobs) status(id string) (JobStatus, error) {
	jb, err := j.get(id)
	if err != nil {
		return JobStatus{}, err
	}
	jb.mu.Lock()
	defer jb.mu.Unlock()
	return jb.status, nil
}

// stop asks a running job to stop after its current batch.
func (j *jobs) stop(id string) error {
	jb, err := j.get(id)
	if err != nil {
		return err
	}
	jb.cancel()
	return nil
}
