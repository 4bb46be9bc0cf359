package sync

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/fairdesk/fairdesk/data"
)

func TestABigBatchDecodesInOrderAndNamesItsFirstBadRow(t *testing.T) {
	rows := make([]data.RowChange, 5*rowsPerChunk+7)
	lines := make([][]byte, len(rows))
	for i := range rows {
		rows[i] = data.RowChange{Table: "people", ID: fmt.Sprintf("p%06d", i), Cells: map[string]data.Cell{
			"given_name": {Value: fmt.Sprint("Name ", i), Stamp: data.Stamp{HLC: data.HLC(i + 1), Dev: forged}},
		}}
		line, err := json.Marshal(rows[i])
		if err != nil {
			t.Fatal(err)
		}
		lines[i] = line
	}
	h := batchHeader{Event: "event", Device: forged, Seq: 1}
	b, err := encodeLines(h, lines)
	if err != nil {
		t.Fatal(err)
	}
	_, got, err := decodeBatch(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(rows) {
		t.Fatalf("decoded %d rows of %d", len(got), len(rows))
	}
	for i := range rows {
		if got[i].ID != rows[i].ID || got[i].Cells["given_name"].Value != rows[i].Cells["given_name"].Value {
			t.Fatalf("row %d came out as %+v, want %+v", i+1, got[i], rows[i])
		}
	}

	// Two bad rows in different chunks: the error names the first, as
	// reading the rows one by one would.
	first, second := 2*rowsPerChunk+5, 4*rowsPerChunk+1
	lines[second] = []byte(`{"t":"people","id":"x","c":{"given_name":{"h":1,"d":"` + forged + `","v":{}}}}`)
	lines[first] = []byte(`{"t":"people",`)
	b, err = encodeLines(h, lines)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = decodeBatch(b)
	if want := fmt.Sprintf("row %d:", first+1); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("want an error naming %q, got %v", want, err)
	}
}
