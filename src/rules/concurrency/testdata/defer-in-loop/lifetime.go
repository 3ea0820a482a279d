package deferloop

import (
	"archive/tar"
	"embed"
	"io"
	"io/fs"
	"os"
	"path"
	"runtime/pprof"
	"runtime/trace"
	"strings"
)

//go:embed static
var bundled embed.FS

// Files of an embed.FS live in the binary: their Close releases nothing, deferring it holds no descriptor.
func packBundled(tw *tar.Writer, dir string) error {
	entries, err := bundled.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		f, err := bundled.Open(path.Join(dir, e.Name()))
		if err != nil {
			return err
		}
		defer f.Close()
		if _, err := io.Copy(tw, f); err != nil {
			return err
		}
	}
	return nil
}

// The same through a parameter typed embed.FS.
func sizesEmbedded(assets embed.FS, names []string) (int64, error) {
	var n int64
	for _, name := range names {
		f, err := assets.Open(name)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			return 0, err
		}
		n += st.Size()
	}
	return n, nil
}

// An fs.FS may be the disk (os.DirFS): still reported.
func sizesFS(fsys fs.FS, names []string) (int64, error) {
	var n int64
	for _, name := range names {
		f, err := fsys.Open(name)
		if err != nil {
			return 0, err
		}
		defer f.Close() // want "defer f.Close inside a loop"
		st, err := f.Stat()
		if err != nil {
			return 0, err
		}
		n += st.Size()
	}
	return n, nil
}

// Profiles written when the function returns: each file must stay open until then.
func profiles(kinds string, run func()) {
	for _, kind := range strings.Split(kinds, ",") {
		out, err := os.Create(kind + ".prof")
		if err != nil {
			return
		}
		defer out.Close()
		switch kind {
		case "cpu":
			_ = pprof.StartCPUProfile(out)
			defer pprof.StopCPUProfile()
		case "heap":
			defer pprof.Lookup("heap").WriteTo(out, 0)
		}
	}
	run()
}

// A trace started on the file and stopped at return.
func traced(names []string, run func()) {
	for _, name := range names {
		out, err := os.Create(name)
		if err != nil {
			return
		}
		defer out.Close()
		if err := trace.Start(out); err != nil {
			return
		}
		defer trace.Stop()
	}
	run()
}

// Another defer that only releases: the files are still held for nothing, reported.
func copyAll(dst *os.File, names []string) error {
	for _, name := range names {
		in, err := os.Open(name)
		if err != nil {
			return err
		}
		defer in.Close() // want "defer in.Close inside a loop"
		defer os.Remove(name)
		if _, err := io.Copy(dst, in); err != nil {
			return err
		}
	}
	return nil
}

// A Start of another package than the deferred Stop: reported.
func mismatched(names []string) {
	for _, name := range names {
		out, err := os.Create(name)
		if err != nil {
			return
		}
		defer out.Close() // want "defer out.Close inside a loop"
		_ = pprof.StartCPUProfile(out)
		defer trace.Stop() // want "defer trace.Stop inside a loop"
	}
}
