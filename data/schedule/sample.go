package schedule

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// SampleFair makes a fair of the benchmark's shape, the same for the same
// seed: hosts (every other one a mentor, the rest booths) with slots of
// 15 minutes from 11:00 on 23 October 2026 in London, each seeker asking
// to meet requests different hosts with scores from 1 to 20, a third of
// the seekers signed up for a 45-minute session, one mentor in ten
// speaking at one, and a host in ten saying "no thanks" to one seeker.
func SampleFair(seekers, hosts, slots, requests int, seed uint64) Fair {
	rng := rand.New(rand.NewPCG(seed, 1))
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		london = time.UTC
	}
	opening := time.Date(2026, 10, 23, 11, 0, 0, 0, london)
	f := Fair{Cap: map[string]int{}, NoThanks: map[[2]string]bool{}, HostPerson: map[string]string{}, Busy: map[string][]Interval{}}
	session := func() Interval {
		s := opening.Add(time.Duration(rng.IntN(max(slots*15-45, 1))) * time.Minute)
		return Interval{s, s.Add(45 * time.Minute)}
	}
	for h := range hosts {
		host := fmt.Sprintf("host-%04d", h)
		if h%2 == 0 {
			person := "mentor-" + host
			f.HostPerson[host] = person
			if rng.IntN(10) == 0 {
				f.Busy[person] = append(f.Busy[person], session())
			}
		}
		for k := range slots {
			s := opening.Add(time.Duration(k*15) * time.Minute)
			f.Slots = append(f.Slots, Slot{ID: fmt.Sprintf("%s-%02d", host, k), Host: host, Start: s, End: s.Add(15 * time.Minute)})
		}
	}
	for s := range seekers {
		seeker := fmt.Sprintf("seeker-%05d", s)
		for _, h := range rng.Perm(hosts)[:min(requests, hosts)] {
			f.Requests = append(f.Requests, Request{Seeker: seeker, Host: fmt.Sprintf("host-%04d", h), Score: 1 + rng.IntN(20)})
		}
		if rng.IntN(3) == 0 {
			f.Busy[seeker] = append(f.Busy[seeker], session())
		}
	}
	for h := 0; h < hosts; h += 10 {
		f.NoThanks[[2]string{fmt.Sprintf("host-%04d", h), fmt.Sprintf("seeker-%05d", rng.IntN(max(seekers, 1)))}] = true
	}
	return f
}
