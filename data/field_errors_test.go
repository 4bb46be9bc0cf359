package data_test

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// A bad record is refused with a code and the values its text names, per
// field, and nothing is saved; Error says it in English, as fairctl prints
// it.
func TestBadRecordsGiveProblemCodes(t *testing.T) {
	f := datatest.NewFair(t)
	ctx := t.Context()
	before := datatest.Records(t, f.Store, "people")
	for _, c := range []struct {
		name    string
		save    func() error
		want    data.FieldErrors
		english string
	}{
		{"a person with no name, a bad e-mail and an old year",
			func() error {
				return f.Store.SavePerson(ctx, &data.Person{Email: "nobu@example", YearReturned: 1850})
			},
			data.FieldErrors{
				"given_name":    {Code: data.ProblemNameNeeded},
				"email":         {Code: data.ProblemEmailMalformed},
				"year_returned": {Code: data.ProblemYearImplausible, Args: []any{1850}},
			},
			"email: the e-mail address is not well formed (it needs a name, @ and a domain such as example.com); " +
				"given_name: a name is needed (given, family or kanji); year_returned: 1850 is not a plausible year"},
		{"a person with Taro's e-mail address",
			func() error {
				return f.Store.SavePerson(ctx, &data.Person{GivenName: "Jiro", Email: "TARO@example.jp"})
			},
			data.FieldErrors{"email": {Code: data.ProblemEmailTaken, Args: []any{"Taro Yamada"}}},
			"email: Taro Yamada already has this e-mail address"},
		{"a second booth A01",
			func() error { return f.Store.SaveBooth(ctx, &data.Booth{Code: "A01", Name: "Other"}, nil) },
			data.FieldErrors{"code": {Code: data.ProblemBoothCodeTaken, Args: []any{"Kaisha KK", "A01"}}},
			`code: booth "Kaisha KK" already has code A01`},
		{"a session that ends before it starts",
			func() error {
				return f.Store.SaveSession(ctx, &data.Session{Title: "Panel", Starts: datatest.FairDay(12, 0), Ends: datatest.FairDay(11, 0)}, nil)
			},
			data.FieldErrors{"ends_at": {Code: data.ProblemSessionEndsBeforeStart}},
			"ends_at: a session must end after it starts"},
		{"a lead rated scorching",
			func() error {
				return f.Store.SaveLead(ctx, &data.Lead{BoothID: f.Booth.ID, PersonID: f.Taro.ID, Rating: "scorching"})
			},
			data.FieldErrors{"rating": {Code: data.ProblemRatingUnknown, Args: []any{"scorching"}}},
			`rating: "scorching" is not a rating: choose hot, warm or cold`},
		{"an event on Mars time",
			func() error {
				return f.Store.SaveEvent(ctx, &data.Event{Name: "Fair", TimeZone: "Mars/Olympus_Mons", Starts: f.Opening, Ends: f.Opening.Add(-time.Hour)})
			},
			data.FieldErrors{
				"time_zone": {Code: data.ProblemTimeZoneUnknown, Args: []any{"Mars/Olympus_Mons"}},
				"ends_at":   {Code: data.ProblemEventEndsBeforeStart},
			},
			`ends_at: the event must end after it starts; time_zone: "Mars/Olympus_Mons" is not a time zone name such as Europe/London`},
	} {
		err := c.save()
		var got data.FieldErrors
		if !errors.As(err, &got) {
			t.Errorf("%s: %v, want field problems", c.name, err)
			continue
		}
		if len(got) != len(c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
		for field, want := range c.want {
			if p := got[field]; p.Code != want.Code || !slices.Equal(p.Args, want.Args) {
				t.Errorf("%s: %s is %+v, want %+v", c.name, field, p, want)
			}
		}
		if err.Error() != c.english {
			t.Errorf("%s: in English %q, want %q", c.name, err.Error(), c.english)
		}
	}
	if after := datatest.Records(t, f.Store, "people"); len(after) != len(before) {
		t.Errorf("%d people after refused saves, want %d", len(after), len(before))
	}
}

// Every code declared has its English text: a code without one would
// reach the window and the command line as a bare code.
func TestEveryProblemCodeHasEnglish(t *testing.T) {
	file, err := parser.ParseFile(token.NewFileSet(), "field_errors.go", nil, parser.SkipObjectResolution)
	datatest.Must(t, err)
	listed := data.ProblemCodes()
	declared := 0
	ast.Inspect(file, func(n ast.Node) bool {
		spec, ok := n.(*ast.ValueSpec)
		if !ok || spec.Type == nil || fmt.Sprint(spec.Type) != "ProblemCode" {
			return true
		}
		for _, v := range spec.Values {
			code, err := strconv.Unquote(v.(*ast.BasicLit).Value)
			datatest.Must(t, err)
			declared++
			if !slices.Contains(listed, data.ProblemCode(code)) {
				t.Errorf("%s has no English text", code)
			}
		}
		return true
	})
	if declared < 10 || declared != len(listed) {
		t.Errorf("%d codes declared, %d with English", declared, len(listed))
	}
}
