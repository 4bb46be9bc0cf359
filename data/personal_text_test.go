package data_test

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"strings"
	"testing"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// personalFields are the fields that hold a name, an e-mail or a phone.
var personalFields = map[string]bool{"Email": true, "Phone": true, "GivenName": true, "FamilyName": true,
	"KanjiName": true, "KanaName": true, "DisplayName": true}

// No error, log line or warning made in data/ or fairctl formats a
// person's name, e-mail or phone: they reach stderr and log files, which
// name people by id. (Screens show names with texts of their own.)
func TestNoErrorOrLogFormatsPersonalData(t *testing.T) {
	dirs := []string{".", "sync", "sheets", "badges", "notify", "seed", "demo", "../cmd/fairctl"}
	formatting := map[string]bool{"Errorf": true, "Sprintf": true, "Printf": true, "Print": true, "Println": true, "Fatalf": true, "Panicf": true}
	for _, dir := range dirs {
		fset := token.NewFileSet()
		pkgs, err := parser.ParseDir(fset, dir, func(fi fs.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, pkg := range pkgs {
			for _, file := range pkg.Files {
				ast.Inspect(file, func(n ast.Node) bool {
					call, ok := n.(*ast.CallExpr)
					if !ok {
						return true
					}
					fn, ok := call.Fun.(*ast.SelectorExpr)
					if !ok || !formatting[fn.Sel.Name] {
						return true
					}
					if x, ok := fn.X.(*ast.Ident); !ok || (x.Name != "fmt" && x.Name != "log") {
						return true
					}
					for _, arg := range call.Args {
						ast.Inspect(arg, func(n ast.Node) bool {
							if sel, ok := n.(*ast.SelectorExpr); ok && personalFields[sel.Sel.Name] {
								t.Errorf("%s: %s formats %s; name the person by id", fset.Position(sel.Pos()), fn.Sel.Name, sel.Sel.Name)
							}
							return true
						})
					}
					return true
				})
			}
		}
	}
}

// The texts of lookups that fail name neither what was typed nor whom.
func TestLookupErrorsRepeatNoPersonalData(t *testing.T) {
	ctx := context.Background()
	f := datatest.NewFair(t)
	twin := data.Person{GivenName: "Alice", FamilyName: "Smith", Email: "alice.two@example.com"}
	datatest.Must(t, f.Store.SavePerson(ctx, &twin))
	for key, err := range map[string]error{
		"nobody@example.com": func() error { _, err := f.Store.FindPerson(ctx, "nobody@example.com"); return err }(),
		"ghost@example.com":  func() error { _, err := f.Store.PersonByKey(ctx, "ghost@example.com"); return err }(),
		"Alice":              func() error { _, err := f.Store.FindPerson(ctx, "Alice Smith"); return err }(),
		"bob@example":        data.FieldErrors{"email": *data.CheckEmail("bob@example")},
	} {
		if err == nil {
			t.Errorf("looking up %s found it", key)
		} else if strings.Contains(err.Error(), key) {
			t.Errorf("the error repeats %q: %v", key, err)
		}
	}
}
