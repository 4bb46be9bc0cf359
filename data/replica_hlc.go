package data

import (
	"sync"
	"time"
)

// HLC is a hybrid logical clock stamp: milliseconds since the Unix epoch in
// the high 48 bits and a counter in the low 16. Stamps from one device never
// go backwards, even when its wall clock does.
type HLC uint64

const hlcCounterBits = 16

// Time is the wall-clock part of the stamp.
func (h HLC) Time() time.Time {
	return time.UnixMilli(int64(h >> hlcCounterBits)).UTC()
}

// Clock tells the time. Tests pass a fake one; the program passes time.Now.
type Clock func() time.Time

// hlcSource hands out increasing stamps for one device.
type hlcSource struct {
	mu   sync.Mutex
	now  Clock
	last HLC
}

func (c *hlcSource) next() HLC {
	c.mu.Lock()
	defer c.mu.Unlock()
	wall := HLC(c.now().UnixMilli()) << hlcCounterBits
	if wall > c.last {
		c.last = wall
	} else {
		c.last++
	}
	return c.last
}

// observe moves the clock past a stamp seen from elsewhere, so that local
// changes made afterwards order after it.
func (c *hlcSource) observe(h HLC) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if h > c.last {
		c.last = h
	}
}

func (c *hlcSource) current() HLC {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.last
}
