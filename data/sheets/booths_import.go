package sheets

import (
	"context"
	"fmt"
	"strings"

	"github.com/fairdesk/fairdesk/data"
)

// boothRow is one checked row of a booths file.
type boothRow struct {
	line   int
	has    [bLink + 1]bool
	booth  data.Booth
	org    orgCells
	staff  []string // e-mail addresses or badge codes; nil when the cell is blank
	custom map[string]string
}

// checkBooths reads every row of a booths file without looking at the
// database: every booth needs a code, and a code once.
func checkBooths(ctx context.Context, t *table, problems *rowProblems) ([]boothRow, error) {
	if !t.has(bCode) {
		return nil, fmt.Errorf("no column holds the booth code (the columns are: %s); call one Code or Booth, or choose its field in the mapping", strings.Join(t.headers, ", "))
	}
	rows := make([]boothRow, 0, len(t.rows))
	codes := map[string]int{}
	orgs := orgFacts{}
	for i, r := range t.rows {
		if err := cancelled(ctx, i); err != nil {
			return nil, err
		}
		cells, extra := t.cellsOf(r, len(boothFields))
		br := boothRow{line: r.line, custom: extra}
		for f, dst := range map[int]*string{bCode: &br.booth.Code, bName: &br.booth.Name, bLocation: &br.booth.Location, bLink: &br.booth.Link} {
			if cells[f] != "" {
				*dst, br.has[f] = cells[f], true
			}
		}
		br.has[bOrg] = cells[bOrg] != ""
		br.org = orgs.check(r.line, cells[bOrg], cells[bOrgKind], cells[bOrgSector], problems)
		if v := cells[bStaff]; v != "" {
			br.staff, br.has[bStaff] = splitKeys(v), true
		}
		if br.booth.Code == "" {
			problems.add(r.line, "no booth code")
		} else if first, dup := codes[strings.ToUpper(br.booth.Code)]; dup {
			problems.addField(r.line, bCode, "booth %s is also on line %d", br.booth.Code, first)
		} else {
			codes[strings.ToUpper(br.booth.Code)] = r.line
		}
		rows = append(rows, br)
	}
	return rows, nil
}

// writeBooths adds or updates the good rows by code and resolves their
// staff to people already registered.
func writeBooths(b *data.ImportTx, rows []boothRow, problems *rowProblems, res *Result, opt Options) error {
	orgs := newOrgWriter(b)
	for i := range rows {
		if err := cancelled(b.Context(), i); err != nil {
			return err
		}
		if i%checkEvery == 0 {
			opt.progress(i, len(rows))
		}
		br := &rows[i]
		if problems.bad[br.line] {
			continue
		}
		staff, ok, err := resolvePeople(b, br.staff, reason("staff member"), bStaff, br.line, problems)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		booth, found, err := b.BoothByCode(br.booth.Code)
		if err != nil {
			return fmt.Errorf("line %d: find booth %s: %w", br.line, br.booth.Code, err)
		}
		booth.Code = br.booth.Code
		if br.has[bName] {
			booth.Name = br.booth.Name
		}
		if br.has[bLocation] {
			booth.Location = br.booth.Location
		}
		if br.has[bLink] {
			booth.Link = br.booth.Link
		}
		if br.has[bOrg] {
			if booth.OrgID, err = orgs.id(br.org); err != nil {
				return err
			}
		}
		booth.Custom = withCustom(booth.Custom, br.custom)
		if err := b.SaveBooth(&booth, staff); err != nil {
			return fmt.Errorf("line %d: %w", br.line, err)
		}
		if found {
			res.Updated++
		} else {
			res.Added++
		}
	}
	opt.progress(len(rows), len(rows))
	return nil
}
