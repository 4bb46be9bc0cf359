package main

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// bench --only meetings schedules the fair and prints its score
// beside greedy's; the figures are read back, not timed.
func TestBenchMeetingsPrintsTheScoreBesideGreedys(t *testing.T) {
	db := filepath.Join(t.TempDir(), "event.db")
	code, out, errs := runIn(t, db, "bench", "--only", "meetings")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	ours := regexp.MustCompile(`fairdesk +\S+ +score (\d+), (\d+) meetings, (\d+) seekers served, proved optimal`).FindStringSubmatch(out)
	greedy := regexp.MustCompile(`greedy +\S+ +score (\d+), (\d+) meetings, (\d+) seekers served`).FindStringSubmatch(out)
	if ours == nil || greedy == nil || !strings.Contains(out, "2000 seekers, 200 hosts x 20 slots, 5 requests each") {
		t.Fatalf("output:\n%s", out)
	}
	served, _ := strconv.Atoi(ours[3])
	greedyServed, _ := strconv.Atoi(greedy[3])
	if served < greedyServed || served > 2000 {
		t.Errorf("fairdesk serves %d seekers, greedy %d:\n%s", served, greedyServed, out)
	}
}
