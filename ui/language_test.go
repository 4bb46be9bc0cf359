package ui

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/fairdesk/fairdesk/assets"
)

// translationKeys finds the text the ui package hands to lang.L and lang.X:
// literal keys (also literals joined with +, and named string constants
// and variables), every string literal inside a computed key such as
// lang.L(plural(n, "person", "people")), and the values of the package's
// map literals whose names end in Labels (lang.L(roleLabels[r])). It
// returns the keys and where the calls whose key it could not see are.
func translationKeys(t *testing.T, dirs ...string) (keys map[string][]string, unseen []string) {
	t.Helper()
	keys = map[string][]string{}
	type parsed struct {
		fset *token.FileSet
		file *ast.File
		name string
	}
	var files []parsed
	named := map[string]string{}
	for _, dir := range dirs {
		paths, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range paths {
			if strings.HasSuffix(path, "_test.go") {
				continue
			}
			fset := token.NewFileSet()
			file, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, parsed{fset, file, path})
		}
	}
	var eval func(e ast.Expr) (string, bool)
	eval = func(e ast.Expr) (string, bool) {
		switch e := e.(type) {
		case *ast.BasicLit:
			if e.Kind != token.STRING {
				return "", false
			}
			s, err := strconv.Unquote(e.Value)
			return s, err == nil
		case *ast.ParenExpr:
			return eval(e.X)
		case *ast.BinaryExpr:
			if e.Op != token.ADD {
				return "", false
			}
			a, ok1 := eval(e.X)
			b, ok2 := eval(e.Y)
			return a + b, ok1 && ok2
		case *ast.Ident:
			s, ok := named[e.Name]
			return s, ok
		}
		return "", false
	}
	add := func(key, where string) {
		if strings.TrimSpace(key) != "" {
			keys[key] = append(keys[key], where)
		}
	}
	// Package-level string constants and variables, and *Labels maps.
	for _, f := range files {
		for _, decl := range f.file.Decls {
			gen, ok := decl.(*ast.GenDecl)
			if !ok || (gen.Tok != token.CONST && gen.Tok != token.VAR) {
				continue
			}
			for _, spec := range gen.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if i >= len(vs.Values) {
						continue
					}
					if s, ok := eval(vs.Values[i]); ok {
						named[name.Name] = s
					}
					if lit, ok := vs.Values[i].(*ast.CompositeLit); ok && strings.HasSuffix(name.Name, "Labels") {
						for _, elt := range lit.Elts {
							if kv, ok := elt.(*ast.KeyValueExpr); ok {
								if s, ok := eval(kv.Value); ok {
									add(s, f.fset.Position(kv.Pos()).String())
								}
							}
						}
					}
				}
			}
		}
	}
	// Functions that hand one of their parameters to lang.L, such as
	// heading := func(text string) ... lang.L(text): their name and the
	// parameter's place, so that literals passed there count as keys.
	translating := map[string]int{}
	noteFunc := func(name string, typ *ast.FuncType, body *ast.BlockStmt) {
		if body == nil || typ.Params == nil {
			return
		}
		index := map[string]int{}
		i := 0
		for _, field := range typ.Params.List {
			for _, n := range field.Names {
				index[n.Name] = i
				i++
			}
			if len(field.Names) == 0 {
				i++
			}
		}
		ast.Inspect(body, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "L" {
				if x, ok := sel.X.(*ast.Ident); ok && x.Name == "lang" {
					if arg, ok := call.Args[0].(*ast.Ident); ok {
						if at, ok := index[arg.Name]; ok {
							translating[name] = at
						}
					}
				}
			}
			return true
		})
	}
	for _, f := range files {
		ast.Inspect(f.file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				noteFunc(n.Name.Name, n.Type, n.Body)
			case *ast.AssignStmt:
				for i, rhs := range n.Rhs {
					if lit, ok := rhs.(*ast.FuncLit); ok && i < len(n.Lhs) {
						if id, ok := n.Lhs[i].(*ast.Ident); ok {
							noteFunc(id.Name, lit.Type, lit.Body)
						}
					}
				}
			}
			return true
		})
	}
	for _, f := range files {
		ast.Inspect(f.file, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if id, ok := call.Fun.(*ast.Ident); ok {
					if at, ok := translating[id.Name]; ok && at < len(call.Args) {
						if s, ok := eval(call.Args[at]); ok {
							add(s, f.fset.Position(call.Pos()).String())
						}
					}
				}
			}
			return true
		})
	}
	for _, f := range files {
		ast.Inspect(f.file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); !ok || id.Name != "lang" || (sel.Sel.Name != "L" && sel.Sel.Name != "X") {
				return true
			}
			where := f.fset.Position(call.Pos()).String()
			if s, ok := eval(call.Args[0]); ok {
				add(s, where)
				return true
			}
			found := false
			ast.Inspect(call.Args[0], func(n ast.Node) bool {
				if lit, ok := n.(*ast.BasicLit); ok {
					if s, ok := eval(lit); ok {
						add(s, where)
						found = true
					}
				}
				return true
			})
			if !found {
				unseen = append(unseen, where)
			}
			return true
		})
	}
	return keys, unseen
}

func readTranslations(t *testing.T, name string) map[string]any {
	t.Helper()
	b, err := assets.Translations.ReadFile("translations/" + name)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]any{}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}

// translation is the text of an entry: a string, or {"other": string} for
// keys that go-i18n would otherwise read as a message field (Other,
// Description, One…).
func translation(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case map[string]any:
		s, ok := v["other"].(string)
		return s, ok && len(v) == 1
	}
	return "", false
}

// The translation files load: go-i18n refuses a file whose keys it reads
// as message fields, such as "Other": "…" beside ordinary keys.
func TestTranslationFilesLoad(t *testing.T) {
	for _, name := range []string{"en", "ja"} {
		b, err := assets.Translations.ReadFile("translations/" + name + ".json")
		if err != nil {
			t.Fatal(err)
		}
		// Loaded for its own language only: the tests run in English
		// (make test sets LANGUAGE), whose file holds no interface text.
		if err := lang.AddTranslationsForLocale(b, fyne.Locale(name)); err != nil {
			t.Errorf("%s.json: %v", name, err)
		}
	}
}

// Every text the screens hand to lang.L has a Japanese translation, so a
// new label cannot be forgotten. English needs no file entry: the key is
// the English text.
func TestEveryKeyHasAJapaneseTranslation(t *testing.T) {
	keys, unseen := translationKeys(t, ".", "../cmd/fairdesk")
	if len(keys) < 100 {
		t.Fatalf("found only %d keys: is the scanner broken?", len(keys))
	}
	ja := readTranslations(t, "ja.json")
	var missing []string
	for key, where := range keys {
		if s, ok := translation(ja[key]); !ok || strings.TrimSpace(s) == "" {
			missing = append(missing, strconv.Quote(key)+" ("+filepath.Base(where[0])+")")
		}
	}
	slices.Sort(missing)
	if len(missing) > 0 {
		t.Errorf("%d of %d keys have no Japanese in assets/translations/ja.json:\n%s", len(missing), len(keys), strings.Join(missing, "\n"))
	}
	for _, w := range unseen {
		t.Logf("key computed at run time, not checked: %s", w)
	}
}

// The Japanese keeps the formatting verbs of the English (in any order, with %[n]s), so
// fmt.Sprintf(lang.L(...), ...) fills in the same values.
func TestJapaneseKeepsFormatVerbs(t *testing.T) {
	ja := readTranslations(t, "ja.json")
	verbs := func(s string) []string {
		var list []string
		for i := 0; i < len(s)-1; i++ {
			if s[i] == '%' {
				if s[i+1] == '%' {
					i++
					continue
				}
				j := i + 1
				for j < len(s) && strings.ContainsRune("+-# 0123456789.[]", rune(s[j])) {
					j++
				}
				if j < len(s) {
					verb := s[i : j+1]
					if k := strings.IndexByte(verb, ']'); k >= 0 {
						verb = "%" + verb[k+1:] // %[2]s: the order may change
					}
					list = append(list, verb)
				}
				i = j
			}
		}
		return list
	}
	for key, v := range ja {
		s, ok := translation(v)
		if !ok {
			t.Errorf("%q: not a string or {\"other\": string}", key)
			continue
		}
		a, b := verbs(key), verbs(s)
		slices.Sort(a)
		slices.Sort(b)
		if !slices.Equal(a, b) {
			t.Errorf("%q: Japanese has %v, English %v", key, b, a)
		}
	}
}

// Fyne adds "Quit" to the File menu itself, with lang.L("Quit"), which
// the scan of our own source cannot see: Japanese needs it all the same.
func TestJapaneseTranslatesFynesOwnMenuItems(t *testing.T) {
	b, err := assets.Translations.ReadFile("translations/ja.json")
	if err != nil {
		t.Fatal(err)
	}
	var ja map[string]any
	if err := json.Unmarshal(b, &ja); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"Quit"} {
		if v, _ := ja[key].(string); v == "" || v == key {
			t.Errorf("ja.json has no Japanese for Fyne's %q", key)
		}
	}
}

// "follow up" is a flag on a visitor line ("2 件の来訪 · 高 · 要フォローアップ"),
// never counted: its Japanese must not open with the counter 件, which
// read as a count whose number was missing.
func TestJapaneseFollowUpFlagIsNoCount(t *testing.T) {
	b, err := assets.Translations.ReadFile("translations/ja.json")
	if err != nil {
		t.Fatal(err)
	}
	var ja map[string]any
	if err := json.Unmarshal(b, &ja); err != nil {
		t.Fatal(err)
	}
	if text, _ := ja["follow up"].(string); text == "" || strings.HasPrefix(text, "件") {
		t.Errorf("the follow-up flag reads %q in Japanese", text)
	}
}
