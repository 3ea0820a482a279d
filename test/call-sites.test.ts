import { test } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { getGoParser, parseGo } from '../src/go/parser.js';
import { buildImportTable } from '../src/go/imports.js';
import { extractCallSites, walkedCallSites } from '../src/go/call-sites.js';
import { walkRepo } from '../src/walk/walker.js';
import { projectRoot } from './helpers/paths.js';

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

test('extractCallSites: the query of the nodes that matter gives what the walk of every node gives (every rule testdata file)', async () => {
  const parser = await getGoParser();
  const files = walkRepo(path.join(projectRoot, 'src', 'rules'), { skipDirs: ['node_modules'] }).goFiles.map((f) => f.abs);
  let scanned = 0;
  for (const f of files) {
    const source = fs.readFileSync(f, 'utf8');
    const a = parseGo(parser, source);
    const b = parseGo(parser, source);
    try {
      const imports = buildImportTable(a.rootNode);
      const cliFile = imports.specs.some((s) => /spf13\/cobra|urfave\/cli/.test(s.path));
      if (!a.rootNode.hasError && !cliFile) scanned++;
      const walked = walkedCallSites(b.rootNode, buildImportTable(b.rootNode), cliFile);
      assert.deepEqual(extractCallSites(a.rootNode, imports), walked, f);
    } finally {
      a.delete();
      b.delete();
    }
  }
  assert.ok(scanned > 100, `${scanned} files took the query`);
});

test('extractCallSites: loops, literals and signal cases nest by position; package-level calls come after the functions\'', async () => {
  const parser = await getGoParser();
  const source = `package p

import "syscall"

var x = f(g)

func a() {
	for {
		func() { b(h) }()
		go func() {
			switch s {
			case syscall.SIGHUP:
				reload()
			}
		}()
	}
	c(k, m.n)
}
`;
  const t = parseGo(parser, source);
  try {
    const cs = extractCallSites(t.rootNode, buildImportTable(t.rootNode));
    // the goroutine's literal runs once per loop turn (invoked on the spot): it is no loop of its own
    assert.deepEqual(cs.funcs, [{ key: 'a', start: 7, end: 18, repeated: [[8, 16]], onSignal: [[12, 14]] }]);
    assert.deepEqual(cs.calls, [
      { name: 'b', from: 'a', repeated: true },
      { name: 'reload', from: 'a', repeated: true, onSignal: true },
      { name: 'c', from: 'a' },
      { name: 'f', from: undefined, repeated: true },
    ]);
    assert.deepEqual(cs, walkedCallSites(t.rootNode, buildImportTable(t.rootNode), false));
    assert.deepEqual(cs.escapes, [{ name: 'h' }, { name: 'SIGHUP', pkg: 'syscall' }, { name: 'k' }, { name: 'n', method: true }, { name: 'g' }]);
  } finally {
    t.delete();
  }
});
