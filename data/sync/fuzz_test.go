package sync

import (
	"bytes"
	"compress/gzip"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
)

// The decoders read files anyone with the folder can write. Whatever the
// bytes, they must not panic, and what they accept must hold only names
// of the form we write and rows within their limits.
//
//	go test -run '^$' -fuzz '^FuzzDecodeBatch$' ./data/sync

// The seed corpus is in testdata/fuzz; these are the files it was made from.
func seedBatches() [][2][]byte {
	dev := "0123456789abcdef"
	rows := []data.RowChange{
		{Table: "people", ID: "01a23456-0000-7000-8000-000000000001", Cells: map[string]data.Cell{
			"given_name": {Value: "Yui", Stamp: data.Stamp{HLC: 1 << 20, Dev: dev}},
			"consent":    {Value: 1, Stamp: data.Stamp{HLC: 1 << 20, Dev: dev}}}},
		{Table: "checkins", ID: "01a23456-0000-7000-8000-000000000002", Cells: map[string]data.Cell{
			"deleted": {Value: 0, Stamp: data.Stamp{HLC: 2 << 20, Dev: dev}}}},
	}
	var seeds [][2][]byte
	for _, rs := range [][]data.RowChange{nil, rows[:1], rows} {
		b, _ := encodeBatch(batchHeader{Event: "event", Device: dev, Laptop: "desk", Seq: 3, Seen: map[string]data.HLC{dev: 5}, Written: time.Unix(0, 0).UTC()}, rs)
		var lines []byte
		for _, r := range rs {
			l, _ := json.Marshal(r)
			lines = append(append(lines, l...), '\n')
		}
		seeds = append(seeds, [2][]byte{b, lines})
	}
	seeds = append(seeds, [2][]byte{[]byte(batchMagic + " 2\n{}\n"), []byte(`{"t":"people","id":"x","c":{"notes":{"v":{"a":1}}}}`)},
		[2][]byte{[]byte("<html>not found</html>"), []byte(`{"t":"people","id":"x","c":{}}{"t":"x"}`)})
	return seeds
}

// wrapRows makes a batch file, with a right checksum and count, around
// rows given as JSON lines, so that fuzzing reaches the row decoder.
func wrapRows(lines []byte) []byte {
	var payload bytes.Buffer
	zw := gzip.NewWriter(&payload)
	zw.Write(lines)
	zw.Close()
	s := sha256.Sum256(payload.Bytes())
	head, _ := json.Marshal(batchHeader{Format: batchFormat, Event: "event", Device: "0123456789abcdef", Seq: 1,
		Count: bytes.Count(lines, []byte("\n")), SHA256: hex.EncodeToString(s[:])})
	return append([]byte(fmt.Sprintf("%s %d\n%s\n", batchMagic, batchFormat, head)), payload.Bytes()...)
}

func FuzzDecodeBatch(f *testing.F) {
	for _, s := range seedBatches() {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, file, lines []byte) {
		for _, b := range [][]byte{file, wrapRows(lines)} {
			h, rows, err := decodeBatchWithin(b, 1<<20)
			if err != nil {
				continue
			}
			if !validDevice(h.Device) || !validSeq(h.Seq) || len(rows) != h.Count {
				t.Fatalf("accepted a header Fairdesk does not write: %+v", h)
			}
			for dev := range h.Seen {
				if !validDevice(dev) {
					t.Fatalf("accepted a seen device %q", dev)
				}
			}
			if strings.Contains(batchName(h.Device, h.Seq), "..") {
				t.Fatalf("a batch name out of its folder: %s", batchName(h.Device, h.Seq))
			}
			for _, r := range rows {
				if checkRow(r) != nil {
					t.Fatalf("accepted a row past its limits: %s %s", r.Table, r.ID)
				}
			}
		}
	})
}

// FuzzOpenSealed: every file in the folder is first taken apart by
// openSealed, before any key is tried. Whatever the bytes, it must not
// panic; what it accepts must account for every byte (sections, then a
// whole signature); and no section opens with a key it was not sealed with.
func FuzzOpenSealed(f *testing.F) {
	for _, s := range seedSealed() {
		f.Add(s)
	}
	wrong := bytes.Repeat([]byte{7}, 32)
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, kind := range []string{"batch", "manifest", "snapshot", "event", "roster", "keys"} {
			sf, err := openSealed(b, kind)
			if err != nil {
				continue
			}
			total := 0
			for i, body := range sf.bodies {
				if len(body) != sf.head.Sections[i].Size {
					t.Fatalf("section %d: %d bytes, header says %d", i, len(body), sf.head.Sections[i].Size)
				}
				total += len(body)
				if _, err := sf.open(i, wrong); err == nil {
					t.Fatalf("section %d opened with a key it was not sealed with", i)
				}
			}
			if len(sf.sig) != ed25519.SignatureSize || len(sf.ad)+total+len(sf.sig) != len(b) {
				t.Fatalf("accepted a file whose parts do not add up: %d header, %d sections, %d signature, %d in all",
					len(sf.ad), total, len(sf.sig), len(b))
			}
		}
	})
}

// seedSealed is a real sealed manifest with two sections, and the shapes
// of files from older and newer versions.
func seedSealed() [][]byte {
	_, signer, _ := ed25519.GenerateKey(nil)
	file, _ := seal(sealHeader{Kind: "manifest", Device: "0123456789abcdef", Seq: 3, Epoch: 1},
		[]plainSection{{key: bytes.Repeat([]byte{1}, 32), plain: []byte(`{"format":1}`)}, {key: bytes.Repeat([]byte{2}, 32), plain: nil}}, signer)
	return [][]byte{file, file[:len(file)-1], []byte(sealPrefix + "2\n{}\n"), []byte(batchMagic + " 1\n{}\n"), []byte("SQLite format 3\x00")}
}
