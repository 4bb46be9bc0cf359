package main

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The load benchmark's harness on a small fleet through a real folder:
// two organisers' laptops and a booth laptop in a two-second rush of 50
// check-ins converge, every check-in arrives on both other laptops, and
// the end check passes; a visit logged on the booth laptop and never
// synced is then reported as a lost write.
func TestLoadHarnessConvergesAndNoticesALostWrite(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	shared := filepath.Join(dir, "shared")
	if err := os.Mkdir(shared, 0o700); err != nil {
		t.Fatal(err)
	}
	plan := loadPlan{organisers: 2, booths: 1, people: 60, checkIns: 50, visits: 10, edits: 5, conflicts: 1,
		rush: 2 * time.Second, every: 200 * time.Millisecond, wait: time.Minute}
	fl, err := newLoadFleet(ctx, dir, folderPlace(shared), plan.organisers, plan.booths, plan.people)
	if err != nil {
		t.Fatal(err)
	}
	defer fl.close()
	run, err := plan.run(ctx, fl, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		t.Fatal(err)
	}
	if run.converged.IsZero() {
		t.Fatalf("the laptops did not converge within %s of the rush: %v", plan.wait, run.behind)
	}
	if run.undelivered != 0 || len(run.latency) != 2*plan.checkIns {
		t.Fatalf("%d check-in arrivals measured, %d never arrived; want %d and 0", len(run.latency), run.undelivered, 2*plan.checkIns)
	}
	checked, err := fl.check(ctx, dir, run.written)
	if err != nil {
		t.Fatal(err)
	}
	if checked.checkIns != plan.checkIns || checked.visits != plan.visits || checked.titles != plan.edits || checked.conflicted != plan.conflicts ||
		checked.organisers != 2 || checked.booths != 1 {
		t.Fatalf("the end check found %+v for the plan %+v", checked, plan)
	}

	booth := fl.laptops[2]
	res, err := booth.st.LogVisitOf(ctx, booth.booth, fl.people[0], "staff")
	if err != nil {
		t.Fatal(err)
	}
	run.written.visits = append(run.written.visits, res.Visit.ID)
	_, err = fl.check(ctx, t.TempDir(), run.written)
	if !errors.Is(err, errLoadLost) || !strings.Contains(err.Error(), "visit "+res.Visit.ID+" is lost") {
		t.Fatalf("a visit never synced: the check said %v", err)
	}
}
