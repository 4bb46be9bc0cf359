package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/printouts"
	"github.com/fairdesk/fairdesk/data/sheets"
)

// meetingsExportUsage is the export line of fairctl meetings --help.
const meetingsExportUsage = `  export [-o FILE.csv|FILE.pdf|FILE.ics] [--host HOST|--seeker SEEKER] [--for hosts|seekers]
                 every meeting as CSV (to standard output without -o); or
                 the booked meetings as schedules: a PDF with a page per
                 host (--for seekers: per job seeker), or an .ics calendar
                 with a reminder 5 minutes before each; --host or --seeker
                 gives one person's (everything they meet at) or one booth's`

// exportFlags are fairctl meetings export's own flags.
type exportFlags struct {
	out, host, seeker, side *string
}

func meetingsExportFlags(fs *flag.FlagSet) exportFlags {
	return exportFlags{
		out:    fs.String("o", "", "export: write to `FILE`.csv, FILE.pdf or FILE.ics"),
		host:   fs.String("host", "", "export: only this `HOST`'s schedule, a booth code or a person's badge code or e-mail"),
		seeker: fs.String("seeker", "", "export: only this job `SEEKER`'s schedule, by badge code or e-mail"),
		side:   fs.String("for", "hosts", "export: whose schedules a PDF or calendar of everyone holds, `hosts|seekers`"),
	}
}

func exportMeetings(ctx context.Context, e *env, f exportFlags) error {
	ext := strings.ToLower(filepath.Ext(*f.out))
	one := *f.host != "" || *f.seeker != ""
	switch {
	case *f.host != "" && *f.seeker != "":
		return misusef("export takes --host or --seeker, not both")
	case *f.side != "hosts" && *f.side != "seekers":
		return misusef("--for %q: say hosts or seekers", *f.side)
	case *f.out == "" || ext == ".csv":
		if one {
			return misusef("the CSV holds every meeting: --host and --seeker choose a schedule as -o FILE.pdf or FILE.ics")
		}
		return exportMeetingsCSV(ctx, e, *f.out)
	case ext != ".pdf" && ext != ".ics":
		return misusef("-o names the file to write, ending in .csv, .pdf or .ics")
	}
	schedules, err := chosenSchedules(ctx, e.store, f)
	if err != nil {
		return err
	}
	n := 0
	for _, s := range schedules {
		n += len(s.Meetings)
	}
	if n == 0 {
		return fmt.Errorf("no meeting is booked %s yet: nothing to export", map[bool]string{true: "for them", false: "for anyone"}[one])
	}
	event, _ := e.store.Event(ctx)
	var res printouts.Result
	err = writeFileAtomically(*f.out, func(w io.Writer) error {
		if ext == ".ics" {
			return sheets.WriteMeetingsICS(w, event, schedules, e.store.Now())
		}
		res, err = printouts.MeetingSchedules(w, event, schedules, printouts.Options{})
		return err
	})
	if err != nil {
		return err
	}
	for _, warning := range res.Warnings {
		fmt.Fprintln(e.stderr, "warning:", warning)
	}
	fmt.Fprintf(e.stdout, "wrote %d meetings of %d schedules to %s\n", n, len(schedules), *f.out)
	return nil
}

func exportMeetingsCSV(ctx context.Context, e *env, out string) error {
	if out == "" {
		w := bufio.NewWriter(e.stdout)
		if err := sheets.ExportMeetings(ctx, e.store, w); err != nil {
			return err
		}
		return w.Flush()
	}
	return writeFileAtomically(out, func(w io.Writer) error { return sheets.ExportMeetings(ctx, e.store, w) })
}

// chosenSchedules is one booth's schedule, one person's (all they meet
// at: as a job seeker, a host, or at their booth), or everyone's on a side.
func chosenSchedules(ctx context.Context, st *data.Store, f exportFlags) ([]data.MeetingSchedule, error) {
	switch {
	case *f.host != "":
		h, err := hostNamed(ctx, st, *f.host)
		if err != nil {
			return nil, err
		}
		if h.BoothID != "" {
			s, err := st.HostSchedule(ctx, h)
			return []data.MeetingSchedule{s}, err
		}
		s, err := st.PersonSchedule(ctx, h.HostID)
		return []data.MeetingSchedule{s}, err
	case *f.seeker != "":
		p, err := seekerNamed(ctx, st, *f.seeker)
		if err != nil {
			return nil, err
		}
		s, err := st.PersonSchedule(ctx, p.ID)
		return []data.MeetingSchedule{s}, err
	}
	return st.MeetingSchedules(ctx, *f.side == "hosts")
}
