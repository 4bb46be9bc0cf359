package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
)

// loadChecked is what the end-of-run check found.
type loadChecked struct {
	organisers, booths int // laptops checked
	checkIns, visits   int // rows written in the rush and found on the organisers
	titles             int // single edits found as the person's job title
	conflicts          int // conflicting pairs listed as conflicts
	conflicted         int // conflicting pairs made
}

// check compares the fleet's databases at the end: every organiser's dump
// is the same; every booth laptop's equals the organisers' data filtered
// to its audience (data.Store.DumpForRole, the check of the privacy
// property test); and every write of the rush is in the organisers' data.
// A conflicting pair's job title must be one of its two values, and the
// pair is counted when it is listed as a conflict. The error names what
// is lost or differs, by laptop and record id.
func (fl *loadFleet) check(ctx context.Context, scratch string, w *loadWritten) (loadChecked, error) {
	var c loadChecked
	var want string
	first := fl.laptops[0]
	var problems []string
	for _, l := range fl.laptops {
		var b bytes.Buffer
		if err := l.st.Dump(ctx, &b); err != nil {
			return c, err
		}
		if l.organiser() {
			c.organisers++
			if l == first {
				want = b.String()
			} else if b.String() != want {
				problems = append(problems, fmt.Sprintf("%s's data differs from %s's", l.name, first.name))
			}
			continue
		}
		var filtered bytes.Buffer
		if err := first.st.DumpForRole(ctx, l.role, filepath.Join(scratch, l.name+"-filtered.db"), &filtered); err != nil {
			return c, err
		}
		c.booths++
		if b.String() != filtered.String() {
			problems = append(problems, fmt.Sprintf("booth laptop %s's data differs from %s's filtered to its booth", l.name, first.name))
		}
	}
	rows, err := dumpRows(want)
	if err != nil {
		return c, err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, id := range w.checkIns {
		if _, ok := rows["checkins"][id]; ok {
			c.checkIns++
		} else {
			problems = append(problems, fmt.Sprintf("check-in %s is lost", id))
		}
	}
	for _, id := range w.visits {
		if _, ok := rows["visits"][id]; ok {
			c.visits++
		} else {
			problems = append(problems, fmt.Sprintf("visit %s is lost", id))
		}
	}
	for id, title := range w.titles {
		if got := rows["people"][id]["job_title"]; got == title {
			c.titles++
		} else {
			problems = append(problems, fmt.Sprintf("the edit of person %s's job title is lost", id))
		}
	}
	listed := map[string]bool{}
	for _, r := range rows["conflicts"] {
		if r["tbl"] == "people" && r["col"] == "job_title" {
			listed[fmt.Sprint(r["row_id"])] = true
		}
	}
	for id, pair := range w.conflicted {
		c.conflicted++
		got := rows["people"][id]["job_title"]
		if got != pair[0] && got != pair[1] {
			problems = append(problems, fmt.Sprintf("person %s's job title is neither of the two given on two laptops", id))
		}
		if listed[id] {
			c.conflicts++
		}
	}
	for _, err := range w.failures {
		problems = append(problems, fmt.Sprintf("a write failed: %v", err))
	}
	if len(problems) > 0 {
		more := ""
		if len(problems) > 5 {
			more = fmt.Sprintf(" (and %d more)", len(problems)-5)
			problems = problems[:5]
		}
		return c, fmt.Errorf("%w: %s%s", errLoadLost, strings.Join(problems, "; "), more)
	}
	return c, nil
}

// dumpRows reads a dump back: table -> id -> column -> value.
func dumpRows(dump string) (map[string]map[string]map[string]any, error) {
	rows := map[string]map[string]map[string]any{}
	sc := bufio.NewScanner(strings.NewReader(dump))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var rec map[string]any
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("read a dump back: %w", err)
		}
		table, _ := rec["_table"].(string)
		id, _ := rec["id"].(string)
		if rows[table] == nil {
			rows[table] = map[string]map[string]any{}
		}
		rows[table][id] = rec
	}
	return rows, sc.Err()
}
