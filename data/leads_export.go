package data

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"time"
)

// BoothLeads is what a lead export holds: the booth, its visitors as
// BoothVisitors gives them (contact details already blanked for those who
// did not consent), and the event's zone for the times of their visits.
type BoothLeads struct {
	Booth    Booth
	Visitors []VisitorRow
	Location *time.Location
}

// LeadsEncoder writes a booth's leads in one file format (the booth's own
// CSV, vCard, a CRM's CSV): the encoders are in data/sheets.
type LeadsEncoder func(w io.Writer, leads BoothLeads) error

// ExportLeads writes a booth's leads with encode and records who exported
// them, when, on which laptop and how many (a lead_exports row, synced to
// the organisers). The export is recorded before a byte is written, so a
// failed write leaves a record too many, never an export unaccounted for.
func (s *Store) ExportLeads(ctx context.Context, boothID, staff string, w io.Writer, encode LeadsEncoder) (int, error) {
	var booth Booth
	if err := s.reader.GetContext(ctx, &booth, boothsTable.selectByID(), boothID); err != nil {
		return 0, fmt.Errorf("export leads: booth %s: %w", boothID, ErrNotFound)
	}
	visitors, err := s.BoothVisitors(ctx, boothID)
	if err != nil {
		return 0, fmt.Errorf("export leads: %w", err)
	}
	var buf bytes.Buffer
	if err := encode(&buf, BoothLeads{Booth: booth, Visitors: visitors, Location: s.eventLocation(ctx)}); err != nil {
		return 0, fmt.Errorf("export leads of booth %s: %w", booth.Code, err)
	}
	err = s.write(ctx, func(wr *writer) error {
		return wr.insert(leadExportsTable, NewID(), []any{boothID, wr.nowText(), wr.laptop(), strings.TrimSpace(staff), len(visitors)})
	})
	if err != nil {
		return 0, fmt.Errorf("export leads: record the export: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return 0, fmt.Errorf("export leads: %w", err)
	}
	return len(visitors), nil
}
