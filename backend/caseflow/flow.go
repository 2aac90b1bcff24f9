// Package caseflow is the kernel every case-like area is declared on: a
// record that moves through states (整改事项, 矛盾纠纷, 志愿活动, 会议),
// with a log that merges across sites, a readable number, and moves that
// are refused with one error code naming the state and who may act.
//
// A domain declares its Flow (states, moves, separation-of-duties rules,
// where its record keeps status and log) and calls Move; the kernel
// reads the record inside the save that writes it, checks the move,
// appends one log entry as a field of its own, and writes.
package caseflow

import (
	"fmt"

	"zongzhi/backend/dict"
	"zongzhi/backend/problem"
)

// ErrTransition is the one problem code of a refused move: the move is
// not allowed from the record's state (or the record lacks what the move
// needs). The message names the state, the move and who may act.
const ErrTransition = "transition"

// State is one state of a flow.
type State struct {
	Code  string `json:"code"`
	Label string `json:"label"`
	// Final states end the flow: no move leaves them.
	Final bool `json:"final,omitempty"`
}

// Move is one move a flow allows.
type Move struct {
	Code  string `json:"code"`
	Label string `json:"label"` // 指派, 核查不通过, 受理 …
	// From lists the states the move may start from; empty = none (a
	// record is registered or imported, never moved there).
	From []string `json:"from"`
	// To is the state the move leads to; "" = the state stays (feedback,
	// an extension request).
	To string `json:"to,omitempty"`
	// Who names who may make the move, for refusals (核查人, 调解员).
	Who string `json:"who,omitempty"`
	// Needs says what must come first, for refusals (须先受理).
	Needs string `json:"needs,omitempty"`
}

// Separation keeps duties apart: whoever made one of the Excluded moves
// on a record may not make Move on it (a verifier is neither dispatcher
// nor handler; no one approves their own request).
type Separation struct {
	Moves    []string // the moves restricted
	Excluded []string // whose makers may not make them
	Role     string   // the restricted role, for the message (核查人)
}

// Flow declares a case-like area.
type Flow struct {
	// What names one record in messages: 整改事项, 矛盾纠纷.
	What       string
	States     []State
	Moves      []Move
	Separation []Separation
}

// State returns the declared state of a code (zero if unknown).
func (f *Flow) State(code string) State {
	for _, s := range f.States {
		if s.Code == code {
			return s
		}
	}
	return State{}
}

// Label is a state's label ("" for "").
func (f *Flow) Label(code string) string { return f.State(code).Label }

// Move returns the declared move of a code.
func (f *Flow) Move(code string) (Move, bool) {
	for _, m := range f.Moves {
		if m.Code == code {
			return m, true
		}
	}
	return Move{}, false
}

// MustMove returns a declared move; an undeclared code is a programming
// error.
func (f *Flow) MustMove(code string) Move {
	m, ok := f.Move(code)
	if !ok {
		panic("caseflow: " + f.What + " has no move " + code)
	}
	return m
}

// Allowed tells whether move may start from state.
func (f *Flow) Allowed(move, state string) bool {
	m, ok := f.Move(move)
	if !ok {
		return false
	}
	for _, s := range m.From {
		if s == state {
			return true
		}
	}
	return false
}

// Next lists the moves that may start from state, in declared order:
// the buttons the UI offers.
func (f *Flow) Next(state string) []Move {
	var out []Move
	for _, m := range f.Moves {
		if f.Allowed(m.Code, state) {
			out = append(out, m)
		}
	}
	return out
}

// Refuse is the problem for a move not allowed from state on the record
// numbered number: it names the state, the move, what it needs and who
// may act.
func (f *Flow) Refuse(number, state, move string) *problem.Error {
	m, ok := f.Move(move)
	if !ok {
		return &problem.Error{Code: problem.CodeInvalid, Message: fmt.Sprintf("未知的操作“%s”", move)}
	}
	st := f.State(state)
	msg := fmt.Sprintf("%s%s当前为“%s”，不能%s", f.What, number, st.Label, m.Label)
	if m.To != "" {
		msg += fmt.Sprintf("（改为“%s”）", f.Label(m.To))
	}
	switch {
	case st.Final:
		msg += fmt.Sprintf("：“%s”的%s已办结，不能再变更", st.Label, f.What)
	case m.Needs != "":
		msg += "：" + m.Needs
	}
	if m.Who != "" {
		msg += fmt.Sprintf("；此操作由%s办理", m.Who)
	}
	return problem.Conflict(ErrTransition, msg)
}

// Refused is the problem for a change the record's state does not take
// that is no declared move (editing a plan once held): it names the state
// and why.
func (f *Flow) Refused(number, state, why string) *problem.Error {
	return problem.Conflict(ErrTransition, fmt.Sprintf("%s%s当前为“%s”：%s", f.What, number, f.Label(state), why))
}

// Refusal is a refused move for a reason other than the state (e.g. no
// pending extension request), with the same code.
func Refusal(format string, args ...any) *problem.Error {
	return problem.Conflict(ErrTransition, fmt.Sprintf(format, args...))
}

// TookPart names the log entry in which staff made a move whose makers
// may not make move (see Separation), or returns false.
func (f *Flow) TookPart(log []Entry, move, staff string) (Entry, Separation, bool) {
	if staff == "" {
		return Entry{}, Separation{}, false
	}
	for _, sep := range f.Separation {
		if !contains(sep.Moves, move) {
			continue
		}
		for _, e := range log {
			if e.StaffID == staff && contains(sep.Excluded, e.Action) {
				return e, sep, true
			}
		}
	}
	return Entry{}, Separation{}, false
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// StateCodes lists the states as a code table (forms, filters, prints).
func (f *Flow) StateCodes() []dict.Code {
	out := make([]dict.Code, len(f.States))
	for i, s := range f.States {
		out[i] = dict.Code{Code: s.Code, Label: s.Label}
	}
	return out
}

// Transitions lists, per state, the states a move leads to from it.
func (f *Flow) Transitions() map[string][]string {
	out := map[string][]string{}
	for _, m := range f.Moves {
		if m.To == "" {
			continue
		}
		for _, from := range m.From {
			if !contains(out[from], m.To) {
				out[from] = append(out[from], m.To)
			}
		}
	}
	return out
}
