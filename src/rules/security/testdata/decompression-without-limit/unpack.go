package unpack

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"io"
	"io/ioutil"
	"net/http"
	"os"

	"github.com/klauspost/compress/zstd"
)

func gunzipBody(w http.ResponseWriter, req *http.Request) {
	zr, err := gzip.NewReader(req.Body)
	if err != nil {
		return
	}
	defer zr.Close()
	io.Copy(w, zr) // want "io.Copy reads the gzip stream zr to its end with no size limit"
}

func readAllZstd(src io.Reader) ([]byte, error) {
	dec, err := zstd.NewReader(src)
	if err != nil {
		return nil, err
	}
	defer dec.Close()
	return io.ReadAll(dec) // want "io.ReadAll reads the zstd stream"
}

func inflateDirect(dst io.Writer, src io.Reader) error {
	buf := make([]byte, 4096)
	_, err := io.CopyBuffer(dst, flate.NewReader(src), buf) // want "io.CopyBuffer reads the flate stream"
	return err
}

func legacyReadAll(b []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return ioutil.ReadAll(bufio.NewReader(zr)) // want "ioutil.ReadAll reads the gzip stream"
}

func extractZip(path string) error {
	r, err := zip.OpenReader(path)
	if err != nil {
		return err
	}
	defer r.Close()
	for _, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			return err
		}
		out, err := os.Create(f.Name)
		if err != nil {
			return err
		}
		_, err = io.Copy(out, rc) // want "io.Copy reads the zip entry stream rc"
		out.Close()
		rc.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

func extractTarGz(src io.Reader, dst io.Writer) error {
	gz, err := gzip.NewReader(src)
	if err != nil {
		return err
	}
	tr := tar.NewReader(gz)
	for {
		if _, err := tr.Next(); err != nil {
			return err
		}
		if _, err := io.Copy(dst, tr); err != nil { // want "io.Copy reads the gzip stream tr"
			return err
		}
	}
}

// ---- negatives ----

const maxSize = 64 << 20

func limited(dst io.Writer, src io.Reader) error {
	zr, err := gzip.NewReader(src)
	if err != nil {
		return err
	}
	_, err = io.Copy(dst, io.LimitReader(zr, maxSize))
	return err
}

func limitedByReassignment(src io.Reader) ([]byte, error) {
	var r io.Reader
	zr, err := gzip.NewReader(src)
	if err != nil {
		return nil, err
	}
	r = zr
	r = io.LimitReader(r, maxSize)
	return io.ReadAll(r)
}

func copyN(dst io.Writer, src io.Reader) error {
	zr, err := gzip.NewReader(src)
	if err != nil {
		return err
	}
	_, err = io.CopyN(dst, zr, maxSize)
	return err
}

// A plain file copy decompresses nothing.
func plainCopy(dst io.Writer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(dst, f)
	return err
}

// An uncompressed tar stream is not a decompression.
func plainTar(src io.Reader, dst io.Writer) error {
	tr := tar.NewReader(src)
	if _, err := tr.Next(); err != nil {
		return err
	}
	_, err := io.Copy(dst, tr)
	return err
}

// Compressing is not decompressing.
func compress(dst io.Writer, src io.Reader) error {
	zw := gzip.NewWriter(dst)
	defer zw.Close()
	_, err := io.Copy(zw, src)
	return err
}

// A local type with an Open method is not an archive/zip entry.
type store struct{}

func (store) Open() (io.ReadCloser, error) { return nil, nil }

func fromStore(dst io.Writer, s store) error {
	rc, err := s.Open()
	if err != nil {
		return err
	}
	_, err = io.Copy(dst, rc)
	return err
}
