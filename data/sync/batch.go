package sync

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/fairdesk/fairdesk/data"
)

// A batch file is a line naming the format, a line of JSON header, and the
// gzip-compressed rows, one JSON object a line. The header's checksum
// covers the compressed bytes, so a truncated or damaged file is refused
// whole, never applied in part.
const (
	batchMagic   = "FAIRDESK-BATCH"
	batchFormat  = 1
	batchPrefix  = "batch-"
	batchSuffix  = ".fdb"
	devicesDir   = "devices"
	snapshotsDir = "snapshots"
	eventFile    = "fairdesk-event.json"
)

type batchHeader struct {
	Format  int                 `json:"format"`
	Event   string              `json:"event"`
	Device  string              `json:"device"`
	Laptop  string              `json:"laptop"`
	Seq     int64               `json:"seq"`
	Count   int                 `json:"count"`
	SHA256  string              `json:"sha256"`
	Seen    map[string]data.HLC `json:"seen"`
	Written time.Time           `json:"written"`
}

func batchName(device string, seq int64) string {
	return fmt.Sprintf("%s/%s/%s%010d%s", devicesDir, device, batchPrefix, seq, batchSuffix)
}

// batchSeq reads the number out of a batch file name.
func batchSeq(name string) (int64, bool) {
	if !strings.HasPrefix(name, batchPrefix) || !strings.HasSuffix(name, batchSuffix) {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(name, batchPrefix), batchSuffix), 10, 64)
	return n, err == nil && n > 0
}

// encodeBatch writes rows into a batch file's bytes.
func encodeBatch(h batchHeader, rows []data.RowChange) ([]byte, error) {
	var payload bytes.Buffer
	zw := gzip.NewWriter(&payload)
	enc := json.NewEncoder(zw)
	for _, r := range rows {
		if err := enc.Encode(r); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(payload.Bytes())
	h.Format, h.Count, h.SHA256 = batchFormat, len(rows), hex.EncodeToString(sum[:])
	head, err := json.Marshal(h)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	fmt.Fprintf(&out, "%s %d\n%s\n", batchMagic, batchFormat, head)
	out.Write(payload.Bytes())
	return out.Bytes(), nil
}

// errBadBatch marks a file that is truncated, damaged or not a batch.
var errBadBatch = errors.New("damaged batch file")

// decodeBatch checks a batch file whole and returns its header and rows.
func decodeBatch(b []byte) (batchHeader, []data.RowChange, error) {
	var h batchHeader
	magic, rest, ok := bytes.Cut(b, []byte("\n"))
	if !ok || string(magic) != fmt.Sprintf("%s %d", batchMagic, batchFormat) {
		if ok && strings.HasPrefix(string(magic), batchMagic) {
			return h, nil, fmt.Errorf("%w: written by a newer Fairdesk (%s); update this laptop", errBadBatch, magic)
		}
		return h, nil, fmt.Errorf("%w: not a Fairdesk batch", errBadBatch)
	}
	head, payload, ok := bytes.Cut(rest, []byte("\n"))
	if !ok {
		return h, nil, fmt.Errorf("%w: truncated header", errBadBatch)
	}
	if err := json.Unmarshal(head, &h); err != nil {
		return h, nil, fmt.Errorf("%w: header: %v", errBadBatch, err)
	}
	sum := sha256.Sum256(payload)
	if hex.EncodeToString(sum[:]) != h.SHA256 {
		return h, nil, fmt.Errorf("%w: checksum does not match (truncated or changed)", errBadBatch)
	}
	zr, err := gzip.NewReader(bytes.NewReader(payload))
	if err != nil {
		return h, nil, fmt.Errorf("%w: %v", errBadBatch, err)
	}
	dec := json.NewDecoder(bufio.NewReader(zr))
	dec.UseNumber()
	var rows []data.RowChange
	for {
		var r data.RowChange
		if err := dec.Decode(&r); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return h, nil, fmt.Errorf("%w: row %d: %v", errBadBatch, len(rows)+1, err)
		}
		rows = append(rows, r)
	}
	if len(rows) != h.Count {
		return h, nil, fmt.Errorf("%w: %d rows, header says %d", errBadBatch, len(rows), h.Count)
	}
	return h, rows, nil
}
