package sync

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/fairdesk/fairdesk/data"
)

// Limits on what is read from the shared folder. Each is checked while the
// file streams in, so a file past one is refused after reading at most the
// limit, never whole. They are generous for real data: a batch of 50,000
// new people (an import on one laptop) is about 15 MB compressed and 75 MB
// decompressed, and a laptop splits what it writes into batches that stay
// well under them (batchSplitBytes).
const (
	// maxBatchFile is a batch file's size on disk.
	maxBatchFile = 128 << 20
	// maxBatchDecompressed is what a batch may decompress to. Every row is
	// held in memory until the whole batch has been checked, so this bounds
	// the memory a sync needs (80 MB of rows take about 180 MB of heap);
	// gzip shrinks our rows about ten times, so a real batch of this size
	// is some 25 MB on disk.
	maxBatchDecompressed = 256 << 20
	// maxRowBytes is one row as JSON: a row has at most some twenty fields
	// and each holds at most data.MaxFieldBytes.
	maxRowBytes = 8 << 20
	// maxFieldBytes is one field's value, maxIDBytes a row's key (see data).
	maxFieldBytes = data.MaxFieldBytes
	maxIDBytes    = data.MaxIDBytes
	// maxManifest is a snapshot manifest or the event marker: a few hundred
	// bytes, plus about 150 per laptop the snapshot has read from.
	maxManifest = 1 << 20
	// maxSnapshot is a snapshot database: a 100,000-person event is about
	// 150 MB.
	maxSnapshot = 4 << 30
)

// batchSplitBytes is how much decompressed row data a laptop puts in one
// batch before it starts the next, half of what a reader takes: a
// 50,000-person import still goes out as one batch.
const batchSplitBytes = maxBatchDecompressed / 2

// ErrTooLarge marks a file past its size limit.
var ErrTooLarge = errors.New("file too large")

// readFile reads a whole file of the folder, refusing it without reading
// it when it is larger than limit, and stopping at limit if it grows.
func readFile(ctx context.Context, f Folder, name string, limit int64) ([]byte, error) {
	rc, size, err := f.Open(ctx, name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	if size > limit {
		return nil, fmt.Errorf("%s is %d bytes, more than the %d it may be: %w", name, size, limit, ErrTooLarge)
	}
	b, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s is more than the %d bytes it may be: %w", name, limit, ErrTooLarge)
	}
	return b, nil
}
