package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
)

func TestFairctlReminders(t *testing.T) {
	f := newOnsiteFair(t)
	st := f.open(t)
	ctx := context.Background()
	london, _ := time.LoadLocation("Europe/London")
	s := &data.Session{Title: "Working in Japan", Starts: time.Date(2026, 10, 23, 11, 0, 0, 0, london), Room: "Main stage"}
	if err := st.SaveSession(ctx, s, nil); err != nil {
		t.Fatal(err)
	}
	code, out, errs := f.fairctl(t, "reminders", "--at", "2026-10-23T10:50:00+01:00")
	if code != exitOK || out != "" {
		t.Fatalf("not followed: %d %q %q", code, out, errs)
	}
	for range 2 { // nothing is marked: the same again
		code, out, errs = f.fairctl(t, "reminders", "--at", "2026-10-23T10:50:00+01:00", "--all")
		if code != exitOK || !strings.HasPrefix(out, "session\tWorking in Japan\tStarts at ") || !strings.Contains(out, "Main stage") {
			t.Fatalf("--all: %d %q %q", code, out, errs)
		}
	}
	if code, _, _ = f.fairctl(t, "reminders", "--at", "10:50"); code != exitMisuse {
		t.Errorf("bad time: exit %d", code)
	}
}

// TestNotifyTestReachesDunst sends a real notification through beeep to
// dunst on a private D-Bus session with its own X display, and reads it
// back from dunst's history.
func TestNotifyTestReachesDunst(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a notification daemon")
	}
	for _, tool := range []string{"dbus-run-session", "dunst", "dunstctl", "Xvfb"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (make test-deps installs dunst, dbus and xvfb): %v", tool, err)
		}
	}
	display := fmt.Sprintf(":%d", 200+os.Getpid()%500)
	script := `
set -u
Xvfb "$DISPLAY" -screen 0 640x480x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
trap 'kill $dunst $xvfb 2>/dev/null; wait 2>/dev/null' EXIT
for i in $(seq 50); do [ -e "/tmp/.X11-unix/X${DISPLAY#:}" ] && break; sleep 0.1; done
dunst >/dev/null 2>&1 & dunst=$!
for i in $(seq 50); do dunstctl is-paused >/dev/null 2>&1 && break; sleep 0.1; done
"$FAIRCTL" notify-test; rc=$?
echo "notify-test exit $rc"
sleep 0.3
dunstctl close-all  # what is on screen reaches the history when closed
sleep 0.3
dunstctl history
`
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "dbus-run-session", "--", "bash", "-c", script)
	cmd.Env = append(os.Environ(), "FAIRCTL_AS_MAIN=1", "FAIRCTL="+os.Args[0], "DISPLAY="+display, "LANG=C.UTF-8")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	text := out.String()
	if err != nil {
		t.Fatalf("dbus-run-session: %v\n%s", err, text)
	}
	if !strings.Contains(text, "the desktop accepted the notification") || !strings.Contains(text, "notify-test exit 0") {
		t.Fatalf("notify-test was not accepted:\n%s", text)
	}
	for _, want := range []string{"Fairdesk test notification", "If you can read this, desktop notifications work.", "Fairdesk"} {
		if !strings.Contains(text, want) {
			t.Errorf("dunst history lacks %q:\n%s", want, text)
		}
	}
}
