package ui

import (
	"context"
	"io"
	"time"

	"github.com/fairdesk/fairdesk/data"
)

// deskStore is what the check-in desk, the session door and the booth
// screens read and write: check-ins, attendance, visits and leads. Store
// embeds it; *data.Store implements it.
type deskStore interface {
	LaptopName() string
	FindPerson(ctx context.Context, key string) (data.PersonRow, error)
	CheckIn(ctx context.Context, key, operator string) (data.CheckInResult, error)
	CheckInPerson(ctx context.Context, personID, operator string) (data.CheckInResult, error)
	RegisterWalkIn(ctx context.Context, p *data.Person, operator string) (data.CheckInResult, error)
	CheckOut(ctx context.Context, key, operator string) (data.CheckOutResult, error)
	UndoCheckIn(ctx context.Context, checkinID, operator string) (data.Checkin, error)
	CheckInStats(ctx context.Context) (data.CheckInStats, error)

	MarkAttendance(ctx context.Context, sessionID, key, operator string) (data.AttendanceResult, error)
	MarkAttendanceOf(ctx context.Context, sessionID, personID, operator string) (data.AttendanceResult, error)
	UndoAttendance(ctx context.Context, markID, operator string) (data.AttendanceMark, error)
	Attendance(ctx context.Context, sessionID string) (data.SessionAttendance, error)

	LogVisit(ctx context.Context, boothID, key, staff string) (data.VisitResult, error)
	LogVisitOf(ctx context.Context, boothID, personID, staff string) (data.VisitResult, error)
	UndoVisit(ctx context.Context, visitID, staff string) (data.Visit, error)
	Lead(ctx context.Context, boothID, personID string) (data.Lead, error)
	SaveLead(ctx context.Context, l *data.Lead) error
	BoothVisitors(ctx context.Context, boothID string) ([]data.VisitorRow, error)
	BoothStats(ctx context.Context, boothID string, loc *time.Location) (data.BoothStats, error)
	AllBoothStats(ctx context.Context, loc *time.Location) ([]data.BoothSummary, error)
	ExportLeads(ctx context.Context, boothID, staff string, w io.Writer) (int, error)
	ExportBoothStats(ctx context.Context, w io.Writer) error
}
