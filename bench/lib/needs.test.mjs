import { describe, expect, it } from 'vitest';
import { missingNeeds, onPath } from './needs.mjs';

const all = () => true;

describe('missingNeeds', () => {
  it('says nothing when everything is there', () => {
    expect(missingNeeds({ noBuild: true, exists: all, hasCommand: all })).toEqual([]);
  });

  it('names each missing piece and what to do about it', () => {
    const problems = missingNeeds({ noBuild: true, exists: () => false, hasCommand: () => false });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/prosody-migrator .*apt-get install prosody/);
    expect(problems[1]).toMatch(/Converse\.js is not installed.*npm ci/);
    expect(problems[2]).toMatch(/no build of Parley.*--no-build/);
  });

  it('asks for a build only when --no-build was given', () => {
    const exists = (p) => p !== 'dist/index.html';
    expect(missingNeeds({ noBuild: false, exists, hasCommand: all })).toEqual([]);
    expect(missingNeeds({ noBuild: true, exists, hasCommand: all })).toHaveLength(1);
  });
});

describe('onPath', () => {
  it('finds a command in one of the PATH folders', () => {
    expect(onPath('node', process.env.PATH)).toBe(true);
    expect(onPath('no-such-command-here', process.env.PATH)).toBe(false);
    expect(onPath('node', '')).toBe(false);
  });
});
