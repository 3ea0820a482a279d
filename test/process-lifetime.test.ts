/**
 * The lifetime marks of Go files (src/facts/process-lifetime.ts): what keeps a process alive, what makes it a command
 * a human runs, what catches Ctrl-C. The package-level model is exercised by the testdata of the rules that use it
 * (CON1008, CON1017, SEC1005: the same code reached by a server and by a one-shot command).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lifetimeMarks } from '../src/facts/process-lifetime.js';

test('serving, controller managers and blocking forever are long-running marks', () => {
  assert.equal(lifetimeMarks('package x\n\nfunc run() { log.Fatal(http.ListenAndServe(":80", nil)) }\n')?.long, 'ListenAndServe');
  assert.equal(lifetimeMarks('package x\n\nfunc run() { s := grpc.NewServer(); _ = s }\n')?.long, 'grpc.NewServer');
  assert.equal(lifetimeMarks('package main\n\nfunc main() { mgr, _ := ctrl.NewManager(cfg, opts); _ = mgr }\n')?.long, 'a controller manager');
  assert.equal(lifetimeMarks('package main\n\nfunc main() {\n\tgo work()\n\tselect {}\n}\n')?.long, 'select {}');
});

test('a wait on a channel is long-running in package main only, and not inside a goroutine it starts', () => {
  assert.equal(lifetimeMarks('package main\n\nfunc main() {\n\tgo work(ctx)\n\t<-ctx.Done()\n}\n')?.long, 'a wait on a channel in package main');
  assert.equal(lifetimeMarks('package main\n\nfunc main() {\n\tsig := <-sigs\n\tlog.Print(sig)\n}\n')?.long, 'a wait on a channel in package main');
  assert.equal(lifetimeMarks('package worker\n\nfunc run() {\n\t<-ctx.Done()\n}\n'), undefined);
  assert.deepEqual(lifetimeMarks('package main\n\nfunc main() {\n\tgo func() {\n\t\t<-sigs\n\t\tcancel()\n\t}()\n\trun(ctx)\n}\n'), { entry: true });
});

test('commands of a CLI framework are interactive; catching signals is recorded, not a long-running mark', () => {
  const cobra = 'package cmd\n\nimport "github.com/spf13/cobra"\n\nvar root = &cobra.Command{Use: "x"}\n';
  assert.deepEqual(lifetimeMarks(cobra), { cli: 'a command-line command' });
  assert.deepEqual(lifetimeMarks('package cmd\n\nimport "github.com/urfave/cli/v2"\n\nvar app = &cli.App{Name: "x"}\n'), { cli: 'a command-line command' });
  // importing the framework without building a command
  assert.equal(lifetimeMarks('package cmd\n\nimport "github.com/spf13/cobra"\n\nfunc f(c *cobra.Command) {}\n'), undefined);
  assert.deepEqual(lifetimeMarks('package cmd\n\nfunc stop() {\n\tsignal.Notify(c, os.Interrupt)\n}\n'), { signals: true });
});

test('whole-line comments are not read', () => {
  assert.equal(lifetimeMarks('package x\n\n// call http.ListenAndServe(addr, nil) to serve\nfunc f() {}\n'), undefined);
  assert.equal(lifetimeMarks('package x\n\n\t// <-ctx.Done()\nfunc f() {}\n'), undefined);
});

test('the entry point of a program, and a package main built as a C shared library', () => {
  assert.deepEqual(lifetimeMarks('package main\n\nfunc main() {\n\trun()\n}\n'), { entry: true });
  assert.deepEqual(lifetimeMarks('package main\n\nimport "C"\n\n//export Start\nfunc Start() {}\n\nfunc main() {}\n'), { entry: true, exportsToC: true });
});
