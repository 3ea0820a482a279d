package logfile

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	sdklog "go.opentelemetry.io/otel/sdk/log"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// lineWriter appends one line per record to a local file.
type lineWriter struct{ f *os.File }

func (w *lineWriter) Export(ctx context.Context, records []sdklog.Record) error {
	for _, r := range records {
		if _, err := fmt.Fprintln(w.f, r.Body().AsString()); err != nil {
			return err
		}
	}
	return nil
}

func (w *lineWriter) Shutdown(context.Context) error   { return w.f.Close() }
func (w *lineWriter) ForceFlush(context.Context) error { return w.f.Sync() }

// spanFile encodes spans as JSON lines into a local file.
type spanFile struct{ enc *json.Encoder }

func newSpanFile(path string) *spanFile {
	f, _ := os.Create(path)
	return &spanFile{enc: json.NewEncoder(f)}
}

func (s *spanFile) ExportSpans(ctx context.Context, spans []sdktrace.ReadOnlySpan) error {
	for _, sp := range spans {
		if err := s.enc.Encode(sp.Name()); err != nil {
			return err
		}
	}
	return nil
}

func (s *spanFile) Shutdown(context.Context) error { return nil }

// forwarder filters spans and hands the rest to another exporter.
type forwarder struct{ inner sdktrace.SpanExporter }

func (f *forwarder) ExportSpans(ctx context.Context, spans []sdktrace.ReadOnlySpan) error {
	return f.inner.ExportSpans(ctx, spans)
}

func (f *forwarder) Shutdown(ctx context.Context) error { return f.inner.Shutdown(ctx) }
