package badges

import (
	"fmt"
	"os"

	"github.com/go-pdf/fpdf"
)

// DefaultFontPaths are where a Japanese TrueType font is looked for when
// Options.FontPath is empty, best first. The PDF library reads TrueType
// outlines only: the OpenType/CFF and .ttc files of fonts-noto-cjk cannot
// be used, so IPA Gothic (Debian: fonts-ipafont-gothic) comes first.
var DefaultFontPaths = []string{
	"/usr/share/fonts/opentype/ipafont-gothic/ipagp.ttf", // proportional: Latin looks right too
	"/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
	"/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
	"/usr/share/fonts/truetype/vlgothic/VL-PGothic-Regular.ttf",
	"/usr/share/fonts/truetype/takao-gothic/TakaoPGothic.ttf",
	"/Library/Fonts/Arial Unicode.ttf",
	"/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
}

// japaneseFamily is the name the loaded Japanese font has in the PDF.
const japaneseFamily = "japanese"

// loadJapaneseFont adds the first usable font to pdf and returns its path,
// or "" when none could be used. A font the caller named must load.
func loadJapaneseFont(pdf *fpdf.Fpdf, named string) (string, error) {
	candidates := DefaultFontPaths
	if named != "" {
		candidates = []string{named}
	}
	for _, path := range candidates {
		body, err := os.ReadFile(path)
		if err == nil {
			pdf.AddUTF8FontFromBytes(japaneseFamily, "", body)
			if err = pdf.Error(); err != nil {
				pdf.ClearError()
			}
		}
		if err == nil {
			return path, nil
		}
		if named != "" {
			return "", fmt.Errorf("load the font %s (it must be a TrueType .ttf file with Japanese glyphs): %w", named, err)
		}
	}
	return "", nil
}

// JapaneseFamily is the font family name LoadJapaneseFont gives the font.
const JapaneseFamily = japaneseFamily

// LoadJapaneseFont adds the first usable Japanese TrueType font of
// DefaultFontPaths (or the one named) to pdf, as JapaneseFamily, and
// returns its path, or "" when none was found: the other printouts draw
// Japanese as the badges do.
func LoadJapaneseFont(pdf *fpdf.Fpdf, named string) (string, error) {
	return loadJapaneseFont(pdf, named)
}
