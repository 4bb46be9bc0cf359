package sync

import (
	"context"
	"fmt"
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
// folder still finds, once every fullListingEvery. A folder on disk has no start-after listing, so it is listed
// whole every sync, as before.
const feedDir = "feed"

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

// announce writes the feed entry of this laptop's last batch, when the
// folder is a bucket and it has not been written yet (a failure is tried
// again at the next sync). It is stamped with the newest of this laptop's
// clock and the stamps it has seen, so that a laptop whose clock is behind
// still announces near the others' times.
func (e *Engine) announce(ctx context.Context) {
	if _, ok := e.Folder.(listerAfter); !ok {
		return
	}
	_, last, _, err := e.state(ctx)
	if err != nil || last == 0 {
		return
	}
	v, _ := e.Store.LocalValue(ctx, keyAnnounced)
	if done, _ := strconv.ParseInt(v, 10, 64); done >= last {
		return
	}
	at := e.Store.Now()
	if seen, err := e.Store.SeenVector(ctx); err == nil {
		for _, h := range seen {
			if t := h.Time(); t.After(at) && t.Sub(at) < clockTolerance {
				at = t
			}
		}
	}
	if err := e.Folder.Create(ctx, feedDir+"/"+feedName(at, e.Store.DeviceID(), last), nil); err != nil {
		return
	}
	e.Store.SetLocalValues(ctx, map[string]string{keyAnnounced: strconv.FormatInt(last, 10)})
}

// devicesToList names the device folders this sync lists: every one
// (a listing of devices/), or, through a bucket between full listings,
// those the feed announces a batch beyond applied of since the previous
// sync (less the margin), and this laptop's own.
func (e *Engine) devicesToList(ctx context.Context, applied map[string]int64) ([]string, error) {
	la, bucket := e.Folder.(listerAfter)
	now := e.Store.Now()
	full, fullErr := e.stateTime(ctx, keyFullListing)
	pass, passErr := e.stateTime(ctx, keyFeedRead)
	recent := func(t time.Time, within time.Duration) bool { return !t.After(now) && now.Sub(t) < within }
	if bucket && fullErr == nil && passErr == nil && recent(full, fullListingEvery) && recent(pass, fullListingEvery) {
		if news, err := e.readFeed(ctx, la, pass.Add(-feedMargin)); err == nil {
			e.setStateTime(ctx, keyFeedRead, now)
			me := e.Store.DeviceID()
			devices := []string{me}
			for dev, seq := range news {
				if dev != me && seq > applied[dev] {
					devices = append(devices, dev)
				}
			}
			return devices, nil
		}
	}
	devices, err := e.Folder.List(ctx, devicesDir)
	if err != nil {
		return nil, err
	}
	if bucket {
		e.setStateTime(ctx, keyFullListing, now)
		e.setStateTime(ctx, keyFeedRead, now)
	}
	return devices, nil
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
