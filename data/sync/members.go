package sync

import (
	"context"
	"encoding/json"
	"maps"

	"filippo.io/age"
)

// keyMembers is this laptop's note of which roster member writes each
// device stream it has read (local, never synced): the laptops list shows
// each member's last sync from it.
const keyMembers = "sync_members"

func (e *Engine) noteMember(ctx context.Context, dev, member string) {
	if e.members == nil {
		e.members = map[string]string{}
		if v, _ := e.Store.LocalValue(ctx, keyMembers); v != "" {
			json.Unmarshal([]byte(v), &e.members)
		}
	}
	if e.members[dev] == member {
		return
	}
	e.members[dev] = member
	b, _ := json.Marshal(maps.Clone(e.members))
	e.Store.SetLocalValues(ctx, map[string]string{keyMembers: string(b)})
}

func mustAgeRecipient(identity string) string {
	id, err := age.ParseX25519Identity(identity)
	if err != nil {
		return ""
	}
	return id.Recipient().String()
}
