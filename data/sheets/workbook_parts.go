package sheets

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// A workbook is a zip of XML parts. excelize reads the small ones (the
// sheet list, the styles); the rows of the sheet being imported are read
// from its part by sheetRows (workbook_rows.go), which is many times
// faster than excelize's row iterator on a sheet of 100,000 people. The
// parts are found the way excelize finds them, so both read the same part.

// maxPartSize caps what one part may unpack to: a workbook is a zip, and
// a small one can claim to hold gigabytes.
const maxPartSize = 1 << 30

// workbookParts is the zip of a workbook, for reading its parts by name.
type workbookParts struct {
	files map[string]*zip.File
}

func openParts(raw []byte) (*workbookParts, error) {
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return nil, err
	}
	p := &workbookParts{files: make(map[string]*zip.File, len(zr.File))}
	for _, f := range zr.File {
		p.files[f.Name] = f
	}
	return p, nil
}

// read is the whole of a part, or nil when the workbook has no such part.
func (p *workbookParts) read(name string) ([]byte, error) {
	f, ok := p.files[name]
	if !ok {
		return nil, nil
	}
	r, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("part %s: %w", name, err)
	}
	defer r.Close()
	b, err := io.ReadAll(io.LimitReader(r, maxPartSize+1))
	if err != nil {
		return nil, fmt.Errorf("part %s: %w", name, err)
	}
	if len(b) > maxPartSize {
		return nil, fmt.Errorf("part %s unpacks to more than %d MiB", name, maxPartSize>>20)
	}
	return b, nil
}

type relationships struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

func (p *workbookParts) relationships(name string) (relationships, error) {
	var rels relationships
	b, err := p.read(name)
	if err != nil || b == nil {
		return rels, err
	}
	if err := xml.Unmarshal(b, &rels); err != nil {
		return rels, fmt.Errorf("part %s: %w", name, err)
	}
	return rels, nil
}

// sheetPart is the name of the part that holds a sheet's rows.
func (p *workbookParts) sheetPart(sheet string) (string, error) {
	root, err := p.relationships("_rels/.rels")
	if err != nil {
		return "", err
	}
	workbook := ""
	for _, r := range root.Rels {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			workbook = strings.TrimPrefix(r.Target, "/")
			break
		}
	}
	if workbook == "" {
		return "", errors.New("the workbook has no main part")
	}
	dir := path.Dir(workbook)
	rels, err := p.relationships(strings.TrimPrefix(path.Join(dir, "_rels", path.Base(workbook)+".rels"), "/"))
	if err != nil {
		return "", err
	}
	b, err := p.read(workbook)
	if err != nil {
		return "", err
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
			// Strict Open XML names the relationship another way.
			StrictID string `xml:"http://purl.oclc.org/ooxml/officeDocument/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(b, &wb); err != nil {
		return "", fmt.Errorf("part %s: %w", workbook, err)
	}
	for _, s := range wb.Sheets {
		if s.Name != sheet {
			continue
		}
		for _, r := range rels.Rels {
			if r.ID != s.ID+s.StrictID {
				continue
			}
			name := strings.TrimPrefix(path.Clean(dir+"/"+r.Target), "/")
			if strings.HasPrefix(r.Target, "/") {
				name = strings.TrimPrefix(path.Clean(r.Target), "/")
			}
			if _, ok := p.files[name]; ok {
				return name, nil
			}
		}
	}
	return "", fmt.Errorf("the workbook has no part for sheet %q", sheet)
}
