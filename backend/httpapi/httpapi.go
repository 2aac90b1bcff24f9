// Package httpapi serves backend/api over HTTP on localhost: the browser
// UI, LAN mode and the end-to-end tests use the same services as the
// desktop window. POST /api/<Service>/<Method> with the single argument as
// the JSON body; the result comes back as JSON, an error as a
// problem.Error with a 4xx/5xx status.
package httpapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net/http"
	"reflect"
	"strings"

	"zongzhi/backend/problem"
)

// maxBody bounds a request body: forms are small, and a hostile page on
// the LAN must not exhaust memory.
const maxBody = 8 << 20

var errorType = reflect.TypeOf((*error)(nil)).Elem()

type method struct {
	fn  reflect.Value
	arg reflect.Type // nil: no argument
}

// Handler dispatches API calls to bound services and serves the UI.
type Handler struct {
	methods map[string]method
	ui      http.Handler
}

// New binds every exported method of the services (name → pointer to a
// service struct) and serves ui (the built frontend; nil for API only).
func New(services map[string]any, ui fs.FS) (*Handler, error) {
	h := &Handler{methods: map[string]method{}}
	for name, svc := range services {
		v := reflect.ValueOf(svc)
		t := v.Type()
		for i := 0; i < t.NumMethod(); i++ {
			m := t.Method(i)
			fn := v.Method(i)
			ft := fn.Type()
			if ft.NumIn() > 1 || ft.NumOut() > 2 {
				return nil, fmt.Errorf("httpapi: %s.%s: want at most one argument and (result, error)", name, m.Name)
			}
			mm := method{fn: fn}
			if ft.NumIn() == 1 {
				mm.arg = ft.In(0)
			}
			h.methods[name+"/"+m.Name] = mm
		}
	}
	if ui != nil {
		h.ui = spa(ui)
	}
	return h, nil
}

// Methods lists the bound "<Service>/<Method>" names.
func (h *Handler) Methods() []string {
	var out []string
	for k := range h.methods {
		out = append(out, k)
	}
	return out
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if name, ok := strings.CutPrefix(r.URL.Path, "/api/"); ok {
		h.call(w, r, name)
		return
	}
	if r.URL.Path == "/healthz" {
		w.Write([]byte("ok"))
		return
	}
	if h.ui == nil {
		http.NotFound(w, r)
		return
	}
	h.ui.ServeHTTP(w, r)
}

func (h *Handler) call(w http.ResponseWriter, r *http.Request, name string) {
	if r.Method != http.MethodPost {
		writeError(w, http.StatusMethodNotAllowed, &problem.Error{Code: problem.CodeInvalid, Message: "接口只接受 POST 请求"})
		return
	}
	m, ok := h.methods[name]
	if !ok {
		writeError(w, http.StatusNotFound, &problem.Error{Code: problem.CodeNotFound, Message: "没有这个接口：" + name})
		return
	}
	var args []reflect.Value
	if m.arg != nil {
		arg := reflect.New(m.arg)
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
		if err != nil {
			writeError(w, http.StatusRequestEntityTooLarge, &problem.Error{Code: problem.CodeInvalid, Message: "请求内容过大"})
			return
		}
		if len(strings.TrimSpace(string(body))) > 0 {
			if err := json.Unmarshal(body, arg.Interface()); err != nil {
				writeError(w, http.StatusBadRequest, badJSON(err))
				return
			}
		}
		args = append(args, arg.Elem())
	}
	out := m.fn.Call(args)
	var result any
	for _, v := range out {
		if v.Type().Implements(errorType) && v.Type().Kind() == reflect.Interface {
			if !v.IsNil() {
				p := problem.As(v.Interface().(error))
				if p.Code == problem.CodeInternal {
					log.Printf("httpapi: %s: %v", name, v.Interface())
				}
				writeError(w, status(p.Code), p)
				return
			}
			continue
		}
		result = v.Interface()
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	json.NewEncoder(w).Encode(result)
}

// badJSON names the field whose value had the wrong type.
func badJSON(err error) *problem.Error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		return &problem.Error{Code: problem.CodeInvalid, Message: "请修正标出的内容",
			Fields: []problem.FieldError{{Field: te.Field, Code: "type", Message: fmt.Sprintf("“%s”的值类型不对（应为%s）", te.Field, te.Type)}}}
	}
	return &problem.Error{Code: problem.CodeInvalid, Message: "请求内容不是有效的 JSON：" + err.Error()}
}

func status(code string) int {
	switch code {
	case problem.CodeInvalid:
		return http.StatusUnprocessableEntity
	case problem.CodeNotFound:
		return http.StatusNotFound
	case problem.CodeInternal:
		return http.StatusInternalServerError
	default:
		return http.StatusConflict
	}
}

func writeError(w http.ResponseWriter, status int, p *problem.Error) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(p)
}

// spa serves the built frontend; unknown paths get index.html so the
// client-side router can take them.
func spa(ui fs.FS) http.Handler {
	files := http.FileServerFS(ui)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(r.URL.Path, "/")
		if p != "" {
			if _, err := fs.Stat(ui, p); err != nil {
				r2 := r.Clone(r.Context())
				r2.URL.Path = "/"
				files.ServeHTTP(w, r2)
				return
			}
		}
		files.ServeHTTP(w, r)
	})
}
