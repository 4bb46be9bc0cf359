package data

// ValidDeviceID reports whether s has the exact form newDeviceID makes:
// 16 lower-case hex digits. A device id read from the shared folder
// becomes part of a file name there, so anything else is refused before
// it is used.
func ValidDeviceID(s string) bool {
	if len(s) != 16 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
