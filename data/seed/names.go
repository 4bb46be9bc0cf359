package seed

// Name pools for synthetic people. The Japanese entries carry kanji and
// their kana reading together so that generated people are consistent.

type jaName struct{ latin, kanji, kana string }

var jaFamily = []jaName{
	{"Sato", "佐藤", "さとう"}, {"Suzuki", "鈴木", "すずき"}, {"Takahashi", "高橋", "たかはし"},
	{"Tanaka", "田中", "たなか"}, {"Watanabe", "渡辺", "わたなべ"}, {"Ito", "伊藤", "いとう"},
	{"Yamamoto", "山本", "やまもと"}, {"Nakamura", "中村", "なかむら"}, {"Kobayashi", "小林", "こばやし"},
	{"Kato", "加藤", "かとう"}, {"Yoshida", "吉田", "よしだ"}, {"Yamada", "山田", "やまだ"},
	{"Sasaki", "佐々木", "ささき"}, {"Yamaguchi", "山口", "やまぐち"}, {"Matsumoto", "松本", "まつもと"},
	{"Inoue", "井上", "いのうえ"}, {"Kimura", "木村", "きむら"}, {"Hayashi", "林", "はやし"},
	{"Shimizu", "清水", "しみず"}, {"Mori", "森", "もり"}, {"Ikeda", "池田", "いけだ"},
	{"Hashimoto", "橋本", "はしもと"}, {"Ishikawa", "石川", "いしかわ"}, {"Ogawa", "小川", "おがわ"},
}

var jaGiven = []jaName{
	{"Haruto", "陽翔", "はると"}, {"Yui", "結衣", "ゆい"}, {"Sota", "蒼太", "そうた"},
	{"Aoi", "葵", "あおい"}, {"Ren", "蓮", "れん"}, {"Mei", "芽衣", "めい"},
	{"Takumi", "匠", "たくみ"}, {"Sakura", "さくら", "さくら"}, {"Kenji", "健二", "けんじ"},
	{"Yuki", "由紀", "ゆき"}, {"Hiroshi", "博", "ひろし"}, {"Naoko", "直子", "なおこ"},
	{"Daisuke", "大輔", "だいすけ"}, {"Emi", "恵美", "えみ"}, {"Kaito", "海斗", "かいと"},
	{"Rin", "凛", "りん"}, {"Shota", "翔太", "しょうた"}, {"Misaki", "美咲", "みさき"},
}

var latinGiven = []string{
	"Olivia", "James", "Amelia", "Oliver", "Isla", "Jack", "Sophie", "Harry", "Grace", "Noah",
	"Chloe", "Liam", "Emily", "Ethan", "Hannah", "Lucas", "Zara", "Aidan", "Priya", "Mateo",
	"Chen", "Fatima", "Kwame", "Ingrid", "Rhys", "Siobhan", "Tomás", "Ana", "David", "Laura",
}

var latinFamily = []string{
	"Smith", "Jones", "Williams", "Brown", "Taylor", "Davies", "Evans", "Wilson", "Thomas", "Roberts",
	"Johnson", "Walker", "Wright", "Robinson", "Thompson", "White", "Hughes", "Edwards", "Green", "Hall",
	"O'Brien", "MacDonald", "Patel", "Khan", "Nguyen", "García", "Müller", "Kowalski", "Okafor", "Lindqvist",
}

// Organisations are invented; any likeness to a real one is chance.
var organisationPool = []struct {
	name, sector, kind string
}{
	{"Hoshikawa Trading K.K.", "Trading", "japanese_company"},
	{"Minato Robotics", "Manufacturing", "japanese_company"},
	{"Kitakaze Bank", "Finance", "japanese_company"},
	{"Sakuragi Pharma", "Healthcare", "japanese_company"},
	{"Aozora Electronics", "Technology", "japanese_company"},
	{"Tsubame Logistics", "Logistics", "japanese_company"},
	{"Northbridge Consulting", "Consulting", "non_japanese_company"},
	{"Albion Media Group", "Media", "non_japanese_company"},
	{"Greyfriars Capital", "Finance", "non_japanese_company"},
	{"Meridian Translation Ltd", "Language services", "non_japanese_company"},
	{"Harbourside Engineering", "Engineering", "non_japanese_company"},
	{"Council for Local Exchange", "Public administration", "public_sector"},
	{"Department of Trade Outreach", "Public administration", "public_sector"},
	{"City International Office", "Local government", "public_sector"},
	{"Kumo Labs", "Software", "startup"},
	{"Tanuki Games", "Games", "startup"},
	{"Greenleaf Energy", "Clean energy", "startup"},
	{"Bento Analytics", "Data", "startup"},
	{"Alumni Association", "Non-profit", "other"},
	{"University Careers Service", "Education", "other"},
}

var jobTitles = []string{
	"Graduate", "Analyst", "Software Engineer", "Recruiter", "HR Manager", "Consultant",
	"Translator", "Teacher", "Project Manager", "Account Manager", "Researcher", "Director",
}

var prefectures = []string{
	"Hokkaido", "Aomori", "Miyagi", "Niigata", "Nagano", "Shizuoka", "Aichi", "Kyoto", "Osaka",
	"Hyogo", "Hiroshima", "Ehime", "Fukuoka", "Kumamoto", "Okinawa", "Tokyo", "Kanagawa", "Gifu",
}

var programmeRoles = []string{"ALT", "CIR", "SEA"}

var interestPool = []string{
	"Finance", "Technology", "Education", "Translation", "Consulting", "Public sector",
	"Start-ups", "Marketing", "Tourism", "Engineering", "Research", "Sustainability",
}
