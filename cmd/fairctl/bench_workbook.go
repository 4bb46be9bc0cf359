package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/seed"
	"github.com/fairdesk/fairdesk/data/sheets"
)

// runWorkbookBench is the workbook part of the bench alone: seed people,
// then time their .xlsx import beside their CSV import.
func runWorkbookBench(ctx context.Context, e *env, rest []string, people int) error {
	if err := noArgs(rest); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "fairdesk-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	st, err := data.Open(filepath.Join(dir, "source.db"), data.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	if err := seed.Generate(ctx, st, seed.Options{People: people, Seed: 1, SkipSessions: true}); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Fairdesk workbook benchmark, %d people (lower is better)\n\n", people)
	return benchWorkbookImport(ctx, e.stdout, st, dir)
}

// benchWorkbookImport exports the people of st as CSV and as a workbook
// (.xlsx) and imports each into a new database: the same rows, side by
// side, so the ratio is the cost of reading the workbook.
func benchWorkbookImport(ctx context.Context, out io.Writer, st *data.Store, dir string) error {
	csvPath, xlsxPath := filepath.Join(dir, "export.csv"), filepath.Join(dir, "export.xlsx")
	err := writeFileAtomically(csvPath, func(w io.Writer) error { return sheets.ExportPeople(ctx, st, w) })
	if err != nil {
		return err
	}
	start := time.Now()
	err = writeFileAtomically(xlsxPath, func(w io.Writer) error { return sheets.ExportWorkbook(ctx, st, sheets.People, w) })
	if err != nil {
		return err
	}
	export := time.Since(start)
	fromCSV, a, err := timeImport(ctx, filepath.Join(dir, "from-csv.db"), csvPath)
	if err != nil {
		return err
	}
	a.Close()
	fromXLSX, b, err := timeImport(ctx, filepath.Join(dir, "from-xlsx.db"), xlsxPath)
	if err != nil {
		return err
	}
	b.Close()
	fmt.Fprintf(out, "import people .xlsx      fairdesk %8s   the same rows as CSV %8s   ratio %.2f (target <= 2; writing the .xlsx took %s)\n",
		round(fromXLSX), round(fromCSV), fromXLSX.Seconds()/fromCSV.Seconds(), round(export))
	return nil
}
