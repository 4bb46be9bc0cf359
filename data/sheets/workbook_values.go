package sheets

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// cellValues turns a cell as the sheet holds it into the text excelize
// shows for it. Most cells need nothing of excelize: text, and numbers
// without a format. A cell whose format shows its value another way (a
// date, a time, a number with zeros in front) is shown by excelize
// itself, through a cell of the same format on a sheet added to the
// workbook in memory, and each value of each format only once.
type cellValues struct {
	f       *excelize.File
	strings []string // the shared strings
	scratch string   // the sheet added to show values with
	shown   map[shownValue]string
	styled  map[int]bool // formats given to a scratch cell already
}

type shownValue struct {
	style int
	text  bool // a text cell, as opposed to a number
	value string
}

// scratchSheet is a name no workbook of ours has and that excelize takes.
const scratchSheet = "fairdesk scratch"

func newCellValues(f *excelize.File, shared []string) (*cellValues, error) {
	if _, err := f.NewSheet(scratchSheet); err != nil {
		return nil, err
	}
	return &cellValues{f: f, strings: shared, scratch: scratchSheet,
		shown: map[shownValue]string{}, styled: map[int]bool{}}, nil
}

// text is what excelize's Rows().Columns() gives for the cell (its
// getValueFrom): a shared or inline string, a formula's text result, a
// TRUE or FALSE, or a number or date as its format shows it.
func (v *cellValues) text(c rawCell) (string, error) {
	switch c.kind {
	case "b":
		switch c.value {
		case "1":
			return "TRUE", nil
		case "0":
			return "FALSE", nil
		}
		return c.value, nil
	case "d":
		return v.number(c.style, isoDateSerial(c.value))
	case "s":
		if c.value == "" {
			return v.formatted(c.style, true, c.value)
		}
		i, _ := strconv.Atoi(strings.TrimSpace(c.value))
		if i >= 0 && i < len(v.strings) {
			return v.formatted(c.style, true, v.strings[i])
		}
		return v.formatted(c.style, true, c.value)
	case "str":
		return c.value, nil
	case "inlineStr":
		if c.inline == "" && c.value != "" {
			return v.formatted(c.style, true, c.value)
		}
		return v.formatted(c.style, true, c.inline)
	}
	return v.number(c.style, c.value)
}

// number is a number cell's text: written out in full when it has at most
// 15 digits, as excelize does, then formatted.
func (v *cellValues) number(style int, value string) (string, error) {
	if !strings.Contains(value, "_") {
		var d big.Float
		if _, ok := d.SetString(value); ok {
			f, _ := d.Float64()
			plain := strconv.FormatFloat(f, 'f', -1, 64)
			if len(strings.ReplaceAll(plain, ".", "")) > 15 {
				value = strconv.FormatFloat(f, 'G', 15, 64)
			} else {
				value = plain
			}
		}
	}
	return v.formatted(style, false, value)
}

// formatted is value as the cell format numbered style shows it.
func (v *cellValues) formatted(style int, text bool, value string) (string, error) {
	if style == 0 || value == "" {
		return value, nil
	}
	if v.f.Styles == nil || v.f.Styles.CellXfs == nil {
		return value, nil
	}
	xfs := v.f.Styles.CellXfs
	if style < 0 || style >= len(xfs.Xf) {
		return value, nil
	}
	if id := xfs.Xf[style].NumFmtID; text && (id == nil || *id == 0 || *id == 49) {
		return value, nil // General and @ show text as it is
	}
	key := shownValue{style: style, text: text, value: value}
	if s, ok := v.shown[key]; ok {
		return s, nil
	}
	s, err := v.show(key)
	if err != nil {
		return "", fmt.Errorf("format a cell of style %d: %w", style, err)
	}
	v.shown[key] = s
	return s, nil
}

// show writes the value into the scratch cell of its style and reads it
// back as excelize shows it.
func (v *cellValues) show(key shownValue) (string, error) {
	col := 1
	if key.text {
		col = 2
	}
	cell, err := excelize.CoordinatesToCellName(col, key.style+1)
	if err != nil {
		return "", err
	}
	if !v.styled[key.style*2+col] {
		if err := v.f.SetCellStyle(v.scratch, cell, cell, key.style); err != nil {
			return "", err
		}
		v.styled[key.style*2+col] = true
	}
	if key.text {
		err = v.f.SetCellStr(v.scratch, cell, key.value)
	} else {
		err = v.f.SetCellDefault(v.scratch, cell, key.value)
	}
	if err != nil {
		return "", err
	}
	return v.f.GetCellValue(v.scratch, cell)
}

// isoDateSerial is the day number of an ISO 8601 date cell (t="d"), which
// excelize then formats like a number; the text itself when it is not a
// date it reads.
func isoDateSerial(value string) string {
	layout := "20060102T150405.999"
	if strings.HasSuffix(value, "Z") {
		layout = "20060102T150405Z"
		if strings.Contains(value, "-") {
			layout = "2006-01-02T15:04:05Z"
		}
	} else if strings.Contains(value, "-") {
		layout = "2006-01-02 15:04:05Z"
	}
	t, err := time.Parse(layout, strings.ReplaceAll(value, ",", "."))
	if err != nil {
		return value
	}
	// Days since 1899-12-31, plus the 29 February 1900 that Excel counts.
	start := time.Date(1899, time.December, 31, 0, 0, 0, 0, time.UTC)
	if t.Before(start) {
		return "0"
	}
	days := t.Sub(start).Hours() / 24
	if t.After(time.Date(1900, time.March, 1, 0, 0, 0, 0, time.UTC).Add(-time.Nanosecond)) {
		days++
	}
	return strconv.FormatFloat(days, 'G', 15, 64)
}
