package meeting

import "fmt"

// Quorum is what the attendance says about deciding.
type Quorum struct {
	Expected int    `json:"expected"` // 应到: the body's members on the list
	Present  int    `json:"present"`  // 实到: members present
	Leave    int    `json:"leave"`
	Absent   int    `json:"absent"`
	Guests   int    `json:"guests"` // 列席: not counted
	Needed   int    `json:"needed"` // members who must be present (0 = no rule)
	Met      bool   `json:"met"`
	Text     string `json:"text"` // 应到12人，实到9人 …
}

// Count reckons the quorum of an attendance under rule.
func Count(rule string, att []Attendee) Quorum {
	var q Quorum
	for _, a := range att {
		switch {
		case !a.Member:
			if a.Role == RoleGuest {
				q.Guests++
			}
			continue
		case a.Role == RolePresent:
			q.Present++
		case a.Role == RoleLeave:
			q.Leave++
		case a.Role == RoleAbsent:
			q.Absent++
		}
		q.Expected++
	}
	switch rule {
	case RuleTwoThirds:
		q.Needed = (2*q.Expected + 2) / 3 // at least two thirds
	case RuleMajority:
		q.Needed = q.Expected/2 + 1 // more than half
	}
	q.Met = q.Present >= q.Needed
	q.Text = fmt.Sprintf("应到%d人，实到%d人", q.Expected, q.Present)
	if q.Leave > 0 {
		q.Text += fmt.Sprintf("，请假%d人", q.Leave)
	}
	if q.Absent > 0 {
		q.Text += fmt.Sprintf("，缺席%d人", q.Absent)
	}
	if q.Guests > 0 {
		q.Text += fmt.Sprintf("，列席%d人", q.Guests)
	}
	switch {
	case q.Needed == 0:
	case q.Met:
		q.Text += fmt.Sprintf("；须%d人出席，符合法定人数", q.Needed)
	default:
		q.Text += fmt.Sprintf("；须%d人出席，不足法定人数，不能表决", q.Needed)
	}
	return q
}

// Decide computes a voted item's result: never typed. Under a quorum
// rule an item passes with more than half of the members present; with
// no rule, with more for than against.
func Decide(rule string, q Quorum, it Item) string {
	switch {
	case !it.Voted:
		return ResultNoVote
	case !q.Met:
		return ResultNoQuorum
	case rule == RuleNone && it.For > it.Against:
		return ResultPassed
	case rule != RuleNone && 2*it.For > q.Present:
		return ResultPassed
	}
	return ResultRejected
}
