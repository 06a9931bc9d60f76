import { describe, expect, it } from 'vitest';
import { parseClassroomInfo, fetchClassroomInfo } from './classroomInfo';
import { isLoopbackHost, labelsToShare, shareTarget } from './shareTarget';

const room = { url: 'https://192.168.1.23:8080/', urls: ['https://192.168.1.23:8080/'] };

describe('shareTarget', () => {
  it('a page opened as localhost shares the room address the classroom server gave, with the same setup', () => {
    expect(shareTarget('https://localhost:8080/?model=clip-shapes-tiny&view=camera', room)).toEqual({
      url: 'https://192.168.1.23:8080/?model=clip-shapes-tiny&view=camera',
      warning: null,
      fromClassroom: true,
    });
    expect(shareTarget('https://127.0.0.1:8080/?labels=a%0Ab', room).url).toBe('https://192.168.1.23:8080/?labels=a%0Ab');
  });

  it('warns when the link would point at this computer and no room address is known', () => {
    for (const page of ['http://localhost:5173/?view=insights', 'http://127.0.0.1:4173/', 'http://[::1]:4173/', 'https://app.localhost/']) {
      expect(shareTarget(page, null)).toEqual({ url: new URL(page).href, warning: 'localhost', fromClassroom: false });
    }
  });

  it('a page reached by its room address shares that address', () => {
    expect(shareTarget('https://classroom.test:8080/?view=camera', room)).toEqual({ url: 'https://classroom.test:8080/?view=camera', warning: null, fromClassroom: false });
    expect(shareTarget('https://clip.example.org/app/?preset=cifar10', null).warning).toBeNull();
  });

  it('warns that a plain-http link gives students no camera, offline copy or cache', () => {
    expect(shareTarget('http://192.168.1.23:8080/', null).warning).toBe('insecure');
  });

  it('knows loopback host names', () => {
    expect(['localhost', '127.0.0.1', '127.5.0.1', '[::1]', '0.0.0.0', 'x.localhost'].every(isLoopbackHost)).toBe(true);
    expect(['192.168.1.2', 'classroom.test', 'localhost.example.org', '1270.0.0.1'].some(isLoopbackHost)).toBe(false);
  });
});

describe('classroom.json', () => {
  it('reads what the classroom server writes and nothing else', () => {
    expect(parseClassroomInfo(room)).toEqual(room);
    expect(parseClassroomInfo({ url: 'https://a:1/' })).toEqual({ url: 'https://a:1/', urls: ['https://a:1/'] });
    expect(parseClassroomInfo({ url: 'javascript:alert(1)', urls: [] })).toBeNull();
    expect(parseClassroomInfo({ url: 'not a url' })).toBeNull();
    expect(parseClassroomInfo('<!doctype html>')).toBeNull();
    expect(parseClassroomInfo(null)).toBeNull();
  });

  it('is null where the server is not the classroom server (an SPA fallback, a 404, no network)', async () => {
    const answer = (body: string, type: string, status = 200) => () => Promise.resolve(new Response(body, { status, headers: { 'content-type': type } }));
    expect(await fetchClassroomInfo('https://localhost:8080/', answer(JSON.stringify(room), 'application/json; charset=utf-8'))).toEqual(room);
    expect(await fetchClassroomInfo('http://localhost:4173/', answer('<!doctype html>', 'text/html'))).toBeNull();
    expect(await fetchClassroomInfo('http://localhost:4173/', answer('{}', 'application/json', 404))).toBeNull();
    expect(await fetchClassroomInfo('http://localhost:4173/', answer('{oops', 'application/json'))).toBeNull();
    expect(await fetchClassroomInfo('http://localhost:4173/', () => Promise.reject(new TypeError('Failed to fetch')))).toBeNull();
  });
});

describe('labelsToShare', () => {
  const defaults = ['red circle', 'blue star'];
  it('leaves out the model’s own default labels, which the link opens with anyway', () => {
    expect(labelsToShare(['red circle', 'blue star'], null, defaults)).toBeNull();
  });
  it('keeps edited or reordered labels, and labels with a preset', () => {
    expect(labelsToShare(['red circle'], null, defaults)).toEqual(['red circle']);
    expect(labelsToShare(['blue star', 'red circle'], null, defaults)).toEqual(['blue star', 'red circle']);
    expect(labelsToShare(['red circle', 'blue star'], 'fun', defaults)).toEqual(['red circle', 'blue star']);
  });
});
