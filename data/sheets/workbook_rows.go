package sheets

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// rawCell is a <c> element as the sheet holds it.
type rawCell struct {
	ref     string // A1, or "" for the cell after the one before
	style   int    // index into the workbook's cell formats
	kind    string // the t attribute: s, str, inlineStr, b, d, e, n or ""
	value   string // the text of <v>
	inline  string // the text of <is>, for an inline string
	formula bool
}

// sheetRows calls each with the number and cells of every row of a sheet
// part, in the order the part holds them. The cells are the text
// excelize's Rows().Columns() gives for the row (values says how), so a
// row reads the same whichever reads it; a part that is not well-formed
// is an error, not the rows up to the fault.
func sheetRows(part []byte, values *cellValues, each func(num int, cells []string) error) error {
	s := &xmlScanner{b: part}
	for { // to <sheetData>
		tag, ok, err := s.next()
		if err != nil {
			return err
		}
		if !ok {
			return nil // a sheet with no data
		}
		if tag.is("sheetData") && !tag.end {
			if tag.empty {
				return nil
			}
			break
		}
	}
	var (
		num, col int
		cells    []string
		inRow    bool
		buf      []byte
	)
	for {
		tag, err := s.inside()
		if err != nil {
			return err
		}
		switch {
		case tag.is("sheetData") && tag.end:
			return nil
		case tag.is("row") && !tag.end:
			r, has, err := tag.attr("r")
			if err != nil {
				return err
			}
			num++
			if has {
				if n, err := strconv.Atoi(r); err == nil && n > 0 {
					num = n
				} else {
					return fmt.Errorf("row %q: its number is not a row number", r)
				}
			}
			col, cells, inRow = 0, nil, !tag.empty
			if tag.empty {
				if err := each(num, nil); err != nil {
					return err
				}
			}
		case tag.is("row") && tag.end:
			inRow = false
			if err := each(num, cells); err != nil {
				return err
			}
		case tag.is("c") && !tag.end && inRow:
			var c rawCell
			if c, buf, err = s.cell(tag, buf); err != nil {
				return fmt.Errorf("row %d: %w", num, err)
			}
			col++
			if c.ref != "" {
				if col, _, err = excelize.CellNameToCoordinates(c.ref); err != nil {
					return fmt.Errorf("row %d: %w", num, err)
				}
			}
			v, err := values.text(c)
			if err != nil {
				return fmt.Errorf("row %d cell %d: %w", num, col, err)
			}
			// As excelize places a cell: empty cells before it filled in,
			// an empty cell with no formula left out.
			if v != "" || c.formula {
				for len(cells) < col-1 {
					cells = append(cells, "")
				}
				cells = append(cells, v)
			}
		case !tag.end:
			if err := s.skipElement(tag); err != nil {
				return err
			}
		}
	}
}

// cell reads a <c> element whose start tag was just read.
func (s *xmlScanner) cell(start xmlTag, buf []byte) (rawCell, []byte, error) {
	var c rawCell
	var err error
	if c.ref, _, err = start.attr("r"); err != nil {
		return c, buf, err
	}
	if c.kind, _, err = start.attr("t"); err != nil {
		return c, buf, err
	}
	if style, has, err := start.attr("s"); err != nil {
		return c, buf, err
	} else if has {
		if c.style, err = strconv.Atoi(style); err != nil {
			return c, buf, fmt.Errorf("cell %s: style %q is not a number", c.ref, style)
		}
	}
	if start.empty {
		return c, buf, nil
	}
	for {
		tag, err := s.inside()
		if err != nil {
			return c, buf, err
		}
		if tag.end {
			if tag.is("c") {
				return c, buf, nil
			}
			continue
		}
		switch {
		case tag.is("v"):
			if !tag.empty {
				if buf, err = s.text(buf[:0]); err != nil {
					return c, buf, err
				}
				c.value = string(buf)
			}
		case tag.is("is"):
			if buf, err = s.richText(tag, buf[:0]); err != nil {
				return c, buf, err
			}
			c.inline = bstrDecode(string(buf))
			continue
		case tag.is("f"):
			c.formula = true
		}
		if err := s.skipElement(tag); err != nil {
			return c, buf, err
		}
	}
}

// richText appends the text of a string item (<si> or <is>) whose start
// tag was just read: its own <t> and those of its runs (<r><t>), not its
// phonetic guides (<rPh><t>), which are not part of the text.
func (s *xmlScanner) richText(start xmlTag, dst []byte) ([]byte, error) {
	if start.empty {
		return dst, nil
	}
	depth, inRun := 1, false
	for {
		tag, err := s.inside()
		if err != nil {
			return dst, err
		}
		if tag.end {
			depth--
			if depth == 0 {
				return dst, nil
			}
			if depth == 1 {
				inRun = false
			}
			continue
		}
		if tag.empty {
			continue
		}
		depth++
		switch {
		case depth == 2 && tag.is("r"):
			inRun = true
		case tag.is("t") && (depth == 2 || depth == 3 && inRun):
			if dst, err = s.text(dst); err != nil {
				return dst, err
			}
		}
	}
}

// sharedStrings reads the shared strings part: the text of each <si>.
func sharedStrings(part []byte) ([]string, error) {
	s := &xmlScanner{b: part}
	var list []string
	var buf []byte
	for {
		tag, ok, err := s.next()
		if err != nil {
			return nil, err
		}
		if !ok {
			return list, nil
		}
		if tag.end || !tag.is("si") {
			continue
		}
		if buf, err = s.richText(tag, buf[:0]); err != nil {
			return nil, fmt.Errorf("shared string %d: %w", len(list), err)
		}
		list = append(list, bstrDecode(string(buf)))
	}
}

// bstrDecode undoes the _xHHHH_ escapes a workbook writes for characters
// XML cannot hold (_x000D_ for a carriage return; _x005F_ for the _ of a
// literal _xHHHH_), as excelize does.
func bstrDecode(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "_x")
		if i < 0 || len(s) < i+7 {
			break
		}
		hex := s[i+2 : i+6]
		n, err := strconv.ParseUint(hex, 16, 16)
		if err != nil || s[i+6] != '_' {
			b.WriteString(s[:i+1])
			s = s[i+1:]
			continue
		}
		b.WriteString(s[:i])
		if r := rune(n); !utf16.IsSurrogate(r) { // excelize drops a lone half
			b.WriteRune(r)
		}
		s = s[i+7:]
	}
	b.WriteString(s)
	return b.String()
}
