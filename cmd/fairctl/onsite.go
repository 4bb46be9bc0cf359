package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/badges"
	"github.com/fairdesk/fairdesk/data/sheets"
)

// The commands of the day itself: the welcome desk, the booths, badges.

func runCheckIn(ctx context.Context, e *env, args []string) error {
	key, err := personKey(args)
	if err != nil {
		return err
	}
	res, err := e.store.CheckIn(ctx, key, operator(e))
	if err != nil {
		return deskError(err)
	}
	zone := eventZone(ctx, e)
	if res.AlreadyIn {
		fmt.Fprintf(e.stdout, "already checked in at %s on %s: %s\n", clock(res.Since, zone), res.Laptop, describe(res.Person))
		return nil
	}
	fmt.Fprintf(e.stdout, "checked in at %s: %s\n", clock(res.Recorded.At, zone), describe(res.Person))
	return nil
}

func runCheckOut(ctx context.Context, e *env, args []string) error {
	key, err := personKey(args)
	if err != nil {
		return err
	}
	res, err := e.store.CheckOut(ctx, key, operator(e))
	if err != nil {
		return deskError(err)
	}
	if res.NotIn {
		fmt.Fprintf(e.stdout, "not checked in, nothing recorded: %s\n", describe(res.Person))
		return nil
	}
	fmt.Fprintf(e.stdout, "checked out at %s: %s\n", clock(res.Recorded.At, eventZone(ctx, e)), describe(res.Person))
	return nil
}

func visitCommand(fs *flag.FlagSet) runFunc {
	boothCode := fs.String("booth", "", "the booth visited: its `CODE`, e.g. A01")
	note := fs.String("note", "", "add `TEXT` to the booth's notes on the visitor")
	ratingText := fs.String("rating", "", "rate the lead `hot|warm|cold`")
	return func(ctx context.Context, e *env, rest []string) error {
		if *boothCode == "" {
			return misusef("say which booth with --booth CODE")
		}
		if len(rest) == 0 {
			return misusef("say who visited: a badge code, an e-mail or a name")
		}
		rating, ok := data.ParseRating(*ratingText)
		if !ok {
			return misusef("rating %q: choose hot, warm or cold", *ratingText)
		}
		booth, err := e.store.BoothByCode(ctx, *boothCode)
		if err != nil {
			return fmt.Errorf("%w; fairctl export booths lists the booth codes", err)
		}
		staff := operator(e)
		res, err := e.store.LogVisit(ctx, booth.ID, strings.Join(rest, " "), staff)
		if err != nil {
			return deskError(err)
		}
		fmt.Fprintf(e.stdout, "visit %d to %s at %s: %s\n", res.Visits, booth.Code, clock(res.Visit.At, eventZone(ctx, e)), describe(res.Visitor))
		if *note == "" && rating == "" {
			return nil
		}
		lead, err := e.store.Lead(ctx, booth.ID, res.Visitor.ID)
		if err != nil {
			return err
		}
		if *note != "" {
			// A note adds to what the booth noted before rather than replacing it.
			lead.Notes = strings.TrimSpace(lead.Notes + "\n" + *note)
		}
		if rating != "" {
			lead.Rating = rating
		}
		if err := e.store.SaveLead(ctx, &lead); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "lead saved: rating %s\n", orNone(string(lead.Rating)))
		return nil
	}
}

func badgesCommand(fs *flag.FlagSet) runFunc {
	out := fs.String("o", "badges.pdf", "write the PDF to `FILE`")
	paper := fs.String("paper", "A4", "the paper size, `A4|Letter`")
	font := fs.String("font", "", "a TrueType `FILE` with Japanese glyphs (default: IPA Gothic if installed)")
	return func(ctx context.Context, e *env, keys []string) error {
		if p := strings.ToLower(*paper); p != "a4" && p != "letter" {
			return misusef("paper %q: choose A4 or Letter", *paper)
		}
		people, err := badgePeople(ctx, e.store, keys)
		if err != nil {
			return err
		}
		if len(people) == 0 {
			return errors.New("badges: no one is registered yet; import people first (fairctl import people FILE)")
		}
		event, _ := e.store.Event(ctx)
		booths, err := e.store.Booths(ctx)
		if err != nil {
			return err
		}
		var res badges.Result
		err = writeFileAtomically(*out, func(w io.Writer) error {
			res, err = badges.Write(w, people, badges.Options{Paper: *paper, EventName: event.Name, FontPath: *font, Links: badges.StaffLinks(booths)})
			return err
		})
		if err != nil {
			return err
		}
		for _, warning := range res.Warnings {
			fmt.Fprintln(e.stderr, "warning:", warning)
		}
		fmt.Fprintf(e.stdout, "wrote %d badges on %d pages to %s\n", res.Badges, res.Pages, *out)
		return nil
	}
}

// badgePeople is the people keys name (badge code, e-mail or name), or
// everyone registered, by family name, when there are none.
func badgePeople(ctx context.Context, st *data.Store, keys []string) ([]data.PersonRow, error) {
	var people []data.PersonRow
	for _, key := range keys {
		p, err := st.FindPerson(ctx, key)
		if err != nil {
			return nil, deskError(err)
		}
		people = append(people, p)
	}
	if len(keys) > 0 {
		return people, nil
	}
	const page = 5000
	for offset := 0; ; offset += page {
		list, err := st.ListPeople(ctx, data.PeopleFilter{}, offset, page)
		if err != nil {
			return nil, err
		}
		people = append(people, list...)
		if len(list) < page {
			return people, nil
		}
	}
}

// leadsFormats are the encoders of export leads --format.
var leadsFormats = map[string]data.LeadsEncoder{"csv": sheets.WriteLeadsCSV, "vcard": sheets.WriteLeadsVCard, "crm": sheets.WriteLeadsCRM}

// runExportLeads writes a booth's leads as CSV, vCard or a CRM's CSV; the
// store records the export.
func runExportLeads(ctx context.Context, e *env, boothCode, format, out string) error {
	if boothCode == "" {
		return misusef("export leads needs the booth: --booth CODE")
	}
	encode, ok := leadsFormats[format]
	if !ok {
		return misusef("cannot export leads as %q: choose csv, vcard or crm", format)
	}
	booth, err := e.store.BoothByCode(ctx, boothCode)
	if err != nil {
		return fmt.Errorf("%w; fairctl export booths lists the booth codes", err)
	}
	var rows int
	export := func(w io.Writer) error {
		rows, err = e.store.ExportLeads(ctx, booth.ID, operator(e), w, encode)
		return err
	}
	if out == "" {
		w := bufio.NewWriter(e.stdout)
		if err := export(w); err != nil {
			return err
		}
		return w.Flush()
	}
	if err := writeFileAtomically(out, export); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "exported %d leads of booth %s to %s\n", rows, booth.Code, out)
	return nil
}

// personKey joins the words that name a person: a badge code, an e-mail,
// or a name typed without quotes.
func personKey(args []string) (string, error) {
	key := strings.TrimSpace(strings.Join(args, " "))
	if key == "" || strings.HasPrefix(key, "-") {
		return "", misusef("say who: a badge code, an e-mail or a name")
	}
	return key, nil
}

// deskError says what to do when a person cannot be found or told apart.
func deskError(err error) error {
	var ambiguous *data.AmbiguousError
	if errors.As(err, &ambiguous) {
		var b strings.Builder
		fmt.Fprintf(&b, "%v:", ambiguous)
		for _, p := range ambiguous.Matches {
			// No e-mail here: an exhibitor may be the one asking.
			fmt.Fprintf(&b, "\n  %s\t%s", p.BadgeCode, describe(p))
		}
		return errors.New(b.String())
	}
	if errors.Is(err, data.ErrNotFound) {
		return fmt.Errorf("%w; check the spelling, or find them with fairctl search", err)
	}
	return err
}

// operator names who is at the keyboard: the login name, else the laptop.
func operator(e *env) string {
	if user := os.Getenv("USER"); user != "" {
		return user
	}
	return e.store.LaptopName()
}

func eventZone(ctx context.Context, e *env) *time.Location {
	event, err := e.store.Event(ctx)
	if err != nil {
		return time.Local
	}
	return event.Location()
}

func clock(t time.Time, zone *time.Location) string { return t.In(zone).Format("15:04") }

// describe is a person as the desk reads them: name (kanji), roles, organisation.
func describe(p data.PersonRow) string {
	parts := []string{p.DisplayName()}
	if p.KanjiName != "" && p.KanjiName != parts[0] {
		parts[0] += " (" + p.KanjiName + ")"
	}
	if len(p.Roles) > 0 {
		parts = append(parts, strings.ReplaceAll(strings.Join(p.Roles, ", "), "_", " "))
	}
	if p.OrgName != "" {
		parts = append(parts, p.OrgName)
	}
	return strings.Join(parts, ", ")
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
