package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/seed"
	"github.com/fairdesk/fairdesk/data/sheets"
	"github.com/fairdesk/fairdesk/data/sync"
)

func benchCommand(fs *flag.FlagSet) runFunc {
	people := fs.Int("people", 100000, "make `N` people")
	queries := fs.Int("queries", 300, "time `N` search queries")
	only := fs.String("only", "", "measure only `PART`: \"workbook\" times the .xlsx import beside the CSV import of the same rows, "+
		"\"meetings\" the auto-schedule of 2,000 job seekers beside a greedy schedule, "+
		"\"crypt\" the 10,000-change sync with encryption and checks beside the same sync without them, "+
		"\"load\" a check-in rush on many laptops syncing at once through a bucket and a shared folder")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to `FILE`, for go tool pprof")
	laptops := fs.Int("laptops", 50, "with --only load, how many `N` laptops sync at once")
	places := fs.String("place", "bucket,folder", "with --only load, through `WHERE`: bucket, folder or both")
	return func(ctx context.Context, e *env, args []string) error {
		if *cpuProfile != "" {
			stop, err := startCPUProfile(*cpuProfile)
			if err != nil {
				return err
			}
			defer stop()
		}
		switch *only {
		case "":
			return runBench(ctx, e, args, *people, *queries)
		case "workbook":
			return runWorkbookBench(ctx, e, args, *people)
		case "meetings":
			return runMeetingsBench(ctx, e, args)
		case "crypt":
			return runEncryptedSyncBench(ctx, e, args, *people)
		case "load":
			return runLoadBench(ctx, e, args, *laptops, *places)
		}
		return misusef("--only %q: the parts that run alone are \"workbook\", \"meetings\", \"crypt\" and \"load\"", *only)
	}
}

// runBench measures what the issues set targets for, each beside a
// reference measured in the same run on the same machine.
func runBench(ctx context.Context, e *env, rest []string, people, queries int) error {
	if err := noArgs(rest); err != nil {
		return err
	}
	if _, err := exec.LookPath("sqlite3"); err != nil {
		return fmt.Errorf("bench needs the sqlite3 command-line shell as its reference (apt-get install sqlite3)")
	}
	dir, err := os.MkdirTemp("", "fairdesk-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	out := e.stdout

	csvPath := filepath.Join(dir, "people.csv")
	if err := makePeopleCSV(ctx, filepath.Join(dir, "source.db"), csvPath, people); err != nil {
		return err
	}
	fmt.Fprintf(out, "Fairdesk benchmarks, %d people (lower is better)\n\n", people)

	ours, st, err := timeImport(ctx, filepath.Join(dir, "ours.db"), csvPath)
	if err != nil {
		return err
	}
	defer st.Close()
	ref, err := timeShellImport(filepath.Join(dir, "shell.db"), csvPath)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "import people CSV        fairdesk %8s   sqlite3 shell .import + insert %8s   ratio %.2f (target <= 3)\n",
		round(ours), round(ref), ours.Seconds()/ref.Seconds())
	plain, err := timePlainShellImport(filepath.Join(dir, "plain-import.db"), csvPath)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "                         the shell's plain .import into one table %8s   ratio %.2f (target <= 4)\n",
		round(plain), ours.Seconds()/plain.Seconds())
	if err := benchWorkbookImport(ctx, out, st, dir); err != nil {
		return err
	}

	search, lookup, err := timeSearch(ctx, st, queries)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "search as you type       p50 %8s  p99 %8s   e-mail lookup p50 %8s  p99 %8s   (target p99 <= 10ms)\n",
		round(percentile(search, 50)), round(percentile(search, 99)), round(percentile(lookup, 50)), round(percentile(lookup, 99)))

	open, count, err := timeListOpen(ctx, st)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "open the People list     %8s   the count alone %8s   (target < 1s)\n", round(open), round(count))
	if err := benchMeetings(ctx, out); err != nil {
		return err
	}
	return benchSync(ctx, out, st, dir)
}

// benchSync shares the imported event, joins a second laptop to it, and
// times syncs that bring changes of different sizes and one that brings
// none. The reference for the bytes read is the size of the database.
func benchSync(ctx context.Context, out io.Writer, st *data.Store, dir string) error {
	pair, err := shareAndJoin(ctx, out, st, dir)
	if err != nil {
		return err
	}
	defer pair.other.Close()
	other, sender, receiver := pair.other, pair.sender, pair.receiver
	// timeEdits edits n people on the sending laptop and times the sync
	// that brings the edits to the receiving one.
	timeEdits := func(n int) error {
		if err := editPeople(ctx, st, n); err != nil {
			return err
		}
		if _, err := sender.Sync(ctx); err != nil {
			return err
		}
		start := time.Now()
		r, err := receiver.Sync(ctx)
		if err != nil {
			return err
		}
		took := time.Since(start)
		fmt.Fprintf(out, "sync bringing %6d changes %8s   %8d bytes read%s\n", n, round(took), r.BytesRead,
			map[bool]string{true: "   (target < 1s)", false: ""}[n == 1000])
		if n < 100000 {
			return nil
		}
		plain, err := timePlainInsert(filepath.Join(dir, "insert.db"), other.Path(), r.Received)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "                         %.0f changes a second   a plain INSERT of as many people %.0f a second   (target 100,000 in <= 2s)\n",
			float64(r.Received)/took.Seconds(), float64(r.Received)/plain.Seconds())
		return nil
	}
	for _, n := range []int{1000, 10000} {
		if err := timeEdits(n); err != nil {
			return err
		}
	}
	// The 50,000 new people arrive on the database these two syncs left,
	// as when their target was set; the 100,000 edits come after.
	if err := benchNewPeopleSync(ctx, out, st, sender, receiver, dir, 50000); err != nil {
		return err
	}
	if err := timeEdits(100000); err != nil {
		return err
	}
	// The first sync after a large one also pays for SQLite folding its
	// write-ahead log back into the database; take the median of several.
	var idle []time.Duration
	var bytesRead int64
	for range 9 {
		start := time.Now()
		r, err := receiver.Sync(ctx)
		if err != nil {
			return err
		}
		idle = append(idle, time.Since(start))
		bytesRead += r.BytesRead
	}
	fmt.Fprintf(out, "idle sync                p50 %8s  max %8s   %d bytes read   (target < 50ms)\n",
		round(percentile(idle, 50)), round(percentile(idle, 100)), bytesRead)
	return benchEncryptedSync(ctx, out, st, pair, dir)
}

// benchPair is the imported event shared into a folder, a second
// organiser laptop joined to it, and a booth laptop joined once so that
// the sender writes a booth's section too.
type benchPair struct {
	folder           string
	other            *data.Store
	sender, receiver *sync.Engine
}

func shareAndJoin(ctx context.Context, out io.Writer, st *data.Store, dir string) (benchPair, error) {
	folder := filepath.Join(dir, "shared")
	if err := os.Mkdir(folder, 0o700); err != nil {
		return benchPair{}, err
	}
	if _, err := st.Event(ctx); err != nil {
		ev := data.Event{Name: "Benchmark fair", TimeZone: "Europe/London"}
		if err := st.SaveEvent(ctx, &ev); err != nil {
			return benchPair{}, err
		}
	}
	if _, err := sync.Share(ctx, st, folder); err != nil {
		return benchPair{}, err
	}
	start := time.Now()
	other, _, err := joinInvited(ctx, st, folder, filepath.Join(dir, "other.db"), data.LaptopOrganiser)
	if err != nil {
		return benchPair{}, err
	}
	join := time.Since(start)
	info, _ := os.Stat(st.Path())
	fmt.Fprintf(out, "join a new laptop        %8s   (snapshot of a %d MB database; target < 10s)\n", round(join), info.Size()>>20)
	pair := benchPair{folder: folder, other: other,
		sender:   &sync.Engine{Store: st, Folder: sync.Dir{Root: folder}},
		receiver: &sync.Engine{Store: other, Folder: sync.Dir{Root: folder}}}
	if err := benchBoothJoin(ctx, out, st, pair.sender, folder, dir); err != nil {
		other.Close()
		return benchPair{}, err
	}
	return pair, nil
}

// benchNewPeopleSync imports n people who are new to the event on the
// sending laptop and times how long the receiving laptop's sync takes to
// apply them, beside the import of the same people on the sender.
func benchNewPeopleSync(ctx context.Context, out io.Writer, st *data.Store, sender, receiver *sync.Engine, dir string, n int) error {
	csvPath := filepath.Join(dir, "new-people.csv")
	if err := makePeopleCSV(ctx, filepath.Join(dir, "new-source.db"), csvPath, n); err != nil {
		return err
	}
	if err := makePeopleNew(csvPath); err != nil {
		return err
	}
	f, err := os.Open(csvPath)
	if err != nil {
		return err
	}
	defer f.Close()
	start := time.Now()
	res, err := sheets.Import(ctx, st, sheets.People, f, sheets.Options{FileName: csvPath})
	if err != nil {
		return fmt.Errorf("bench import of new people: %w", err)
	}
	imported := time.Since(start)
	if _, err := sender.Sync(ctx); err != nil {
		return err
	}
	start = time.Now()
	r, err := receiver.Sync(ctx)
	if err != nil {
		return err
	}
	took := time.Since(start)
	fmt.Fprintf(out, "sync bringing %d new people %8s   local import of them %8s   ratio %.2f (target < 3s)\n",
		res.Added, round(took), round(imported), took.Seconds()/imported.Seconds())
	if r.Received < res.Added {
		return fmt.Errorf("bench sync of new people received %d rows, want at least %d", r.Received, res.Added)
	}
	return nil
}

// makePeopleNew rewrites a people CSV so that none of its people is
// already in the benchmark's event: other e-mail addresses, and no badge
// codes, so that the import gives them fresh ones.
func makePeopleNew(path string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\ufeff")))).ReadAll()
	if err != nil || len(records) == 0 {
		return fmt.Errorf("bench: read %s: %v", path, err)
	}
	email, badge := slices.Index(records[0], "email"), slices.Index(records[0], "badge_code")
	return writeFileAtomically(path, func(w io.Writer) error {
		cw := csv.NewWriter(w)
		for i, rec := range records {
			if i > 0 && email >= 0 && rec[email] != "" {
				rec[email] = "new." + rec[email]
			}
			if badge >= 0 {
				rec = slices.Delete(rec, badge, badge+1)
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	})
}

// editRound numbers the calls of editPeople.
var editRound int

// editPeople changes the job title of the first n people in one write,
// each to a title no earlier call gave, so that every edit is a change.
func editPeople(ctx context.Context, st *data.Store, n int) error {
	people, err := st.ListPeople(ctx, data.PeopleFilter{}, 0, n)
	if err != nil {
		return err
	}
	editRound++
	return st.ImportTx(ctx, func(b *data.ImportTx) error {
		for i := range people {
			people[i].JobTitle = fmt.Sprintf("Title %d-%d", editRound, i)
			if err := b.SavePerson(&people[i].Person); err != nil {
				return err
			}
		}
		return nil
	})
}

// makePeopleCSV seeds a database and exports its people: a realistic file
// in the format the program writes.
func makePeopleCSV(ctx context.Context, dbPath, csvPath string, people int) error {
	st, err := data.Open(dbPath, data.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	if err := seed.Generate(ctx, st, seed.Options{People: people, Seed: 1, SkipSessions: true}); err != nil {
		return err
	}
	return writeFileAtomically(csvPath, func(w io.Writer) error { return sheets.ExportPeople(ctx, st, w) })
}

func timeImport(ctx context.Context, dbPath, csvPath string) (time.Duration, *data.Store, error) {
	st, err := data.Open(dbPath, data.Options{})
	if err != nil {
		return 0, nil, err
	}
	f, err := os.Open(csvPath)
	if err != nil {
		st.Close()
		return 0, nil, err
	}
	defer f.Close()
	start := time.Now()
	res, err := sheets.Import(ctx, st, sheets.People, f, sheets.Options{FileName: csvPath})
	took := time.Since(start)
	if err != nil {
		st.Close()
		return 0, nil, fmt.Errorf("bench import: %w", err)
	}
	if res.Added == 0 {
		st.Close()
		return 0, nil, fmt.Errorf("bench import added no one")
	}
	return took, st, nil
}

// timeShellImport loads the same file into the same schema with the sqlite3
// shell: .import into a staging table, then one INSERT ... SELECT into
// organisations, people and the search index, as the program's import does.
func timeShellImport(dbPath, csvPath string) (time.Duration, error) {
	st, err := data.Open(dbPath, data.Options{})
	if err != nil {
		return 0, err
	}
	st.Close()
	header, err := csvHeader(csvPath)
	if err != nil {
		return 0, err
	}
	noBOM := csvPath + ".plain"
	raw, err := os.ReadFile(csvPath)
	if err != nil {
		return 0, err
	}
	if err := os.WriteFile(noBOM, bytes.TrimPrefix(raw, []byte("\ufeff")), 0o600); err != nil {
		return 0, err
	}
	peopleColumns := []string{"given_name", "family_name", "kanji_name", "kana_name", "email", "phone", "job_title",
		"roles", "programme_role", "host_prefecture", "years", "year_returned", "interests", "industries",
		"badge_code", "consent", "notes"}
	var cols, values []string
	for _, c := range peopleColumns {
		if slices.Contains(header, c) {
			cols = append(cols, c)
			values = append(values, fmt.Sprintf("s.%q", c))
		}
	}
	orgColumn := "organisation"
	orgInsert, orgValue := "", "''"
	if slices.Contains(header, orgColumn) {
		orgInsert = fmt.Sprintf(`INSERT INTO organisations (id, name, hlc, dev, seq)
  SELECT lower(hex(randomblob(16))), o, 0, 'shell', 1 FROM (SELECT DISTINCT s.%q AS o FROM staging s WHERE o <> '');`, orgColumn)
		orgValue = fmt.Sprintf("coalesce((SELECT id FROM organisations WHERE name = s.%q), '')", orgColumn)
	}
	script := fmt.Sprintf(`.bail on
.import --csv %s staging
BEGIN;
%s
INSERT INTO people (id, %s, org_id, hlc, dev, seq)
  SELECT lower(hex(randomblob(16))), %s, %s, 0, 'shell', 1 FROM staging s;
INSERT INTO people_fts (rowid, body) SELECT p.rowid, p.given_name || ' ' || p.family_name || ' ' || p.kanji_name || ' ' ||
  p.kana_name || ' ' || p.email || ' ' || p.badge_code || ' ' || coalesce((SELECT name FROM organisations o WHERE o.id = p.org_id), '')
  FROM people p;
COMMIT;
`, noBOM, orgInsert, strings.Join(cols, ", "), strings.Join(values, ", "), orgValue)
	cmd := exec.Command("sqlite3", dbPath)
	cmd.Stdin = strings.NewReader(script)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("sqlite3 shell import: %v: %s", err, stderr.String())
	}
	return time.Since(start), nil
}

// timePlainInsert is the reference for applying changes: the sqlite3 shell
// inserting n people of the database at from into the same, empty, tables
// of a new one, with their indexes, in one transaction.
func timePlainInsert(dbPath, from string, n int) (time.Duration, error) {
	st, err := data.Open(dbPath, data.Options{})
	if err != nil {
		return 0, err
	}
	st.Close()
	cmd := exec.Command("sqlite3", dbPath)
	cmd.Stdin = strings.NewReader(fmt.Sprintf(".bail on\nATTACH %s AS src;\nBEGIN;\nINSERT INTO people SELECT * FROM src.people LIMIT %d;\nCOMMIT;\n", sqlQuote(from), n))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("sqlite3 shell insert: %v: %s", err, stderr.String())
	}
	return time.Since(start), nil
}

func sqlQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// timePlainShellImport is the raw job: the sqlite3 shell's .import of the
// same file into one new table, no search index, no stamps, no checks.
func timePlainShellImport(dbPath, csvPath string) (time.Duration, error) {
	noBOM := csvPath + ".plain"
	if _, err := os.Stat(noBOM); err != nil {
		return 0, fmt.Errorf("bench: %s is written by the import reference first: %w", noBOM, err)
	}
	cmd := exec.Command("sqlite3", dbPath)
	cmd.Stdin = strings.NewReader(fmt.Sprintf(".bail on\n.import --csv %s people\n", noBOM))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("sqlite3 shell plain import: %v: %s", err, stderr.String())
	}
	return time.Since(start), nil
}

func csvHeader(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	header, err := csv.NewReader(f).Read()
	if err != nil {
		return nil, err
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	return header, nil
}

// timeSearch types prefixes of real names, kana, kanji and e-mail
// addresses, as someone looking a person up would, and times what each
// keystroke asks of the store: the count and the first page. The reference
// is a lookup by e-mail on its index, the cheapest query a person screen makes.
func timeSearch(ctx context.Context, st *data.Store, queries int) (search, lookup []time.Duration, err error) {
	var typed []string
	defer func() {
		if os.Getenv("FAIRDESK_BENCH_VERBOSE") != "" {
			for i, d := range search {
				fmt.Fprintf(os.Stderr, "%v\t%q\n", d, typed[i])
			}
		}
	}()
	total, err := st.CountPeople(ctx, data.PeopleFilter{})
	if err != nil || total == 0 {
		return nil, nil, fmt.Errorf("bench search: no people (%v)", err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range queries {
		page, err := st.ListPeople(ctx, data.PeopleFilter{}, rng.IntN(total), 1)
		if err != nil || len(page) == 0 {
			return nil, nil, fmt.Errorf("bench search: %v", err)
		}
		p := page[0]
		source := []string{p.GivenName, p.FamilyName, p.Email, p.KanaName, p.KanjiName}[rng.IntN(5)]
		if source == "" {
			source = p.FamilyName
		}
		runes := []rune(source)
		text := string(runes[:min(len(runes), 1+rng.IntN(5))])
		typed = append(typed, text)

		start := time.Now()
		if _, err := st.CountPeople(ctx, data.PeopleFilter{Query: text}); err != nil {
			return nil, nil, err
		}
		if _, err := st.ListPeople(ctx, data.PeopleFilter{Query: text}, 0, 50); err != nil {
			return nil, nil, err
		}
		search = append(search, time.Since(start))

		start = time.Now()
		if _, err := st.PersonByKey(ctx, p.Email); err != nil {
			return nil, nil, err
		}
		lookup = append(lookup, time.Since(start))
	}
	return search, lookup, nil
}

// timeListOpen times what the People screen asks for when it opens: the
// count and the first screenful.
func timeListOpen(ctx context.Context, st *data.Store) (open, count time.Duration, err error) {
	start := time.Now()
	if _, err := st.CountPeople(ctx, data.PeopleFilter{}); err != nil {
		return 0, 0, err
	}
	if _, err := st.ListPeople(ctx, data.PeopleFilter{}, 0, 100); err != nil {
		return 0, 0, err
	}
	open = time.Since(start)
	start = time.Now()
	if _, err := st.CountPeople(ctx, data.PeopleFilter{}); err != nil {
		return 0, 0, err
	}
	return open, time.Since(start), nil
}

func percentile(d []time.Duration, p int) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[min(len(s)-1, len(s)*p/100)]
}

func round(d time.Duration) string {
	switch {
	case d >= time.Second:
		return d.Round(10 * time.Millisecond).String()
	case d >= time.Millisecond:
		return d.Round(10 * time.Microsecond).String()
	}
	return d.Round(time.Microsecond).String()
}
