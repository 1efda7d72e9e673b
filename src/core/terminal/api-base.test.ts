import { describe, expect, it } from 'vitest';
import { apiBaseFor, HOST_LOCAL_API, runbookApiBase, withApiBase } from './api-base.js';

describe('the API base a terminal command uses', () => {
  it('is the watched API in a local shell and localhost:8080 over SSH', () => {
    expect(apiBaseFor({ kind: 'local' }, 'http://127.0.0.1:39767')).toBe('http://127.0.0.1:39767');
    expect(apiBaseFor({ kind: 'local' }, 'http://hft-prod-01:8080/')).toBe('http://hft-prod-01:8080');
    expect(apiBaseFor({ kind: 'ssh' }, 'http://127.0.0.1:39767')).toBe(HOST_LOCAL_API);
    expect(apiBaseFor({ kind: 'local' }, null)).toBe(HOST_LOCAL_API);
  });

  it('never pastes a URL that is not a plain token into a shell line', () => {
    for (const url of ['http://h:1/$(id)', 'http://h;rm -rf ~', "http://h'x", 'file:///etc/passwd', 'http://h:1/a b']) {
      expect(apiBaseFor({ kind: 'local' }, url), url).toBe(HOST_LOCAL_API);
    }
    expect(apiBaseFor({ kind: 'local' }, 'https://[::1]:8443/hft')).toBe('https://[::1]:8443/hft');
  });

  it('rewrites the procedures’ localhost:8080 and nothing else', () => {
    expect(withApiBase("curl http://localhost:8080/api/v1/status | jq '.exchanges'", 'http://127.0.0.1:4100')).toBe(
      "curl http://127.0.0.1:4100/api/v1/status | jq '.exchanges'",
    );
    expect(withApiBase('curl http://localhost:80801/x', 'http://127.0.0.1:4100')).toBe('curl http://localhost:80801/x');
    expect(withApiBase('curl http://localhost:8080/x', HOST_LOCAL_API)).toBe('curl http://localhost:8080/x');
  });

  it('gives a runbook beside an incident the simulator in DEMO, and the procedures\' localhost:8080 on a real system', () => {
    expect(runbookApiBase(true, 'http://127.0.0.1:39767')).toBe('http://127.0.0.1:39767');
    expect(runbookApiBase(false, 'http://hft-prod-01:8080')).toBe(HOST_LOCAL_API);
    expect(runbookApiBase(true, 'http://h;rm -rf ~')).toBe(HOST_LOCAL_API);
  });
});
