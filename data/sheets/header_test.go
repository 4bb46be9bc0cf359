package sheets

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/unicode"
)

// Every alias of every kind maps to its field, and no alias is claimed by
// two fields of one kind.
func TestEveryAliasMaps(t *testing.T) {
	for _, kind := range []Kind{People, Sessions, Booths} {
		fields, _ := fieldsOf(kind)
		owner := map[string]string{}
		for i, f := range fields {
			for _, name := range append([]string{f.name}, f.aliases...) {
				key := normaliseHeader(name)
				if other, dup := owner[key]; dup && other != f.name {
					t.Errorf("%s: %q is an alias of both %s and %s", kind, name, other, f.name)
				}
				owner[key] = f.name
				mapping, err := mapColumns([]string{name}, fields, nil)
				if err != nil || mapping[0] != i {
					t.Errorf("%s: header %q maps to %v, want %s", kind, name, mapping, f.name)
				}
			}
		}
	}
}

func TestHeaderSpellings(t *testing.T) {
	for header, want := range map[string]string{
		"E-mail Address": "email", "email_address": "email", "  EMAIL ": "email", "ＥＭＡＩＬ　ＡＤＤＲＥＳＳ": "email",
		"Given name": "given_name", "first-name": "given_name", "Surname": "family_name", "Family Name": "family_name",
		"Organization": "organisation", "Affiliation": "organisation", "会社名": "organisation", "Attendee Type": "roles",
		"姓": "kanji_family_name", "名": "kanji_given_name", "メールアドレス": "email", "氏名": "kanji_name",
		"フリガナ": "kana_name", "電話番号": "phone", "役職": "job_title", "所属": "organisation", "Job Title": "job_title",
		"Hobbies": "",
	} {
		mapping, err := mapColumns([]string{header}, peopleFields, nil)
		got := ""
		if err == nil && mapping[0] != custom {
			got = peopleFields[mapping[0]].name
		}
		if got != want {
			t.Errorf("%q maps to %q, want %q", header, got, want)
		}
	}
	// Two columns for one field: refused, but the mapping is there for a
	// mapping screen to show, the second column set aside.
	mapping, err := mapColumns([]string{"Email", "E-mail", "Name"}, peopleFields, nil)
	var clash *columnClash
	if !errors.As(err, &clash) || mapping[0] != pEmail || mapping[1] != custom || mapping[2] != pFullName {
		t.Errorf("mapping %v, %v", mapping, err)
	}
}

func TestOtherEncodingsAndSeparators(t *testing.T) {
	text := "Name\tEmail\tCompany\r\n山田 太郎\ttaro@example.jp\tさくら\r\n"
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
	for name, file := range map[string][]byte{
		"utf16-tabs": utf16,
		"semicolons": []byte("Name;Email;Company\n山田 太郎;taro@example.jp;さくら\n"),
	} {
		st := openStore(t)
		if _, err := Import(context.Background(), st, People, bytes.NewReader(file), Options{}); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if p := personByKey(t, st, "taro@example.jp"); p.KanjiName != "山田 太郎" || p.OrgName != "さくら" {
			t.Errorf("%s: %+v", name, p)
		}
	}
	st := openStore(t)
	_, err := Import(context.Background(), st, People, bytes.NewReader([]byte("Name\n\xff\xfe\xfd\x80\n")), Options{FileName: "x.csv"})
	if err == nil || !strings.Contains(err.Error(), "x.csv: the file is neither UTF-8 nor Shift-JIS") {
		t.Errorf("err = %v", err)
	}
	if _, err := Import(context.Background(), st, People, strings.NewReader(""), Options{FileName: "x.csv"}); err == nil {
		t.Error("empty file accepted")
	}
}

func TestPreview(t *testing.T) {
	file := readTestdata(t, "people_bad.csv")
	s, err := Preview(context.Background(), bytes.NewReader(file), People, time.UTC, 2, Options{FileName: "people_bad.csv"})
	if err != nil {
		t.Fatal(err)
	}
	if s.Encoding != EncodingUTF8 || s.Records != 6 || len(s.Rows) != 2 || len(s.Problems) != 6 ||
		strings.Join(s.Fields, ",") != "given_name,family_name,email,notes,year_returned,consent" {
		t.Errorf("sample %+v", s)
	}
	sjis := japaneseFiles(t)["shift-jis"]
	s, err = Preview(context.Background(), bytes.NewReader(sjis), People, time.UTC, 5, Options{})
	if err != nil || s.Encoding != EncodingSJIS || s.Headers[0] != "姓" || s.Rows[0][10] != "複数行の\nメモ" {
		t.Errorf("sjis sample %+v, %v", s, err)
	}
	// A sheet whose columns name no one still shows its columns.
	s, err = Preview(context.Background(), strings.NewReader("Phone\n123\n"), People, time.UTC, 5, Options{})
	if err == nil || len(s.Headers) != 1 || len(s.Rows) != 1 {
		t.Errorf("sample %+v, %v", s, err)
	}
	if got := Fields(Booths); strings.Join(got, ",") != "code,name,organisation,organisation_kind,organisation_sector,location,staff,link" {
		t.Errorf("Fields(Booths) = %v", got)
	}
}
