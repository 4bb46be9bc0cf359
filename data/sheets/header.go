package sheets

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// custom marks a column kept as a custom field.
const custom = -1

// normaliseHeader reduces a header to what tells it apart: full-width
// letters become ASCII (NFKC), case is dropped, and so is everything that
// is not a letter or a digit, so "E-mail Address", "email_address" and
// "ＥＭＡＩＬ　ＡＤＤＲＥＳＳ" all read "emailaddress".
func normaliseHeader(h string) string {
	h = strings.ToLower(norm.NFKC.String(h))
	var b strings.Builder
	for _, r := range h {
		if unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// aliasIndex maps every normalised name and alias of a kind's fields to
// the field.
func aliasIndex(fields []field) map[string]int {
	index := map[string]int{}
	for i, f := range fields {
		index[normaliseHeader(f.name)] = i
		for _, a := range f.aliases {
			index[normaliseHeader(a)] = i
		}
	}
	return index
}

// mapColumns decides which field each column fills. override (column index
// -> field name, "" for a custom field) wins over the automatic choice.
// Two columns that would fill one field (email and E-mail), or two custom
// columns of one name, are a *columnClash: the mapping is still returned,
// with the later column kept aside as custom, so that a mapping screen can
// show it, but an import must not guess which one was meant.
func mapColumns(headers []string, fields []field, override map[int]string) ([]int, error) {
	index := aliasIndex(fields)
	byName := map[string]int{}
	for i, f := range fields {
		byName[f.name] = i
	}
	mapping := make([]int, len(headers))
	taken := map[int]int{} // field -> column
	for col := range headers {
		if name, ok := override[col]; ok {
			if name == "" {
				mapping[col] = custom
				continue
			}
			f, known := byName[name]
			if !known {
				return nil, reason("column %d (%s) cannot map to %q: not a field of this sheet", col+1, headers[col], name)
			}
			if other, dup := taken[f]; dup {
				return nil, reason("columns %q and %q both map to %s", headers[other], headers[col], name)
			}
			mapping[col], taken[f] = f, col
		}
	}
	var clash *columnClash
	for col, h := range headers {
		if _, ok := override[col]; ok {
			continue
		}
		f, known := index[normaliseHeader(h)]
		if !known {
			mapping[col] = custom
			continue
		}
		if first, dup := taken[f]; dup {
			mapping[col] = custom
			if clash == nil {
				clash = &columnClash{headers: headers, first: first, second: col, field: fields[f].name}
			}
			continue
		}
		mapping[col], taken[f] = f, col
	}
	for col := range override {
		if col < 0 || col >= len(headers) {
			return nil, reason("mapping names column %d, but the file has %d columns", col+1, len(headers))
		}
	}
	if clash == nil {
		clash = customClash(headers, mapping)
	}
	if clash != nil {
		return mapping, clash
	}
	return mapping, nil
}

// customClash finds two custom columns that would be kept under one name,
// where the later would silently replace the earlier.
func customClash(headers []string, mapping []int) *columnClash {
	seen := map[string]int{}
	for col, f := range mapping {
		if f != custom {
			continue
		}
		key := customKey(headers, col)
		if first, dup := seen[key]; dup {
			return &columnClash{headers: headers, first: first, second: col}
		}
		seen[key] = col
	}
	return nil
}

// columnClash is two columns that would fill one field, or one custom field.
type columnClash struct {
	headers       []string
	first, second int
	field         string // "" for a custom field
}

func (c *columnClash) Error() string { return c.Unwrap().Error() }

// Unwrap is the clash in words, a Reason, for the window to translate.
func (c *columnClash) Unwrap() error {
	a, b := columnName(c.headers, c.first), columnName(c.headers, c.second)
	if c.field != "" {
		return reason("%s and %s both fill the field %s; remove or rename one, or choose in the mapping which one fills it", a, b, c.field)
	}
	return reason("%s and %s have the same name, so one would be lost; rename one", a, b)
}

// columnName names a column in a problem: its number and its header.
func columnName(headers []string, col int) Reason {
	if h := strings.TrimSpace(headers[col]); h != "" {
		return reason("column %d (%s)", col+1, h)
	}
	return reason("column %d", col+1)
}

// customKey is the name a custom column is kept under: its header, or
// "column N" when the header is blank.
func customKey(headers []string, col int) string {
	if h := strings.TrimSpace(headers[col]); h != "" {
		return h
	}
	return fmt.Sprintf("column %d", col+1)
}
