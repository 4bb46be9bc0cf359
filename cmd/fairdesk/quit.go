package main

import (
	"log"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"
)

// Quitting, by SIGTERM or Ctrl+C in the terminal, Ctrl+Q, File → Quit or
// closing the window, ends the program within two seconds with the
// database closed. Fyne's own shutdown can stall: with a busy window its
// main loop was seen waiting in Lifecycle.WaitForEvents for an event that
// waited in turn to run on the main loop, and the program never ended.
// So the window is asked to close, and if the program has not ended by
// itself after quitGrace, the database is closed and the process exits.

// quitGrace is how long the window gets to close by itself; closeGrace
// how long closing the database may then take (it waits for a write under
// way to commit) before the process exits regardless.
const (
	quitGrace  = 900 * time.Millisecond
	closeGrace = 600 * time.Millisecond
)

// quitter ends the program once, whichever way quitting was asked for.
type quitter struct {
	closeWindow func()         // asks the window to close; must not block
	closeDB     func()         // closes the database; safe twice and from any goroutine
	exit        func(code int) // os.Exit
	quitGrace   time.Duration
	closeGrace  time.Duration

	once sync.Once
}

func newQuitter(closeWindow, closeDB func()) *quitter {
	return &quitter{closeWindow: closeWindow, closeDB: closeDB, exit: os.Exit, quitGrace: quitGrace, closeGrace: closeGrace}
}

// quit asks the window to close and makes sure the process ends: it may be
// called from any goroutine, any number of times.
func (q *quitter) quit() {
	q.once.Do(func() {
		q.closeWindow()
		go func() {
			time.Sleep(q.quitGrace)
			log.Printf("the window did not close within %v of quitting; closing the database and exiting", q.quitGrace)
			q.closeAndExit(0)
		}()
	})
}

// closeAndExit closes the database, waiting at most closeGrace, and exits.
func (q *quitter) closeAndExit(code int) {
	closed := make(chan struct{})
	go func() {
		q.closeDB()
		close(closed)
	}()
	select {
	case <-closed:
	case <-time.After(q.closeGrace):
		log.Printf("the database did not close within %v; exiting (SQLite keeps every committed change)", q.closeGrace)
	}
	q.exit(code)
}

// quitOnSignals quits on SIGTERM and SIGINT; a second signal exits at once
// (after closing the database, within closeGrace).
func (q *quitter) quitOnSignals() {
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, syscall.SIGTERM, os.Interrupt)
	go func() {
		<-signals
		q.quit()
		<-signals
		q.closeAndExit(1)
	}()
}
