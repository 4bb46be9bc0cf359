#!/usr/bin/env bash
# Make fairdesk-ja.ttf, the Japanese font built into Fairdesk, from IPA P
# Gothic (Debian's fonts-ipafont-gothic, ipagp.ttf, version 003.03): a
# subset with ASCII, Latin-1, general punctuation and arrows, the CJK symbols
# and punctuation, hiragana, katakana, the full-width forms and the 6,355
# kanji of JIS X 0208 levels 1 and 2, with no hinting: everything a Japanese
# screen shows, in one font (mixing it with Fyne's own font within a line
# shifted or boxed the text). As the IPA
# Font License requires of a derived font, it is renamed: its name has no
# "IPA" in it. Needs `apt-get install fonts-ipafont-gothic fonttools`.
set -euo pipefail
cd "$(dirname "$0")"
src=${1:-/usr/share/fonts/opentype/ipafont-gothic/ipagp.ttf}
/usr/bin/python3 - "$src" <<'PY'
import sys
from fontTools import subset
from fontTools.ttLib import TTFont

codes = []
for a, b in [(0x20, 0x7E), (0xA0, 0xFF), (0x2010, 0x2044), (0x2190, 0x2193), (0x3000, 0x303F), (0x3040, 0x30FF), (0x31F0, 0x31FF), (0xFF00, 0xFFEF), (0x4E00, 0x9FFF)]:
    for cp in range(a, b + 1):
        if cp >= 0x4E00:
            try:
                chr(cp).encode("shift_jis")  # JIS X 0208 kanji only
            except UnicodeEncodeError:
                continue
        codes.append(cp)
options = subset.Options()
options.layout_features = ["*"]
options.hinting = False
options.desubroutinize = True
options.name_IDs = ["*"]
options.name_legacy = True
font = TTFont(sys.argv[1])
sub = subset.Subsetter(options)
sub.populate(unicodes=codes)
sub.subset(font)
for rec in font["name"].names:
    if rec.nameID in (1, 3, 4, 6, 16, 17):
        text = {1: "Fairdesk Japanese", 3: "Fairdesk Japanese 003.03", 4: "Fairdesk Japanese",
                6: "FairdeskJapanese", 16: "Fairdesk Japanese", 17: "Regular"}[rec.nameID]
        rec.string = text
# Line metrics as the app's own font (Noto Sans: ascent 1.069 em, descent
# 0.293 em). Fyne sizes a line by the theme font; with IPA's shorter line,
# Latin text drawn through it lost its lower edge.
upm = font["head"].unitsPerEm
ascent, descent = round(1.069 * upm), round(0.293 * upm)
font["hhea"].ascent, font["hhea"].descent, font["hhea"].lineGap = ascent, -descent, 0
os2 = font["OS/2"]
os2.sTypoAscender, os2.sTypoDescender, os2.sTypoLineGap = ascent, -descent, 0
os2.usWinAscent, os2.usWinDescent = ascent, descent
font.save("fairdesk-ja.ttf")
print("fairdesk-ja.ttf:", len(codes), "characters")
PY
