//go:build !unix

package main

import "time"

// processCPU is not measured here: the load benchmark then shows 0 cores.
func processCPU() time.Duration { return 0 }
