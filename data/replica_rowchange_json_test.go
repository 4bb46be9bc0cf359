package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"pgregory.net/rapid"
)

// decodePlain is what encoding/json alone makes of a row, as batches were
// read before the hand-written reader.
func decodePlain(b []byte) (RowChange, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var r RowChange
	err := dec.Decode(&r)
	if err == nil && dec.More() {
		err = errors.New("more")
	}
	return r, err
}

func decodeFast(b []byte) (RowChange, error) { return DecodeRowChange(b) }

func sameDecoding(t *rapid.T, b []byte) {
	want, werr := decodePlain(b)
	got, gerr := decodeFast(b)
	if (werr == nil) != (gerr == nil) {
		t.Fatalf("%q: encoding/json says %v, the row reader %v", b, werr, gerr)
	}
	if werr == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("%q:\nread as   %#v\nwant      %#v", b, got, want)
	}
}

func TestRowReaderReadsWhatEncodingJSONReads(t *testing.T) {
	text := rapid.OneOf(rapid.String(), rapid.StringMatching(`[a-z<>&"\\ é山田\t\n]{0,12}`), rapid.Just(""))
	value := rapid.OneOf(text.AsAny(), rapid.Int64().AsAny(), rapid.Float64().AsAny(), rapid.Bool().AsAny(), rapid.Just[any](nil))
	rapid.Check(t, func(t *rapid.T) {
		rc := RowChange{Table: text.Draw(t, "table"), ID: text.Draw(t, "id"), Cells: map[string]Cell{}}
		for i := range rapid.IntRange(0, 5).Draw(t, "cells") {
			rc.Cells[text.Draw(t, "col")+string(rune('a'+i))] = Cell{Value: value.Draw(t, "value"),
				Stamp: Stamp{HLC: HLC(rapid.Uint64().Draw(t, "hlc")), Dev: text.Draw(t, "dev")}}
		}
		var buf bytes.Buffer
		if err := json.NewEncoder(&buf).Encode(rc); err != nil {
			t.Fatal(err)
		}
		b := bytes.TrimSpace(buf.Bytes())
		sameDecoding(t, b)
		// And a damaged copy: a byte changed, or the row cut short.
		if len(b) > 0 {
			damaged := bytes.Clone(b)
			damaged[rapid.IntRange(0, len(b)-1).Draw(t, "at")] = rapid.SampledFrom([]byte(`{}[]":,0-.e\ nulltrfs`)).Draw(t, "byte")
			if json.Valid(damaged) {
				sameDecoding(t, damaged)
			}
		}
	})
}

func TestRowReaderOddShapes(t *testing.T) {
	for _, b := range []string{
		`{"t":"people","id":"1","c":{}}`,
		`{"t":"people","id":"1","c":null}`,
		`{"T":"people","id":"1","c":{"x":{"v":"a","h":1,"d":"d"}}}`,
		`{"t":"people","c":{"x":{"v":"a","h":1,"d":"d"}},"c":{"y":{"v":2,"h":2,"d":"e"}}}`,
		`{"t":"people","c":{"x":{"v":{"nested":1},"h":1,"d":"d"}}}`,
		`{"t":"people","c":{"x":{"v":[1,2],"h":1,"d":"d"}}}`,
		`{"t":"people","c":{"x":{"v":"a","h":1.5,"d":"d"}}}`,
		`{"t":"people","c":{"x":{"v":"a","h":-1,"d":"d"}}}`,
		`{"t":"people","c":{"x":{"v":"a","h":18446744073709551616,"d":"d"}}}`,
		`{"t":"people","c":{"x":{"v":"a","h":null,"d":"d"}}}`,
		`{"t":"people","c":{"x":{"v":"\ud800","h":1,"d":"d"}}}`,
		"{\"t\":\"peo\xffple\"}",
		`{"t":5}`,
		` { "t" : "people" , "id" : "1" , "c" : { "x" : { "v" : 1e3 , "h" : 7 , "d" : "d" } } } `,
		`{"t":"people","extra":[1,{"a":2}]}`,
	} {
		rapid.Check(t, func(t *rapid.T) { sameDecoding(t, []byte(b)) })
	}
}
