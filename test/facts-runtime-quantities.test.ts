import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeBytes, cpuMillis, formatGoBytes, memoryBytes, parseGoGC, parseGoMaxProcs, parseGoMemLimit } from '../src/facts/runtime-quantities.js';

test('Kubernetes memory quantities in bytes', () => {
  assert.equal(memoryBytes('512Mi'), 512 * 2 ** 20);
  assert.equal(memoryBytes('1Gi'), 2 ** 30);
  assert.equal(memoryBytes('1G'), 1e9);
  assert.equal(memoryBytes('500M'), 5e8);
  assert.equal(memoryBytes('128974848'), 128974848);
  assert.equal(memoryBytes(1073741824), 1073741824);
  assert.equal(memoryBytes('129e6'), 129e6);
  assert.equal(memoryBytes('1.5Gi'), 1.5 * 2 ** 30);
  assert.equal(memoryBytes('1E'), 1e18);
  assert.equal(memoryBytes('lots'), undefined);
  assert.equal(memoryBytes('512MiB'), undefined);
  assert.equal(memoryBytes(null), undefined);
});

test('Kubernetes CPU quantities in millicores', () => {
  assert.equal(cpuMillis('500m'), 500);
  assert.equal(cpuMillis('2'), 2000);
  assert.equal(cpuMillis(0.5), 500);
  assert.equal(cpuMillis('1.5'), 1500);
  assert.equal(cpuMillis('100u'), 1);
});

test('docker-compose byte sizes are 1024-based', () => {
  assert.equal(composeBytes('512m'), 512 * 2 ** 20);
  assert.equal(composeBytes('1g'), 2 ** 30);
  assert.equal(composeBytes('1gb'), 2 ** 30);
  assert.equal(composeBytes('300M'), 300 * 2 ** 20);
  assert.equal(composeBytes(1000), 1000);
  assert.equal(composeBytes('${MEM}'), undefined);
});

test('GOMEMLIMIT as the Go runtime parses it', () => {
  assert.deepEqual(parseGoMemLimit('460MiB'), { kind: 'bytes', bytes: 460 * 2 ** 20 });
  assert.deepEqual(parseGoMemLimit('1GiB'), { kind: 'bytes', bytes: 2 ** 30 });
  assert.deepEqual(parseGoMemLimit('100B'), { kind: 'bytes', bytes: 100 });
  assert.deepEqual(parseGoMemLimit('1073741824'), { kind: 'bytes', bytes: 2 ** 30 });
  assert.deepEqual(parseGoMemLimit('off'), { kind: 'off' });
  assert.deepEqual(parseGoMemLimit('512Mi'), { kind: 'malformed', hint: '512MiB' });
  assert.deepEqual(parseGoMemLimit('1G'), { kind: 'malformed', hint: '1GiB' });
  assert.deepEqual(parseGoMemLimit('900MB'), { kind: 'malformed', hint: '900MiB' });
  assert.deepEqual(parseGoMemLimit('1.5GiB'), { kind: 'malformed' });
  assert.deepEqual(parseGoMemLimit('OFF'), { kind: 'malformed' });
  assert.deepEqual(parseGoMemLimit('-1'), { kind: 'malformed' });
});

test('GOGC and GOMAXPROCS', () => {
  assert.deepEqual(parseGoGC('off'), { kind: 'off' });
  assert.deepEqual(parseGoGC('-1'), { kind: 'off' });
  assert.deepEqual(parseGoGC('50'), { kind: 'percent', percent: 50 });
  assert.deepEqual(parseGoGC('fifty'), { kind: 'malformed' });
  assert.deepEqual(parseGoGC('99999999999'), { kind: 'malformed' });
  assert.equal(parseGoMaxProcs('4'), 4);
  assert.equal(parseGoMaxProcs('0'), undefined);
  assert.equal(parseGoMaxProcs('two'), undefined);
});

test('formatGoBytes rounds down to a Go unit', () => {
  assert.equal(formatGoBytes(512 * 2 ** 20 * 0.9), '460MiB');
  assert.equal(formatGoBytes(2 ** 30 * 0.9), '921MiB');
  assert.equal(formatGoBytes(2000), '1KiB');
  assert.equal(formatGoBytes(10), '10B');
});
