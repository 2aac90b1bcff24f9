// Package hlc is a hybrid logical clock: wall-clock milliseconds plus a
// counter, so stamps from one site never go backwards and stamps from
// different sites order sensibly without a network time source.
package hlc

import (
	"errors"
	"fmt"
	"sync"
	"time"
)

// Timestamp packs wall milliseconds (high 48 bits) and a logical counter
// (low 16 bits) so that plain integer comparison orders stamps.
type Timestamp uint64

const counterBits = 16

// MaxDrift is how far ahead of our wall clock a remote stamp may be before
// it is held back instead of adopted.
const MaxDrift = 24 * time.Hour

// ErrClockDrift reports a remote stamp too far in the future: the other
// machine's clock is probably wrong ("系统时间可能不正确").
var ErrClockDrift = errors.New("hlc: remote timestamp too far in the future")

// New builds a timestamp from wall milliseconds and a counter.
func New(wallMillis int64, counter uint16) Timestamp {
	return Timestamp(uint64(wallMillis)<<counterBits | uint64(counter))
}

// Wall is the wall-clock part.
func (t Timestamp) Wall() time.Time { return time.UnixMilli(int64(t >> counterBits)) }

// Counter is the logical part.
func (t Timestamp) Counter() uint16 { return uint16(t & (1<<counterBits - 1)) }

func (t Timestamp) String() string {
	return fmt.Sprintf("%s.%d", t.Wall().UTC().Format("2006-01-02T15:04:05.000Z"), t.Counter())
}

// Clock hands out monotonically increasing timestamps.
type Clock struct {
	mu   sync.Mutex
	last Timestamp
	now  func() time.Time
}

// NewClock starts a clock that never issues a stamp at or below last
// (the highest stamp already persisted, so a restart with the wall clock
// set back still moves forward).
func NewClock(last Timestamp, now func() time.Time) *Clock {
	if now == nil {
		now = time.Now
	}
	return &Clock{last: last, now: now}
}

// Now issues a new local stamp.
func (c *Clock) Now() Timestamp {
	c.mu.Lock()
	defer c.mu.Unlock()
	wall := New(c.now().UnixMilli(), 0)
	if wall > c.last {
		c.last = wall
	} else {
		c.last++
	}
	return c.last
}

// Observe merges a remote stamp so later local stamps sort after it.
// A stamp more than MaxDrift ahead of the wall clock is refused.
func (c *Clock) Observe(remote Timestamp) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if remote.Wall().Sub(c.now()) > MaxDrift {
		return fmt.Errorf("%w: %s", ErrClockDrift, remote)
	}
	if remote > c.last {
		c.last = remote
	}
	return nil
}

// Last is the highest stamp issued or observed.
func (c *Clock) Last() Timestamp {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.last
}

// TooFarAhead tells whether a remote stamp is more than MaxDrift ahead of
// our wall clock: such a change is held back, its clock never adopted
// ("系统时间可能不正确").
func (c *Clock) TooFarAhead(remote Timestamp) bool {
	return remote.Wall().Sub(c.now()) > MaxDrift
}
