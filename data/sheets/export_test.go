package sheets

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/fairdesk/fairdesk/data"
)

func exportAll(t *testing.T, st *data.Store) map[Kind][]byte {
	t.Helper()
	ctx := context.Background()
	out := map[Kind][]byte{}
	for kind, export := range map[Kind]func(context.Context, *data.Store, *bytes.Buffer) error{
		People:   func(ctx context.Context, st *data.Store, b *bytes.Buffer) error { return ExportPeople(ctx, st, b) },
		Sessions: func(ctx context.Context, st *data.Store, b *bytes.Buffer) error { return ExportSessions(ctx, st, b) },
		Booths:   func(ctx context.Context, st *data.Store, b *bytes.Buffer) error { return ExportBooths(ctx, st, b) },
	} {
		var b bytes.Buffer
		if err := export(ctx, st, &b); err != nil {
			t.Fatal(err)
		}
		out[kind] = b.Bytes()
	}
	return out
}

func TestExportRoundTrip(t *testing.T) {
	first := exportAll(t, eventWithPeopleAndSessions(t))
	people := string(first[People])
	if !strings.HasPrefix(people, "\uFEFFgiven_name,family_name,kanji_name,kana_name,email,phone,organisation,organisation_kind,"+
		"organisation_sector,job_title,roles,programme_role,host_prefecture,years,year_returned,interests,industries,badge_code,"+
		"consent,notes,Dietary Needs\r\n") {
		t.Errorf("people header: %q", people[:200])
	}
	if !strings.Contains(people, "\"複数行の\r\nメモ\"") || !strings.Contains(people, "Acme Ltd,non_japanese_company,Engineering") {
		t.Errorf("people export:\n%s", people)
	}
	if sessions := string(first[Sessions]); !strings.Contains(sessions, "2026-10-23T10:00:00+01:00,2026-10-23T11:00:00+01:00,Main Hall") ||
		!strings.Contains(sessions, "ken@example.jp; mary@example.com") {
		t.Errorf("sessions export:\n%s", sessions)
	}

	// Into a new database of the same event, in the order a user would.
	st := openStore(t)
	for _, kind := range []Kind{People, Sessions, Booths} {
		if _, err := Import(context.Background(), st, kind, bytes.NewReader(first[kind]), Options{FileName: string(kind)}); err != nil {
			t.Fatalf("import %s export: %v", kind, err)
		}
	}
	second := exportAll(t, st)
	for _, kind := range []Kind{People, Sessions, Booths} {
		if !bytes.Equal(first[kind], second[kind]) {
			t.Errorf("%s export changed on the round trip:\n%s\n---\n%s", kind, first[kind], second[kind])
		}
	}
	// And the export imported over the database it came from changes nothing.
	before := dump(t, st)
	res, err := Import(context.Background(), st, People, bytes.NewReader(second[People]), Options{})
	if err != nil || res.Unchanged != 4 || res.Updated+res.Added != 0 {
		t.Errorf("re-import of own export: %+v, %v", res, err)
	}
	if dump(t, st) != before {
		t.Error("re-importing an export changed the database")
	}
}

func TestExportManyPeopleInPages(t *testing.T) {
	st := openStore(t)
	if _, err := Import(context.Background(), st, People, bytes.NewReader(peopleCSV(exportPage*2+7)), Options{}); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := ExportPeople(context.Background(), st, &b); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(b.String(), "\r\n"); lines != exportPage*2+8 {
		t.Errorf("%d lines, want header and %d people", lines, exportPage*2+7)
	}
}
