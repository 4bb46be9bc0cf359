package ui

func (w *mainWindow) onExportBoothStats() {}
func (w *mainWindow) onExportLeads()      {}
func (w *mainWindow) onPrintBadges()      {}
