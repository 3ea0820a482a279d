/** Build constraints: the operating systems a Go file is built for, from its name suffix and its //go:build line. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConstraint, targetOperatingSystems, windowsOnly } from '../src/go/build-constraints.js';

test('file-name suffixes: _GOOS and _GOOS_GOARCH; a name that merely contains an OS word is not one', () => {
  assert.deepEqual(targetOperatingSystems('pkg/log_windows.go', 'package p\n'), ['windows']);
  assert.deepEqual(targetOperatingSystems('pkg/zsys_linux_amd64.go', 'package p\n'), ['linux']);
  assert.deepEqual(targetOperatingSystems('pkg/log_windows_test.go', 'package p\n'), ['windows']);
  assert.equal(targetOperatingSystems('pkg/windows.go', 'package p\n'), undefined);
  assert.equal(targetOperatingSystems('pkg/log.go', 'package p\n'), undefined);
});

test('//go:build lines: OS tags narrow, other tags are free, unix is the Unix family', () => {
  assert.deepEqual(targetOperatingSystems('a.go', '//go:build windows && (amd64 || arm64)\n\npackage p\n'), ['windows']);
  assert.ok(!targetOperatingSystems('a.go', '//go:build !windows\n\npackage p\n')!.includes('windows'));
  assert.ok(targetOperatingSystems('a.go', '//go:build unix\n\npackage p\n')!.includes('linux'));
  assert.ok(!targetOperatingSystems('a.go', '//go:build unix\n\npackage p\n')!.includes('windows'));
  assert.equal(targetOperatingSystems('a.go', '//go:build cgo\n\npackage p\n'), undefined, 'a non-OS tag restricts no OS');
  assert.deepEqual(targetOperatingSystems('a.go', '//go:build windows && !windows\n\npackage p\n'), []);
  // a build line after the package clause is not a constraint
  assert.equal(targetOperatingSystems('a.go', 'package p\n//go:build windows\n'), undefined);
  // name and line together: linux file with a windows-only line is built nowhere
  assert.deepEqual(targetOperatingSystems('a_linux.go', '//go:build windows\n\npackage p\n'), []);
});

test('malformed or oversized expressions are ignored (no restriction), never a crash', () => {
  assert.equal(parseConstraint('windows &&'), undefined);
  assert.equal(parseConstraint('(windows'), undefined);
  assert.equal(parseConstraint('a'.repeat(600)), undefined);
  assert.equal(targetOperatingSystems('a.go', '//go:build windows &&\n\npackage p\n'), undefined);
});

test('windowsOnly', () => {
  assert.ok(windowsOnly('x_windows.go', 'package p\n'));
  assert.ok(windowsOnly('x.go', '//go:build windows\n\npackage p\n'));
  assert.ok(!windowsOnly('x.go', '//go:build windows || linux\n\npackage p\n'));
  assert.ok(!windowsOnly('x.go', 'package p\n'));
  assert.ok(!windowsOnly('x_linux.go', '//go:build windows\n\npackage p\n'), 'built nowhere is not "Windows only"');
});
