package run

import (
	"context"
	"fmt"
	"os/exec"
	ex "os/exec"
	"strconv"

	"github.com/alessio/shellescape"
)

const script = "ls -la /tmp"

type Runner struct {
	hook string
	dir  string
}

// ---- positives ----

func Extract(path string) error {
	return exec.Command("sh", "-c", "tar -xf "+path).Run() // want "sh -c runs a script built by concatenation from non-constant `path`"
}

func Grep(ctx context.Context, pattern, file string) ([]byte, error) {
	return exec.CommandContext(ctx, "/bin/bash", "-c", fmt.Sprintf("grep %s %s | head", pattern, file)).Output() // want "bash -c runs a script built by fmt.Sprintf"
}

func Alias(branch string) error {
	cmd := "git checkout " + branch
	return ex.Command("bash", "-lc", cmd).Run() // want "bash -lc runs a script built by concatenation from non-constant `branch`"
}

func Login(user string) error {
	return exec.Command("bash", "--login", "-e", "-c", "id "+user).Run() // want "bash -c runs a script"
}

func Windows(name string) error {
	return exec.Command("cmd", "/C", "type "+name).Run() // want "cmd /C runs a script"
}

func PowerShell(name string) error {
	return exec.Command("powershell.exe", "-Command", "Get-Item "+name).Run() // want "powershell.exe -Command runs a script"
}

func (r *Runner) Hook(event string) error {
	return exec.Command("sh", "-c", r.hook+" "+event).Run() // want "from non-constant `r.hook`|from non-constant `event`"
}

func (r *Runner) Field() error {
	return exec.Command("sh", "-c", "cd "+r.dir+" && make").Run() // want "from non-constant `r.dir`"
}

func Whole(cmdline string) error {
	return exec.Command("sh", "-c", cmdline).Run() // want "sh -c runs the non-constant script `cmdline` \\(from parameter `cmdline`\\)"
}

func Quoted(name string) error {
	return exec.Command("sh", "-c", "echo '"+name+"'").Run() // want "from non-constant `name`"
}

func Appended(files []string) error {
	s := "rm"
	for _, f := range files {
		s += " " + f
	}
	return exec.Command("sh", "-c", s).Run() // want "built by concatenation from non-constant `f`"
}

// ---- negatives ----

func Constant() error {
	return exec.Command("sh", "-c", "echo hello | wc -c").Run()
}

func ConstIdent() error {
	return exec.Command("sh", "-c", script).Run()
}

func ConstLocal() error {
	s := "uname -a"
	return exec.Command("sh", "-c", s).Run()
}

func Positional(path string) error {
	return exec.Command("sh", "-c", `tar -xf "$1"`, "sh", path).Run()
}

func Direct(path string) error {
	return exec.Command("tar", "-xf", path).Run()
}

func Numbers(pid int) error {
	return exec.Command("sh", "-c", fmt.Sprintf("kill -9 %d && sleep %v", pid, 1)).Run()
}

func Itoa(port int) error {
	return exec.Command("sh", "-c", "fuser -k "+strconv.Itoa(port)+"/tcp").Run()
}

func Escaped(name string) error {
	return exec.Command("sh", "-c", "cat "+shellescape.Quote(name)).Run()
}

func ScriptFile(path string) error {
	return exec.Command("bash", path).Run()
}

func NotAShell(arg string) error {
	return exec.Command("python3", "-c", "print(1)", arg).Run()
}

func Spread(args []string) error {
	return exec.Command("sh", args...).Run()
}

type fakeExec struct{}

func (fakeExec) Command(name string, args ...string) error { return nil }

func Shadowed(name string) error {
	exec := fakeExec{}
	return exec.Command("sh", "-c", "echo "+name)
}

func PowerShellBare(name string) error {
	return exec.Command("pwsh", "Get-Item "+name).Run() // want "^pwsh runs a script built by concatenation"
}
