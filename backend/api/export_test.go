package api

import "zongzhi/backend/dispute"

// NewDisputeService wraps a dispute service made with a test clock.
func NewDisputeService(d *dispute.Service) *DisputeService { return &DisputeService{dispute: d} }
