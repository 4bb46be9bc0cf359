// Command fairdesk is the Fairdesk desktop application. It opens the event
// database, creates the app and hands over to package ui.
package main

import (
	"context"
	"log"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/fairdesk/fairdesk/assets"
	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/demo"
	"github.com/fairdesk/fairdesk/data/keychain"
	"github.com/fairdesk/fairdesk/ui"
)

func main() {
	a := app.NewWithID("io.fairdesk.app")
	if printVersion(a, os.Args[1:], os.Stdout) {
		return
	}
	path := data.DefaultPath()
	opened := openedFile(os.Args[1:])
	if handOver(path, opened) {
		return // the Fairdesk open on this database took it
	}
	later, stopListening, err := listenForLater(path)
	if err != nil {
		log.Printf("a later start of Fairdesk will open a second window: %v", err)
	} else {
		defer stopListening()
	}
	ui.SetupLanguage(a) // translations and the Japanese font, before any window
	a.SetIcon(fyne.NewStaticResource(assets.IconName, assets.Icon))

	if !tidyDatabase(a, path) {
		return
	}
	store, err := data.Open(path, data.Options{})
	if err != nil {
		ui.ShowOpenError(a, path, err)
		return
	}
	// Settings → Privacy: contact details of people who did not consent
	// go once the chosen number of days after the event has passed.
	if n, err := store.ApplyContactRetention(context.Background(), time.Now()); err != nil {
		log.Printf("deleting unconsented contact details: %v", err)
	} else if n > 0 {
		log.Printf("deleted the contact details of %d people who did not consent", n)
	}
	backup, invitation := sortOpened(opened)
	events := &eventDatabase{path: path, store: store, loadDemo: demo.Load}
	defer events.close()
	// fyne.Do only queues: the window closes when its loop gets to it.
	quit := newQuitter(func() { fyne.Do(a.Quit) }, events.close)
	quit.quitOnSignals()

	ui.Run(a, ui.Config{
		Store:          store,
		Path:           path,
		LoadDemo:       func(ctx context.Context) error { return demo.Load(ctx, events.store) },
		StartNewEvent:  events.startNew,
		OpenDemo:       events.openDemo,
		Syncer:         newEngineSyncer,
		Laptops:        newEngineLaptops,
		Keychain:       keychain.Desktop{},
		JoinEvent:      events.join,
		RestoreBackup:  events.restore,
		OpenBackup:     backup,
		OpenInvitation: invitation,
		OpenedLater:    later,
		Quit:           quit.quit,
		Screen:         primaryScreen(),
		Placement:      &glfwPlacement{},
	})
}

// tidyDatabase finishes a restore, join or new event that a crash
// interrupted, telling the user, and removes the temporary files a crash
// left beside the database. It reports whether the database can be opened.
func tidyDatabase(a fyne.App, path string) bool {
	note, err := data.FinishReplacement(path)
	if err != nil {
		ui.ShowOpenError(a, path, err)
		return false
	}
	if note != "" {
		log.Print(note)
		a.SendNotification(fyne.NewNotification("Fairdesk", note))
	}
	if removed, _ := data.RemoveLeftovers(path); len(removed) > 0 {
		log.Printf("removed %d temporary files that an interrupted run left beside %s", len(removed), path)
	}
	return true
}
