// Package platform holds what differs between the operating systems the
// app runs on, kept apart from the domain: file names that every system
// accepts (Windows refuses the most), whether a folder is on a network
// share or in a folder a sync client copies (where SQLite's write-ahead log
// gets into trouble), and, on Windows, the console that the windowed
// build's command line writes to. The checks are pure functions of a path
// and the environment, so that Windows paths are tested on any system.
package platform
