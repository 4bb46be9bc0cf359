package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/fairdesk/fairdesk/data"
)

// tidyDatabase finishes a restore or join that a kill interrupted, saying
// so, and removes the temporary files a crash left beside the database.
// A missing database is an error unless the command makes one: a typo in
// --db, or a database lost by a crash, must not become a new empty event.
func tidyDatabase(path string, creates bool, stderr io.Writer) error {
	note, err := data.FinishReplacement(path)
	if err != nil {
		return err
	}
	if note != "" {
		fmt.Fprintln(stderr, note)
	}
	if removed, _ := data.RemoveLeftovers(path); len(removed) > 0 {
		fmt.Fprintf(stderr, "removed %d temporary files that an interrupted run left beside %s\n", len(removed), path)
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) && !creates {
		return fmt.Errorf("there is no event database at %s; check --db, or make one with fairctl demo, join, seed or import", path)
	}
	return nil
}
