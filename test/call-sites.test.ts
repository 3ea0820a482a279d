import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getGoParser, parseGo } from '../src/go/parser.js';
import { buildImportTable } from '../src/go/imports.js';
import { extractCallSites } from '../src/go/call-sites.js';

const SOURCE = `package main

import (
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
)

var root = &cobra.Command{Use: "app", RunE: serve}

func main() {
	setup()
	setup()
	for i := 0; i < 2; i++ {
		work(i)
	}
	go func() { work(0) }()
	handle(work)
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGHUP)
	for s := range sigs {
		switch s {
		case syscall.SIGHUP:
			reload()
		}
	}
	_ = root.Execute()
}

func (s *server) run() { defer func() { s.stop() }() }
`;

test('extractCallSites: functions with their loop and signal ranges, calls with their context, escaping values, each once', async () => {
  const tree = parseGo(await getGoParser(), SOURCE);
  try {
    const cs = extractCallSites(tree.rootNode, buildImportTable(tree.rootNode));
    assert.deepEqual(cs.funcs, [
      { key: 'main', start: 13, end: 30, repeated: [[16, 18], [23, 28]], onSignal: [[25, 27]] },
      { key: '.run', start: 32, end: 32, repeated: [], onSignal: [] },
      // the cobra hook of a package-level command: called from a synthetic init spanning the value
      { key: 'init', start: 11, end: 11, repeated: [], onSignal: [] },
    ]);
    assert.deepEqual(cs.calls, [
      { name: 'setup', from: 'main' }, // called twice, listed once
      { name: 'work', from: 'main', repeated: true },
      { name: 'work', from: 'main' }, // in a function literal run on the spot
      { name: 'handle', from: 'main' },
      { name: 'make', from: 'main' },
      { name: 'Notify', pkg: 'os/signal', from: 'main' },
      { name: 'reload', from: 'main', repeated: true, onSignal: true },
      { name: 'Execute', method: true, from: 'main' },
      { name: 'stop', method: true, from: '.run' },
      { name: 'serve', from: 'init' },
    ]);
    assert.deepEqual(cs.escapes, [
      { name: 'i' }, { name: 'work' }, { name: 'sigs' }, { name: 'SIGHUP', pkg: 'syscall' }, { name: 's' }, { name: '_' }, { name: 'Use' }, { name: 'RunE' },
    ]);
  } finally {
    tree.delete();
  }
});
