package dispute

import "zongzhi/backend/caseflow"

// Problem codes the UI keys its messages on (besides problem's own).
const (
	// ErrTransition: the requested step is not allowed from the current
	// status; the message names both (the kernel's one refusal code).
	ErrTransition = caseflow.ErrTransition
	// ErrLocked: a declined or archived dispute cannot be edited.
	ErrLocked = "dispute_locked"
	// ErrNumberTaken: a readable number is already used by another dispute.
	ErrNumberTaken = "dispute_number_taken"
)
