package sheets

import (
	"fmt"
	"strings"

	"github.com/fairdesk/fairdesk/data"
)

// orgCells are the organisation columns of one row.
type orgCells struct {
	name, sector string
	kind         data.OrgKind // "" when the cell is blank
}

// orgFacts remembers what earlier rows of a file said about each
// organisation, so that two rows giving one company two kinds are caught.
type orgFacts map[string]orgFact

type orgFact struct {
	kind, sector         string
	kindLine, sectorLine int
}

// check reads the organisation cells of a row; it reports a kind it does
// not know, a kind or sector without a name, and disagreement with an
// earlier row.
func (facts orgFacts) check(line int, name, kindText, sector string, problems *rowProblems) orgCells {
	cells := orgCells{name: name, sector: sector}
	if kindText != "" {
		kind, ok := data.ParseOrgKind(kindText)
		if !ok {
			problems.add(line, "%q is not an organisation kind (Japanese company, non-Japanese company, public sector, start-up, other)", kindText)
		}
		cells.kind = kind
	}
	if name == "" {
		if kindText != "" || sector != "" {
			problems.add(line, "an organisation kind or sector is given without the organisation's name")
		}
		return cells
	}
	key := strings.ToLower(name)
	fact := facts[key]
	if cells.kind != "" {
		if fact.kind != "" && fact.kind != string(cells.kind) {
			problems.add(line, "%s is %s here but %s on line %d", name, cells.kind, fact.kind, fact.kindLine)
		} else if fact.kind == "" {
			fact.kind, fact.kindLine = string(cells.kind), line
		}
	}
	if sector != "" {
		if fact.sector != "" && !strings.EqualFold(fact.sector, sector) {
			problems.add(line, "%s is in sector %q here but %q on line %d", name, sector, fact.sector, fact.sectorLine)
		} else if fact.sector == "" {
			fact.sector, fact.sectorLine = sector, line
		}
	}
	facts[key] = fact
	return cells
}

// orgWriter finds or creates organisations during a batch and sets each
// one's kind and sector once per file.
type orgWriter struct {
	b    *data.ImportTx
	done map[string]bool // organisation ids already brought up to date
}

func newOrgWriter(b *data.ImportTx) *orgWriter {
	return &orgWriter{b: b, done: map[string]bool{}}
}

// id returns the organisation's id ("" for no name), creating it when
// needed and applying the row's kind and sector.
func (w *orgWriter) id(cells orgCells) (string, error) {
	id, err := w.b.OrganisationID(cells.name)
	if err != nil || id == "" || w.done[id] || (cells.kind == "" && cells.sector == "") {
		return id, err
	}
	w.done[id] = true
	org, err := w.b.Organisation(id)
	if err != nil {
		return "", fmt.Errorf("read organisation %s: %w", cells.name, err)
	}
	changed := org
	if cells.kind != "" {
		changed.Kind = cells.kind
	}
	if cells.sector != "" {
		changed.Sector = cells.sector
	}
	if changed == org {
		return id, nil
	}
	if err := w.b.SaveOrganisation(&changed); err != nil {
		return "", fmt.Errorf("save organisation %s: %w", cells.name, err)
	}
	return id, nil
}
