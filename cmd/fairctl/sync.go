package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/keychain"
	"github.com/fairdesk/fairdesk/data/sync"
)

// place is where a laptop syncs: a shared folder or a bucket.
type place struct {
	folder sync.Folder
	where  string       // as remembered and shown: a path, or s3://BUCKET/PREFIX
	bucket *sync.Bucket // nil for a folder
}

// placeFlags declares --folder, --bucket and --endpoint; the place it
// returns falls back to the one this database last synced with.
// Credentials for a bucket come from the AWS environment variables or the
// shared credentials file, never from a flag or the database; a bucket the
// desktop app shared with keys typed in its Settings is reached with the
// keys it kept in the OS keychain.
func placeFlags(fs *flag.FlagSet) func(ctx context.Context, e *env) (place, error) {
	folder := fs.String("folder", "", "the shared folder `DIR`")
	bucket := fs.String("bucket", "", "sync through an S3-compatible bucket, `s3://BUCKET/PREFIX`, instead of a folder (credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or ~/.aws/credentials)")
	endpoint := fs.String("endpoint", "", "with --bucket, the `URL` of a service other than AWS S3 (plain http only for 127.0.0.1)")
	return func(ctx context.Context, e *env) (place, error) {
		dir, b, ep := *folder, *bucket, *endpoint
		if dir != "" && b != "" {
			return place{}, misusef("say either --folder DIR or --bucket s3://BUCKET/PREFIX, not both")
		}
		if ep != "" && b == "" {
			return place{}, misusef("--endpoint goes with --bucket s3://BUCKET/PREFIX")
		}
		if dir == "" && b == "" && e.store != nil {
			remembered := sync.RememberedFolder(ctx, e.store)
			if _, ok := sync.ParseBucketPlace(remembered); ok {
				return rememberedBucket(remembered)
			}
			dir = remembered
		}
		if b != "" {
			bk, err := sync.OpenBucket(sync.BucketOptions{URL: b, Endpoint: ep})
			if err != nil {
				return place{}, misusef("%v", err)
			}
			return place{folder: bk, where: sync.BucketPlace{URL: bk.String(), Endpoint: ep}.String(), bucket: bk}, nil
		}
		if dir == "" {
			return place{}, misusef("say which shared folder with --folder DIR, or which bucket with --bucket s3://BUCKET/PREFIX")
		}
		return place{folder: sync.Dir{Root: dir}, where: dir}, nil
	}
}

// rememberedBucket opens the bucket this database last synced with, as
// the desktop app does.
func rememberedBucket(where string) (place, error) {
	f, err := sync.OpenPlace(where, keychain.Credentials)
	if err != nil {
		return place{}, err
	}
	bk := f.(*sync.Bucket)
	return place{folder: bk, where: where, bucket: bk}, nil
}

// folderName is the place as messages show it.
func (p place) folderName() string {
	if p.bucket != nil {
		return p.bucket.String()
	}
	return p.where
}

// placeOnly is the place of a command that takes no arguments.
func placeOnly(ctx context.Context, e *env, where func(context.Context, *env) (place, error), args []string) (place, error) {
	if err := noArgs(args); err != nil {
		return place{}, err
	}
	return where(ctx, e)
}

// printRequests says what a sync through a bucket cost, in requests.
func printRequests(w io.Writer, p place, before [2]int64) [2]int64 {
	if p.bucket == nil {
		return before
	}
	all, lists := p.bucket.Requests()
	fmt.Fprintf(w, "  bucket: %d requests (%d LIST)\n", all-before[0], lists-before[1])
	return [2]int64{all, lists}
}

func printReport(w io.Writer, r sync.Report) {
	fmt.Fprintf(w, "sent %d changes in %d batches; received %d changes from %d batches (%d bytes read); %d new conflicts; %d local changes not yet shared\n",
		r.Sent, r.BatchesSent, r.Received, r.BatchesRead, r.BytesRead, r.Conflicts, r.Unsent)
	if r.Rewritten > 0 {
		fmt.Fprintf(w, "  wrote %d of this laptop's files in the folder again without the erased people\n", r.Rewritten)
	}
	for _, p := range r.Peers {
		name := p.Name
		if name == "" {
			name = p.Device
		}
		read := "known from a snapshot, no batch read yet"
		if !p.SeenAt.IsZero() {
			read = "last read " + p.SeenAt.Local().Format("2006-01-02 15:04:05")
		}
		fmt.Fprintf(w, "  laptop %s (%s): batch %d, %s\n", name, p.Device, p.LastSeq, read)
	}
	for _, p := range r.Problems {
		fmt.Fprintf(w, "  problem: %s\n", p)
	}
}

func syncCommand(fs *flag.FlagSet) runFunc {
	where := placeFlags(fs)
	watch := fs.Bool("watch", false, "keep syncing until interrupted")
	every := fs.Duration("every", 15*time.Second, "with --watch, how often")
	return func(ctx context.Context, e *env, args []string) error {
		p, err := placeOnly(ctx, e, where, args)
		if err != nil {
			return err
		}
		return runSync(ctx, e, p, *watch, *every)
	}
}

func runSync(ctx context.Context, e *env, p place, watch bool, every time.Duration) error {
	engine := &sync.Engine{Store: e.store, Folder: p.folder}
	var counted [2]int64
	if !watch {
		r, err := engine.Sync(ctx)
		printReport(e.stdout, r)
		printRequests(e.stdout, p, counted)
		if err == nil {
			_, err = engine.Compact(ctx)
		}
		return err
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM)
	defer stop()
	for {
		r, err := engine.Sync(ctx)
		fmt.Fprintf(e.stdout, "%s ", time.Now().Format("15:04:05"))
		printReport(e.stdout, r)
		counted = printRequests(e.stdout, p, counted)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			fmt.Fprintf(e.stderr, "sync: %v\n", err)
		} else if _, err := engine.Compact(ctx); err != nil {
			fmt.Fprintf(e.stderr, "compact: %v\n", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(every):
		}
	}
}

func shareCommand(fs *flag.FlagSet) runFunc {
	where := placeFlags(fs)
	fs.Bool("watch", false, "") // accepted and ignored, so share takes what sync takes; unlisted
	return func(ctx context.Context, e *env, args []string) error {
		p, err := placeOnly(ctx, e, where, args)
		if err != nil {
			return err
		}
		return runShare(ctx, e, p)
	}
}

func runShare(ctx context.Context, e *env, p place) error {
	var r sync.Report
	var err error
	if p.bucket != nil {
		r, err = sync.ShareIn(ctx, e.store, p.bucket, p.where)
	} else {
		r, err = sync.Share(ctx, e.store, p.where)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "shared the event in %s\n", p.folderName())
	printReport(e.stdout, r)
	return nil
}

func runJoin(ctx context.Context, e *env, p place, inv sync.Invitation) error {
	var st *data.Store
	var r sync.Report
	var err error
	if p.bucket != nil {
		st, r, err = sync.JoinFrom(ctx, e.dbPath, p.bucket, p.where, inv)
	} else {
		st, r, err = sync.Join(ctx, e.dbPath, p.where, inv)
	}
	if err != nil {
		return err
	}
	defer st.Close()
	ev, _ := st.Event(ctx)
	fmt.Fprintf(e.stdout, "joined %q from %s into %s\n", ev.Name, p.folderName(), e.dbPath)
	printReport(e.stdout, r)
	return nil
}

func conflictsCommand(fs *flag.FlagSet) runFunc {
	all := fs.Bool("all", false, "include resolved conflicts")
	accept := fs.String("accept", "", "apply the batch `DEVICE:BATCH` held back for its clock at the next sync")
	return func(ctx context.Context, e *env, rest []string) error {
		if err := noArgs(rest); err != nil {
			return err
		}
		if *accept != "" {
			return acceptHeld(ctx, e, *accept)
		}
		list, err := e.store.Conflicts(ctx, *all)
		if err != nil {
			return err
		}
		for _, c := range list {
			fmt.Fprintln(e.stdout, describeConflict(c))
		}
		held, err := e.store.HeldBatches(ctx)
		if err != nil {
			return err
		}
		for _, h := range held {
			fmt.Fprintf(e.stdout, "%s:%d\tbatch %d of laptop %s is held back: its changes are stamped up to %s, ahead of this laptop's clock (fairctl conflicts --accept %s:%d applies it)\n",
				h.Device, h.Seq, h.Seq, h.Laptop, h.Newest.Local().Format("2006-01-02 15:04:05"), h.Device, h.Seq)
		}
		refused, err := e.store.RefusedChanges(ctx)
		if err != nil {
			return err
		}
		for _, r := range refused {
			fmt.Fprintf(e.stdout, "refused change from laptop %s (%s, role %s), batch %d: %s %s: %s; not applied\n",
				r.Laptop, r.Device, r.Role, r.Batch, r.Table, r.RowID, r.Reason)
		}
		if len(list) == 0 && len(held) == 0 && len(refused) == 0 {
			fmt.Fprintln(e.stdout, "no open conflicts")
		}
		return nil
	}
}

// acceptHeld lets an organiser take a batch held back for its clock.
func acceptHeld(ctx context.Context, e *env, which string) error {
	dev, seqText, _ := strings.Cut(which, ":")
	seq, err := strconv.ParseInt(seqText, 10, 64)
	if err != nil || !data.ValidDeviceID(dev) {
		return misusef("--accept takes DEVICE:BATCH as fairctl conflicts lists it, such as 0123456789abcdef:3")
	}
	if err := e.store.AcceptHeld(ctx, dev, seq); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "accepted batch %d of %s and its earlier ones; the next sync applies them\n", seq, dev)
	return nil
}

func describeConflict(c data.Conflict) string {
	state := "open"
	if c.Resolution != "" {
		state = "resolved: " + c.Resolution
	}
	switch c.Kind {
	case "field":
		return fmt.Sprintf("%s\t%s %s field %s: kept %q (laptop %s), other %q (laptop %s)\t%s", c.ID, c.Table, c.RowID, c.Col, c.Kept, c.KeptDev, c.Other, c.OtherDev, state)
	case "delete":
		return fmt.Sprintf("%s\t%s %s was deleted on laptop %s and edited on laptop %s; kept it\t%s", c.ID, c.Table, c.RowID, c.OtherDev, c.KeptDev, state)
	case "duplicate":
		return fmt.Sprintf("%s\tpeople %s and %s are probably the same person\t%s", c.ID, c.RowID, c.Other, state)
	case data.KindDoubleBooking:
		return fmt.Sprintf("%s\tmeetings %s and %s clash, booked on two laptops apart (fairctl meetings move %s moves the second)\t%s",
			c.ID, c.Kept, c.Other, c.ID, state)
	}
	return fmt.Sprintf("%s\t%s\t%s", c.ID, c.Kind, state)
}
