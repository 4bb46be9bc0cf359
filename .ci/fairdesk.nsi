; The Windows installer: FairdeskSetup.exe, made by .ci/package with
; Debian's makensis. It installs for the user who runs it, needing no
; administrator: the program into %LOCALAPPDATA%\Programs\Fairdesk, a
; Start-menu shortcut, an entry in Settings > Apps (the uninstall key under
; HKCU) and two file types, all under HKCU: .fairdesk (backups) and
; .fairdesk-invitation (an invitation to join an event's sync, which opens
; Join an event with it).
;
; makensis is given (-D): VERSION (0.1.0), BUILD (1), EXE (the path of
; Fairdesk.exe), ICON (an .ico), OUTFILE, and APPID (io.fairdesk.app).

Unicode true
; 64-bit stubs: Fairdesk is a 64-bit program, and Wine without WoW64
; cannot run a 32-bit installer.
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user
ManifestDPIAware true

!define PRODUCT "Fairdesk"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${PRODUCT}"
!define FILE_TYPE "Fairdesk.Backup"
!define INVITATION_EXT ".fairdesk-invitation"
!define INVITATION_TYPE "Fairdesk.Invitation"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
Icon "${ICON}"
UninstallIcon "${ICON}"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${PRODUCT} ${VERSION}"

; Version information of the installer itself, from FyneApp.toml.
VIProductVersion "${VERSION}.${BUILD}"
VIFileVersion "${VERSION}.${BUILD}"
VIAddVersionKey "ProductName" "${PRODUCT}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}.${BUILD}"
VIAddVersionKey "FileDescription" "${PRODUCT} ${VERSION} setup"
VIAddVersionKey "CompanyName" "The Fairdesk authors"
VIAddVersionKey "LegalCopyright" "MIT licence, the Fairdesk authors"

Page directory
Page instfiles
UninstPage uninstConfirm
UninstPage instfiles

Section "Fairdesk"
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "/oname=Fairdesk.exe" "${EXE}"
  WriteUninstaller "$INSTDIR\Uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\Fairdesk.exe" "" "$INSTDIR\Fairdesk.exe" 0

  ; Settings > Apps (Add or remove programs), for this user.
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\Fairdesk.exe,0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "The Fairdesk authors"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  SectionGetSize 0 $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0

  ; Backups (.fairdesk) open in Fairdesk.
  WriteRegStr HKCU "Software\Classes\.fairdesk" "" "${FILE_TYPE}"
  WriteRegStr HKCU "Software\Classes\${FILE_TYPE}" "" "Fairdesk backup"
  WriteRegStr HKCU "Software\Classes\${FILE_TYPE}\DefaultIcon" "" "$INSTDIR\Fairdesk.exe,0"
  WriteRegStr HKCU "Software\Classes\${FILE_TYPE}\shell\open\command" "" '"$INSTDIR\Fairdesk.exe" "%1"'
  ; Invitations (.fairdesk-invitation) open Join an event in Fairdesk.
  WriteRegStr HKCU "Software\Classes\${INVITATION_EXT}" "" "${INVITATION_TYPE}"
  WriteRegStr HKCU "Software\Classes\${INVITATION_TYPE}" "" "Fairdesk invitation"
  WriteRegStr HKCU "Software\Classes\${INVITATION_TYPE}\DefaultIcon" "" "$INSTDIR\Fairdesk.exe,0"
  WriteRegStr HKCU "Software\Classes\${INVITATION_TYPE}\shell\open\command" "" '"$INSTDIR\Fairdesk.exe" "%1"'
  ; Tell Explorer the file types changed (SHCNE_ASSOCCHANGED).
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$INSTDIR\Fairdesk.exe"
  Delete "$INSTDIR\Uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  ; The file types' extensions only if they are still ours.
  ReadRegStr $0 HKCU "Software\Classes\.fairdesk" ""
  StrCmp $0 "${FILE_TYPE}" 0 +2
    DeleteRegKey HKCU "Software\Classes\.fairdesk"
  DeleteRegKey HKCU "Software\Classes\${FILE_TYPE}"
  ReadRegStr $0 HKCU "Software\Classes\${INVITATION_EXT}" ""
  StrCmp $0 "${INVITATION_TYPE}" 0 +2
    DeleteRegKey HKCU "Software\Classes\${INVITATION_EXT}"
  DeleteRegKey HKCU "Software\Classes\${INVITATION_TYPE}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  ; The event database and its backups (in %APPDATA%) are the user's: kept.
SectionEnd
