package printouts

import (
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/go-pdf/fpdf"

	"github.com/fairdesk/fairdesk/data/badges"
)

// Options says how to print.
type Options struct {
	Paper    string // "A4" (the default) or "Letter"
	FontPath string // a TrueType font with Japanese glyphs; empty: the first of badges.DefaultFontPaths found
}

// Result says what was printed, and what could not be.
type Result struct {
	Pages    int
	Rows     int      // sessions or people printed
	Font     string   // the Japanese font used; empty when none was found
	Warnings []string // e.g. Japanese text left out for want of a font
}

const (
	margin     = 15.0 // mm
	lineHeight = 6.0  // mm, one line of body text
	bodySize   = 10.0 // pt
	ptToMM     = 25.4 / 72
)

// page is one PDF being written, top to bottom, with a running heading
// on every page.
type page struct {
	pdf      *fpdf.Fpdf
	cp1252   func(string) string
	japanese bool
	fontPath string
	heading  string // repeated at the top of every page
	y        float64
	warnings []string
	skipped  bool
}

func newPage(opt Options, title string) (*page, error) {
	paper := strings.ToUpper(strings.TrimSpace(opt.Paper))
	switch paper {
	case "", "A4":
		paper = "A4"
	case "LETTER", "US LETTER":
		paper = "Letter"
	default:
		return nil, fmt.Errorf("paper %q: choose A4 or Letter", opt.Paper)
	}
	pdf := fpdf.New("P", "mm", paper, "")
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetTitle(title, true)
	pdf.SetCreator("Fairdesk", true)
	font, err := badges.LoadJapaneseFont(pdf, opt.FontPath)
	if err != nil {
		return nil, err
	}
	p := &page{pdf: pdf, cp1252: pdf.UnicodeTranslatorFromDescriptor(""), japanese: font != "", fontPath: font, heading: title}
	p.newPage()
	return p, nil
}

func (p *page) newPage() {
	p.pdf.AddPage()
	p.y = margin
	p.pdf.SetTextColor(90, 90, 90)
	p.text(margin, p.y+3, p.heading, false, 9)
	p.pdf.SetTextColor(0, 0, 0)
	p.y += 10
}

// room makes sure h mm are left on the page, starting a new one if not.
func (p *page) room(h float64) {
	_, pageH := p.pdf.GetPageSize()
	if p.y+h > pageH-margin {
		p.newPage()
	}
}

// width is the usable width of the page.
func (p *page) width() float64 {
	w, _ := p.pdf.GetPageSize()
	return w - 2*margin
}

// hasJapanese says whether text needs the Japanese font.
func hasJapanese(text string) bool {
	for _, r := range text {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || (r >= 0x3000 && r <= 0x30ff) || (r >= 0xff00 && r <= 0xffef) {
			return true
		}
	}
	return false
}

// withoutJapanese is text with its Japanese runs taken out, spaces and
// a separator left dangling at either end tidied.
func withoutJapanese(text string) string {
	kept := strings.Map(func(r rune) rune {
		if hasJapanese(string(r)) {
			return ' '
		}
		return r
	}, text)
	return strings.Trim(strings.Join(strings.Fields(kept), " "), " ·")
}

// setFont chooses the Japanese font when there is one (it draws Latin
// too), else Helvetica; it reports false for Japanese text with no font.
func (p *page) setFont(text string, bold bool, size float64) bool {
	if p.japanese {
		p.pdf.SetFont(badges.JapaneseFamily, "", size)
		return true
	}
	if hasJapanese(text) {
		return false
	}
	style := ""
	if bold {
		style = "B"
	}
	p.pdf.SetFont("Helvetica", style, size)
	return true
}

// text draws text with its baseline at y, cut to fit maxWidth with an
// ellipsis (0: no limit). Bold with the Japanese font, which has no bold
// face, is drawn twice a hair apart, so headings still stand out.
func (p *page) text(x, y float64, text string, bold bool, size float64, maxWidth ...float64) {
	text = strings.TrimSpace(text)
	if text == "" {
		return
	}
	if !p.setFont(text, bold, size) {
		if !p.skipped {
			p.skipped = true
			p.warnings = append(p.warnings, "no Japanese font was found (install fonts-ipafont-gothic, or name a .ttf font): Japanese text was left out")
		}
		// The Latin part still prints: "Taro Yamada 山田 太郎" keeps its
		// Latin name rather than losing the whole line.
		if text = withoutJapanese(text); text == "" || !p.setFont(text, bold, size) {
			return
		}
	}
	if !p.japanese {
		text = p.cp1252(text)
	}
	if len(maxWidth) > 0 && maxWidth[0] > 0 {
		text = p.cut(text, maxWidth[0])
	}
	p.pdf.Text(x, y, text)
	if bold && p.japanese {
		p.pdf.Text(x+0.15, y, text)
	}
}

// cut shortens text with an ellipsis until it fits width.
func (p *page) cut(text string, width float64) string {
	if p.pdf.GetStringWidth(text) <= width {
		return text
	}
	ellipsis := "…"
	if !p.japanese {
		ellipsis = "..."
	}
	runes := []rune(text)
	for len(runes) > 0 && p.pdf.GetStringWidth(string(runes)+ellipsis) > width {
		runes = runes[:len(runes)-1]
	}
	return string(runes) + ellipsis
}

// rule draws a thin line across the page at the current position.
func (p *page) rule() {
	p.pdf.SetDrawColor(190, 190, 190)
	p.pdf.SetLineWidth(0.2)
	p.pdf.Line(margin, p.y, margin+p.width(), p.y)
}

// finish writes the PDF to w.
func (p *page) finish(w io.Writer, rows int) (Result, error) {
	if err := p.pdf.Error(); err != nil {
		return Result{}, err
	}
	res := Result{Pages: p.pdf.PageCount(), Rows: rows, Font: p.fontPath, Warnings: p.warnings}
	if err := p.pdf.Output(w); err != nil {
		return Result{}, err
	}
	return res, nil
}
