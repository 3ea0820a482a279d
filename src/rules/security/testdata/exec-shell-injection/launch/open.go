package launch

import (
	"os/exec"
	"strings"
)

// ---- negatives: the package's own quoting helpers ----

// quotePS makes a PowerShell single-quoted literal: embedded quotes are doubled.
func quotePS(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// posixQuoted makes a POSIX single-quoted word.
func quoteWord(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func OpenWindows(path string) error {
	return exec.Command("powershell.exe", "-NoProfile", "-Command", "Start-Process -FilePath "+quotePS(path)).Run()
}

func RecordDir(command, dir string) *exec.Cmd {
	script := "cd " + quoteWord(dir) + " && make"
	return exec.Command("bash", "-c", script)
}

// quoteForStart is declared in another file of the package (start.go): its name is the evidence.
func OpenApp(appID string) error {
	return exec.Command("powershell.exe", "-NoProfile", "-Command", "Start-Process "+quoteForStart(`shell:AppsFolder\`+appID)).Run()
}

// ---- positives: helpers that do not escape ----

// quoteNaive wraps the value in quotes without escaping the quote inside it.
func quoteNaive(s string) string {
	return "'" + s + "'"
}

func OpenNaive(path string) error {
	return exec.Command("powershell.exe", "-Command", "Start-Process "+quoteNaive(path)).Run() // want "powershell.exe -Command runs a script built by concatenation from non-constant `quoteNaive\\(path\\)`"
}

// escapeHTML quotes for another language.
func OpenHTML(name string) error {
	return exec.Command("sh", "-c", "echo "+escapeHTML(name)).Run() // want "sh -c runs a script built by concatenation from non-constant `escapeHTML\\(name\\)`"
}

// the quoted value is fine, the command around it is still the caller's
func RunIn(command, dir string) error {
	return exec.Command("bash", "-c", command+"; cd "+quoteWord(dir)).Run() // want "bash -c runs a script built by concatenation from non-constant `command`"
}

func RunUnquoted(arg string) error {
	return exec.Command("sh", "-c", "ls "+unquote(arg)).Run() // want "sh -c runs a script built by concatenation from non-constant `unquote\\(arg\\)`"
}
