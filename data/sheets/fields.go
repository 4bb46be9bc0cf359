package sheets

import "fmt"

// Kind is what a spreadsheet holds.
type Kind string

const (
	People   Kind = "people"
	Sessions Kind = "sessions"
	Booths   Kind = "booths"
)

// field is one column Fairdesk understands. Exported fields are written by
// the exports in this order; the others are only read (a full name is split,
// 姓 and 名 are joined, a duration becomes an end).
type field struct {
	name     string
	exported bool
	aliases  []string // matched after normaliseHeader
}

// People fields, in export order.
const (
	pGiven = iota
	pFamily
	pKanji
	pKana
	pEmail
	pPhone
	pOrg
	pOrgKind
	pOrgSector
	pJobTitle
	pRoles
	pProgrammeRole
	pHostPrefecture
	pYears
	pYearReturned
	pInterests
	pIndustries
	pBadge
	pConsent
	pNotes
	pFullName
	pKanjiFamily
	pKanjiGiven
	pKanaFamily
	pKanaGiven
)

// Organisation columns are shared by people and booths.
var (
	orgAliases       = []string{"company", "company name", "organisation", "organization", "organisation name", "organization name", "affiliation", "employer", "institution", "会社名", "会社", "企業名", "所属", "所属先", "団体名", "勤務先", "組織名"}
	orgKindAliases   = []string{"organisation kind", "organization kind", "organisation type", "organization type", "company type", "org kind", "org type", "企業区分", "会社種別", "組織区分"}
	orgSectorAliases = []string{"sector", "organisation sector", "organization sector", "company sector", "business sector", "業種"}
)

var peopleFields = []field{
	pGiven:          {"given_name", true, []string{"first name", "given name", "forename", "first", "firstname"}},
	pFamily:         {"family_name", true, []string{"last name", "surname", "family name", "last", "lastname"}},
	pKanji:          {"kanji_name", true, []string{"kanji name", "name in kanji", "氏名", "氏名漢字", "漢字氏名", "名前漢字", "漢字"}},
	pKana:           {"kana_name", true, []string{"kana name", "kana", "furigana", "reading", "フリガナ", "ふりがな", "カナ", "氏名フリガナ", "氏名カナ", "氏名ふりがな"}},
	pEmail:          {"email", true, []string{"e-mail", "email address", "e-mail address", "mail", "attendee email", "your email", "メールアドレス", "メール", "eメール", "eメールアドレス", "電子メール"}},
	pPhone:          {"phone", true, []string{"phone number", "telephone", "tel", "mobile", "mobile phone", "cell phone", "電話番号", "電話", "携帯電話", "携帯電話番号", "携帯番号"}},
	pOrg:            {"organisation", true, orgAliases},
	pOrgKind:        {"organisation_kind", true, orgKindAliases},
	pOrgSector:      {"organisation_sector", true, orgSectorAliases},
	pJobTitle:       {"job_title", true, []string{"job title", "position", "job position", "headline", "designation", "役職", "役職名", "肩書", "肩書き"}},
	pRoles:          {"roles", true, []string{"role", "ticket type", "ticket name", "ticket", "attendee type", "registration type", "participant type", "参加区分", "参加者区分", "区分", "役割", "チケット種別", "チケットの種類", "チケット名"}},
	pProgrammeRole:  {"programme_role", true, []string{"programme role", "program role", "programme position", "program position", "jet role", "jet position"}},
	pHostPrefecture: {"host_prefecture", true, []string{"host prefecture", "prefecture", "都道府県", "赴任先", "赴任先都道府県", "任地"}},
	pYears:          {"years", true, []string{"years on programme", "years on program", "years on jet", "programme years", "program years", "在籍年数", "参加年数", "任期"}},
	pYearReturned:   {"year_returned", true, []string{"year returned", "return year", "year of return", "帰国年"}},
	pInterests:      {"interests", true, []string{"interest", "areas of interest", "興味", "関心", "関心分野", "興味のある分野"}},
	pIndustries:     {"industries", true, []string{"industry", "industries of interest", "業界", "希望業界", "興味のある業界"}},
	pBadge:          {"badge_code", true, []string{"badge code", "badge", "badge id", "badge number", "barcode", "バッジコード", "バッジ番号"}},
	pConsent:        {"consent", true, []string{"contact consent", "consent to share", "share contact details", "同意", "情報提供の同意", "個人情報の提供に同意"}},
	pNotes:          {"notes", true, []string{"note", "comments", "comment", "remarks", "備考", "メモ", "コメント"}},
	pFullName:       {"full_name", false, []string{"name", "full name", "attendee name", "your name", "名前", "お名前"}},
	pKanjiFamily:    {"kanji_family_name", false, []string{"姓", "苗字", "名字", "姓漢字", "漢字姓"}},
	pKanjiGiven:     {"kanji_given_name", false, []string{"名", "名漢字", "漢字名"}},
	pKanaFamily:     {"kana_family_name", false, []string{"セイ", "せい", "姓フリガナ", "姓カナ", "姓ふりがな", "フリガナ姓", "カナ姓"}},
	pKanaGiven:      {"kana_given_name", false, []string{"メイ", "めい", "名フリガナ", "名カナ", "名ふりがな", "フリガナ名", "カナ名"}},
}

// Session fields, in export order.
const (
	sID = iota
	sTitle
	sKind
	sStarts
	sEnds
	sRoom
	sLink
	sCapacity
	sSpeakers
	sDescription
	sRecording
	sDuration
	sDate
)

var sessionFields = []field{
	sID:          {"id", true, []string{"session id", "uid"}},
	sTitle:       {"title", true, []string{"session title", "session name", "session", "name", "タイトル", "セッション名", "題名", "演題"}},
	sKind:        {"kind", true, []string{"type", "session type", "session kind", "format", "種類", "種別", "形式"}},
	sStarts:      {"starts_at", true, []string{"start", "starts", "start time", "start date", "start date time", "begins", "from", "開始", "開始時刻", "開始時間", "開始日時"}},
	sEnds:        {"ends_at", true, []string{"end", "ends", "end time", "end date", "end date time", "until", "to", "終了", "終了時刻", "終了時間", "終了日時"}},
	sRoom:        {"room", true, []string{"track", "stage", "location", "venue", "会場", "部屋", "トラック", "場所"}},
	sLink:        {"link", true, []string{"url", "join link", "meeting link", "zoom link", "online link", "リンク", "参加リンク"}},
	sCapacity:    {"capacity", true, []string{"seats", "max attendees", "limit", "定員"}},
	sSpeakers:    {"speakers", true, []string{"speaker", "speaker emails", "speaker email", "presenters", "presenter", "panelists", "登壇者", "講演者", "スピーカー"}},
	sDescription: {"description", true, []string{"abstract", "summary", "details", "説明", "概要", "内容"}},
	sRecording:   {"recording_link", true, []string{"recording link", "recording", "recording url", "video", "video link", "録画", "録画リンク", "アーカイブ"}},
	sDuration:    {"duration", false, []string{"length", "duration minutes", "duration min", "minutes", "所要時間", "時間"}},
	sDate:        {"date", false, []string{"day", "session date", "日付", "開催日", "日程"}},
}

// Booth fields, in export order.
const (
	bCode = iota
	bName
	bOrg
	bOrgKind
	bOrgSector
	bLocation
	bStaff
	bLink
)

var boothFields = []field{
	bCode:      {"code", true, []string{"booth code", "booth", "booth number", "booth no", "booth id", "ブース番号", "ブースコード", "ブース"}},
	bName:      {"name", true, []string{"booth name", "exhibitor", "exhibitor name", "ブース名", "出展名"}},
	bOrg:       {"organisation", true, orgAliases},
	bOrgKind:   {"organisation_kind", true, orgKindAliases},
	bOrgSector: {"organisation_sector", true, orgSectorAliases},
	bLocation:  {"location", true, []string{"place", "hall", "area", "position", "場所", "位置", "エリア"}},
	bStaff:     {"staff", true, []string{"booth staff", "staff emails", "staff email", "representatives", "担当者", "スタッフ", "ブース担当者"}},
	bLink:      {"link", true, []string{"video link", "meeting link", "meeting room", "zoom link", "teams link", "online link", "url", "リンク", "参加リンク"}},
}

func fieldsOf(kind Kind) ([]field, error) {
	switch kind {
	case People:
		return peopleFields, nil
	case Sessions:
		return sessionFields, nil
	case Booths:
		return boothFields, nil
	}
	return nil, fmt.Errorf("unknown kind of sheet %q (want people, sessions or booths)", kind)
}

// Fields lists the field names a column of this kind of sheet can map to,
// for a mapping screen: first the ones the exports write, in their order,
// then the ones only read (full_name, kanji_family_name, duration ...).
// It is empty for an unknown kind.
func Fields(kind Kind) []string {
	fields, _ := fieldsOf(kind)
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	return names
}
