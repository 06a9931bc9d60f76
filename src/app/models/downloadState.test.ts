/** The words for a download that waits or resumed, and which one the summary shows. */
import { describe, expect, it } from 'vitest';
import type { DownloadRetry, FileProgress } from '../../../workers/api';
import { downloadStateText, summaryState } from './downloadState';

const NOW = 1_000_000;
const MB = 1024 * 1024;
const file = (extra: Partial<FileProgress> = {}): FileProgress => ({ file: 'onnx/vision_model_quantized.onnx', loaded: 72 * MB, total: 90 * MB, done: false, ...extra });
const retry = (extra: Partial<DownloadRetry>): DownloadRetry => ({ reason: 'busy', until: NOW + 8000, resumeAt: 0, attempt: 2, maxAttempts: 6, ...extra });

describe('downloadStateText', () => {
  it('counts down a wait for a busy hub', () => {
    expect(downloadStateText(file({ retry: retry({}) }), NOW, 'the hub')).toBe('waiting 8 s, the hub is busy (try 2 of 6)');
    expect(downloadStateText(file({ retry: retry({}) }), NOW + 7200, 'the hub')).toBe('waiting 1 s, the hub is busy (try 2 of 6)');
    expect(downloadStateText(file({ retry: retry({}) }), NOW + 9000, 'the server')).toBe('the server was busy, trying again (try 2 of 6)');
  });

  it('says where a dropped download resumes', () => {
    expect(downloadStateText(file({ retry: retry({ reason: 'connection-lost', resumeAt: 72 * MB, until: NOW + 2000 }) }), NOW, 'the hub')).toBe(
      'connection lost, resuming at 72.0 MB in 2 s (try 2 of 6)',
    );
    expect(downloadStateText(file({ retry: retry({ reason: 'connection-lost', resumeAt: 0, until: NOW + 1000 }) }), NOW, 'the hub')).toBe(
      'connection lost, starting again in 1 s (try 2 of 6)',
    );
    expect(downloadStateText(file({ resumedFrom: 72 * MB }), NOW, 'the hub')).toBe('resumed at 72.0 MB');
    expect(downloadStateText(file({ resumedFrom: 72 * MB, done: true }), NOW, 'the hub')).toBeNull();
  });

  it('names a failing server with its status', () => {
    expect(downloadStateText(file({ retry: retry({ reason: 'server-error', status: 502, until: NOW + 4000, attempt: 3 }) }), NOW, 'the server')).toBe(
      'the server failed (HTTP 502), trying again in 4 s (try 3 of 6)',
    );
  });

  it('says nothing while bytes simply arrive', () => {
    expect(downloadStateText(file(), NOW, 'the hub')).toBeNull();
  });
});

describe('summaryState', () => {
  it('shows a waiting file before a resumed one', () => {
    const files = [file({ file: 'a', resumedFrom: MB }), file({ file: 'b', retry: retry({}) })];
    expect(summaryState(files, NOW, 'the hub')).toBe('waiting 8 s, the hub is busy (try 2 of 6)');
    expect(summaryState([files[0]!], NOW, 'the hub')).toBe('resumed at 1.0 MB');
    expect(summaryState([file()], NOW, 'the hub')).toBeNull();
  });
});
