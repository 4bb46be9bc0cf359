package networking

// The rotation: a grid of one row per table and one column per seat; in
// round r the person in row i, column j sits at table (i + speed[j]·r) mod
// tables (doc.go says why no pair meets twice).

// findSpeeds looks for one speed per column, the first 0, such that any
// two columns' difference d has order tables/gcd(d, tables) of at least
// rounds: then the rounds r with d·r ≡ k are at most one for every k. It
// gives up (false) when there is none, or when the search runs long.
func findSpeeds(tables, columns, rounds int) ([]int, bool) {
	speeds := make([]int, columns)
	if rounds <= 1 {
		return speeds, true // one round: anything goes
	}
	if columns > tables {
		return nil, false // two columns would share a speed
	}
	budget := 200_000
	var place func(j, from int) bool
	place = func(j, from int) bool {
		if j == columns {
			return true
		}
		for s := from; s < tables && budget > 0; s++ {
			budget--
			ok := true
			for _, earlier := range speeds[:j] {
				if additiveOrder(s-earlier, tables) < rounds {
					ok = false
					break
				}
			}
			if ok {
				speeds[j] = s
				if place(j+1, s+1) {
					return true
				}
			}
		}
		return false
	}
	return speeds, place(1, 1)
}

// additiveOrder is the order of d in the integers mod n.
func additiveOrder(d, n int) int { return n / gcd(((d%n)+n)%n, n) }

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// rotate seats p people (by index, hosts first) at tables: person k is in
// column k/tables, row k%tables, so the empty seats, fewer than tables,
// are all in the last column and no table is two short.
func rotate(p, tables int, speeds []int, rounds int) [][][]int {
	out := make([][][]int, rounds)
	for r := range rounds {
		seats := make([][]int, tables)
		for k := range p {
			column, row := k/tables, k%tables
			t := (row + speeds[column]*r) % tables
			seats[t] = append(seats[t], k)
		}
		out[r] = seats
	}
	return out
}

// SuggestedTables is a first guess at the tables for people: about six a
// table, rounded up to a prime no smaller than a table (and no more than
// half the people), where the rotation seats everyone every round for as
// many rounds as tables.
func SuggestedTables(people int) int {
	t := max(1, (people+5)/6)
	for c := t; c <= min(2*t+2, people/2); c++ {
		if isPrime(c) && (people+c-1)/c <= c {
			return c
		}
	}
	return t
}

func isPrime(n int) bool {
	if n < 2 {
		return false
	}
	for d := 2; d*d <= n; d++ {
		if n%d == 0 {
			return false
		}
	}
	return true
}
