#!/usr/bin/env bash
# Make the Japanese fonts built into Fairdesk, one subset each of
#   fairdesk-ja.ttf       IPA P Gothic (Debian's fonts-ipafont-gothic,
#                         ipagp.ttf, version 003.03): the text font
#   fairdesk-ja-bold.otf  Noto Sans CJK JP Bold (Debian's fonts-noto-cjk,
#                         NotoSansCJK-Bold.ttc, the JP font of it, version
#                         2.004): bold text, which IPA P Gothic has no face for
# with ASCII, Latin-1, general punctuation and arrows, the CJK symbols and
# punctuation, hiragana, katakana, the full-width forms and the 6,355 kanji
# of JIS X 0208 levels 1 and 2, with no hinting: everything a Japanese
# screen shows, in one font per weight (mixing one with Fyne's own font
# within a line shifted or boxed the text). As the IPA Font License and the
# SIL Open Font License ask of a derived font, each is renamed: "Fairdesk
# Japanese" and "Fairdesk Japanese Bold" (IPA_Font_License.txt,
# Noto_CJK_License.txt). The bold keeps only the OpenType features that
# horizontal Japanese uses: with all of them ("*", as the regular) the
# subset also pulled in Noto's Korean, Chinese and vertical forms, 16,240
# glyphs and 3.7 MB instead of 8,282 and 1.8 MB. It keeps its CFF
# subroutines (6% smaller). Needs `apt-get install fonts-ipafont-gothic
# fonts-noto-cjk python3-fonttools`.
#   make-font.sh [IPA_P_GOTHIC [NOTO_CJK_BOLD_TTC]]
set -euo pipefail
cd "$(dirname "$0")"
regular=${1:-/usr/share/fonts/opentype/ipafont-gothic/ipagp.ttf}
bold=${2:-/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc}
/usr/bin/python3 - "$regular" "$bold" <<'PY'
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


def make(src, number, out, names, features, desubroutinize):
    options = subset.Options()
    options.layout_features = features
    options.hinting = False
    options.desubroutinize = desubroutinize
    options.name_IDs = ["*"]
    options.name_legacy = True
    font = TTFont(src, fontNumber=number)
    sub = subset.Subsetter(options)
    sub.populate(unicodes=codes)
    sub.subset(font)
    for rec in font["name"].names:
        if rec.nameID in names:
            rec.string = names[rec.nameID]
    if "GPOS" in font:
        # Proportional widths for kana and punctuation ("palt", which Fyne
        # does not ask for) go into the kerning, which it does: IPA P
        # Gothic's kana are proportional, and Noto's full-width kana made
        # bold labels a fifth wider than the regular text, and an 800x600
        # window too wide. (A shaper takes one feature of a tag per
        # language, so the lookups join the kern feature.)
        gpos = font["GPOS"].table
        records = gpos.FeatureList.FeatureRecord
        for script in gpos.ScriptList.ScriptRecord:
            for ls in [script.Script.DefaultLangSys] + [r.LangSys for r in script.Script.LangSysRecord]:
                tags = {records[k].FeatureTag: records[k] for k in ls.FeatureIndex} if ls else {}
                if "kern" in tags and "palt" in tags:
                    kern = tags["kern"].Feature
                    kern.LookupListIndex = sorted(set(kern.LookupListIndex) | set(tags["palt"].Feature.LookupListIndex))
                    kern.LookupCount = len(kern.LookupListIndex)
    if "CFF " in font:  # a CFF font names itself once more
        cff = font["CFF "].cff
        cff.fontNames = [names[6]]
        top = cff.topDictIndex[0]
        top.FullName, top.FamilyName = names[4], names[1]
    # Line metrics as the app's own font (Noto Sans: ascent 1.069 em,
    # descent 0.293 em). Fyne sizes a line by the theme font; with IPA's
    # shorter line, Latin text drawn through it lost its lower edge.
    upm = font["head"].unitsPerEm
    ascent, descent = round(1.069 * upm), round(0.293 * upm)
    font["hhea"].ascent, font["hhea"].descent, font["hhea"].lineGap = ascent, -descent, 0
    os2 = font["OS/2"]
    os2.sTypoAscender, os2.sTypoDescender, os2.sTypoLineGap = ascent, -descent, 0
    os2.usWinAscent, os2.usWinDescent = ascent, descent
    font.save(out)
    print(out + ":", len(codes), "characters")


make(sys.argv[1], -1, "fairdesk-ja.ttf", {1: "Fairdesk Japanese", 3: "Fairdesk Japanese 003.03", 4: "Fairdesk Japanese",
                                          6: "FairdeskJapanese", 16: "Fairdesk Japanese", 17: "Regular"}, ["*"], True)
make(sys.argv[2], 0, "fairdesk-ja-bold.otf", {1: "Fairdesk Japanese", 2: "Bold", 3: "Fairdesk Japanese Bold 2.004",
                                              4: "Fairdesk Japanese Bold", 6: "FairdeskJapanese-Bold",
                                              16: "Fairdesk Japanese", 17: "Bold"},
     ["ccmp", "kern", "palt", "liga", "calt", "mark", "mkmk"], False)
PY
