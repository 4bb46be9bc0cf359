package sheets

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/fairdesk/fairdesk/data/datatest"
	"pgregory.net/rapid"
)

func TestFormulaCellsRoundTrip(t *testing.T) {
	for value, written := range map[string]string{
		`=HYPERLINK("http://evil.example","x")`: `'=HYPERLINK("http://evil.example","x")`,
		`+cmd|' /C calc'!A0`:                    `'+cmd|' /C calc'!A0`,
		"@SUM(1+1)":                             "'@SUM(1+1)",
		"-2+3":                                  "'-2+3",
		"\t=1+1":                                "'\t=1+1",
		"\r=1+1":                                "'\r=1+1",
		"+44 20 7946 0000":                      "'+44 20 7946 0000",
		"'=already quoted":                      "''=already quoted",
		"-5":                                    "-5",
		"+3.25":                                 "+3.25",
		"'-5":                                   "''-5",
		"it's fine":                             "it's fine",
		"'quoted'":                              "'quoted'",
		"":                                      "",
		"'":                                     "'",
		"Mary-Ann":                              "Mary-Ann",
	} {
		if got := NeutraliseFormula(value); got != written {
			t.Errorf("NeutraliseFormula(%q) = %q, want %q", value, got, written)
		}
		if got := RestoreFormula(written); got != value {
			t.Errorf("RestoreFormula(%q) = %q, want %q", written, got, value)
		}
	}
}

// number is what a spreadsheet may read as a number: harmless unquoted.
var number = regexp.MustCompile(`^[+-]?[0-9]+(\.[0-9]+)?$`)

func TestFormulaCellsRoundTripAnyText(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		text := rapid.OneOf(rapid.String(), rapid.StringOf(rapid.SampledFrom([]rune("'=+-@\t\r0123456789. ax")))).Draw(t, "text")
		written := NeutraliseFormula(text)
		if back := RestoreFormula(written); back != text {
			t.Fatalf("%q was written %q and read back %q", text, written, back)
		}
		if written != "" && strings.ContainsRune("=+-@\t\r", rune(written[0])) && !number.MatchString(written) {
			t.Fatalf("%q was written %q, which a spreadsheet would run as a formula", text, written)
		}
	})
}

func TestLeadAndBoothStatExportsNeutraliseFormulas(t *testing.T) {
	f := datatest.NewFair(t)
	ctx := t.Context()
	f.Taro.GivenName = "=1+2"
	datatest.Must(t, f.Store.SavePerson(ctx, &f.Taro))
	_, err := f.Store.LogVisit(ctx, f.Booth.ID, f.Taro.BadgeCode, "bob")
	datatest.Must(t, err)
	lead, err := f.Store.Lead(ctx, f.Booth.ID, f.Taro.ID)
	datatest.Must(t, err)
	lead.Notes = `+cmd|' /C calc'!A0`
	datatest.Must(t, f.Store.SaveLead(ctx, &lead))
	var leads bytes.Buffer
	if _, err := f.Store.ExportLeads(ctx, f.Booth.ID, "bob", &leads, WriteLeadsCSV); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(leads.Bytes(), utf8BOM) {
		t.Error("the leads export has no byte-order mark")
	}
	rows := csvCells(t, leads.Bytes())
	if len(rows) != 1 {
		t.Fatalf("%d leads", len(rows))
	}
	for col, want := range map[string]string{"given_name": "'=1+2", "notes": `'+cmd|' /C calc'!A0`, "phone": "'+81 3 1234 5678", "visits": "1"} {
		if got := rows[0][col]; got != want {
			t.Errorf("lead %s = %q, want %q", col, got, want)
		}
	}

	f.Booth.Name = "@SUM(A1:A9)"
	datatest.Must(t, f.Store.SaveBooth(ctx, &f.Booth, nil))
	var stats bytes.Buffer
	datatest.Must(t, ExportBoothStats(ctx, f.Store, &stats))
	if !bytes.HasPrefix(stats.Bytes(), utf8BOM) {
		t.Error("the booth table has no byte-order mark")
	}
	rows = csvCells(t, stats.Bytes())
	if len(rows) != 1 || rows[0]["name"] != "'@SUM(A1:A9)" || rows[0]["visits"] != "1" {
		t.Errorf("booth stats %v", rows)
	}
}
