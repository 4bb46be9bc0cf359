// Package assets holds the files that are built into Fairdesk: for now the
// application icon. It imports no fyne, so data/ and cmd/fairctl can use it;
// the GUI wraps the bytes with fyne.NewStaticResource("icon.png", assets.Icon).
package assets

import "embed"

// Icon is the application icon, a 512x512 PNG drawn from icon.svg.
//
//go:embed icon.png
var Icon []byte

// IconName is the file name to give Icon when it is wrapped as a resource.
const IconName = "icon.png"

// Translations holds the English and Japanese text of the interface, one
// JSON file a language (translations/en.json, translations/ja.json), for
// lang.AddTranslationsFS. The keys are the English text.
//
//go:embed translations
var Translations embed.FS

// JapaneseFont is "Fairdesk Japanese", a subset of IPA P Gothic with Latin,
// kana, punctuation, full-width forms and the JIS level 1 and 2 kanji: the
// text font of a Japanese interface, so that it renders on machines with no
// Japanese font (fonts/IPA_Font_License.txt; fonts/make-font.sh makes it).
//
//go:embed fonts/fairdesk-ja.ttf
var JapaneseFont []byte

// JapaneseFontName is the file name to give JapaneseFont as a resource.
const JapaneseFontName = "fairdesk-ja.ttf"

// JapaneseBoldFont is "Fairdesk Japanese Bold", the same characters from
// Noto Sans CJK JP Bold, for bold text in a Japanese interface: IPA P
// Gothic has no bold face (fonts/Noto_CJK_License.txt; fonts/make-font.sh
// makes it).
//
//go:embed fonts/fairdesk-ja-bold.otf
var JapaneseBoldFont []byte

// JapaneseBoldFontName is the file name to give JapaneseBoldFont as a resource.
const JapaneseBoldFontName = "fairdesk-ja-bold.otf"
