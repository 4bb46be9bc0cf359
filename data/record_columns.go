package data

import (
	"fmt"
	"reflect"
	"strings"
)

// columnFields ties a table's columns to the fields of the record stored in
// it through the fields' db tags, the names sqlx reads rows by. A write
// takes its values in the table's column order from the same tags, so no
// second, hand-kept list of values can fall out of step with the columns.
type columnFields struct {
	t     table
	index [][]int // the field of each of t.cols
}

// fieldsOf resolves every column of t to a field of record (a struct). It
// panics at start-up when a column has no field, which every test run sees.
func fieldsOf(t table, record any) columnFields {
	typ := reflect.TypeOf(record)
	byTag := map[string][]int{}
	for _, f := range reflect.VisibleFields(typ) {
		if tag := f.Tag.Get("db"); tag != "" && tag != "-" {
			byTag[tag] = f.Index
		}
	}
	cf := columnFields{t: t}
	for _, col := range t.cols {
		i, ok := byTag[col]
		if !ok {
			panic(fmt.Sprintf("data: column %s.%s has no field in %s", t.name, col, typ))
		}
		cf.index = append(cf.index, i)
	}
	return cf
}

// selectList is "id" and the table's columns, for reading whole records.
func (t table) selectList() string { return "id, " + strings.Join(t.cols, ", ") }

// values are the record's fields in the table's column order. Kinds named
// by the package (OrgKind, Rating) are stored as their text.
func (cf columnFields) values(record any) []any {
	v := reflect.Indirect(reflect.ValueOf(record))
	out := make([]any, len(cf.index))
	for i, idx := range cf.index {
		f := v.FieldByIndex(idx)
		if f.Kind() == reflect.String {
			out[i] = f.String()
			continue
		}
		out[i] = f.Interface()
	}
	return out
}

var (
	eventFields        = fieldsOf(eventsTable, eventRecord{})
	organisationFields = fieldsOf(organisationsTable, Organisation{})
	personFields       = fieldsOf(peopleTable, Person{})
	boothFields        = fieldsOf(boothsTable, Booth{})
	sessionFields      = fieldsOf(sessionsTable, sessionRecord{})
	leadFields         = fieldsOf(leadsTable, Lead{})
	checkinFields      = fieldsOf(checkinsTable, checkinRecord{})
	visitFields        = fieldsOf(visitsTable, visitRecord{})
	attendanceFields   = fieldsOf(attendanceTable, attendanceRecord{})

	slotFields           = fieldsOf(meetingSlotsTable, slotRecord{})
	meetingRequestFields = fieldsOf(meetingRequestsTable, MeetingRequest{})
	hostPreferenceFields = fieldsOf(hostPreferencesTable, HostPreference{})
	meetingFields        = fieldsOf(meetingsTable, meetingRecord{})
)

func (r eventRecord) values() []any   { return eventFields.values(r) }
func (o *Organisation) values() []any { return organisationFields.values(o) }
func (p *Person) values() []any       { return personFields.values(p) }
func (b *Booth) values() []any        { return boothFields.values(b) }
func (r sessionRecord) values() []any { return sessionFields.values(r) }
func (l *Lead) values() []any         { return leadFields.values(l) }
