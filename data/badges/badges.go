package badges

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/fairdesk/fairdesk/data"
	"github.com/go-pdf/fpdf"
	"github.com/skip2/go-qrcode"
	"golang.org/x/text/encoding/charmap"
)

// Options says how to print.
type Options struct {
	Paper     string // "A4" (the default) or "Letter"
	EventName string // printed across the top of every badge
	FontPath  string // a TrueType font with Japanese glyphs; empty: the first of DefaultFontPaths found
	// Links are video links by person id, printed at the foot of their
	// badge: for the online fair, the meeting room of the booth a person
	// staffs (StaffLinks).
	Links map[string]string
}

// StaffLinks gives each booth's staff the booth's video link.
func StaffLinks(booths []data.BoothRow) map[string]string {
	links := map[string]string{}
	for _, b := range booths {
		if link := strings.TrimSpace(b.Link); link != "" {
			for _, id := range b.Staff {
				links[id] = link
			}
		}
	}
	return links
}

// Result says what was printed, and what could not be.
type Result struct {
	Badges   int
	Pages    int
	Font     string   // the Japanese font used; empty when none was found
	Warnings []string // e.g. Japanese names left out for want of a font
}

// The sheet: two badges across, four down, inside a margin most printers can reach.
const (
	columns = 2
	rows    = 4
	margin  = 10.0 // mm
	padding = 4.0  // mm, inside a badge
	band    = 9.0  // mm, the coloured band with the event name
	ptToMM  = 25.4 / 72
)

// Write prints a badge for each person as a PDF on w. A missing Japanese
// font does not stop it: Japanese text is left out (never drawn as empty
// boxes) and Result.Warnings says so.
func Write(w io.Writer, people []data.PersonRow, opt Options) (Result, error) {
	if len(people) == 0 {
		return Result{}, errors.New("print badges: no one to print a badge for")
	}
	paper := strings.ToUpper(strings.TrimSpace(opt.Paper))
	switch paper {
	case "", "A4":
		paper = "A4"
	case "LETTER", "US LETTER":
		paper = "Letter"
	default:
		return Result{}, fmt.Errorf("print badges: paper %q: choose A4 or Letter", opt.Paper)
	}
	pdf := fpdf.New("P", "mm", paper, "")
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetTitle("Badges: "+opt.EventName, true)
	pdf.SetCreator("Fairdesk", true)
	font, err := loadJapaneseFont(pdf, opt.FontPath)
	if err != nil {
		return Result{}, fmt.Errorf("print badges: %w", err)
	}
	s := &sheet{pdf: pdf, cp1252: pdf.UnicodeTranslatorFromDescriptor(""), japanese: font != "", event: opt.EventName, links: opt.Links}
	pageW, pageH := pdf.GetPageSize()
	cellW, cellH := (pageW-2*margin)/columns, (pageH-2*margin)/rows
	for i, p := range people {
		if i%(columns*rows) == 0 {
			pdf.AddPage()
		}
		slot := i % (columns * rows)
		x, y := margin+float64(slot%columns)*cellW, margin+float64(slot/columns)*cellH
		s.badge(p, x, y, cellW, cellH)
		if err := pdf.Error(); err != nil {
			return Result{}, fmt.Errorf("print badge of person %s: %w", p.ID, err)
		}
	}
	if err := pdf.Output(w); err != nil {
		return Result{}, fmt.Errorf("print badges: %w", err)
	}
	res := Result{Badges: len(people), Pages: pdf.PageCount(), Font: font, Warnings: s.warnings}
	return res, nil
}

// sheet draws badges on one PDF and remembers what it had to leave out.
type sheet struct {
	pdf      *fpdf.Fpdf
	cp1252   func(string) string
	japanese bool
	event    string
	links    map[string]string
	warnings []string
	skipped  int
}

func (s *sheet) badge(p data.PersonRow, x, y, w, h float64) {
	pdf := s.pdf
	pdf.SetDrawColor(190, 190, 190)
	pdf.SetLineWidth(0.2)
	pdf.SetDashPattern([]float64{1, 1}, 0) // a cutting guide, not a frame
	pdf.Rect(x, y, w, h, "D")
	pdf.SetDashPattern(nil, 0)

	r, g, b := roleColour(p.Roles)
	pdf.SetFillColor(r, g, b)
	pdf.Rect(x, y, w, band, "F")
	pdf.SetTextColor(255, 255, 255)
	s.line(x+padding, y+band/2+1.2, w-2*padding, s.event, true, 9, 7)

	qr := s.qr(p, x, y, w, h)
	textX, textW := x+padding, w-3*padding-qr
	top := y + band + padding

	pdf.SetTextColor(0, 0, 0)
	latin := strings.TrimSpace(p.GivenName + " " + p.FamilyName)
	switch {
	case latin != "" && s.fits(latin, true, 13, textW):
		size := s.largest(latin, true, 20, 13, textW)
		top += size * ptToMM
		s.line(textX, top, textW, latin, true, size, size)
		top += 0.35 * size * ptToMM
	case latin != "": // too long for one line: given name above family name, at one size
		size := min(s.largest(p.GivenName, true, 16, 9, textW), s.largest(p.FamilyName, true, 16, 9, textW))
		for _, part := range []string{p.GivenName, p.FamilyName} {
			top += size * ptToMM
			s.line(textX, top, textW, part, true, size, 9)
			top += 0.25 * size * ptToMM
		}
	}
	if kanji := strings.TrimSpace(p.KanjiName); kanji != "" && kanji != latin {
		size := 15.0
		if latin == "" {
			size = 20
		}
		size = s.largest(kanji, latin == "", size, 9, textW)
		top += size * ptToMM
		s.line(textX, top, textW, kanji, latin == "", size, 9)
	}

	bottom := y + h - padding
	if link := s.links[p.ID]; link != "" {
		pdf.SetTextColor(90, 90, 90)
		s.line(x+padding, bottom, w-2*padding, link, false, 8, 6)
		bottom -= 8 * ptToMM * 1.4
	}
	if roles := roleLabels(p.Roles); roles != "" {
		pdf.SetTextColor(90, 90, 90)
		s.line(textX, bottom, textW, roles, false, 10, 7)
		bottom -= 10 * ptToMM * 1.3
	}
	if p.OrgName != "" {
		pdf.SetTextColor(0, 0, 0)
		s.line(textX, bottom, textW, p.OrgName, false, 12, 8)
	}
}

// qr draws the badge code as a QR code with the code in text beneath it,
// at the badge's right, and returns the width it took.
func (s *sheet) qr(p data.PersonRow, x, y, w, h float64) float64 {
	const codeText = 11.0 // pt
	size := min(h-band-2*padding-codeText*ptToMM*1.4, 34)
	if p.BadgeCode == "" {
		s.warn(fmt.Sprintf("person %s has no badge code: the badge has no QR code", p.ID))
		return 0
	}
	code, err := qrcode.New(p.BadgeCode, qrcode.Medium)
	if err != nil {
		s.warn(fmt.Sprintf("person %s: QR code for %q: %v", p.ID, p.BadgeCode, err))
		return 0
	}
	// Whole pixels per module and the standard quiet zone, so that any
	// scanner reads it off paper.
	png, err := code.PNG(-10)
	if err != nil {
		s.warn(fmt.Sprintf("person %s: QR code: %v", p.ID, err))
		return 0
	}
	name := "qr-" + p.BadgeCode
	s.pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(png))
	qx, qy := x+w-padding-size, y+band+padding/2
	s.pdf.ImageOptions(name, qx, qy, size, size, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	s.pdf.SetFont("Courier", "B", codeText)
	s.pdf.SetTextColor(0, 0, 0)
	text := s.cp1252(p.BadgeCode)
	s.pdf.Text(qx+(size-s.pdf.GetStringWidth(text))/2, qy+size+codeText*ptToMM, text)
	return size
}

// line draws text with its baseline at y, at the largest size from max
// down to min that fits width, cut short with an ellipsis if even min does
// not fit. Text no font here can draw is left out, with a warning.
func (s *sheet) line(x, y, width float64, text string, bold bool, max, min float64) {
	text = strings.TrimSpace(text)
	if text == "" {
		return
	}
	if !s.setFont(text, bold, max) {
		s.skipped++
		if s.skipped == 1 {
			s.warn("no Japanese font was found (install fonts-ipafont-gothic, or name a .ttf font): Japanese text was left out of the badges")
		}
		return
	}
	size := s.largest(text, bold, max, min, width)
	s.setFont(text, bold, size)
	for s.width(text) > width && len([]rune(text)) > 1 {
		runes := []rune(strings.TrimSuffix(text, "…"))
		text = strings.TrimSpace(string(runes[:len(runes)-1])) + "…"
	}
	s.pdf.Text(x, y, s.encode(text))
}

// largest is the largest size from max down to min (in 1 pt steps) at
// which text fits width, or min.
func (s *sheet) largest(text string, bold bool, max, min, width float64) float64 {
	for size := max; size > min; size-- {
		if s.setFont(text, bold, size) && s.width(text) <= width {
			return size
		}
	}
	return min
}

func (s *sheet) fits(text string, bold bool, size, width float64) bool {
	return s.setFont(text, bold, size) && s.width(text) <= width
}

func (s *sheet) width(text string) float64 { return s.pdf.GetStringWidth(s.encode(text)) }

// setFont picks Helvetica for text that Windows-1252 can hold (it has a
// bold face and is built into every PDF reader), the Japanese font for the
// rest. It reports false when no font here can draw the text.
func (s *sheet) setFont(text string, bold bool, size float64) bool {
	if latin1(text) {
		style := ""
		if bold {
			style = "B"
		}
		s.pdf.SetFont("Helvetica", style, size)
		return true
	}
	if !s.japanese {
		return false
	}
	s.pdf.SetFont(japaneseFamily, "", size)
	return true
}

// encode turns text into what the current font expects.
func (s *sheet) encode(text string) string {
	if latin1(text) {
		return s.cp1252(text)
	}
	return text
}

func latin1(text string) bool {
	_, err := charmap.Windows1252.NewEncoder().String(text)
	return err == nil
}

func (s *sheet) warn(msg string) { s.warnings = append(s.warnings, msg) }

var roleNames = map[data.Role]string{
	data.RoleJobSeeker: "Job seeker", data.RoleMentor: "Mentor", data.RoleRecruiter: "Recruiter",
	data.RoleSpeaker: "Speaker", data.RoleOrganiser: "Organiser", data.RoleExhibitorStaff: "Exhibitor",
}

// roleLabels names the roles in the order screens show them.
func roleLabels(roles data.Set) string {
	var labels []string
	for _, r := range data.Roles {
		if roles != nil && containsRole(roles, r) {
			labels = append(labels, roleNames[r])
		}
	}
	return strings.Join(labels, " · ")
}

func containsRole(roles data.Set, r data.Role) bool {
	for _, x := range roles {
		if x == string(r) {
			return true
		}
	}
	return false
}

// roleColour colours the band by the role that matters most at the door,
// so staff can tell an organiser or a speaker from across the room.
func roleColour(roles data.Set) (r, g, b int) {
	for _, c := range []struct {
		role    data.Role
		r, g, b int
	}{
		{data.RoleOrganiser, 60, 60, 60},
		{data.RoleSpeaker, 110, 50, 140},
		{data.RoleExhibitorStaff, 200, 100, 20},
		{data.RoleRecruiter, 30, 70, 140},
		{data.RoleMentor, 0, 120, 120},
		{data.RoleJobSeeker, 40, 130, 60},
	} {
		if containsRole(roles, c.role) {
			return c.r, c.g, c.b
		}
	}
	return 120, 120, 120
}
