package hlc

import (
	"errors"
	"testing"
	"time"
)

func TestClockNeverGoesBackwards(t *testing.T) {
	wall := time.Date(2026, 3, 5, 8, 0, 0, 0, time.UTC)
	c := NewClock(0, func() time.Time { return wall })
	a := c.Now()
	b := c.Now()
	if b <= a || b.Counter() != 1 {
		t.Fatalf("same millisecond must bump the counter: %v then %v", a, b)
	}
	wall = wall.Add(-time.Hour) // clock set back
	d := c.Now()
	if d <= b {
		t.Fatalf("stamp went backwards after clock change: %v then %v", b, d)
	}
	wall = wall.Add(2 * time.Hour)
	if e := c.Now(); e.Counter() != 0 || e <= d {
		t.Fatalf("a later wall clock should reset the counter: %v", e)
	}
}

func TestRestartContinuesAfterPersistedStamp(t *testing.T) {
	wall := time.Date(2026, 3, 5, 8, 0, 0, 0, time.UTC)
	persisted := New(wall.Add(time.Minute).UnixMilli(), 7)
	c := NewClock(persisted, func() time.Time { return wall })
	if got := c.Now(); got <= persisted {
		t.Fatalf("restart issued %v, not after persisted %v", got, persisted)
	}
}

func TestObserveHoldsBackFarFutureStamps(t *testing.T) {
	wall := time.Date(2026, 3, 5, 8, 0, 0, 0, time.UTC)
	c := NewClock(0, func() time.Time { return wall })
	near := New(wall.Add(time.Hour).UnixMilli(), 3)
	if err := c.Observe(near); err != nil {
		t.Fatal(err)
	}
	if got := c.Now(); got <= near {
		t.Fatalf("local stamp %v must sort after observed %v", got, near)
	}
	far := New(wall.Add(MaxDrift+time.Minute).UnixMilli(), 0)
	if err := c.Observe(far); !errors.Is(err, ErrClockDrift) {
		t.Fatalf("far-future stamp: got %v, want ErrClockDrift", err)
	}
	if c.Last() >= far {
		t.Fatal("far-future stamp was adopted")
	}
}
