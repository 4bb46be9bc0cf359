package sheets

import (
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

// Encoding names, as Sample.Encoding reports them.
const (
	EncodingUTF8    = "UTF-8"
	EncodingUTF8BOM = "UTF-8 with BOM"
	EncodingUTF16   = "UTF-16"
	EncodingSJIS    = "Shift-JIS"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// decodeText reads the whole input and turns it into UTF-8. The file is
// read at once because telling UTF-8 from Shift-JIS needs all of it (a
// file can be ASCII for thousands of rows and then hold one name in
// Japanese), and because import checks every row before writing any.
func decodeText(r io.Reader) ([]byte, string, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, "", fmt.Errorf("read file: %w", err)
	}
	switch {
	case bytes.HasPrefix(raw, utf8BOM):
		return raw[len(utf8BOM):], EncodingUTF8BOM, nil
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}), bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		text, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(raw)
		if err != nil {
			return nil, "", fmt.Errorf("read UTF-16 file: %w", err)
		}
		return text, EncodingUTF16, nil
	case utf8.Valid(raw):
		return raw, EncodingUTF8, nil
	}
	text, err := japanese.ShiftJIS.NewDecoder().Bytes(raw)
	if err != nil || bytes.ContainsRune(text, utf8.RuneError) {
		return nil, "", reason("the file is neither UTF-8 nor Shift-JIS text; save it from the spreadsheet as CSV UTF-8")
	}
	return text, EncodingSJIS, nil
}

// guessDelimiter picks the separator the header row uses most: a comma
// unless semicolons (European Excel) or tabs (Excel "Unicode text") beat it.
func guessDelimiter(text []byte) rune {
	line := text
	if i := bytes.IndexByte(text, '\n'); i >= 0 {
		line = text[:i]
	}
	best, most := ',', bytes.Count(line, []byte{','})
	for _, d := range []rune{';', '\t'} {
		if n := bytes.Count(line, []byte{byte(d)}); n > most {
			best, most = d, n
		}
	}
	return best
}
