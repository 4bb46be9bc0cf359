package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"unicode/utf8"
)

// DecodeRowChange reads one row change, one line of a batch file. The rows
// of a big batch are almost all in the one shape this program writes,
// {"t":…,"id":…,"c":{"col":{"v":…,"h":…,"d":…},…}}, and reading that shape
// by hand is about three times faster than encoding/json's reflection,
// which took over a second of a 50,000-person sync. Anything else (other
// keys, nested values, a null, a malformed number) is read by
// encoding/json instead, so the result, and whether it is an error, is
// always what encoding/json with UseNumber gives.
func DecodeRowChange(b []byte) (RowChange, error) {
	var fast RowChange
	s := jsonScan{b: b}
	if s.rowChange(&fast) {
		return fast, nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var r RowChange
	if err := dec.Decode(&r); err != nil {
		return RowChange{}, err
	}
	if dec.More() {
		return RowChange{}, errors.New("more than one row change on a line")
	}
	return r, nil
}

// jsonScan reads the shape of a row change. Each method reports false when
// the input is not exactly what it expects, and the caller gives up.
type jsonScan struct {
	b   []byte
	i   int
	dev string // the last device id read: a row's cells mostly share one
}

// knownKeys are the keys a row change's objects have: its own, its cells'
// and every synced column's name. A key read is looked up here rather than
// copied, which in a 50,000-person batch saves a million small strings.
var knownKeys = func() map[string]string {
	keys := map[string]string{}
	for _, k := range []string{"t", "id", "c", "v", "h", "d", "deleted"} {
		keys[k] = k
	}
	for _, t := range syncedTables {
		for _, c := range t.cols {
			keys[c] = c
		}
	}
	return keys
}()

func (s *jsonScan) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

func (s *jsonScan) next(c byte) bool {
	s.space()
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// object calls field for each key of an object; field reads the value.
func (s *jsonScan) object(field func(key string) bool) bool {
	if !s.next('{') {
		return false
	}
	if s.next('}') {
		return true
	}
	for {
		key, ok := s.key()
		if !ok || !s.next(':') || !field(key) {
			return false
		}
		if s.next('}') {
			return true
		}
		if !s.next(',') {
			return false
		}
	}
}

func (s *jsonScan) rowChange(r *RowChange) bool {
	ok := s.object(func(key string) bool {
		var ok bool
		switch key {
		case "t":
			r.Table, ok = s.str()
		case "id":
			r.ID, ok = s.str()
		case "c":
			if r.Cells == nil {
				r.Cells = make(map[string]Cell, 16) // a person's directory fields, grown once at most
			}
			ok = s.object(func(col string) bool {
				var c Cell
				if !s.cell(&c) {
					return false
				}
				r.Cells[col] = c
				return true
			})
		}
		return ok
	})
	s.space()
	return ok && s.i == len(s.b)
}

func (s *jsonScan) cell(c *Cell) bool {
	return s.object(func(key string) bool {
		var ok bool
		switch key {
		case "v":
			c.Value, ok = s.value()
		case "h":
			// ParseUint takes digits only; JSON also forbids leading zeros.
			tok := s.numberToken()
			if len(tok) > 0 && (tok[0] != '0' || len(tok) == 1) {
				h, err := strconv.ParseUint(string(tok), 10, 64)
				c.HLC, ok = HLC(h), err == nil
			}
		case "d":
			c.Dev, ok = s.device()
		}
		return ok
	})
}

// value reads a string, number, true, false or null.
func (s *jsonScan) value() (any, bool) {
	s.space()
	if s.i >= len(s.b) {
		return nil, false
	}
	switch c := s.b[s.i]; {
	case c == '"':
		return s.str()
	case c == '-' || (c >= '0' && c <= '9'):
		return s.number()
	}
	for _, lit := range []struct {
		text  string
		value any
	}{{"null", nil}, {"true", true}, {"false", false}} {
		if bytes.HasPrefix(s.b[s.i:], []byte(lit.text)) {
			s.i += len(lit.text)
			return lit.value, true
		}
	}
	return nil, false
}

func (s *jsonScan) number() (json.Number, bool) {
	tok := s.numberToken()
	if !plainInteger(tok) && !json.Valid(tok) {
		return "", false
	}
	return json.Number(tok), true
}

// numberToken reads the characters a JSON number may hold.
func (s *jsonScan) numberToken() []byte {
	s.space()
	start := s.i
	for ; s.i < len(s.b); s.i++ {
		if c := s.b[s.i]; (c < '0' || c > '9') && c != '-' && c != '+' && c != '.' && c != 'e' && c != 'E' {
			break
		}
	}
	return s.b[start:s.i]
}

// plainInteger reports a valid JSON integer of digits only, the common
// case, without encoding/json's scanner.
func plainInteger(tok []byte) bool {
	if len(tok) == 0 || (tok[0] == '0' && len(tok) > 1) {
		return false
	}
	for _, c := range tok {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// str reads a string. One with escapes is handed to encoding/json alone.
// key is str for an object's key, a known one not copied.
func (s *jsonScan) key() (string, bool) {
	start := s.i
	if raw, ok := s.plain(); ok {
		if k, known := knownKeys[string(raw)]; known {
			return k, true
		}
	}
	s.i = start
	return s.str()
}

// device is str for a cell's device id, the row's last one not copied.
func (s *jsonScan) device() (string, bool) {
	start := s.i
	if raw, ok := s.plain(); ok && string(raw) == s.dev {
		return s.dev, true
	}
	s.i = start
	d, ok := s.str()
	s.dev = d
	return d, ok
}

// plain reads a string with no escapes and returns its bytes, not copied.
func (s *jsonScan) plain() ([]byte, bool) {
	s.space()
	if s.i >= len(s.b) || s.b[s.i] != '"' {
		return nil, false
	}
	end := bytes.IndexByte(s.b[s.i+1:], '"')
	if end < 0 {
		return nil, false
	}
	raw := s.b[s.i+1 : s.i+1+end]
	if bytes.IndexByte(raw, '\\') >= 0 {
		return nil, false
	}
	s.i += end + 2
	return raw, true
}

func (s *jsonScan) str() (string, bool) {
	s.space()
	if s.i >= len(s.b) || s.b[s.i] != '"' {
		return "", false
	}
	escaped := false
	for j := s.i + 1; j < len(s.b); j++ {
		switch c := s.b[j]; {
		case c == '\\':
			escaped = true
			j++
		case c < 0x20:
			return "", false
		case c == '"':
			tok := s.b[s.i : j+1]
			s.i = j + 1
			if !escaped {
				inner := tok[1 : len(tok)-1]
				return string(inner), utf8.Valid(inner)
			}
			var v string
			return v, json.Unmarshal(tok, &v) == nil
		}
	}
	return "", false
}
