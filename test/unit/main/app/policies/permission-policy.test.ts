import { describe, expect, it } from 'vitest';
import { displayMediaDecision, permissionCheckDecision, permissionRequestDecision, type PermissionAsk } from '../../../../../main/app/policies/permission-policy';

const studio = 'app://onair/index.html';
const ask = (over: Partial<PermissionAsk>): PermissionAsk => ({ permission: 'media', requestingUrl: studio, isMainFrame: true, mediaTypes: ['video'], ...over });

describe('permission requests', () => {
  it.each([
    ['camera', ask({ mediaTypes: ['video'] })],
    ['microphone', ask({ mediaTypes: ['audio'] })],
    ['camera and microphone', ask({ mediaTypes: ['video', 'audio'], securityOrigin: 'app://onair' })],
    ['display capture', ask({ permission: 'display-capture', mediaTypes: undefined })],
    ['clipboard write (copy watch link)', ask({ permission: 'clipboard-sanitized-write', mediaTypes: undefined })],
  ])('grants %s to the studio page', (_name, request) => {
    expect(permissionRequestDecision(request)).toMatchObject({ granted: true });
  });

  it.each([
    ['notifications', ask({ permission: 'notifications' })],
    ['geolocation', ask({ permission: 'geolocation' })],
    ['midiSysex', ask({ permission: 'midiSysex' })],
    ['openExternal', ask({ permission: 'openExternal' })],
    ['clipboard-read', ask({ permission: 'clipboard-read' })],
    ['fileSystem', ask({ permission: 'fileSystem' })],
    ['media to a web origin', ask({ requestingUrl: 'https://evil.example/' })],
    ['media to a look-alike host', ask({ requestingUrl: 'app://onair.evil/' })],
    ['media to file://', ask({ requestingUrl: 'file:///app/index.html' })],
    ['media to the picker', ask({ requestingUrl: 'app://picker/index.html' })],
    ['media with no URL', ask({ requestingUrl: undefined })],
    ['media to a sub-frame', ask({ isMainFrame: false })],
    ['media with a foreign security origin', ask({ securityOrigin: 'https://evil.example' })],
    ['media with no media type', ask({ mediaTypes: [] })],
    ['display capture to a web origin', ask({ permission: 'display-capture', requestingUrl: 'https://evil.example/' })],
  ])('refuses %s', (_name, request) => {
    const verdict = permissionRequestDecision(request);
    expect(verdict.granted).toBe(false);
    expect(verdict.reason.length).toBeGreaterThan(0);
  });
});

describe('permission checks', () => {
  it('answers the synchronous checks by the same rules', () => {
    expect(permissionCheckDecision({ permission: 'media', requestingOrigin: 'app://onair', isMainFrame: true, mediaType: 'audio' })).toBe(true);
    expect(permissionCheckDecision({ permission: 'media', requestingOrigin: 'app://onair', isMainFrame: true, mediaType: 'unknown' })).toBe(false);
    expect(permissionCheckDecision({ permission: 'media', requestingOrigin: 'https://evil.example', isMainFrame: true, mediaType: 'video' })).toBe(false);
    expect(permissionCheckDecision({ permission: 'clipboard-sanitized-write', requestingOrigin: 'app://onair', isMainFrame: true })).toBe(true);
    expect(permissionCheckDecision({ permission: 'notifications', requestingOrigin: 'app://onair', isMainFrame: true })).toBe(false);
    expect(permissionCheckDecision({ permission: 'display-capture', requestingOrigin: 'app://onair', isMainFrame: true })).toBe(false);
  });
});

describe('display media requests', () => {
  it('opens the picker only for the studio page asking for video', () => {
    expect(displayMediaDecision({ securityOrigin: 'app://onair', frameUrl: studio, videoRequested: true }).granted).toBe(true);
    expect(displayMediaDecision({ securityOrigin: 'app://onair', frameUrl: studio, videoRequested: false }).granted).toBe(false);
    expect(displayMediaDecision({ securityOrigin: 'app://onair', frameUrl: null, videoRequested: true }).granted).toBe(false);
    expect(displayMediaDecision({ securityOrigin: 'https://evil.example', frameUrl: 'https://evil.example/', videoRequested: true }).granted).toBe(false);
    expect(displayMediaDecision({ securityOrigin: 'app://picker', frameUrl: 'app://picker/index.html', videoRequested: true }).granted).toBe(false);
  });
});
