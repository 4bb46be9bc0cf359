package sheets

import (
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/fairdesk/fairdesk/data"
)

// The columns of a registration export that name the job seeker; every
// other column is either a choice column or ignored.
const (
	rEmail = iota
	rBadge
)

var requestFields = []field{
	rEmail: {"seeker_email", false, slices.Concat([]string{"email", "seeker email", "job seeker email"}, peopleFields[pEmail].aliases)},
	rBadge: {"seeker_badge", false, slices.Concat([]string{"badge_code", "seeker badge"}, peopleFields[pBadge].aliases)},
}

// choiceHeader tells a column of hosts to meet by its header, as
// registration forms word it: "Who would you like to meet?", "Mentor
// choice 1", "1st preference", "面談希望", "会いたい企業".
var choiceHeader = regexp.MustCompile(`meet|choice|preference|wish|希望|面談|会いたい`)

// choiceSeparators split one answer into several choices: a form's
// checkbox question joins its ticked answers, a free-text one holds a
// list.
var choiceSeparators = regexp.MustCompile(`[\n;；、]`)

// ImportMeetingRequests reads the answers of a registration form (CSV or
// .xlsx) to a question such as "Who would you like to meet?" as job
// seekers' meeting requests: each row names the seeker by e-mail or
// badge code, and every column whose header asks whom to meet names
// booths (by code, name or organisation), mentors or recruiters (by name
// or e-mail), first choice first, several in a cell separated by lines
// or semicolons. The order is the rank. Requests the file does not name
// are left as they are, and a file imported twice changes nothing the
// second time. Problems name rows by line and never quote a cell, which
// may hold a person's name. A bad row stops the import unless opt.SkipBad.
func ImportMeetingRequests(ctx context.Context, st *data.Store, r io.Reader, opt Options) (Result, error) {
	problems := newRowProblems(opt.fileName())
	t, err := readSheet(ctx, r, requestFields, opt, problems)
	if err != nil {
		return Result{}, err
	}
	problems.sheet = opt.Sheet
	if !t.has(rEmail) && !t.has(rBadge) {
		return Result{}, fmt.Errorf("%s: %w", opt.fileName(), reason("no column names the job seeker; the header needs an e-mail address or badge code column"))
	}
	var choices []int
	for col, f := range t.mapping {
		if f == custom && choiceHeader.MatchString(normaliseHeader(t.headers[col])) {
			choices = append(choices, col)
		}
	}
	if len(choices) == 0 {
		return Result{}, fmt.Errorf("%s: %w", opt.fileName(), reason("no column says whom to meet; name one “Who would you like to meet?”, or choice 1, choice 2…"))
	}
	values := make([]string, len(requestFields))
	return runBatch(ctx, st, opt, problems, func(b *data.ImportTx, res *Result) error {
		for i, rw := range t.rows {
			if err := cancelled(ctx, i); err != nil {
				return err
			}
			t.cellsInto(rw, values)
			seeker, found, err := b.PersonByKey(values[rEmail], values[rBadge])
			if err != nil {
				return err
			}
			if !found {
				problems.add(rw.line, "no one has the job seeker's e-mail address or badge code")
				continue
			}
			hosts, ok, err := rowChoices(b, rw, t.headers, choices, problems)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			saved, err := b.SetImportedRequests(seeker.ID, hosts)
			var fe data.FieldErrors
			switch {
			case errors.As(err, &fe):
				problems.add(rw.line, "%s", FieldProblems(fe))
			case errors.Is(err, data.ErrNotFound):
				problems.add(rw.line, "the host or the job seeker was deleted")
			case err != nil:
				return fmt.Errorf("line %d: %w", rw.line, err)
			}
			res.Added += saved.Added
			res.Updated += saved.Changed
			res.Unchanged += saved.Unchanged
		}
		return nil
	})
}

// rowChoices reads a row's choices in order, each host once; ok is false
// when a choice names no host or several.
func rowChoices(b *data.ImportTx, rw row, headers []string, choices []int, problems *rowProblems) ([]data.Host, bool, error) {
	var hosts []data.Host
	ok := true
	for _, col := range choices {
		found, unknown, several, err := choicesIn(b, rw.cells[col])
		if err != nil {
			return nil, false, err
		}
		if unknown > 0 {
			problems.addAt(rw.line, col+1, "%s: %d of the names given fit no booth, mentor or recruiter; check them against the booths' codes and names and the mentors' and recruiters' names", columnName(headers, col), unknown)
			ok = false
		}
		if several > 0 {
			problems.addAt(rw.line, col+1, "%s: %d of the names given fit several hosts; give a booth code or the host's e-mail address instead", columnName(headers, col), several)
			ok = false
		}
		for _, h := range found {
			if !slices.Contains(hosts, h) {
				hosts = append(hosts, h)
			}
		}
	}
	return hosts, ok, nil
}

// choicesIn reads one cell's choices: the parts between line breaks and
// semicolons, each a host's name as written or without a remark in
// brackets ("Taro Yamada (Mitsubishi)"); a part that names no host but
// holds commas is read as a list (a form's ticked boxes "Booth A, Booth
// B"), so a name with a comma in it ("Sato, Ltd.") still counts as one.
// It counts the names that fit no host, and those that fit several.
func choicesIn(b *data.ImportTx, cell string) (hosts []data.Host, unknown, several int, err error) {
	for _, part := range choiceSeparators.Split(cell, -1) {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		found, err := hostNamed(b, part)
		if err != nil {
			return nil, 0, 0, err
		}
		names := []string{part}
		if len(found) == 0 && strings.Contains(part, ",") {
			names = strings.Split(part, ",")
		}
		for _, name := range names {
			if name = strings.TrimSpace(name); name == "" {
				continue
			}
			if len(names) > 1 {
				if found, err = hostNamed(b, name); err != nil {
					return nil, 0, 0, err
				}
			}
			switch len(found) {
			case 0:
				unknown++
			case 1:
				hosts = append(hosts, found[0])
			default:
				several++
			}
		}
	}
	return hosts, unknown, several, nil
}

// hostNamed finds the hosts of one name, as written or without a remark
// in brackets at its end.
func hostNamed(b *data.ImportTx, name string) ([]data.Host, error) {
	found, err := b.HostsNamed(name)
	if err != nil || len(found) > 0 {
		return found, err
	}
	if bare := trailingRemark.ReplaceAllString(name, ""); bare != name {
		return b.HostsNamed(bare)
	}
	return nil, nil
}

var trailingRemark = regexp.MustCompile(`\s*[(（][^()（）]*[)）]\s*$`)
