#!/usr/bin/env bash
# Makes the workbooks in this folder from the CSV fixtures beside it, the way
# an organiser's LibreOffice Calc saves them (LibreOffice 7.4, Debian 12):
# sessions.xlsx with the British locale (2057), so that Calc takes
# 23/10/2026 17:00 as a date and shows it in a format of its own choosing;
# the others with Calc's default.
set -euo pipefail
cd "$(dirname "$0")"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
calc() { soffice "-env:UserInstallation=file://$profile" --headless "$@" >/dev/null; }
calc --infilter=CSV:44,34,76,1,,2057 --convert-to xlsx --outdir . ../sessions.csv
calc --infilter=CSV:44,34,76,1 --convert-to xlsx --outdir . ../people_registration.csv ../people_ja.csv ../booths.csv
