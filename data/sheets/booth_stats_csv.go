package sheets

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/fairdesk/fairdesk/data"
)

// ExportBoothStats writes the organisers' table of booths as CSV: visits,
// visitors and a column per hour of the day, on the event's clock.
func ExportBoothStats(ctx context.Context, st *data.Store, w io.Writer) error {
	loc, err := eventLocation(ctx, st)
	if err != nil {
		return fmt.Errorf("export booth statistics: %w", err)
	}
	booths, err := st.AllBoothStats(ctx, loc)
	if err != nil {
		return fmt.Errorf("export booth statistics: %w", err)
	}
	hourSet := map[time.Time]bool{}
	for _, b := range booths {
		for _, h := range b.PerHour {
			hourSet[h.Start] = true
		}
	}
	hours := slices.SortedFunc(maps.Keys(hourSet), time.Time.Compare)
	header := []string{"booth", "name", "organisation", "visits", "visitors"}
	for _, h := range hours {
		header = append(header, "visits "+h.Format("2006-01-02 15:04"))
	}
	sw := NewSheetWriter(w)
	sw.Write(header)
	for _, b := range booths {
		counts := map[time.Time]int{}
		for _, h := range b.PerHour {
			counts[h.Start] = h.Visits
		}
		line := []string{b.Code, b.Name, b.OrgName, strconv.Itoa(b.Visits), strconv.Itoa(b.Visitors)}
		for _, h := range hours {
			line = append(line, strconv.Itoa(counts[h]))
		}
		sw.Write(line)
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("export booth statistics: %w", err)
	}
	return nil
}
