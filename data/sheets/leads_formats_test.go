package sheets

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// leadVisitors are three visitors of booth A1: Mary consented to share her
// contact details, Ken did not, Taro (a Japanese name with its reading)
// did. Their fields hold what vCard and CSV must escape.
const leadVisitors = "given_name,family_name,kanji_name,kana_name,email,phone,organisation,job_title,consent\r\n" +
	"Mary Ann,Smith,,,mary@example.com,+44 20 7946 0000,\"Acme, Ltd; UK\",Engineer\\Lead,yes\r\n" +
	"Ken,Watanabe,,,ken@example.jp,+81 3 0000 0000,Sakura KK,HR Manager,no\r\n" +
	",,山田 太郎,ヤマダ タロウ,taro@example.jp,03-1234-5678,株式会社さくら,部長,yes\r\n"

// boothWithLeads imports leadVisitors and booths.csv, logs their visits at
// booth A1 and notes a lead on each; it returns the store and the booth.
func boothWithLeads(t *testing.T) (*data.Store, data.Booth) {
	t.Helper()
	ctx := context.Background()
	st := openStore(t)
	if _, err := Import(ctx, st, People, strings.NewReader(leadVisitors), Options{FileName: "visitors.csv"}); err != nil {
		t.Fatal(err)
	}
	importFile(t, st, Booths, "booths.csv")
	booth, err := st.BoothByCode(ctx, "A1")
	if err != nil {
		t.Fatal(err)
	}
	leads := map[string]data.Lead{
		"mary@example.com": {Rating: data.RatingHot, Tags: data.Set{"python", "visa"}, FollowUp: true,
			Notes: "Wants a role in Osaka; send the graduate brochure.\nAsked about relocation; a long note that runs well past seventy-five octets so the line folds."},
		"ken@example.jp":  {Rating: data.RatingCold, Notes: "Only came for the coffee"},
		"taro@example.jp": {Rating: data.RatingWarm, Tags: data.Set{"金融"}, Notes: "日本語で連絡してください。来週、東京の本社で面接の可能性があります。"},
	}
	for key, lead := range leads {
		res, err := st.LogVisit(ctx, booth.ID, key, "staff")
		if err != nil {
			t.Fatal(err)
		}
		lead.BoothID, lead.PersonID = booth.ID, res.Visit.PersonID
		if err := st.SaveLead(ctx, &lead); err != nil {
			t.Fatal(err)
		}
	}
	return st, booth
}

// vobjectCard is a card as Python's vobject reads it.
type vobjectCard struct {
	Version    string     `json:"version"`
	FN         []string   `json:"fn"`
	N          []string   `json:"n"` // family, given
	Org        []string   `json:"org"`
	Title      string     `json:"title"`
	Email      []string   `json:"email"`
	Tel        []string   `json:"tel"`
	Categories [][]string `json:"categories"`
	Note       string     `json:"note"`
	UID        string     `json:"uid"`
}

// vobjectRead parses a vCard file with Python's vobject (Debian's
// python3-vobject), the parser many contact programs are built on. It
// skips the test when vobject is not installed.
func vobjectRead(t *testing.T, file []byte) []vobjectCard {
	t.Helper()
	// Debian's own Python, where apt puts vobject (a python3 earlier on
	// PATH may be another installation without it).
	python := "/usr/bin/python3"
	if _, err := os.Stat(python); err != nil {
		t.Skip("no /usr/bin/python3: apt-get install python3-vobject; the vCard is not checked by a real parser")
	}
	if err := exec.Command(python, "-c", "import vobject").Run(); err != nil {
		t.Skip("Python's vobject is not installed (apt-get install python3-vobject; make test installs it): the vCard is not checked by a real parser")
	}
	path := filepath.Join(t.TempDir(), "leads.vcf")
	if err := os.WriteFile(path, file, 0o600); err != nil {
		t.Fatal(err)
	}
	const script = `
import json, sys, vobject
cards = []
with open(sys.argv[1], encoding="utf-8", newline="") as f:
    for c in vobject.readComponents(f.read(), validate=True):
        def values(name):
            return [l.value for l in c.contents.get(name, [])]
        n = c.contents["n"][0].value
        cards.append(dict(
            version=c.version.value, fn=values("fn"),
            n=[n.family, n.given] if hasattr(n, "family") else n.split(";")[:2],
            org=c.org.value if "org" in c.contents else [],
            title=c.title.value if "title" in c.contents else "",
            email=values("email"), tel=values("tel"),
            categories=values("categories"),
            note=c.note.value, uid=c.uid.value))
json.dump(cards, sys.stdout)
`
	out, err := exec.Command(python, "-c", script, path).Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("vobject could not read the vCard file: %v\n%s\n%s", err, stderr, file)
	}
	var cards []vobjectCard
	if err := json.Unmarshal(out, &cards); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return cards
}

func TestLeadsVCardReadByVobject(t *testing.T) {
	ctx := context.Background()
	st, booth := boothWithLeads(t)
	var file bytes.Buffer
	n, err := st.ExportLeads(ctx, booth.ID, "staff", &file, WriteLeadsVCard)
	if err != nil || n != 3 {
		t.Fatalf("exported %d leads: %v", n, err)
	}
	for i, line := range strings.SplitAfter(file.String(), "\r\n") {
		if len(line) > 77 || (line != "" && !strings.HasSuffix(line, "\r\n")) {
			t.Errorf("line %d is %d octets or lacks CRLF: %q", i+1, len(line), line)
		}
	}
	if strings.Contains(file.String(), "ken@example.jp") || strings.Contains(file.String(), "+81 3") {
		t.Errorf("Ken did not consent, yet the file holds his contact details:\n%s", file.String())
	}
	cards := vobjectRead(t, file.Bytes())
	if len(cards) != 3 {
		t.Fatalf("vobject read %d cards, want 3", len(cards))
	}
	byFN := map[string]vobjectCard{}
	for _, c := range cards {
		if c.Version != "4.0" || !strings.HasPrefix(c.UID, "urn:uuid:") {
			t.Errorf("card %v: version %q, uid %q", c.FN, c.Version, c.UID)
		}
		byFN[c.FN[0]] = c
	}

	mary := byFN["Mary Ann Smith"]
	if strings.Join(mary.N, "|") != "Smith|Mary Ann" || strings.Join(mary.Org, "|") != "Acme, Ltd; UK" || mary.Title != `Engineer\Lead` ||
		strings.Join(mary.Email, "|") != "mary@example.com" || strings.Join(mary.Tel, "|") != "+44 20 7946 0000" {
		t.Errorf("Mary's card = %+v", mary)
	}
	if len(mary.Categories) != 1 || strings.Join(mary.Categories[0], "|") != "python|visa" {
		t.Errorf("Mary's categories = %q", mary.Categories)
	}
	for _, want := range []string{"Met at booth A1, 1 visit, first 2026-", "Rating: hot.", "Tags: python, visa.",
		"To follow up.", "Notes: Wants a role in Osaka; send the graduate brochure.\nAsked about relocation; a long note that runs well past seventy-five octets so the line folds."} {
		if !strings.Contains(mary.Note, want) {
			t.Errorf("Mary's note lacks %q:\n%s", want, mary.Note)
		}
	}

	ken := byFN["Ken Watanabe"]
	if len(ken.Email) != 0 || len(ken.Tel) != 0 || strings.Join(ken.Org, "") != "Sakura KK" || ken.Title != "HR Manager" ||
		!strings.Contains(ken.Note, "Rating: cold.") || !strings.Contains(ken.Note, "Only came for the coffee") {
		t.Errorf("Ken's card = %+v", ken)
	}

	taro := byFN["山田 太郎"]
	if strings.Join(taro.N, "|") != "山田|太郎" || strings.Join(taro.Email, "") != "taro@example.jp" || strings.Join(taro.Org, "") != "株式会社さくら" ||
		!strings.Contains(taro.Note, "来週、東京の本社で面接の可能性があります。") || strings.Join(taro.Categories[0], "") != "金融" {
		t.Errorf("Taro's card = %+v", taro)
	}
	if !strings.Contains(file.String(), "X-PHONETIC-LAST-NAME:ヤマダ\r\n") {
		t.Errorf("no reading of Taro's name:\n%s", file.String())
	}

	exports := datatest.Records(t, st, "lead_exports")
	if len(exports) != 1 || exports[0]["booth_id"] != booth.ID || exports[0]["rows"] != float64(3) || exports[0]["staff"] != "staff" {
		t.Errorf("the export was recorded as %v", exports)
	}
}

func TestLeadsCRMColumns(t *testing.T) {
	ctx := context.Background()
	st, booth := boothWithLeads(t)
	var file bytes.Buffer
	if n, err := st.ExportLeads(ctx, booth.ID, "staff", &file, WriteLeadsCRM); err != nil || n != 3 {
		t.Fatalf("exported %d leads: %v", n, err)
	}
	if !bytes.HasPrefix(file.Bytes(), []byte("\uFEFFFirst Name,Last Name,Email,Phone,Company,Job Title,Lead Status,Notes\r\n")) {
		t.Fatalf("header: %q", file.String()[:min(120, file.Len())])
	}
	records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(file.Bytes(), utf8BOM))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	byEmailOrName := map[string][]string{}
	for _, r := range records[1:] {
		byEmailOrName[r[0]+" "+r[1]] = r
	}
	mary := byEmailOrName["Mary Ann Smith"]
	if strings.Join(mary[:7], "|") != "Mary Ann|Smith|mary@example.com|'+44 20 7946 0000|Acme, Ltd; UK|Engineer\\Lead|Hot" ||
		!strings.Contains(mary[7], "Rating: hot.") || !strings.Contains(mary[7], "Wants a role in Osaka") {
		t.Errorf("Mary: %q", mary)
	}
	if ken := byEmailOrName["Ken Watanabe"]; ken[2] != "" || ken[3] != "" || ken[6] != "Cold" {
		t.Errorf("Ken did not consent: %q", ken)
	}
	if taro := byEmailOrName["太郎 山田"]; taro[2] != "taro@example.jp" || taro[4] != "株式会社さくら" || taro[6] != "Warm" {
		t.Errorf("Taro: %q", taro)
	}
}
