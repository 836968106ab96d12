import { describe, expect, it } from 'vitest';
import { notAFile } from '../../src/lint/not-a-file.js';

describe('notAFile', () => {
  it('sees a symbolic link checked out as text', () => {
    expect(notAFile('../docker/Dockerfile', false)).toEqual({ kind: 'link', target: '../docker/Dockerfile' });
    expect(notAFile('compose.base.yml', true)).toEqual({ kind: 'link', target: 'compose.base.yml' });
  });
  it('does not take one plain word, or a real file, for a link', () => {
    expect(notAFile('FROM', false)).toBeNull();
    expect(notAFile('FROM alpine\n', false)).toBeNull();
  });
  it('finds the first template line of a YAML file only', () => {
    const text = 'services:\n  web:\n    image: "{{ image }}"\n';
    expect(notAFile(text, true)).toEqual({ kind: 'template', line: 3 });
    expect(notAFile(text, false)).toBeNull();
    expect(notAFile('a: "{% if x %}"\n', true)).toEqual({ kind: 'template', line: 1 });
  });
  it('does not take one brace pair split over lines for a template', () => {
    expect(notAFile('a: "{{"\nb: "}}"\n', true)).toBeNull();
  });
});
