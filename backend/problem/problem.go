// Package problem is the typed error every layer returns to the UI: a
// stable snake_case code (doubles as an i18n key), a Chinese message, and
// per-field messages shown next to form fields.
package problem

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Codes shared by every service.
const (
	CodeInvalid  = "invalid"   // one or more fields are wrong
	CodeNotFound = "not_found" // the record does not exist (or was deleted)
	CodeConflict = "conflict"  // the action clashes with current data
	CodeInternal = "internal"  // a bug or an I/O failure
)

// FieldError is one field's problem.
type FieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
	// Ref is the id of the record the problem refers to, e.g. the person
	// who already has this ID number: the UI opens it without reading ids
	// out of the message.
	Ref string `json:"ref,omitempty"`
}

// Error is what services return for anything the user can act on.
type Error struct {
	Code    string       `json:"code"`
	Message string       `json:"message"`
	Fields  []FieldError `json:"fields,omitempty"`
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return e.Message
	}
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Message
	}
	return e.Message + "：" + strings.Join(parts, "；")
}

// NotFound reports a missing record of a kind named in Chinese.
func NotFound(what, id string) *Error {
	return &Error{Code: CodeNotFound, Message: fmt.Sprintf("%s不存在或已删除（%s）", what, id)}
}

// Conflict reports an action refused because of current data.
func Conflict(code, message string) *Error {
	return &Error{Code: code, Message: message}
}

// Fields collects field errors; its Err is nil while it is empty.
type Fields struct{ list []FieldError }

// Add records that field has a problem.
func (f *Fields) Add(field, code, message string) {
	f.list = append(f.list, FieldError{Field: field, Code: code, Message: message})
}

// Rename moves the problems of field from to field to: a check shared
// with another form, which names the field otherwise.
func (f *Fields) Rename(from, to string) {
	for i := range f.list {
		if f.list[i].Field == from {
			f.list[i].Field = to
		}
	}
}

// Has reports whether field already has a problem (to report the first only).
func (f *Fields) Has(field string) bool {
	for _, e := range f.list {
		if e.Field == field {
			return true
		}
	}
	return false
}

// Err is a validation error listing every field problem, or nil.
func (f *Fields) Err() error {
	if len(f.list) == 0 {
		return nil
	}
	return &Error{Code: CodeInvalid, Message: "请修正标出的内容", Fields: f.list}
}

// As extracts a *Error, wrapping anything else as an internal error so the
// UI always gets the same shape.
func As(err error) *Error {
	var p *Error
	if errors.As(err, &p) {
		return p
	}
	return &Error{Code: CodeInternal, Message: "内部错误：" + err.Error()}
}

// Required notes an empty value: "<name>不能为空".
func (f *Fields) Required(field, name, v string) {
	if strings.TrimSpace(v) == "" {
		f.Add(field, "required", name+"不能为空")
	}
}

// Date checks a YYYY-MM-DD date (required or optional).
func (f *Fields) Date(field, name, v string, required bool) {
	if v == "" {
		if required {
			f.Add(field, "required", name+"不能为空")
		}
		return
	}
	if _, err := time.Parse("2006-01-02", v); err != nil {
		f.Add(field, "format", fmt.Sprintf("%s“%s”不是有效日期，应为 年-月-日，如 2024-03-05", name, v))
	}
}

// Messages joins the field messages (import reject reasons).
func (f *Fields) Messages() string {
	parts := make([]string, len(f.list))
	for i, e := range f.list {
		parts[i] = e.Message
	}
	return strings.Join(parts, "；")
}
