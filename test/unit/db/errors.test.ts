import { describe, expect, it } from 'vitest';
import { databaseFailureOf } from '../../../src/db/errors.js';
import { sealingBackoffMs } from '../../../src/services/audit.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('which driver errors are a passing database failure', () => {
  it.each([
    ['57P01', 'unavailable'], // pg_terminate_backend, a fast shutdown
    ['57P03', 'unavailable'], // starting up
    ['08006', 'unavailable'], // connection failure
    ['ECONNREFUSED', 'unavailable'],
    ['57014', 'timeout'], // statement_timeout
    ['55P03', 'timeout'], // lock_timeout
    ['53100', 'storage'], // disk full
    ['58030', 'storage'], // I/O error
  ])('SQLSTATE or socket code %s is %s', (code, failure) => {
    expect(databaseFailureOf(withCode(code))).toBe(failure);
  });

  it.each([
    'Connection terminated unexpectedly',
    'timeout exceeded when trying to connect',
    'Client has encountered a connection error and is not queryable',
  ])('node-postgres\'s "%s" is unavailable', (message) => {
    expect(databaseFailureOf(new Error(message))).toBe('unavailable');
  });

  it('a constraint violation, a bug or a non-error is not a database failure', () => {
    expect(databaseFailureOf(withCode('23505'))).toBeUndefined();
    expect(databaseFailureOf(withCode('22P02'))).toBeUndefined();
    expect(databaseFailureOf(new TypeError('x is undefined'))).toBeUndefined();
    expect(databaseFailureOf('Connection terminated')).toBeUndefined();
  });

  it('refused on every address of a host name (AggregateError) is unavailable', () => {
    const both = new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], 'x');
    expect(databaseFailureOf(both)).toBe('unavailable');
  });
});

describe('audit sealing backoff', () => {
  it('doubles from the base after each failure and stops at 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => sealingBackoffMs(n, 1_000))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000,
    ]);
  });
});
