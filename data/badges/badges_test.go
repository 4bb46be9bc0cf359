package badges

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fairdesk/fairdesk/data"
)

func samplePeople() []data.PersonRow {
	person := func(given, family, kanji, org, code string, roles ...string) data.PersonRow {
		return data.PersonRow{Person: data.Person{GivenName: given, FamilyName: family, KanjiName: kanji,
			BadgeCode: code, Roles: data.NewSet(roles...)}, OrgName: org}
	}
	return []data.PersonRow{
		person("Taro", "Yamada", "山田 太郎", "Kaisha Kabushiki Kaisha", "7K3M9Q", "mentor"),
		person("Alice", "Smith", "", "University of Edinburgh", "A1B2C3", "job_seeker"),
		person("", "", "佐藤 花子", "株式会社サンプル", "ZX9W8V", "recruiter"),
		person("Zoë", "Ó Briain-Featherstonehaugh", "", "Department for Business and Trade, Investment Services", "HJ4567", "speaker", "organiser"),
		person("Maximiliano Alejandro", "de la Fuente y Villalobos-Hernández", "マックス", "Start-up Ltd", "QRST89", "exhibitor_staff"),
		person("Kenji", "Sato", "佐藤 健二", "", "0A0A0A", "job_seeker"),
		person("Li", "Wei", "", "", "W3W3W3"),
		person("Hanako", "Suzuki", "鈴木 花子", "Tokyo Metropolitan Government", "MNPQ12", "recruiter", "speaker"),
		person("Nine", "OnPageTwo", "", "", "999999"),
	}
}

func codes(people []data.PersonRow) []string {
	var list []string
	for _, p := range people {
		list = append(list, p.BadgeCode)
	}
	slices.Sort(list)
	return list
}

func TestBadgesDecodeBackToTheirCodes(t *testing.T) {
	people := samplePeople()
	for _, paper := range []string{"A4", "Letter"} {
		t.Run(paper, func(t *testing.T) {
			var buf bytes.Buffer
			res, err := Write(&buf, people, Options{Paper: paper, EventName: "Alumni Careers Fair 2026"})
			if err != nil {
				t.Fatal(err)
			}
			if res.Badges != len(people) || res.Pages != 2 {
				t.Errorf("result %+v, want %d badges on 2 pages", res, len(people))
			}
			if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
				t.Fatal("not a PDF")
			}
			if res.Font == "" {
				t.Logf("no Japanese font here (install fonts-ipafont-gothic); warnings: %v", res.Warnings)
			} else if len(res.Warnings) > 0 {
				t.Errorf("warnings with a Japanese font: %v", res.Warnings)
			}
			png := render(t, buf.Bytes(), paper)
			got := decodeQR(t, png)
			if want := codes(people[:8]); !slices.Equal(got, want) {
				t.Errorf("page 1 QR codes decode to %v, want %v", got, want)
			}
		})
	}
}

// render turns page 1 into a PNG with pdftoppm (Debian: poppler-utils),
// kept in $BADGES_PNG_DIR when set so a person can look at it.
func render(t *testing.T, pdf []byte, name string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm not installed (Debian: poppler-utils): cannot check that the PDF renders")
	}
	if _, err := exec.LookPath("zbarimg"); err != nil {
		t.Skip("zbarimg not installed (Debian: zbar-tools): cannot check that the QR codes decode")
	}
	dir := t.TempDir()
	if keep := os.Getenv("BADGES_PNG_DIR"); keep != "" {
		dir = keep
	}
	in := filepath.Join(dir, "badges-"+name+".pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	prefix := filepath.Join(dir, "badges-"+name)
	if out, err := exec.Command("pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", "-singlefile", in, prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm could not render the PDF: %v\n%s", err, out)
	}
	return prefix + ".png"
}

func decodeQR(t *testing.T, png string) []string {
	t.Helper()
	out, err := exec.Command("zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", png).Output()
	if err != nil {
		t.Fatalf("zbarimg found no QR code in %s: %v", png, err)
	}
	got := strings.Fields(string(out))
	slices.Sort(got)
	return got
}

func TestBadgesWithoutAJapaneseFontLeaveJapaneseOut(t *testing.T) {
	saved := DefaultFontPaths
	DefaultFontPaths = []string{filepath.Join(t.TempDir(), "missing.ttf")}
	defer func() { DefaultFontPaths = saved }()
	var buf bytes.Buffer
	res, err := Write(&buf, samplePeople()[:3], Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Font != "" || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "Japanese") {
		t.Errorf("result %+v, want one warning about Japanese text", res)
	}
	if buf.Len() == 0 {
		t.Error("no PDF written")
	}
}

func TestBadgesRefuseBadInput(t *testing.T) {
	var buf bytes.Buffer
	if _, err := Write(&buf, nil, Options{}); err == nil {
		t.Error("printed a sheet for no one")
	}
	if _, err := Write(&buf, samplePeople(), Options{Paper: "A3"}); err == nil {
		t.Error("printed on A3")
	}
	if _, err := Write(&buf, samplePeople(), Options{FontPath: "/nonexistent/font.ttf"}); err == nil {
		t.Error("a named font that does not exist was ignored")
	}
}

// For the online fair, booth staff's badges carry their booth's video
// link; no one else's does.
func TestBadgesShowTheBoothsVideoLink(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (Debian: poppler-utils)")
	}
	people := samplePeople()[:2]
	people[0].ID, people[1].ID = "taro", "alice"
	links := StaffLinks([]data.BoothRow{{Booth: data.Booth{Code: "A01", Link: "https://zoom.example/j/81234567890"}, Staff: []string{"taro"}},
		{Booth: data.Booth{Code: "A02"}, Staff: []string{"alice"}}})
	var buf bytes.Buffer
	if _, err := Write(&buf, people, Options{EventName: "Alumni Careers Fair 2026", Links: links}); err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(t.TempDir(), "badges.pdf")
	if err := os.WriteFile(pdf, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(out), "https://zoom.example/j/81234567890"); n != 1 || len(links) != 1 {
		t.Errorf("the link is on %d badges (links %v), want on Taro's alone:\n%s", n, links, out)
	}
}
