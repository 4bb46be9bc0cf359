package sync

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/fairdesk/fairdesk/data"
)

// Every name read from the shared folder, whether listed or written inside
// a file, is checked against the exact form this program writes before it
// becomes part of a path: anyone who can write to the folder can write
// "../../" into a manifest. Dir checks again that every path stays inside
// the folder (os.Root), so that one missed check cannot reach outside.

// maxSeq keeps a number inside the ten digits of a file name.
const maxSeq = 9_999_999_999

// validDevice reports a device id of the form data makes (16 hex digits).
func validDevice(s string) bool { return data.ValidDeviceID(s) }

func validSeq(n int64) bool { return n >= 1 && n <= maxSeq }

// parseBatchName reads a batch file's name: "batch-0000000012.fdb", or a
// copy its writer published again because the first could not be replaced,
// "batch-0000000012.r1.fdb". Anything else is not a batch.
func parseBatchName(name string) (seq int64, copyNo int, ok bool) {
	rest, found := strings.CutPrefix(name, batchPrefix)
	if !found {
		return 0, 0, false
	}
	rest, found = strings.CutSuffix(rest, batchSuffix)
	if !found || len(rest) < 10 || !allDigits(rest[:10]) {
		return 0, 0, false
	}
	seq, _ = strconv.ParseInt(rest[:10], 10, 64)
	if !validSeq(seq) {
		return 0, 0, false
	}
	if rest = rest[10:]; rest == "" {
		return seq, 0, true
	}
	n, found := strings.CutPrefix(rest, ".r")
	if !found || n == "" || len(n) > 4 || !allDigits(n) || n[0] == '0' {
		return 0, 0, false
	}
	copyNo, _ = strconv.Atoi(n)
	return seq, copyNo, true
}

// parseSnapshotName reads a snapshot's manifest name, "<device>-<seq>.fdm",
// in snapshots/.
func parseSnapshotName(name string) (device string, seq int64, ext string, ok bool) {
	for _, ext = range []string{".fdm"} {
		if base, found := strings.CutSuffix(name, ext); found {
			device, digits, found := strings.Cut(base, "-")
			if !found || !validDevice(device) || len(digits) != 10 || !allDigits(digits) {
				return "", 0, "", false
			}
			seq, _ = strconv.ParseInt(digits, 10, 64)
			return device, seq, ext, true
		}
	}
	return "", 0, "", false
}

// parseWantName reads "want-<device>-<seq>": a reader's note, in its own
// folder, that it cannot read that device's batch.
func parseWantName(name string) (device string, seq int64, ok bool) {
	rest, found := strings.CutPrefix(name, wantPrefix)
	if !found {
		return "", 0, false
	}
	device, digits, found := strings.Cut(rest, "-")
	if !found || !validDevice(device) || len(digits) != 10 || !allDigits(digits) {
		return "", 0, false
	}
	seq, _ = strconv.ParseInt(digits, 10, 64)
	return device, seq, validSeq(seq)
}

func wantName(me, device string, seq int64) string {
	return fmt.Sprintf("%s/%s/%s%s-%010d", devicesDir, me, wantPrefix, device, seq)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// maxLaptopName bounds a laptop's name as shown in a status line.
const maxLaptopName = 64

// laptopLabel is a laptop's name from a file, made safe to show: control
// characters dropped and the length bounded; its device id when empty.
// It is only ever shown, never part of a path.
func laptopLabel(name, device string) string {
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == unicode.ReplacementChar || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if r := []rune(name); len(r) > maxLaptopName {
		name = string(r[:maxLaptopName]) + "…"
	}
	if name == "" {
		return device
	}
	return name
}
