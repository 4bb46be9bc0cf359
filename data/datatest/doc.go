// Package datatest is what the tests of data, and of the packages built on
// it, share: a fake clock, a store on a real SQLite file in t.TempDir(),
// the fair day, and the database's rows read as its dump writes them
// (records.go: the check-in log, the lead exports, SQLite's integrity
// check), so that no test needs a Store method of its own. Only tests
// import it.
//
// The tests of package data that look at its internals (migrations,
// stamps, the replication harness and its hooks) cannot import it, since
// it imports data: they stay in package data with one small opener of
// their own, openTemp. The others are in package data_test and use this.
package datatest
