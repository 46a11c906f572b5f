// Which .wirplan the operating system asks the app to open (electron/main/open-args.ts): the first
// start's argv on Windows and Linux, the argv that `second-instance` forwards, macOS's open-file.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planPathFromArgv, planPathFromOpenFile } from '../../electron/main/open-args.ts';

describe('plan path from the command line', () => {
  it('takes a double-clicked file on Windows (packaged: exe, then the file)', () => {
    expect(planPathFromArgv(['C:\\Programme\\Werkbank\\Zusammenhalt-Werkbank.exe', 'D:\\Pläne\\Kreis 2026.wirplan'], 'C:\\Users\\x', 'win32'))
      .toBe('D:\\Pläne\\Kreis 2026.wirplan');
    // second-instance: Chromium inserts its own switches before the file
    expect(planPathFromArgv(['C:\\W\\W.exe', '--allow-file-access-from-files', '--original-process-start-time=1', 'plan.WIRPLAN'], 'D:\\Pläne', 'win32'))
      .toBe('D:\\Pläne\\plan.WIRPLAN');
    expect(planPathFromArgv(['C:\\W\\W.exe', 'file:///C:/Users/x/Pl%C3%A4ne/a.wirplan'], 'C:\\', 'win32')).toBe('C:\\Users\\x\\Pläne\\a.wirplan');
  });

  it('takes a file on Linux, relative to the working directory, or as a file:// URL (%U launchers)', () => {
    expect(planPathFromArgv(['/opt/werkbank/werkbank', 'plaene/a.wirplan'], '/home/anna', 'linux')).toBe('/home/anna/plaene/a.wirplan');
    expect(planPathFromArgv(['/opt/werkbank/werkbank', '/srv/share/b.wirplan'], '/home/anna', 'linux')).toBe('/srv/share/b.wirplan');
    expect(planPathFromArgv(['/opt/werkbank/werkbank', 'file:///home/anna/Pl%C3%A4ne/c%20d.wirplan'], '/', 'linux')).toBe('/home/anna/Pläne/c d.wirplan');
    // development: electron . <file>
    expect(planPathFromArgv(['/x/electron', '.', 'x.wirplan'], '/w', 'linux')).toBe('/w/x.wirplan');
  });

  it('ignores switches, other files and nothing at all; the last plan wins; after -- a name may start with -', () => {
    expect(planPathFromArgv(['/opt/w'], '/h', 'linux')).toBeNull();
    expect(planPathFromArgv(['/opt/w', '--inspect=9229', '--user-data-dir=/tmp/x.wirplan'], '/h', 'linux')).toBeNull();
    expect(planPathFromArgv(['/opt/w', 'notiz.txt', 'plan.wirplan.backup', 'plan.docx'], '/h', 'linux')).toBeNull();
    expect(planPathFromArgv(['/opt/w', 'a.wirplan', 'b.wirplan'], '/h', 'linux')).toBe('/h/b.wirplan');
    expect(planPathFromArgv(['/opt/w', '--', '-seltsam.wirplan'], '/h', 'linux')).toBe('/h/-seltsam.wirplan');
    expect(planPathFromArgv(['/opt/w', 'file://%zz.wirplan'], '/h', 'linux')).toBeNull();
    expect(planPathFromArgv(['/opt/w', 'a\0.wirplan'], '/h', 'linux')).toBeNull();
  });

  it('never throws and only ever returns an absolute .wirplan path', () => {
    fc.assert(fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { maxLength: 8 }), fc.constantFrom('linux', 'win32', 'darwin') as fc.Arbitrary<NodeJS.Platform>, (args, platform) => {
      const p = planPathFromArgv(['/exe', ...args], platform === 'win32' ? 'C:\\h' : '/h', platform);
      if (p !== null) {
        expect(p.toLowerCase().endsWith('.wirplan')).toBe(true);
        expect(platform === 'win32' ? /^([A-Za-z]:\\|\\\\)/u.test(p) : p.startsWith('/')).toBe(true);
      }
    }), { numRuns: 2_000 });
  });
});

describe('plan path from macOS open-file', () => {
  it('accepts absolute .wirplan paths only', () => {
    expect(planPathFromOpenFile('/Users/anna/Plan.wirplan')).toBe('/Users/anna/Plan.wirplan');
    expect(planPathFromOpenFile('/Users/anna/../anna/Plan.wirplan')).toBe('/Users/anna/Plan.wirplan');
    expect(planPathFromOpenFile('Plan.wirplan')).toBeNull();
    expect(planPathFromOpenFile('/Users/anna/Bild.png')).toBeNull();
    expect(planPathFromOpenFile(42)).toBeNull();
    expect(planPathFromOpenFile('')).toBeNull();
  });
});
