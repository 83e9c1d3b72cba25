import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy, devTarget, fileTarget, isRendererUrl, withContentSecurityPolicy } from './renderer-target.js';

describe('isRendererUrl', () => {
  const file = fileTarget('/opt/order hub/out/renderer/index.html');

  it.each([
    ['file:///opt/order%20hub/out/renderer/index.html', true],
    ['file:///opt/order%20hub/out/renderer/index.html#/orders?tab=1', true],
    ['file:///opt/order%20hub/out/renderer/other.html', false],
    ['file:///etc/passwd', false],
    ['file://evil-host/opt/order%20hub/out/renderer/index.html', false],
    ['https://example.com/index.html', false],
    ['not a url', false],
    [undefined, false],
  ])('file target: %s → %s', (url, expected) => {
    expect(isRendererUrl(url, file)).toBe(expected);
  });

  const dev = devTarget('http://localhost:5173/');
  it.each([
    ['http://localhost:5173/', true],
    ['http://localhost:5173/orders#x', true],
    ['http://localhost:5174/', false],
    ['http://127.0.0.1:5173/', false],
    ['file:///opt/order%20hub/out/renderer/index.html', false],
  ])('dev target: %s → %s', (url, expected) => {
    expect(isRendererUrl(url, dev)).toBe(expected);
  });
});

describe('Content-Security-Policy', () => {
  it('is strict for the built renderer', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self';");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(contentSecurityPolicy(fileTarget('/x/index.html'))).toBe(CONTENT_SECURITY_POLICY);
  });

  it('relaxes only scripts and websockets for the dev server', () => {
    const policy = contentSecurityPolicy(devTarget('http://localhost:5173'));
    expect(policy).toContain("script-src 'self' 'unsafe-inline'");
    expect(policy).toContain('ws://localhost:*');
  });

  it('replaces any CSP header the response carried, keeping the others', () => {
    const headers = withContentSecurityPolicy({ 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] }, 'X');
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ['X'] });
    expect(withContentSecurityPolicy(undefined, 'X')).toEqual({ 'Content-Security-Policy': ['X'] });
  });
});
