package main

import (
	"bufio"
	"encoding/json"
	"io"
	"log"
	"net"
	"os"
	"path/filepath"
	"time"

	"github.com/fairdesk/fairdesk/ui"
)

// One window per database. A second start of Fairdesk on the database
// that is open already (a backup or an invitation double-clicked while
// the app runs, or the icon clicked again) hands the file it was asked to
// open to the first, over a socket beside the database, and ends: two
// windows on one database would each restore or join over the other's.
// What is handed over is only offered, as at a start: restoring or
// joining still asks the user.

// maxHandOver bounds what a start hands over: one file's path.
const maxHandOver = 64 << 10

func handOverSocket(db string) string { return db + "-app" }

// handOver asks the Fairdesk running on db to open file ("" only brings
// its window to the front), and reports whether one answered.
func handOver(db, file string) bool {
	c, err := net.DialTimeout("unix", handOverSocket(db), time.Second)
	if err != nil {
		return false
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	if err := json.NewEncoder(c).Encode(file); err != nil {
		return false
	}
	reply, err := bufio.NewReader(c).ReadString('\n')
	return err == nil && reply == "ok\n"
}

// listenForLater takes, until stop, the files that later starts on db
// hand over. A socket left by a Fairdesk that ended without removing it
// (a crash) is replaced: handOver found no one answering it.
func listenForLater(db string) (opened <-chan ui.OpenedFile, stop func(), err error) {
	sock := handOverSocket(db)
	// On the first start the database's folder is not made yet.
	if err := os.MkdirAll(filepath.Dir(sock), 0o700); err != nil {
		return nil, nil, err
	}
	l, err := net.Listen("unix", sock)
	if _, left := os.Lstat(sock); err != nil && left == nil {
		os.Remove(sock)
		l, err = net.Listen("unix", sock)
	}
	if err != nil {
		return nil, nil, err
	}
	os.Chmod(sock, 0o600)
	files := make(chan ui.OpenedFile, 4)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return // stopped
			}
			go takeHandOver(c, files)
		}
	}()
	return files, func() { l.Close() }, nil
}

func takeHandOver(c net.Conn, files chan<- ui.OpenedFile) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	var file string
	if err := json.NewDecoder(io.LimitReader(c, maxHandOver)).Decode(&file); err != nil {
		log.Printf("ignored what another start of Fairdesk sent: %v", err)
		return
	}
	io.WriteString(c, "ok\n")
	backup, invitation := sortOpened(file)
	files <- ui.OpenedFile{Backup: backup, Invitation: invitation}
}
