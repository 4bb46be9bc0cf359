package sheets

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/fairdesk/fairdesk/assets"
)

// formatArg is where each function that words a problem takes its format.
var formatArg = map[string]int{"add": 1, "addField": 2, "addAt": 2, "reason": 0}

// problemFormats reads the package's source for every format a problem
// or a reason can have: the literal handed to problems.add, addField,
// addAt or reason. A format that is no literal is reported, as its
// translation could not be checked.
func problemFormats(t *testing.T) map[string]string {
	t.Helper()
	paths, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	formats := map[string]string{} // format -> where it is first used
	for _, path := range paths {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		fset := token.NewFileSet()
		file, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var name string
			switch fun := call.Fun.(type) {
			case *ast.Ident:
				name = fun.Name
			case *ast.SelectorExpr:
				if fun.Sel.Name != "reason" {
					name = fun.Sel.Name
				}
			}
			at, ok := formatArg[name]
			if !ok || at >= len(call.Args) {
				return true
			}
			where := fset.Position(call.Pos()).String()
			if id, ok := call.Args[at].(*ast.Ident); ok && id.Name == "format" {
				return true // handing its own format on
			}
			lit, ok := call.Args[at].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				t.Errorf("%s: the format of %s is no literal, so its translation cannot be checked", where, name)
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Fatal(err)
			}
			if _, seen := formats[s]; !seen {
				formats[s] = where
			}
			return true
		})
	}
	return formats
}

// formatVerbs lists a format's verbs by the value each takes (from 0):
// "%[2]s %[1]d" is {1: "s", 0: "d"}, in the order they appear.
func formatVerbs(format string) (verbs []string, values []int) {
	next := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		if i < len(format) && format[i] == '%' {
			continue
		}
		for i < len(format) && strings.ContainsRune("+-# 0123456789.", rune(format[i])) {
			i++
		}
		if i < len(format) && format[i] == '[' {
			end := strings.IndexByte(format[i:], ']')
			n, err := strconv.Atoi(format[i+1 : i+end])
			if err != nil {
				return nil, nil
			}
			next = n - 1
			i += end + 1
		}
		for i < len(format) && strings.ContainsRune("+-# 0123456789.", rune(format[i])) {
			i++
		}
		if i < len(format) {
			verbs = append(verbs, format[i:i+1])
			values = append(values, next)
			next++
		}
	}
	return verbs, values
}

// passThrough is a format that says nothing itself: its value, a Reason
// or FieldProblems, carries the words.
func passThrough(format string) bool { return format == "%s" || format == "%v" }

// Every format data/sheets can word a problem with has its Japanese, which
// takes each value with the verb the English takes it with, once, in
// whatever order Japanese needs (%[2]s).
func TestEveryImportProblemHasAJapaneseTranslation(t *testing.T) {
	formats := problemFormats(t)
	if len(formats) < 35 {
		t.Fatalf("found only %d formats: is the scanner broken?", len(formats))
	}
	b, err := assets.Translations.ReadFile("translations/ja.json")
	if err != nil {
		t.Fatal(err)
	}
	ja := map[string]any{}
	if err := json.Unmarshal(b, &ja); err != nil {
		t.Fatal(err)
	}
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range formats {
			if !yield(k) {
				return
			}
		}
	})
	for _, format := range keys {
		if passThrough(format) {
			continue
		}
		text, _ := ja[format].(string)
		if text == "" || text == format {
			t.Errorf("%s: %q has no Japanese in assets/translations/ja.json", formats[format], format)
			continue
		}
		enVerbs, _ := formatVerbs(format)
		jaVerbs, jaValues := formatVerbs(text)
		byValue := make([]string, len(enVerbs))
		for i, v := range jaValues {
			switch {
			case v < 0 || v >= len(enVerbs):
				t.Errorf("%q: the Japanese %q takes value %d of %d", format, text, v+1, len(enVerbs))
			case byValue[v] != "":
				t.Errorf("%q: the Japanese %q takes value %d twice", format, text, v+1)
			default:
				byValue[v] = jaVerbs[i]
			}
		}
		if !slices.Equal(byValue, enVerbs) {
			t.Errorf("%q: the Japanese %q takes the values as %v, the English as %v", format, text, byValue, enVerbs)
		}
	}
}

// What the imports of broken files report carries its format and values:
// the English message is the format filled with them, and the format is
// one the source scan found (so it has its Japanese).
func TestImportProblemsCarryTheirFormat(t *testing.T) {
	formats := problemFormats(t)
	ctx := context.Background()
	st := openStore(t)
	importFile(t, st, People, "people_registration.csv")
	files := []struct {
		kind Kind
		text string
	}{
		{People, string(readTestdata(t, "people_bad.csv"))},
		{Sessions, string(readTestdata(t, "sessions_bad.csv"))},
		{Sessions, "Title,Start,End,Duration\r\nOffset start,2026-06-10T10:00Z,2026-06-10 11:00,\r\n" +
			"Spring gap,2026-03-29 01:30,2026-03-29 03:00,\r\nNo time,2026-10-23 12:00,,0\r\n" +
			"Both,2026-10-23 12:00,13:00,90\r\n"},
		{Booths, "Booth,Staff,Organisation,Kind\nC3,ghost@example.com,,\n,,,\nC3,,Acme,spaceship\n"},
		{People, "Given name,Email,Roles,Notes\nAna,ana@example.org,wizard,\"x\nBob,b\"ob@example.org,,\n"},
		{People, "Given name,Email\nAna,ana@example.org\x00\nBob,bob@example.org,extra\n"},
	}
	seen := 0
	for _, f := range files {
		_, err := Import(ctx, st, f.kind, strings.NewReader(f.text), Options{FileName: "f.csv"})
		var pe *ProblemsError
		if !errors.As(err, &pe) {
			t.Fatalf("%q: err = %v", f.text, err)
		}
		for _, p := range pe.Problems {
			seen++
			if _, ok := formats[p.Format]; !ok {
				t.Errorf("%s: format %q is not one the source scan found", p, p.Format)
			}
			if got := fmt.Sprintf(p.Format, p.Args...); got != p.Message {
				t.Errorf("%s: the format filled reads %q", p, got)
			}
		}
	}
	if seen < 20 {
		t.Errorf("only %d problems: the files are not as broken as they should be", seen)
	}
}

// A file that cannot be imported at all says why with a Reason at the end
// of the error, its format one the source scan found, so that the window
// can keep the English before it (the file, the line) and translate the
// rest.
func TestFileErrorsEndWithTheirReason(t *testing.T) {
	formats := problemFormats(t)
	ctx := context.Background()
	st := openStore(t)
	for _, c := range []struct {
		file    string
		mapping map[int]string
	}{
		{"", nil},
		{"Name\n\xff\xfe\xfd\x80\n", nil},
		{"Email,No\x00tes\r\nx@example.org,y\r\n", nil},
		{"Name,email,Phone,E-mail\r\nAna,ana@example.org,+44 1,ana@example.net\r\n", nil},
		{"Email,Dietary,Name,Dietary\r\nana@example.org,vegan,Ana,halal\r\n", nil},
		{"Email,Name\r\nana@example.org,Ana\r\n", map[int]string{1: "shoe_size"}},
		{"Email,Name\r\nana@example.org,Ana\r\n", map[int]string{0: "email", 1: "email"}},
		{"Email,Name\r\nana@example.org,Ana\r\n", map[int]string{5: ""}},
	} {
		_, err := Import(ctx, st, People, strings.NewReader(c.file), Options{FileName: "f.csv", Mapping: c.mapping})
		var r Reason
		switch {
		case !errors.As(err, &r):
			t.Errorf("%q: error %v holds no Reason", c.file, err)
		case !strings.HasSuffix(err.Error(), r.Error()):
			t.Errorf("%q: error %q does not end with its reason %q", c.file, err, r)
		default:
			if _, ok := formats[r.Format]; !ok {
				t.Errorf("%q: format %q is not one the source scan found", c.file, r.Format)
			}
		}
	}
}

func TestFormatVerbsFollowArgumentIndexes(t *testing.T) {
	verbs, values := formatVerbs("%[2]s の %[1]d 行目 %q 100%% %04d")
	if fmt.Sprint(verbs, values) != "[s d q d] [1 0 1 2]" {
		t.Errorf("verbs %v, values %v", verbs, values)
	}
}
