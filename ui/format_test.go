package ui

import (
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
)

func TestGroupThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 1234: "1,234", 100000: "100,000", 1234567: "1,234,567", -4321: "-4,321"} {
		if got := groupThousands(n); got != want {
			t.Errorf("groupThousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestEventWhenIsInTheEventTimeZone(t *testing.T) {
	// 10:00 UTC is 19:00 in Tokyo.
	e := data.Event{TimeZone: "Asia/Tokyo", Starts: time.Date(2026, 5, 9, 1, 0, 0, 0, time.UTC), Ends: time.Date(2026, 5, 9, 10, 0, 0, 0, time.UTC)}
	if got, want := eventWhen(e), "Saturday 9 May 2026, 10:00 – 19:00 (Asia/Tokyo)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	e.Ends = e.Ends.Add(24 * time.Hour)
	if got, want := eventWhen(e), "Sat 9 May 2026 10:00 – Sun 10 May 2026 19:00 (Asia/Tokyo)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestRolesTextKeepsUnknownRoles(t *testing.T) {
	if got, want := rolesText(data.NewSet("speaker", "job_seeker", "volunteer")), "Job seeker, Speaker, volunteer"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
