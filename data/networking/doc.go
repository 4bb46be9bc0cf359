// Package networking plans the tables of a speed-networking session: in
// each round every participant sits at one small table, no two people
// share a table twice across the rounds, each table has job seekers and
// hosts (mentors, recruiters, exhibitor staff), and hosts of one sector
// or organisation sit at different tables. It reads and writes nothing:
// data.Store.NetworkingParticipants gathers the people, data/sheets and
// data/printouts write the plan. The same people and options always give
// the same plan, whatever order the people come in.
//
// Two methods, the first that fits:
//
//   - Rotation, when its numbers allow (always when the number of tables
//     is a prime at least as large as a table and the rounds): the people
//     stand in a grid of one row per table and one column per seat, hosts
//     first. In round r the person in row i, column j sits at table
//     (i + speed[j]·r) mod tables. Column 0 has speed 0, so its hosts keep
//     their table all session; two people of one column never meet; two of
//     different columns meet in exactly one round when the speeds' difference
//     has an order of at least the rounds in Z/tables. Everyone is seated
//     every round, tables differ by at most one person, and hosts sorted by
//     sector and organisation fill a column together, so they never meet.
//   - Search, otherwise: each round is seated greedily (hosts first, each
//     person at the table with the fewest of their kind and sector among
//     those where they know no one yet, a seated person moved aside when
//     that frees a table), tried in several orders from a generator seeded
//     by the input, the best kept. Someone who cannot be seated without
//     meeting a person again sits that round out, and the plan says so.
//
// When the numbers make it impossible to seat everyone every round (each
// person meets at least smallest-table − 1 new people a round, and there
// are only participants − 1 to meet; and after the first round a table
// takes at most one person from each table of the round before, so a
// table cannot seat more people than there are tables) the plan still
// never repeats a pair:
// the later rounds seat whom they can and list the rest as sitting out,
// and Plan.Warnings explains it.
package networking
