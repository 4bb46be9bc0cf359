package data

import "strings"

// Every table the migrations make is one of these kinds, and only the
// synced ones (syncedTables, with their stamps) ever leave this laptop, in
// a batch or a shared snapshot. TestEveryTableIsSyncedOrLocal fails when a
// migration adds a table that is in none of the lists.
var (
	// localTables are this laptop's own: its identity and settings, what it
	// has read from whom, the history of replaced values and what its user
	// follows and was told. A shared snapshot holds none of their rows and a
	// joining laptop starts them empty.
	localTables = []string{"local_state", "history", "sync_peers", "followed_sessions", "wanted_visitors", "notify_ledger", "notifications", "refused_changes"}

	// stampsTable holds the per-field change stamps of the synced tables;
	// it travels with them.
	stampsTable = "stamps"

	// derivedTables are rebuilt from synced rows (the people search index
	// and the shadow tables FTS5 keeps for it, and the live people's names
	// in name order), each a row a live person with the person's rowid: a
	// snapshot leaves them empty and the laptop that reads it fills them
	// again.
	derivedTables = []string{"people_fts", "people_names"}
)

// tableKind says how a table of the schema travels: "synced", "stamps",
// "local", "derived", or "" for a table in no list.
func tableKind(name string) string {
	if _, ok := tableNamed(name); ok {
		return "synced"
	}
	if name == stampsTable {
		return stampsTable
	}
	for _, l := range localTables {
		if name == l {
			return "local"
		}
	}
	for _, d := range derivedTables {
		if name == d || strings.HasPrefix(name, d+"_") {
			return "derived"
		}
	}
	return ""
}

// Keys of local_state, the one registry of them: data and data/sync both
// write this table, and a key used by two parts for two things would mix
// a device id with a setting. Everything under local_state is local.
const (
	stateDevice     = "device_id"
	stateSeq        = "seq"
	stateHLC        = "hlc"
	stateLaptop     = "laptop_name"
	stateRows       = "local_rows" // rows ever changed here, for "not yet shared"
	stateNotifyTick = "notify.last_tick"
	// This laptop's role (organiser or booth:<id>); none is an organiser's.
	stateRole = "privacy_role"
	// Settings → Privacy: delete unconsented contact details N days after the event.
	stateContactDays = "privacy_contact_days"

	// Kept by data/sync for itself.
	StateSyncFolder    = "sync_folder"
	StateSyncSentSeq   = "sync_sent_seq"   // local changes up to here are in batches
	StateSyncLastBatch = "sync_last_batch" // the number of this laptop's last batch
	StateSyncPending   = "sync_pending"    // a batch being written: {seq, sha256, upTo}
	StateSyncLastOK    = "sync_last_ok"
	StateSyncSentRows  = "sync_sent_rows" // how many of this laptop's changed rows are in batches
	StateSyncPublished = "sync_published" // this laptop's batches in the folder: seq -> sha256
	StateSyncHeld      = "sync_held"      // batches held back for a clock far ahead
	StateSyncAccepted  = "sync_accepted"  // held batches an organiser let in: device -> seq
	StateSyncShredded  = "sync_shredded"  // how many erasures this laptop's files in the folder reflect
	StateSyncRoster    = "sync_roster"    // the list of laptops as merged from the roster files last listed
	StateSyncSnapshot  = "sync_snapshot"  // the batch this laptop's newest snapshot in the folder is as of
	StateSyncAnnounced = "sync_announced" // the last batch of this laptop's announced in the feed or marked in latest/
	StateSyncFullList  = "sync_full_list" // when a sync last listed every laptop's folder
	StateSyncFeedRead  = "sync_feed_read" // when a sync last found the new batches in the feed or latest/
	StateSyncUnmarked  = "sync_unmarked"  // a shared folder's laptops with no marker in latest/ at the last full listing, and those it had

	// Kept by data/matchmaking: the match score's weights (Settings), as JSON.
	StateMatchWeights = "match_weights"
)
