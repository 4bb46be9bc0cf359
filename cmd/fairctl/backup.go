package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/fairdesk/fairdesk/data"
)

// backupCommand writes a consistent copy of the whole event to one file.
func backupCommand(fs *flag.FlagSet) runFunc {
	out := fs.String("o", "", "write the backup to `FILE` (default fairdesk-DATE-TIME"+data.BackupExt+")")
	return func(ctx context.Context, e *env, args []string) error { return runBackup(ctx, e, args, *out) }
}

func runBackup(ctx context.Context, e *env, args []string, out string) error {
	if err := noArgs(args); err != nil {
		return err
	}
	if out == "" {
		out = "fairdesk-" + time.Now().Format("2006-01-02-1504") + data.BackupExt
	}
	if err := e.store.Backup(ctx, out); err != nil {
		return err
	}
	info, err := data.InspectBackup(ctx, out)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backed up to %s: %s\n", out, describeBackup(info))
	return nil
}

// runRestore puts a backup in place of the database, keeping the one it
// replaces beside it. The database must not be open in the app.
func runRestore(ctx context.Context, e *env, files []string) error {
	if len(files) != 1 {
		return misusef("say which backup to restore, e.g. fairctl restore fairdesk-2026-10-23-1100%s", data.BackupExt)
	}
	info, err := data.InspectBackup(ctx, files[0])
	if err != nil {
		return err
	}
	kept, err := data.RestoreBackup(ctx, files[0], e.dbPath)
	if err != nil {
		return err
	}
	// Open it once so that an older backup is upgraded now.
	st, err := data.Open(e.dbPath, data.Options{})
	if err != nil {
		return err
	}
	st.Close()
	fmt.Fprintf(e.stdout, "restored %s into %s: %s\n", files[0], e.dbPath, describeBackup(info))
	if kept != "" {
		fmt.Fprintf(e.stdout, "the database it replaced is kept as %s\n", kept)
	}
	return nil
}

func describeBackup(info data.BackupInfo) string {
	name := info.EventName
	if name == "" {
		name = "no event set up"
	}
	return fmt.Sprintf("%q, %d people, %d organisations, %d sessions, %d booths, saved %s (%d KiB)",
		name, info.People, info.Organisations, info.Sessions, info.Booths,
		info.Saved.Format("2006-01-02 15:04"), (info.Size+1023)/1024)
}
