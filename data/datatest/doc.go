// Package datatest is what the tests of data, and of the packages built on
// it, share: a fake clock, a store on a real SQLite file in t.TempDir(),
// and the fair day. Only tests import it.
//
// The tests of package data that look at its internals (migrations,
// stamps, the replication harness and its hooks) cannot import it, since
// it imports data: they stay in package data with one small opener of
// their own, openTemp. The others are in package data_test and use this.
package datatest
