package sheets

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

var (
	latinGiven  = []string{"Mary", "John", "Aisha", "Liam", "Sofia", "Kenji", "Emma", "Noah"}
	latinFamily = []string{"Smith", "Brown", "Garcia", "O'Neill", "Nguyen", "Tanaka", "Müller", "Okafor"}
	kanjiFamily = []string{"山田", "佐藤", "鈴木", "高橋", "田中", "伊藤"}
	kanjiGiven  = []string{"太郎", "花子", "一郎", "美咲", "健", "陽菜"}
	kanaFamily  = []string{"ヤマダ", "サトウ", "スズキ", "タカハシ", "タナカ", "イトウ"}
	kanaGiven   = []string{"タロウ", "ハナコ", "イチロウ", "ミサキ", "ケン", "ヒナ"}
	roleCells   = []string{"Job Seeker", "Mentor", "Recruiter; Mentor", "求職者", "採用担当", "Speaker"}
)

// peopleCSV makes a registration export of n people, half with Latin
// names and half with Japanese ones, spread over 500 organisations.
func peopleCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("First Name,Last Name,姓,名,セイ,メイ,Email,Company,Job Title,Ticket Type,Phone,Dietary needs\r\n")
	for i := range n {
		given, family, kf, kg, af, ag := latinGiven[i%8], latinFamily[i/8%8], "", "", "", ""
		if i%2 == 1 {
			kf, kg, af, ag = kanjiFamily[i%6], kanjiGiven[i/6%6], kanaFamily[i%6], kanaGiven[i/6%6]
		}
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s,%s,person%d@example.com,Company %d,Engineer,%s,+81 90 %04d %04d,%s\r\n",
			given, family, kf, kg, af, ag, i, i%500, roleCells[i%len(roleCells)], i/10000, i%10000,
			strings.Repeat("vegan", i%3/2))
	}
	return b.Bytes()
}

func BenchmarkImportPeople100k(b *testing.B) {
	file := peopleCSV(100_000)
	b.SetBytes(int64(len(file)))
	for b.Loop() {
		b.StopTimer()
		st := openStore(b)
		b.StartTimer()
		res, err := Import(context.Background(), st, People, bytes.NewReader(file), Options{})
		if err != nil || res.Added != 100_000 {
			b.Fatalf("%+v %v", res, err)
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
}

// BenchmarkCheckPeople100k is the part of an import that is this
// package's own: decoding, reading, mapping and checking every row.
func BenchmarkCheckPeople100k(b *testing.B) {
	file := peopleCSV(100_000)
	b.SetBytes(int64(len(file)))
	for b.Loop() {
		s, err := Preview(context.Background(), bytes.NewReader(file), People, time.UTC, 10, Options{})
		if err != nil || s.Records != 100_000 || len(s.Problems) != 0 {
			b.Fatalf("%d records, %v, %v", s.Records, s.Problems, err)
		}
	}
}

// peopleWorkbook is peopleCSV(n) imported and exported as a workbook, the
// way an organiser's .xlsx of the same rows would come.
func peopleWorkbook(b *testing.B, n int) []byte {
	b.Helper()
	st := openStore(b)
	defer st.Close()
	if _, err := Import(context.Background(), st, People, bytes.NewReader(peopleCSV(n)), Options{}); err != nil {
		b.Fatal(err)
	}
	var w bytes.Buffer
	if err := ExportWorkbook(context.Background(), st, People, &w); err != nil {
		b.Fatal(err)
	}
	return w.Bytes()
}

// BenchmarkImportPeopleWorkbook100k is BenchmarkImportPeople100k from a
// workbook of the same rows.
func BenchmarkImportPeopleWorkbook100k(b *testing.B) {
	file := peopleWorkbook(b, 100_000)
	b.SetBytes(int64(len(file)))
	for b.Loop() {
		b.StopTimer()
		st := openStore(b)
		b.StartTimer()
		res, err := Import(context.Background(), st, People, bytes.NewReader(file), Options{FileName: "people.xlsx"})
		if err != nil || res.Added != 100_000 {
			b.Fatalf("%+v %v", res, err)
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
}

// BenchmarkCheckPeopleWorkbook100k is BenchmarkCheckPeople100k from a
// workbook of the same rows: what reading the workbook costs.
func BenchmarkCheckPeopleWorkbook100k(b *testing.B) {
	file := peopleWorkbook(b, 100_000)
	b.SetBytes(int64(len(file)))
	for b.Loop() {
		s, err := Preview(context.Background(), bytes.NewReader(file), People, time.UTC, 10, Options{FileName: "people.xlsx"})
		if err != nil || s.Records != 100_000 || len(s.Problems) != 0 {
			b.Fatalf("%d records, %v, %v", s.Records, s.Problems, err)
		}
	}
}
