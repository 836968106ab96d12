import { describe, expect, it } from 'vitest';
import { isSecretName, nameTokens } from '../../src/lint/secrets.js';

describe('nameTokens', () => {
  it('splits on separators and camelCase', () => {
    expect(nameTokens('DB_PASSWORD')).toEqual(['db', 'password']);
    expect(nameTokens('dbPassword')).toEqual(['db', 'password']);
    expect(nameTokens('AWSSecretKey')).toEqual(['aws', 'secret', 'key']);
    expect(nameTokens('a.b-c')).toEqual(['a', 'b', 'c']);
  });
});

describe('isSecretName', () => {
  it('is true for names that say they hold a secret', () => {
    for (const n of ['NPM_TOKEN', 'dbPassword', 'API_KEY', 'MYSQL_PWD', 'AWS_CREDS'])
      expect(isSecretName(n)).toBe(true);
  });
  it('is false when a word marks it public, and for a lone suffix', () => {
    for (const n of ['PUBLIC_KEY', 'KEY_FILE', 'SSH_KEY_PATH', 'TOKEN_VERSION', 'PASS', 'USER'])
      expect(isSecretName(n)).toBe(false);
  });
});
