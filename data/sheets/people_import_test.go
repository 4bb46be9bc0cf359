package sheets

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/fairdesk/fairdesk/data"
	"golang.org/x/text/encoding/japanese"
)

func TestImportRegistrationExport(t *testing.T) {
	st := openStore(t)
	res := importFile(t, st, People, "people_registration.csv")
	if res.Added != 2 || res.Updated != 0 || len(res.Problems) != 0 {
		t.Fatalf("result %+v, want 2 added", res)
	}
	mary := personByKey(t, st, "MARY@example.com")
	if mary.GivenName != "Mary Ann" || mary.FamilyName != "Smith" || mary.JobTitle != "Engineer" ||
		mary.OrgName != "Acme Ltd" || mary.Phone != "+44 20 7946 0000" || !mary.HasRole(data.RoleJobSeeker) {
		t.Errorf("mary = %+v", mary)
	}
	if mary.Custom["Dietary Needs"] != "Vegetarian" {
		t.Errorf("custom field lost: %v", mary.Custom)
	}
	if mary.Consent {
		t.Error("consent set though the file has no consent column")
	}
	ken := personByKey(t, st, "ken@example.jp")
	if !ken.HasRole(data.RoleRecruiter) || !ken.HasRole(data.RoleMentor) || len(ken.Custom) != 0 {
		t.Errorf("ken = %+v", ken)
	}
}

// japaneseFile is people_ja.csv in each encoding a Japanese spreadsheet
// may save it in.
func japaneseFiles(t *testing.T) map[string][]byte {
	utf8 := readTestdata(t, "people_ja.csv")
	sjis, err := japanese.ShiftJIS.NewEncoder().Bytes(utf8)
	if err != nil {
		t.Fatal(err)
	}
	crlf := bytes.ReplaceAll(utf8, []byte("\n"), []byte("\r\n"))
	return map[string][]byte{
		"utf8":      utf8,
		"utf8-bom":  append([]byte("\xEF\xBB\xBF"), utf8...),
		"shift-jis": sjis,
		"sjis-crlf": bytes.ReplaceAll(sjis, []byte("\n"), []byte("\r\n")),
		"utf8-crlf": crlf,
	}
}

func TestImportJapaneseEncodings(t *testing.T) {
	for name, file := range japaneseFiles(t) {
		t.Run(name, func(t *testing.T) {
			st := openStore(t)
			res, err := Import(context.Background(), st, People, bytes.NewReader(file), Options{FileName: "people_ja.csv"})
			if err != nil || res.Added != 2 {
				t.Fatalf("import: %+v, %v", res, err)
			}
			taro := personByKey(t, st, "taro@example.jp")
			if taro.KanjiName != "山田 太郎" || taro.KanaName != "ヤマダ タロウ" || taro.OrgName != "株式会社さくら" ||
				taro.JobTitle != "部長" || taro.Phone != "03-1234-5678" || !taro.HasRole(data.RoleRecruiter) || !taro.Consent {
				t.Errorf("taro = %+v", taro)
			}
			if taro.Notes != "複数行の\nメモ" {
				t.Errorf("multi-line note = %q", taro.Notes)
			}
			hanako := personByKey(t, st, "hanako@example.jp")
			if hanako.KanjiName != "佐藤 花子" || hanako.Consent || !hanako.HasRole(data.RoleJobSeeker) || !hanako.HasRole(data.RoleMentor) {
				t.Errorf("hanako = %+v", hanako)
			}
		})
	}
}

func TestBadRowsStopTheImport(t *testing.T) {
	st := openStore(t)
	importFile(t, st, People, "people_registration.csv")
	before := dump(t, st)
	res, err := Import(context.Background(), st, People, bytes.NewReader(readTestdata(t, "people_bad.csv")), Options{FileName: "people_bad.csv"})
	var pe *ProblemsError
	if !errors.As(err, &pe) {
		t.Fatalf("err = %v, want ProblemsError", err)
	}
	want := []string{
		"people_bad.csv:5: no name, e-mail address or badge code",
		"people_bad.csv:6:3: e-mail: not an e-mail address such as name@example.org",
		`people_bad.csv:7:5: year returned: 1850 is not a plausible year`,
		`people_bad.csv:7:6: consent: "maybe" is not yes or no`,
		"people_bad.csv:9:3: e-mail: the same address is also on line 2",
		"people_bad.csv:10: 7 cells, but the header row has 6 columns",
	}
	if got := problemStrings(pe.Problems); !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.HasPrefix(err.Error(), "people_bad.csv: 6 bad rows, nothing was imported\npeople_bad.csv:5: ") {
		t.Errorf("error text: %s", err)
	}
	if res.Skipped != 5 || res.Added != 2 {
		t.Errorf("result %+v, want 5 bad rows and 2 that would be added", res)
	}
	if after := dump(t, st); after != before {
		t.Error("a file with bad rows changed the database")
	}
}

func TestSkipBadImportsTheGoodRows(t *testing.T) {
	st := openStore(t)
	res, err := Import(context.Background(), st, People, bytes.NewReader(readTestdata(t, "people_bad.csv")),
		Options{FileName: "people_bad.csv", SkipBad: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 2 || res.Skipped != 5 || len(res.Problems) != 6 {
		t.Errorf("result %+v", res)
	}
	if n := countPeople(t, st); n != 2 {
		t.Errorf("%d people, want Anna and Gil", n)
	}
	anna := personByKey(t, st, "anna@example.com")
	if anna.Notes != "first line\nsecond line\nthird line" || anna.YearReturned != 2015 || !anna.Consent {
		t.Errorf("anna = %+v", anna)
	}
}

func TestDryRunChangesNothing(t *testing.T) {
	st := openStore(t)
	before := dump(t, st)
	res, err := Import(context.Background(), st, People, bytes.NewReader(readTestdata(t, "people_registration.csv")), Options{DryRun: true})
	if err != nil || res.Added != 2 {
		t.Fatalf("dry run: %+v, %v", res, err)
	}
	if dump(t, st) != before {
		t.Error("dry run changed the database")
	}
}

func TestReimportUpdatesInsteadOfDuplicating(t *testing.T) {
	st := openStore(t)
	importFile(t, st, People, "people_registration.csv")
	mary := personByKey(t, st, "mary@example.com")

	again := importFile(t, st, People, "people_registration.csv")
	if again.Added != 0 || again.Unchanged != 2 {
		t.Errorf("same file again: %+v, want 2 unchanged", again)
	}
	// A later sheet with fewer columns: only those columns change.
	update := "Email,Phone,Role,Badge code,Shoe size\r\nmary@example.com,090-0000-0000,Speaker,,38\r\n"
	res, err := Import(context.Background(), st, People, strings.NewReader(update), Options{})
	if err != nil || res.Updated != 1 || res.Added != 0 {
		t.Fatalf("update: %+v, %v", res, err)
	}
	after := personByKey(t, st, "mary@example.com")
	if after.ID != mary.ID || after.Phone != "090-0000-0000" || after.JobTitle != "Engineer" || after.OrgName != "Acme Ltd" {
		t.Errorf("after = %+v", after)
	}
	if !after.HasRole(data.RoleSpeaker) || !after.HasRole(data.RoleJobSeeker) {
		t.Errorf("roles %v, want the new one added to the old", after.Roles)
	}
	if after.Custom["Dietary Needs"] != "Vegetarian" || after.Custom["Shoe size"] != "38" {
		t.Errorf("custom fields %v", after.Custom)
	}
	// Matched by badge code alone.
	byBadge := "Badge,Job title\r\n" + strings.ToLower(after.BadgeCode) + ",Lead engineer\r\n"
	if res, err := Import(context.Background(), st, People, strings.NewReader(byBadge), Options{}); err != nil || res.Updated != 1 {
		t.Fatalf("by badge: %+v, %v", res, err)
	}
	if p := personByKey(t, st, "mary@example.com"); p.JobTitle != "Lead engineer" {
		t.Errorf("job title %q", p.JobTitle)
	}
	if n := countPeople(t, st); n != 2 {
		t.Errorf("%d people after re-imports, want 2", n)
	}
}

func TestBadgeCodeOfSomeoneElse(t *testing.T) {
	st := openStore(t)
	importFile(t, st, People, "people_registration.csv")
	ken := personByKey(t, st, "ken@example.jp")
	file := "Email,Badge code\nmary@example.com," + ken.BadgeCode + "\n"
	_, err := Import(context.Background(), st, People, strings.NewReader(file), Options{FileName: "badges.csv"})
	var pe *ProblemsError
	if !errors.As(err, &pe) || len(pe.Problems) != 1 || !strings.HasPrefix(pe.Problems[0].String(), "badges.csv:2:2: badge code "+ken.BadgeCode+" belongs to someone else (person "+ken.ID+")") {
		t.Fatalf("err = %v", err)
	}
	// Named by id: a problem list must not show anyone's name or e-mail address.
	if msg := err.Error(); strings.Contains(msg, "Ken") || strings.Contains(msg, "Watanabe") || strings.Contains(msg, "@") {
		t.Errorf("personal data in %q", msg)
	}
}

func TestNewPersonWithoutName(t *testing.T) {
	st := openStore(t)
	_, err := Import(context.Background(), st, People, strings.NewReader("Email,Phone\nnew@example.com,123\n"), Options{FileName: "f.csv"})
	var pe *ProblemsError
	if !errors.As(err, &pe) || pe.Problems[0].String() != "f.csv:2: given name: a name is needed (given, family or kanji)" {
		t.Fatalf("err = %v", err)
	}
}

func TestHeaderWithoutNameOrEmail(t *testing.T) {
	st := openStore(t)
	_, err := Import(context.Background(), st, People, strings.NewReader("Phone,Company\n123,Acme\n"), Options{FileName: "f.csv"})
	if err == nil || !strings.Contains(err.Error(), "f.csv: no column holds a name or an e-mail address (the columns are: Phone, Company)") {
		t.Fatalf("err = %v", err)
	}
}

func TestMappingOverride(t *testing.T) {
	st := openStore(t)
	file := "Nom,Courriel,Ticket Type\nDupont,d@example.fr,VIP\n"
	opt := Options{Mapping: map[int]string{0: "family_name", 1: "email", 2: ""}}
	if _, err := Import(context.Background(), st, People, strings.NewReader(file), opt); err != nil {
		t.Fatal(err)
	}
	p := personByKey(t, st, "d@example.fr")
	if p.FamilyName != "Dupont" || p.Custom["Ticket Type"] != "VIP" || len(p.Roles) != 0 {
		t.Errorf("p = %+v", p)
	}
	opt.Mapping = map[int]string{0: "shoe_size"}
	if _, err := Import(context.Background(), st, People, strings.NewReader(file), opt); err == nil {
		t.Error("mapping to an unknown field accepted")
	}
}

func TestOrganisationKindAndSector(t *testing.T) {
	st := openStore(t)
	file := "Name,Email,Company,Company type,Sector\n" +
		"Ann Bell,ann@example.com,Fuji Bank,日系企業,Finance\n" +
		"Cy Dee,cy@example.com,fuji bank,,\n" +
		"Ed Fay,ed@example.com,Fuji Bank,startup,\n"
	_, err := Import(context.Background(), st, People, strings.NewReader(file), Options{FileName: "o.csv"})
	var pe *ProblemsError
	if !errors.As(err, &pe) || len(pe.Problems) != 1 || pe.Problems[0].String() != "o.csv:4: Fuji Bank is startup here but japanese_company on line 2" {
		t.Fatalf("err = %v", err)
	}
	file = file[:strings.LastIndex(strings.TrimSuffix(file, "\n"), "\n")+1]
	if _, err := Import(context.Background(), st, People, strings.NewReader(file), Options{}); err != nil {
		t.Fatal(err)
	}
	orgs, _ := st.Organisations(context.Background())
	if len(orgs) != 1 || orgs[0].Kind != data.OrgJapaneseCompany || orgs[0].Sector != "Finance" {
		t.Errorf("orgs = %+v", orgs)
	}
	if ann := personByKey(t, st, "ann@example.com"); ann.GivenName != "Ann" || ann.FamilyName != "Bell" {
		t.Errorf("full name split into %q %q", ann.GivenName, ann.FamilyName)
	}
}

func TestCancelledImportChangesNothing(t *testing.T) {
	st := openStore(t)
	before := dump(t, st)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Import(ctx, st, People, bytes.NewReader(peopleCSV(3000)), Options{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if dump(t, st) != before {
		t.Error("cancelled import changed the database")
	}
}

func TestProgressIsReported(t *testing.T) {
	st := openStore(t)
	var calls [][2]int
	opt := Options{Progress: func(done, total int) { calls = append(calls, [2]int{done, total}) }}
	if _, err := Import(context.Background(), st, People, bytes.NewReader(peopleCSV(2500)), opt); err != nil {
		t.Fatal(err)
	}
	want := [][2]int{{0, 2500}, {1000, 2500}, {2000, 2500}, {2500, 2500}}
	if !slices.Equal(calls, want) {
		t.Errorf("progress calls %v, want %v", calls, want)
	}
}
