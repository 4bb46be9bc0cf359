// Package badges prints name badges as a PDF sheet: eight to a page (two
// across, four down) on A4 or US Letter, each with the name in Latin and
// Japanese script, the organisation, the role, and the badge code as a QR
// code and as text, so that a desk scanner or a person can read it.
package badges
