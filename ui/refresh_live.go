package ui

import "time"

// refreshWhileShown calls refresh every `every` while active says the
// screen shows, until the window lets go of the store (env's context
// ends). active and refresh run on the UI goroutine, like everything that
// reads the window's state.
func refreshWhileShown(env screenEnv, every time.Duration, active func() bool, refresh func()) {
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	for {
		select {
		case <-env.ctx.Done():
			return
		case <-ticker.C:
			env.do(func() {
				if env.ctx.Err() == nil && active() {
					refresh()
				}
			})
		}
	}
}
