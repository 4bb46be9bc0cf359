package sheets

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// xmlScanner walks the tags of an XML part held in memory, without the
// allocations of encoding/xml: the rows of a sheet are a few kinds of
// element (row, c, v, f, is, r, t), and a sheet of 100,000 people has
// millions of them. Names are compared without their namespace prefix,
// as spreadsheets write them with one (x:row) or without. Text is decoded
// as XML decodes it: entities and character references replaced, CDATA
// taken as it is, line ends made \n.
type xmlScanner struct {
	b   []byte
	pos int
}

// xmlTag is a start tag (<c r="A1">), an empty one (<c r="A1"/>), or an
// end tag (</c>).
type xmlTag struct {
	name  []byte // the local name
	attrs []byte // the attributes' text, of a start tag
	end   bool
	empty bool
}

func (t xmlTag) is(name string) bool { return string(t.name) == name }

var errXMLEnd = errors.New("the part ends inside an element")

// next is the tag after the scanner's position, skipping text, comments,
// processing instructions, CDATA and declarations; ok is false at the end.
func (s *xmlScanner) next() (tag xmlTag, ok bool, err error) {
	for {
		i := bytes.IndexByte(s.b[s.pos:], '<')
		if i < 0 {
			s.pos = len(s.b)
			return xmlTag{}, false, nil
		}
		s.pos += i
		rest := s.b[s.pos:]
		if len(rest) < 2 {
			return xmlTag{}, false, errXMLEnd
		}
		switch rest[1] {
		case '?':
			if err := s.skipPast("?>"); err != nil {
				return xmlTag{}, false, err
			}
			continue
		case '!':
			if err := s.skipMarkup(); err != nil {
				return xmlTag{}, false, err
			}
			continue
		}
		end := tagEnd(rest)
		if end < 0 {
			return xmlTag{}, false, errXMLEnd
		}
		body := rest[1:end] // between < and >
		s.pos += end + 1
		if len(body) == 0 {
			return xmlTag{}, false, fmt.Errorf("an empty tag <> at byte %d", s.pos-2)
		}
		if body[0] == '/' {
			tag.end = true
			body = bytes.TrimRight(body[1:], " \t\r\n")
		} else if body[len(body)-1] == '/' {
			tag.empty = true
			body = body[:len(body)-1]
		}
		n := bytes.IndexAny(body, " \t\r\n")
		if n < 0 {
			n = len(body)
		}
		tag.name, tag.attrs = body[:n], body[n:]
		if c := bytes.LastIndexByte(tag.name, ':'); c >= 0 {
			tag.name = tag.name[c+1:]
		}
		if len(tag.name) == 0 {
			return xmlTag{}, false, fmt.Errorf("a tag with no name at byte %d", s.pos-end-1)
		}
		return tag, true, nil
	}
}

// tagEnd is the index of the > that closes the tag at the start of b,
// past any > inside a quoted attribute value; -1 when there is none.
func tagEnd(b []byte) int {
	var quote byte
	for i := 1; i < len(b); i++ {
		switch c := b[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i
		}
	}
	return -1
}

func (s *xmlScanner) skipPast(marker string) error {
	i := bytes.Index(s.b[s.pos:], []byte(marker))
	if i < 0 {
		return errXMLEnd
	}
	s.pos += i + len(marker)
	return nil
}

// skipMarkup skips a comment, a CDATA section or a declaration at the
// scanner's position (a DOCTYPE's internal subset, which could declare
// entities, is refused: no spreadsheet writes one).
func (s *xmlScanner) skipMarkup() error {
	rest := s.b[s.pos:]
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		return s.skipPast("-->")
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		return s.skipPast("]]>")
	}
	end := bytes.IndexByte(rest, '>')
	if end < 0 {
		return errXMLEnd
	}
	if bytes.IndexByte(rest[:end], '[') >= 0 {
		return errors.New("the part declares its own entities (a DOCTYPE), which a workbook does not")
	}
	s.pos += end + 1
	return nil
}

// text appends to dst the text from the scanner's position to the next
// tag, decoded, and leaves the position at that tag.
func (s *xmlScanner) text(dst []byte) ([]byte, error) {
	for {
		i := bytes.IndexByte(s.b[s.pos:], '<')
		if i < 0 {
			return dst, errXMLEnd
		}
		var err error
		if dst, err = appendXMLText(dst, s.b[s.pos:s.pos+i]); err != nil {
			return dst, err
		}
		s.pos += i
		rest := s.b[s.pos:]
		switch {
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			end := bytes.Index(rest, []byte("]]>"))
			if end < 0 {
				return dst, errXMLEnd
			}
			dst = appendLines(dst, rest[len("<![CDATA["):end])
			s.pos += end + len("]]>")
		case bytes.HasPrefix(rest, []byte("<!--")):
			if err := s.skipPast("-->"); err != nil {
				return dst, err
			}
		default:
			return dst, nil
		}
	}
}

// appendLines appends raw text with its line ends (\r\n, \r) made \n, as
// XML reads them.
func appendLines(dst, raw []byte) []byte {
	for {
		i := bytes.IndexByte(raw, '\r')
		if i < 0 {
			return append(dst, raw...)
		}
		dst = append(append(dst, raw[:i]...), '\n')
		raw = raw[i+1:]
		if len(raw) > 0 && raw[0] == '\n' {
			raw = raw[1:]
		}
	}
}

// appendXMLText appends character data with its references decoded.
func appendXMLText(dst, raw []byte) ([]byte, error) {
	for {
		i := bytes.IndexByte(raw, '&')
		if i < 0 {
			return appendLines(dst, raw), nil
		}
		dst = appendLines(dst, raw[:i])
		raw = raw[i+1:]
		end := bytes.IndexByte(raw, ';')
		if end < 0 || end > 10 {
			return dst, errors.New("an & that starts no entity")
		}
		ref := raw[:end]
		raw = raw[end+1:]
		switch string(ref) {
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "amp":
			dst = append(dst, '&')
		case "apos":
			dst = append(dst, '\'')
		case "quot":
			dst = append(dst, '"')
		default:
			r, err := charRef(ref)
			if err != nil {
				return dst, err
			}
			dst = utf8.AppendRune(dst, r)
		}
	}
}

// charRef decodes &#N; or &#xH; (given without & and ;) to a character
// XML allows.
func charRef(ref []byte) (rune, error) {
	if len(ref) < 2 || ref[0] != '#' {
		return 0, fmt.Errorf("an unknown entity &%s;", ref)
	}
	base, digits := 10, ref[1:]
	if digits[0] == 'x' {
		base, digits = 16, digits[1:]
	}
	n, err := strconv.ParseUint(string(digits), base, 32)
	r := rune(n)
	if err != nil || !(r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= utf8.MaxRune) {
		return 0, fmt.Errorf("a character reference &%s; to no character XML allows", ref)
	}
	return r, nil
}

// attr is the decoded value of the tag's attribute whose local name is
// name (any prefix), and whether the tag has it.
func (t xmlTag) attr(name string) (string, bool, error) {
	a := t.attrs
	for {
		eq := bytes.IndexByte(a, '=')
		if eq < 0 {
			return "", false, nil
		}
		key := bytes.TrimSpace(a[:eq])
		if c := bytes.LastIndexByte(key, ':'); c >= 0 {
			key = key[c+1:]
		}
		a = bytes.TrimLeft(a[eq+1:], " \t\r\n")
		if len(a) == 0 || (a[0] != '"' && a[0] != '\'') {
			return "", false, fmt.Errorf("attribute %s of <%s> has no quoted value", key, t.name)
		}
		end := bytes.IndexByte(a[1:], a[0])
		if end < 0 {
			return "", false, errXMLEnd
		}
		value := a[1 : end+1]
		a = a[end+2:]
		if string(key) != name {
			continue
		}
		if bytes.IndexByte(value, '&') < 0 {
			return string(value), true, nil
		}
		v, err := appendXMLText(nil, value)
		return string(v), true, err
	}
}

// inside is the next tag of an element not yet ended: the part must
// have one.
func (s *xmlScanner) inside() (xmlTag, error) {
	tag, ok, err := s.next()
	if err == nil && !ok {
		err = errXMLEnd
	}
	return tag, err
}

// skipElement moves past the end of the element whose start tag was
// just read (unless it was empty).
func (s *xmlScanner) skipElement(start xmlTag) error {
	if start.empty {
		return nil
	}
	for depth := 1; ; {
		tag, err := s.inside()
		if err != nil {
			return err
		}
		switch {
		case tag.end:
			depth--
		case !tag.empty:
			depth++
		}
		if depth == 0 {
			return nil
		}
	}
}
