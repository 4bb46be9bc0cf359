package sync

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The feed lets a sync through a bucket find new batches without listing
// every laptop's folder, so that a sync with nothing new costs the same
// few requests whether the event has 5 laptops or 50. After writing a
// batch, a laptop announces it with an empty object
// feed/<time>-<device>-<seq>, <time> being 13 digits of Unix milliseconds:
// the names sort by when they were written. A reader lists the feed from
// its previous sync's time less feedMargin, and then the folders of only
// the laptops announcing a batch it has not applied, and its own.
//
// The feed is a hint: batches are read and checked as ever from the
// device folders, and a forged announcement costs a listing, no more.
// Whatever it misses (an announcement not written, a laptop whose clock is
// behind by more than the margin) the full listing of every device
// folder still finds, once every fullListingEvery.
const feedDir = "feed"

// A shared folder on disk (a file share, a Dropbox-like folder) has no
// start-after listing and may bring files late and out of order. There a
// laptop keeps one marker of its newest batch instead, an empty file
// latest/<device>-<seq>, and removes the one before once the new one is
// written. A reader lists latest/ (one listing however many laptops),
// then the folders of the laptops whose marker is beyond what it applied,
// and its own. A marker that comes before its batch keeps that folder
// listed until the batch comes; a laptop that had no marker at the last
// full listing (one of a version before markers) is listed at every sync;
// and markers of laptops that had no folder then and none of whose batches
// this laptop applied are followed for at most newMarked a sync, so that
// forged ones cost some listings, no more: at the start of a fair dozens
// of laptops write their first batch at once.
const latestDir = "latest"

const newMarked = 64

func latestName(device string, seq int64) string { return fmt.Sprintf("%s-%010d", device, seq) }

// parseLatestName reads a marker's name; anything else is not one.
func parseLatestName(name string) (device string, seq int64, ok bool) {
	device, num, found := strings.Cut(name, "-")
	if !found || !validDevice(device) || len(num) != 10 || !allDigits(num) {
		return "", 0, false
	}
	seq, _ = strconv.ParseInt(num, 10, 64)
	return device, seq, validSeq(seq)
}

// markedFolders is what the last full listing of a shared folder found:
// every laptop's folder, and those of laptops with no marker.
type markedFolders struct {
	Devices  []string `json:"devices"`
	Unmarked []string `json:"unmarked"`
}

// feedMargin is how far before its previous sync a reader looks: writers'
// clocks differ, and an announcement is stamped with the newest time its
// writer had seen, which lags by about a sync.
const feedMargin = 30 * time.Second

// fullListingEvery is how often a sync through a bucket lists every
// device folder regardless of the feed.
var fullListingEvery = 10 * time.Minute

func feedName(at time.Time, device string, seq int64) string {
	return fmt.Sprintf("%013d-%s-%010d", max(at.UnixMilli(), 0), device, seq)
}

// parseFeedName reads an announcement's name; anything else is not one.
func parseFeedName(name string) (at int64, device string, seq int64, ok bool) {
	parts := strings.Split(name, "-")
	if len(parts) != 3 || len(parts[0]) != 13 || !allDigits(parts[0]) || !validDevice(parts[1]) || len(parts[2]) != 10 || !allDigits(parts[2]) {
		return 0, "", 0, false
	}
	at, _ = strconv.ParseInt(parts[0], 10, 64)
	seq, _ = strconv.ParseInt(parts[2], 10, 64)
	return at, parts[1], seq, validSeq(seq)
}

// announce writes the feed entry (a bucket) or the marker (a shared
// folder) of this laptop's last batch when it has not been written yet;
// a failure is tried again at the next sync.
func (e *Engine) announce(ctx context.Context) {
	_, last, _, err := e.state(ctx)
	if err != nil || last == 0 {
		return
	}
	v, _ := e.Store.LocalValue(ctx, keyAnnounced)
	done, _ := strconv.ParseInt(v, 10, 64)
	if done >= last {
		return
	}
	me := e.Store.DeviceID()
	if _, bucket := e.Folder.(listerAfter); bucket {
		if err := e.Folder.Create(ctx, feedDir+"/"+feedName(e.feedTime(ctx), me, last), nil); err != nil {
			return
		}
	} else {
		if err := e.Folder.Create(ctx, latestDir+"/"+latestName(me, last), nil); err != nil && !errors.Is(err, ErrExists) {
			return
		}
		if done > 0 {
			e.Folder.Remove(ctx, latestDir+"/"+latestName(me, done))
		}
	}
	e.Store.SetLocalValues(ctx, map[string]string{keyAnnounced: strconv.FormatInt(last, 10)})
}

// feedTime stamps a feed entry with the newest of this laptop's clock and
// the stamps it has seen, so that a laptop whose clock is behind still
// announces near the others' times.
func (e *Engine) feedTime(ctx context.Context) time.Time {
	at := e.Store.Now()
	if seen, err := e.Store.SeenVector(ctx); err == nil {
		for _, h := range seen {
			if t := h.Time(); t.After(at) && t.Sub(at) < clockTolerance {
				at = t
			}
		}
	}
	return at
}

// devicesToList names the device folders this sync lists: every one
// (a listing of devices/), or, between full listings, this laptop's own
// and those of the laptops with a batch beyond applied: in a bucket those
// the feed announces since the previous sync (less the margin), in a
// shared folder those whose marker says so (and those with none).
func (e *Engine) devicesToList(ctx context.Context, applied map[string]int64) ([]string, error) {
	la, bucket := e.Folder.(listerAfter)
	now := e.Store.Now()
	full, fullErr := e.stateTime(ctx, keyFullListing)
	pass, passErr := e.stateTime(ctx, keyFeedRead)
	recent := func(t time.Time, within time.Duration) bool { return !t.After(now) && now.Sub(t) < within }
	if fullErr == nil && passErr == nil && recent(full, fullListingEvery) && recent(pass, fullListingEvery) {
		var devices []string
		var err error
		if bucket {
			devices, err = e.announcedDevices(ctx, la, pass.Add(-feedMargin), applied)
		} else {
			devices, err = e.markedDevices(ctx, applied)
		}
		if err == nil {
			e.setStateTime(ctx, keyFeedRead, now)
			return devices, nil
		}
	}
	devices, err := e.Folder.List(ctx, devicesDir)
	if err != nil {
		return nil, err
	}
	if !bucket && e.noteMarked(ctx, devices) != nil {
		return devices, nil // the next sync lists every folder again
	}
	e.setStateTime(ctx, keyFullListing, now)
	e.setStateTime(ctx, keyFeedRead, now)
	return devices, nil
}

// announcedDevices is this laptop and those the feed announces a batch
// beyond applied of, stamped after from.
func (e *Engine) announcedDevices(ctx context.Context, la listerAfter, from time.Time, applied map[string]int64) ([]string, error) {
	news, err := e.readFeed(ctx, la, from)
	if err != nil {
		return nil, err
	}
	me := e.Store.DeviceID()
	devices := []string{me}
	for dev, seq := range news {
		if dev != me && seq > applied[dev] {
			devices = append(devices, dev)
		}
	}
	return devices, nil
}

// markedDevices is this laptop, those whose marker is beyond applied
// (at most newMarked of them that this laptop has not applied from and
// that had no folder at the last full listing), and those that had no
// marker then.
func (e *Engine) markedDevices(ctx context.Context, applied map[string]int64) ([]string, error) {
	v, err := e.Store.LocalValue(ctx, keyUnmarked)
	if err != nil || v == "" {
		return nil, fmt.Errorf("no full listing of the folder yet")
	}
	var last markedFolders
	if err := json.Unmarshal([]byte(v), &last); err != nil {
		return nil, err
	}
	marks, err := e.readLatest(ctx)
	if err != nil {
		return nil, err
	}
	me := e.Store.DeviceID()
	listed := map[string]bool{me: true}
	devices := []string{me}
	add := func(dev string) {
		if !listed[dev] {
			listed[dev] = true
			devices = append(devices, dev)
		}
	}
	known := map[string]bool{}
	for _, dev := range last.Devices {
		known[dev] = true
	}
	newcomers := 0
	for _, dev := range slices.Sorted(maps.Keys(marks)) {
		if marks[dev] <= applied[dev] {
			continue
		}
		if _, seen := applied[dev]; !known[dev] && !seen {
			if newcomers == newMarked {
				continue
			}
			newcomers++
		}
		add(dev)
	}
	for _, dev := range last.Unmarked {
		add(dev)
	}
	return devices, nil
}

// noteMarked remembers, after a full listing of a shared folder, its
// laptops' folders and those of laptops that have no marker.
func (e *Engine) noteMarked(ctx context.Context, devices []string) error {
	marks, err := e.readLatest(ctx)
	if err != nil {
		return err
	}
	last := markedFolders{Devices: devices}
	for _, dev := range devices {
		if _, ok := marks[dev]; !ok && dev != e.Store.DeviceID() && validDevice(dev) {
			last.Unmarked = append(last.Unmarked, dev)
		}
	}
	b, err := json.Marshal(last)
	if err != nil {
		return err
	}
	return e.Store.SetLocalValues(ctx, map[string]string{keyUnmarked: string(b)})
}

// readLatest lists the markers of a shared folder: each laptop's newest
// batch.
func (e *Engine) readLatest(ctx context.Context) (map[string]int64, error) {
	names, err := e.Folder.List(ctx, latestDir)
	if err != nil {
		return nil, err
	}
	marks := map[string]int64{}
	for _, n := range names {
		if dev, seq, ok := parseLatestName(n); ok {
			marks[dev] = max(marks[dev], seq)
		}
	}
	return marks, nil
}

// readFeed lists the announcements stamped after from and returns the
// newest batch each device announced.
func (e *Engine) readFeed(ctx context.Context, la listerAfter, from time.Time) (map[string]int64, error) {
	names, err := la.ListAfter(ctx, feedDir, fmt.Sprintf("%013d", max(from.UnixMilli(), 0)))
	if err != nil {
		return nil, err
	}
	news := map[string]int64{}
	for _, n := range names {
		if _, dev, seq, ok := parseFeedName(n); ok {
			news[dev] = max(news[dev], seq)
		}
	}
	return news, nil
}

func (e *Engine) stateTime(ctx context.Context, key string) (time.Time, error) {
	v, err := e.Store.LocalValue(ctx, key)
	if err != nil {
		return time.Time{}, err
	}
	return time.Parse(time.RFC3339Nano, v)
}

func (e *Engine) setStateTime(ctx context.Context, key string, t time.Time) {
	e.Store.SetLocalValues(ctx, map[string]string{key: t.UTC().Format(time.RFC3339Nano)})
}
