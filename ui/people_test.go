package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/fairdesk/fairdesk/data"
	"github.com/fairdesk/fairdesk/data/datatest"
)

// fairPeople have fixed badge codes: a random one could start with what a
// test searches for.
func fairPeople() []data.Person {
	return []data.Person{
		{GivenName: "Taro", FamilyName: "Yamada", KanjiName: "山田 太郎", KanaName: "やまだ たろう",
			Email: "taro@example.jp", Roles: data.NewSet(string(data.RoleMentor)), JobTitle: "Engineer", BadgeCode: "B00001"},
		{GivenName: "Hanako", FamilyName: "Sato", KanjiName: "佐藤 花子", KanaName: "さとう はなこ",
			Email: "hanako@example.jp", Roles: data.NewSet(string(data.RoleRecruiter), string(data.RoleSpeaker)), BadgeCode: "B00002"},
		{KanjiName: "鈴木 一郎", KanaName: "すずき いちろう", Email: "ichiro@example.jp", Roles: data.NewSet(string(data.RoleJobSeeker)), BadgeCode: "B00003"},
		{GivenName: "Emma", FamilyName: "Brown", Email: "emma@example.co.uk", Roles: data.NewSet(string(data.RoleJobSeeker)), BadgeCode: "B00004"},
		{GivenName: "Liam", FamilyName: "Taylor", Email: "liam@example.com", Roles: data.NewSet(string(data.RoleOrganiser)), BadgeCode: "B00005"},
	}
}

func newTestPeopleScreen(t *testing.T, st peopleStore) (*peopleScreen, *uiQueue) {
	t.Helper()
	test.NewTempApp(t)
	q := newUIQueue()
	w := test.NewWindow(widget.NewLabel(""))
	s := newPeopleScreen(peopleDeps{screenEnv: q.env(context.Background()), store: st, win: w})
	w.SetContent(s.content)
	w.Resize(fyne.NewSize(1000, 600))
	t.Cleanup(w.Close)
	return s, q
}

// visibleNames are the names on the rows the list currently draws.
func visibleNames(s *peopleScreen) []string {
	var names []string
	walk(s.list, func(o fyne.CanvasObject) {
		if row, ok := o.(*personRow); ok && row.Visible() && row.personID != "" {
			names = append(names, strings.TrimSpace(row.heading.Text+" "+row.kanji.Text))
		}
	})
	slices.Sort(names)
	return names
}

func TestPeopleSearchFiltersAsYouType(t *testing.T) {
	st := datatest.Open(t, nil)
	savePeople(t, st, fairPeople()...)
	s, q := newTestPeopleScreen(t, st)

	s.refresh()
	q.waitFor(t, "everyone listed", func() bool { return s.count.Text == "5 people" && len(visibleNames(s)) == 5 })

	cases := []struct {
		typed     string
		wantCount string
		wantNames []string
	}{
		{"yam", "1 person matches “yam”", []string{"Taro Yamada 山田 太郎"}},
		{"山田", "1 person matches “山田”", []string{"Taro Yamada 山田 太郎"}},
		{"さとう", "1 person matches “さとう”", []string{"Hanako Sato 佐藤 花子"}},
		{"鈴木", "1 person matches “鈴木”", []string{"鈴木 一郎"}},
		{"ta", "2 people match “ta”", []string{"Liam Taylor", "Taro Yamada 山田 太郎"}},
		{"hanako@ex", "1 person matches “hanako@ex”", []string{"Hanako Sato 佐藤 花子"}},
		{"nobody", "No one matches “nobody”", nil},
	}
	for _, c := range cases {
		s.search.SetText("")
		test.Type(s.search, c.typed)
		q.waitFor(t, "search for "+c.typed, func() bool {
			return s.count.Text == c.wantCount && slices.Equal(visibleNames(s), c.wantNames)
		})
	}

	s.search.SetText("")
	q.waitFor(t, "everyone listed again", func() bool { return s.count.Text == "5 people" && len(visibleNames(s)) == 5 })
}

func TestSelectingPersonOpensTheForm(t *testing.T) {
	st := datatest.Open(t, nil)
	savePeople(t, st, fairPeople()...)
	s, q := newTestPeopleScreen(t, st)

	test.Type(s.search, "hanako")
	q.waitFor(t, "Hanako found", func() bool { return s.total == 1 && len(visibleNames(s)) == 1 })
	if s.form.open {
		t.Fatal("the form is open before anyone is selected")
	}
	s.list.Select(0)
	if got := s.form.heading.Text; got != "Hanako Sato  佐藤 花子" {
		t.Errorf("form heading %q", got)
	}
	got := map[string]string{"given": s.form.given.Text, "kanji": s.form.kanji.Text, "kana": s.form.kana.Text, "email": s.form.email.Text}
	want := map[string]string{"given": "Hanako", "kanji": "佐藤 花子", "kana": "さとう はなこ", "email": "hanako@example.jp"}
	for k := range want {
		if got[k] != want[k] {
			t.Errorf("form %s = %q, want %q", k, got[k], want[k])
		}
	}
	if !s.form.roles[data.RoleRecruiter].Checked || !s.form.roles[data.RoleSpeaker].Checked || s.form.roles[data.RoleMentor].Checked {
		t.Error("role checks do not match Recruiter and Speaker")
	}

	test.Type(s.search, "zzz")
	q.waitFor(t, "new search", func() bool { return s.total == 0 })
	if s.form.open {
		t.Error("the form still shows a person the list no longer has")
	}
}

func TestPeopleListFetchesPagesAsTheyScrollIntoView(t *testing.T) {
	st := datatest.Open(t, nil)
	const many = 3*peoplePageSize + 17
	err := st.ImportTx(context.Background(), func(b *data.ImportTx) error {
		for i := range many {
			p := data.Person{GivenName: "Person", FamilyName: fmt.Sprintf("N%05d", i)}
			if err := b.SavePerson(&p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s, q := newTestPeopleScreen(t, st)

	s.refresh()
	q.waitFor(t, "first page", func() bool { return s.total == many && len(visibleNames(s)) > 0 })
	if len(s.pages) != 1 {
		t.Errorf("%d pages read before scrolling, want only the first", len(s.pages))
	}

	s.list.ScrollToBottom()
	last := fmt.Sprintf("Person N%05d", many-1)
	q.waitFor(t, "last page", func() bool { return slices.Contains(visibleNames(s), last) })
	if _, ok := s.pages[(many-1)/peoplePageSize]; !ok {
		t.Error("last page not cached")
	}
	if len(s.pages) > 3 {
		t.Errorf("%d pages read, want only those in view", len(s.pages))
	}
}

// slowStore holds back the count for one query until released, so that a
// later search finishes first.
type slowStore struct {
	peopleStore
	slowQuery string
	release   chan struct{}
}

func (s slowStore) CountPeople(ctx context.Context, f data.PeopleFilter) (int, error) {
	if f.Query == s.slowQuery {
		<-s.release
	}
	return s.peopleStore.CountPeople(context.WithoutCancel(ctx), f)
}

func TestStaleSearchAnswerIsDropped(t *testing.T) {
	st := datatest.Open(t, nil)
	savePeople(t, st, fairPeople()...)
	slow := slowStore{peopleStore: st, slowQuery: "taylor", release: make(chan struct{})}
	s, q := newTestPeopleScreen(t, slow)

	s.search.SetText("taylor")
	s.search.SetText("brown")
	q.waitFor(t, "Brown found", func() bool { return s.count.Text == "1 person matches “brown”" })
	close(slow.release)
	q.settle()
	if got := visibleNames(s); !slices.Equal(got, []string{"Emma Brown"}) {
		t.Errorf("after the older search answered late the list shows %q, want Emma Brown", got)
	}
	if s.count.Text != "1 person matches “brown”" {
		t.Errorf("count %q after a late answer", s.count.Text)
	}
}
