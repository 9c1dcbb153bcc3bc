// When the API reference test runs in Chromium, is skipped, or fails (see chromiumPlan).
import { describe, expect, it } from 'vitest';
import { chromiumPlan } from './chromium.js';

const only = (path: string) => (p: string) => p === path;

describe('chromiumPlan', () => {
  it('runs with /usr/bin/chromium, or with CHROMIUM_PATH', () => {
    expect(chromiumPlan({}, only('/usr/bin/chromium'))).toEqual({ run: true });
    expect(chromiumPlan({ CHROMIUM_PATH: '/opt/chrome/chrome' }, only('/opt/chrome/chrome'))).toEqual({ run: true });
  });

  it('skips with a one-line reason when Chromium is missing', () => {
    const plan = chromiumPlan({}, () => false);
    expect(plan).toEqual({ run: false, reason: 'API reference test skipped: no Chromium at /usr/bin/chromium (apt-get install chromium, or set CHROMIUM_PATH)' });
  });

  it('fails under CI=true when Chromium is missing', () => {
    expect(chromiumPlan({ CI: 'true', CHROMIUM_PATH: '/nope' }, () => false)).toEqual({ run: 'fail', reason: 'CI=true and no Chromium at /nope (apt-get install chromium, or set CHROMIUM_PATH)' });
  });
});
