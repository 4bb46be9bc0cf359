package ui

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
	fdsync "github.com/fairdesk/fairdesk/data/sync"
)

// Laptops lists, invites and removes the laptops of the shared event, as
// fairctl laptops, invite and remove-laptop do; cmd/fairdesk gives the
// real one over data/sync. Each says ErrNotShared for an event that is not
// shared.
type Laptops interface {
	List(ctx context.Context) ([]fdsync.LaptopInfo, error)
	// Invite lists a new laptop of role and returns its invitation, as a
	// file's bytes and as a text code, opened by passphrase.
	Invite(ctx context.Context, role data.LaptopRole, name, passphrase string) (file []byte, code string, err error)
	// Remove removes the laptop and changes the keys it held.
	Remove(ctx context.Context, id string) error
}

// laptopsStore is what the list reads from the event: the booths, to name
// a booth laptop's booth and offer them in an invitation, and this
// laptop's own role.
type laptopsStore interface {
	Booths(ctx context.Context) ([]data.BoothRow, error)
	LocalRole(ctx context.Context) (data.LaptopRole, error)
}

// laptopsSection is the part of Settings → Sync that lists the event's
// laptops with their role and last sync, invites another and removes one.
// Only an organiser's laptop shows its controls.
type laptopsSection struct {
	laptopsDeps

	note    *widget.Label // why there is nothing to list, or what happened
	list    *fyne.Container
	invite  *widget.Button
	content fyne.CanvasObject

	listed []fdsync.LaptopInfo
	booths []data.BoothRow
	rows   map[string]*widget.Button // a laptop's id -> its Remove button

	inv   *inviteForm // the last invitation dialog
	where string      // the folder or bucket the event syncs in, as Sync settings last read it

	// chooseFile asks where to save an invitation; tests replace it.
	chooseFile func(then func(path string))
}

type laptopsDeps struct {
	screenEnv
	laptops Laptops // nil: this build has no sync
	store   laptopsStore
	win     fyne.Window
	show    func(dialog.Dialog)
	// afterChange asks for a sync, so that the new list and keys go out.
	afterChange func()
}

func newLaptopsSection(d laptopsDeps) *laptopsSection {
	s := &laptopsSection{laptopsDeps: d, rows: map[string]*widget.Button{}}
	s.chooseFile = s.saveDialog
	s.buildUI()
	return s
}

func (s *laptopsSection) buildUI() {
	s.note = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.list = container.NewVBox()
	s.invite = &widget.Button{Text: lang.L("Invite a laptop…"), Icon: theme.ContentAddIcon(), OnTapped: s.onInvite}
	s.invite.Hide()
	heading := &widget.Label{Text: lang.L("Laptops of this event"), TextStyle: fyne.TextStyle{Bold: true}}
	// Invite above the list, so that it is in view however long the list.
	s.content = container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, nil, s.invite, heading), s.note, s.list)
}

// refresh reads this laptop's role, the booths and the list.
func (s *laptopsSection) refresh() { s.refreshThen(nil) }

// refreshThen refreshes, then calls then (which may say what happened).
func (s *laptopsSection) refreshThen(then func()) {
	if s.laptops == nil {
		s.showNote(widget.MediumImportance, lang.L("Sync is not available in this build."))
		return
	}
	ctx := s.ctx
	go func() {
		role, err := s.store.LocalRole(ctx)
		if err == nil && !role.IsOrganiser() {
			s.do(s.showBoothLaptop)
			return
		}
		booths, _ := s.store.Booths(ctx)
		list, err := s.laptops.List(ctx)
		s.do(func() {
			s.fill(list, booths, err)
			if then != nil {
				then()
			}
		})
	}()
}

// showBoothLaptop hides the controls: booth staff neither see the list
// of laptops nor change it.
func (s *laptopsSection) showBoothLaptop() {
	s.list.RemoveAll()
	s.invite.Hide()
	s.showNote(widget.MediumImportance, lang.L("Only an organiser's laptop lists, invites and removes the event's laptops."))
}

func (s *laptopsSection) fill(list []fdsync.LaptopInfo, booths []data.BoothRow, err error) {
	switch {
	case errors.Is(err, context.Canceled):
		return
	case errors.Is(err, ErrNotShared):
		s.list.RemoveAll()
		s.invite.Hide()
		s.showNote(widget.MediumImportance, lang.L("Share this event first; then you can invite the other laptops here."))
		return
	case err != nil:
		s.invite.Show()
		s.showNote(widget.WarningImportance, fmt.Sprintf(lang.L("The list of laptops could not be read: %s."), joinHint(s.where, err)))
		return
	}
	s.listed, s.booths = list, booths
	s.invite.Show()
	s.note.Hide()
	s.list.RemoveAll()
	clear(s.rows)
	// This laptop first, then the others by name, the removed last.
	slices.SortStableFunc(list, func(a, b fdsync.LaptopInfo) int {
		if a.This != b.This {
			return cmp.Compare(b2i(b.This), b2i(a.This))
		}
		if a.Removed != b.Removed {
			return cmp.Compare(b2i(a.Removed), b2i(b.Removed))
		}
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	for _, l := range list {
		s.list.Add(s.row(l))
	}
	s.list.Refresh()
}

// row is one laptop: its name, role and last sync, and Remove unless it
// is this laptop or was removed.
func (s *laptopsSection) row(l fdsync.LaptopInfo) fyne.CanvasObject {
	name := &widget.Label{Text: l.Name, TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	last := lang.L("not synced yet")
	if !l.LastSync.IsZero() {
		last = fmt.Sprintf(lang.L("last sync %s"), l.LastSync.Local().Format("2006-01-02 15:04"))
	}
	detail := s.roleText(l.Role) + " · " + last
	switch {
	case l.Removed:
		detail = s.roleText(l.Role) + " · " + lang.L("removed: it cannot read what was written afterwards")
	case l.This:
		detail += " · " + lang.L("this laptop")
	}
	info := container.NewVBox(name, &widget.Label{Text: detail, Wrapping: fyne.TextWrapWord})
	if l.Removed || l.This {
		return info
	}
	// Plain: a red button on every row would shout; the confirmation is red.
	remove := &widget.Button{Text: lang.L("Remove…"), Icon: theme.DeleteIcon()}
	remove.OnTapped = func() { s.confirmRemove(l) }
	s.rows[l.ID] = remove
	return container.NewBorder(nil, nil, nil, container.NewVBox(remove), info)
}

// roleText is a laptop's role as people say it.
func (s *laptopsSection) roleText(role data.LaptopRole) string {
	if role.IsOrganiser() {
		return lang.L("Organiser")
	}
	for _, b := range s.booths {
		if b.ID == role.Booth() {
			return fmt.Sprintf(lang.L("Staff of booth %s"), boothLabel(b))
		}
	}
	return lang.L("Staff of a booth no longer in the event")
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func boothLabel(b data.BoothRow) string {
	name := b.Name
	if name == "" {
		name = b.OrgName
	}
	if name == "" {
		return b.Code
	}
	return b.Code + " " + name
}

// confirmRemove says what removing does before doing it.
func (s *laptopsSection) confirmRemove(l fdsync.LaptopInfo) {
	message := fmt.Sprintf(lang.L("“%s” (%s) leaves the event. Fairdesk changes the keys it held, so it cannot read anything written from now on; "+
		"what it already holds stays on it. The other laptops receive the new keys at their next sync and carry on: nothing needs doing on them."),
		l.Name, s.roleText(l.Role))
	d := dialog.NewCustomConfirm(fmt.Sprintf(lang.L("Remove “%s”?"), l.Name), lang.L("Remove this laptop"), lang.L("Cancel"),
		atLeastWide(&widget.Label{Text: message, Wrapping: fyne.TextWrapWord}, 420), func(ok bool) {
			if ok {
				s.remove(l)
			}
		}, s.win)
	d.SetConfirmImportance(widget.DangerImportance)
	s.show(d)
}

// remove removes the laptop in the background.
func (s *laptopsSection) remove(l fdsync.LaptopInfo) {
	if b := s.rows[l.ID]; b != nil {
		b.Disable()
	}
	s.showNote(widget.MediumImportance, fmt.Sprintf(lang.L("Removing “%s” and changing the keys…"), l.Name))
	ctx := s.ctx
	go func() {
		err := s.laptops.Remove(ctx, l.ID)
		s.do(func() {
			if errors.Is(err, context.Canceled) {
				return
			}
			if err != nil {
				if b := s.rows[l.ID]; b != nil {
					b.Enable()
				}
				s.showNote(widget.DangerImportance, fmt.Sprintf(lang.L("“%s” was not removed: %s."), l.Name, joinHint(s.where, err)))
				return
			}
			s.refreshThen(func() {
				s.showNote(widget.SuccessImportance, fmt.Sprintf(lang.L("“%s” is removed. The other laptops receive the new keys at their next sync."), l.Name))
			})
			if s.afterChange != nil {
				s.afterChange()
			}
		})
	}()
}

func (s *laptopsSection) showNote(importance widget.Importance, text string) {
	s.note.Importance = importance
	s.note.SetText(text)
	s.note.Show()
}
