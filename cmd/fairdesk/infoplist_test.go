package main

import (
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// fyneApp is what FyneApp.toml says of the app.
type fyneApp struct {
	Details struct {
		Icon, Name, ID, Version string
		Build                   int
	}
}

// plistDict reads the top-level dictionary of an XML property list:
// key -> value, as text.
func plistDict(t *testing.T, r io.Reader) map[string]string {
	t.Helper()
	dec := xml.NewDecoder(r)
	values := map[string]string{}
	key, depth := "", 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return values
		}
		if err != nil {
			t.Fatalf("Info.plist: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			depth++
			if depth != 3 { // plist > dict > key|string|true|array
				continue
			}
			var text string
			if err := dec.DecodeElement(&text, &el); err != nil {
				t.Fatal(err)
			}
			depth--
			switch {
			case el.Name.Local == "key":
				key = text
			case el.Name.Local == "true" || el.Name.Local == "false":
				values[key] = el.Name.Local
			default:
				values[key] = strings.TrimSpace(text)
			}
		case xml.EndElement:
			depth--
		}
	}
}

// The macOS .app is made by `fyne package -os darwin` on a Mac. Its
// Info.plist is written from FyneApp.toml by the fyne CLI alone (no Mac
// needed once it is given a binary), so this runs that same CLI on Linux
// over a copy of FyneApp.toml and checks what a Mac would read: the
// bundle's name, identifier, version and build, and its executable and
// icon. It needs the fyne CLI that make package installs ($FYNE_BIN, or
// bin/tools/fyne), and skips without it.
func TestMacInfoPlistFromFyneAppToml(t *testing.T) {
	fyne := os.Getenv("FYNE_BIN")
	if fyne == "" {
		fyne, _ = filepath.Abs("../../bin/tools/fyne")
	}
	if _, err := os.Stat(fyne); err != nil {
		t.Skip("the fyne CLI is not installed (make bin/tools/fyne, or set FYNE_BIN): the macOS Info.plist is not checked")
	}
	var app fyneApp
	if _, err := toml.DecodeFile("../../FyneApp.toml", &app); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	if err := os.Mkdir(src, 0o700); err != nil {
		t.Fatal(err)
	}
	// FyneApp.toml beside the main package, with its icon, as .ci/package
	// stages it; and a stand-in for the Mac binary, which fyne only copies.
	tomlText, err := os.ReadFile("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	icon, err := os.ReadFile(filepath.Join("../..", app.Details.Icon))
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string][]byte{"FyneApp.toml": []byte(strings.Replace(string(tomlText), app.Details.Icon, "icon.png", 1)),
		"icon.png": icon, "fairdesk": []byte("a Mach-O binary would be here"),
		"main.go": []byte("package main\n\nfunc main() {}\n")} {
		if err := os.WriteFile(filepath.Join(src, name), body, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(fyne, "package", "-os", "darwin", "--release", "--src", src, "--exe", filepath.Join(src, "fairdesk"))
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("fyne package -os darwin: %v\n%s", err, out)
	}
	appDir := filepath.Join(dir, app.Details.Name+".app")
	f, err := os.Open(filepath.Join(appDir, "Contents", "Info.plist"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	plist := plistDict(t, f)
	for key, want := range map[string]string{
		"CFBundleName":               app.Details.Name,
		"CFBundleIdentifier":         app.Details.ID,
		"CFBundleShortVersionString": app.Details.Version,
		"CFBundleVersion":            strconv.Itoa(app.Details.Build),
		"CFBundleExecutable":         "fairdesk",
		"CFBundleIconFile":           "icon.icns",
		"CFBundlePackageType":        "APPL",
		"NSHighResolutionCapable":    "true",
	} {
		if got := plist[key]; got != want {
			t.Errorf("Info.plist %s = %q, want %q (from FyneApp.toml)", key, got, want)
		}
	}
	if info, err := os.Stat(filepath.Join(appDir, "Contents", "Resources", "icon.icns")); err != nil || info.Size() == 0 {
		t.Errorf("the .app has no icon: %v", err)
	}
}
