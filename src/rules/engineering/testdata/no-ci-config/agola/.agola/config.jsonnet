// builds and tests every push
local task(name, cmd) = {
  name: name,
  runtime: { type: 'pod', containers: [{ image: 'golang:1.22' }] },
  steps: [{ type: 'clone' }, { type: 'run', command: cmd }],
};

{
  runs: [
    {
      name: 'app',
      tasks: [task('build', 'make build'), task('test', 'go test ./...')],
    },
  ],
}
