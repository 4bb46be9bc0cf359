// The encrypted folder: what its format protects and what it leaks.
// (DESIGN.md beside this file describes the protocol it wraps: per-device
// streams, sequence numbers, checkpoints, gaps, held-back batches and
// republishing are unchanged; encryption wraps each file's payload.)
//
// Everything in it is a sealed file (seal.go): a plaintext header naming
// the kind of file, the writer's roster id, its device stream and number,
// the key generation, and per section an opaque key id (an HMAC under the
// key), a random 24-byte nonce and a length; then the sections, each
// XChaCha20-Poly1305 under one audience's key with the header as
// additional data; then an ed25519 signature of everything before it.
// A batch holds one section per audience (everyone, organisers, each
// booth: data.LocalChangesFor); a snapshot is one file per audience; the
// event file, snapshot manifests and the roster are under the everyone
// key. Keys are random 256-bit keys made by the organiser who shares the
// event (a booth's derived by HKDF from a random booth master key, so
// that every organiser holds the keys of booths made later), kept in the
// local database (local_state, never synced; the file is 0600).
//
// What the format protects: without a key, nothing of the content (no
// name, e-mail, booth, laptop name or count of people); with a booth's
// keys, nothing of other booths or the organisers; no file can be changed,
// cut short, moved to another place or written by a laptop not in the
// roster without being refused whole (the signature, then each section's
// authentication, then the inner header's event, device and number); and
// a laptop's writes are checked against its role from the roster, row by
// row (data.CheckWrite), and each section's key against what that role
// holds. A removed laptop reads nothing written after its removal: new
// key generations go only to the laptops that remain (rotate.go).
//
// What it leaks, to anyone who can read the folder: how many files there
// are, their sizes and times; how many device streams (laptops that have
// written) and batches each has (the names say it, the feed's and the
// markers' in latest/ too); the number of sections per batch and of
// parts per snapshot (so roughly how many audiences, that is booths, a
// change or snapshot touches); the number of key generations (laptops
// removed) and roster changes; and which sections of different files are
// under the same key (key ids are stable within a generation). Device and
// roster ids are random and name no one.
//
// Limits: a laptop keeps what it received before its removal, and a
// removed organiser's laptop held the roster key of its generation (a
// reader uses only the newest generation's roster records, so its later
// records are ignored by laptops that took the new keys). Key delivery
// needs the remaining laptops to sync: until then their streams wait for
// the new keys (errKeysNotYet) rather than skip what they cannot open;
// an organiser's laptop waits in the same way for a booth another
// organiser wrote to before the booth's own batch reached it
// (errBoothNotYet).

package sync
