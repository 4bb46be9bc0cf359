package data

import "context"

// FillFromRows merges the rows of a snapshot that an encrypted shared
// folder gives this laptop's role (the sections it holds keys for) into
// this empty store, checked and filtered like any batch from the writer
// (the gate: its role, erasures, what this laptop's role may hold), and
// records the checkpoints the snapshot includes, so that reading resumes
// after them. It is one transaction: all of it or nothing.
func (s *Store) FillFromRows(ctx context.Context, from Origin, rows []RowChange, included []Checkpoint) (ApplyStats, error) {
	var stats ApplyStats
	for _, rc := range rows {
		if err := checkRowChange(rc); err != nil {
			return stats, err
		}
	}
	err := s.write(ctx, func(w *writer) error {
		m := &merger{w: w, from: from, known: map[string]HLC{}}
		if err := m.findAbsent(rows); err != nil {
			return err
		}
		g, err := s.newGate(w)
		if err != nil {
			return err
		}
		m.gate = g
		var newest HLC
		for _, rc := range rows {
			rc, ok, err := g.admit(w, from, rc, &stats)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			if err := m.mergeRow(rc, &stats); err != nil {
				return err
			}
			for _, c := range rc.Cells {
				newest = max(newest, c.HLC)
			}
			stats.Rows++
		}
		if err := m.flagDuplicates(&stats); err != nil {
			return err
		}
		if err := g.finish(w); err != nil {
			return err
		}
		for _, c := range included {
			if _, err := w.tx.Exec(`INSERT INTO sync_peers (device, name, last_seq, last_hlc) VALUES (?, ?, ?, ?)
				ON CONFLICT (device) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq), last_hlc = max(last_hlc, excluded.last_hlc)`,
				c.Device, c.Name, c.Seq, int64(c.HLC)); err != nil {
				return err
			}
		}
		if newest.Time().Before(s.clock.now().Add(maxClockLead)) {
			s.clock.observe(newest)
		}
		w.changed = true
		return nil
	})
	return stats, err
}

// AllBoothIDs lists every booth id the database knows, deleted booths and
// those only named by a visit or lead included: the audiences whose keys an
// organiser's laptop derives to read the shared folder.
func (s *Store) AllBoothIDs(ctx context.Context) ([]string, error) {
	var ids []string
	err := s.reader.SelectContext(ctx, &ids, `SELECT id FROM booths UNION SELECT booth_id FROM visits
		UNION SELECT booth_id FROM leads UNION SELECT booth_id FROM lead_exports
		UNION SELECT booth_id FROM meeting_slots WHERE booth_id <> '' UNION SELECT booth_id FROM meetings WHERE booth_id <> ''
		UNION SELECT booth_id FROM host_preferences WHERE booth_id <> '' ORDER BY 1`)
	return ids, err
}
