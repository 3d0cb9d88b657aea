package platform

import (
	"os"
	"syscall"
)

var (
	kernel32          = syscall.NewLazyDLL("kernel32.dll")
	procAttachConsole = kernel32.NewProc("AttachConsole")
	procGetFileType   = kernel32.NewProc("GetFileType")
)

const attachParentProcess = ^uintptr(0) // ATTACH_PARENT_PROCESS, (DWORD)-1

// AttachConsole lets the command line of the windowed build be read in the
// Command Prompt or PowerShell window it was typed in. permanence.exe is
// linked as a windowed program (-H=windowsgui) so that opening the app
// never shows a console window; Windows then gives it no console, and
// what the command line prints would be lost. So, for a subcommand: the
// standard handles it already has (a file or pipe from a redirection, a
// batch file's >, Task Scheduler's) are kept; the others are opened on the
// console of the process that started it, when it has one. Without one
// (Explorer, Task Scheduler) nothing changes: the exit status still tells.
// It prints an empty line first when it attached, since the prompt was
// printed before the program's output began.
func AttachConsole() {
	out, errOK, in := valid(syscall.Stdout), valid(syscall.Stderr), valid(syscall.Stdin)
	if out && errOK && in {
		return
	}
	if r, _, _ := procAttachConsole.Call(attachParentProcess); r == 0 {
		return
	}
	if !out {
		if f, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
			os.Stdout = f
			f.WriteString("\r\n")
		}
	}
	if !errOK {
		if f, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
			os.Stderr = f
		}
	}
	if !in {
		if f, err := os.Open("CONIN$"); err == nil {
			os.Stdin = f
		}
	}
}

// valid reports whether h is a usable standard handle: a file, pipe or
// console (GetFileType says what it is; a missing handle is unknown).
func valid(h syscall.Handle) bool {
	if h == 0 || h == syscall.InvalidHandle {
		return false
	}
	t, _, _ := procGetFileType.Call(uintptr(h))
	return t != 0 // FILE_TYPE_UNKNOWN
}
