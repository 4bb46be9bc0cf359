package data

// SnapshotTempPrefix begins the names of the temporary copies of a shared
// snapshot that joining and catching up make beside the database (never
// in the system's temporary folder). Any file beside the database whose
// name starts with it is left over from an interrupted join and may go.
const SnapshotTempPrefix = ".fairdesk-snapshot-"

// MaxFieldBytes is the most one field may hold when it arrives from
// another laptop, in a batch or a snapshot. The longest real fields are
// notes and custom fields: a page of notes is about 3 KB, so 1 MiB is some
// three hundred pages, and a field past it is an attack, not an event.
const MaxFieldBytes = 1 << 20

// MaxIDBytes bounds a row's key from another laptop: ours are UUIDs (36
// characters), 32-digit conflict ids, or two UUIDs for a link (73).
const MaxIDBytes = 256
