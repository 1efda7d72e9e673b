import { describe, expect, it } from 'vitest';
import { APP_NAME, defaultDataDir } from './data-dir.js';

describe('defaultDataDir', () => {
  it('uses XDG_CONFIG_HOME on Linux when it is absolute', () => {
    expect(defaultDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/x/cfg' }, home: '/home/ana' })).toBe(
      '/x/cfg/oncall-cockpit',
    );
  });

  it('falls back to ~/.config on Linux without (or with a relative) XDG_CONFIG_HOME', () => {
    expect(defaultDataDir({ platform: 'linux', env: {}, home: '/home/ana' })).toBe('/home/ana/.config/oncall-cockpit');
    expect(defaultDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: 'rel' }, home: '/home/ana' })).toBe(
      '/home/ana/.config/oncall-cockpit',
    );
    expect(defaultDataDir({ platform: 'freebsd', env: { XDG_CONFIG_HOME: '' }, home: '/home/b' })).toBe(
      '/home/b/.config/oncall-cockpit',
    );
  });

  it('uses Application Support on macOS', () => {
    expect(defaultDataDir({ platform: 'darwin', env: { XDG_CONFIG_HOME: '/ignored' }, home: '/Users/ana' })).toBe(
      '/Users/ana/Library/Application Support/oncall-cockpit',
    );
  });

  it('uses %APPDATA% on Windows, or its usual place when unset', () => {
    expect(defaultDataDir({ platform: 'win32', env: { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, home: 'C:\\Users\\ana' })).toBe(
      'C:\\Users\\ana\\AppData\\Roaming\\oncall-cockpit',
    );
    expect(defaultDataDir({ platform: 'win32', env: {}, home: 'C:\\Users\\ana' })).toBe(
      'C:\\Users\\ana\\AppData\\Roaming\\oncall-cockpit',
    );
  });

  it('names the folder after the app by default', () => {
    expect(defaultDataDir().endsWith(APP_NAME)).toBe(true);
  });
});
