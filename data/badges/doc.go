// Package badges prints name badges as a PDF sheet.
package badges

import (
	_ "github.com/go-pdf/fpdf"
	_ "github.com/skip2/go-qrcode"
)
