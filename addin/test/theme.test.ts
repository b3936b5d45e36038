/** The pane's palette from Office's themes: every text colour reads at 4.5:1 or better on its backgrounds. */
import { describe, expect, it } from 'vitest';
import type { HostTheme } from '../host/types.js';
import { contrast, DARK, isDark, LIGHT, palette, parseColor, readable } from '../theme.js';

/** Office's themes (body / control colours as Office.context.officeTheme gives them) and hard cases. */
const THEMES: Record<string, HostTheme> = {
  white: LIGHT,
  colorful: {
    bodyBackground: '#FFFFFF',
    bodyForeground: '#262626',
    controlBackground: '#F3F3F3',
    controlForeground: '#262626',
  },
  darkGray: {
    bodyBackground: '#444444',
    bodyForeground: '#FFFFFF',
    controlBackground: '#666666',
    controlForeground: '#FFFFFF',
  },
  black: {
    bodyBackground: '#262626',
    bodyForeground: '#FFFFFF',
    controlBackground: '#3B3B3B',
    controlForeground: '#F0F0F0',
  },
  system: DARK,
  // Hard: a mid grey where neither black nor white gives much room, and a foreground too faint.
  midGray: {
    bodyBackground: '#777777',
    bodyForeground: '#999999',
    controlBackground: '#808080',
    controlForeground: '#aaaaaa',
  },
  faint: {
    bodyBackground: '#ffffff',
    bodyForeground: '#cccccc',
    controlBackground: '#eeeeee',
    controlForeground: '#dddddd',
  },
};

/** Which text colour is drawn on which backgrounds (taskpane.css). */
const PAIRS: [text: string, backgrounds: string[]][] = [
  ['fg', ['bg', 'surface', 'hover']],
  ['control-fg', ['surface', 'hover']],
  ['muted', ['bg', 'surface', 'hover']],
  ['accent', ['bg', 'hover', 'accent-bg']],
  ['on-accent', ['accent']],
  ['error', ['bg', 'error-bg']],
  ['warn', ['bg', 'warn-bg']],
  ['link', ['bg']],
];

describe('palette', () => {
  for (const [name, theme] of Object.entries(THEMES))
    it(`${name}: every text colour has contrast ≥ 4.5:1 on each of its backgrounds`, () => {
      const p = palette(theme);
      const low = PAIRS.flatMap(([text, bgs]) =>
        bgs
          .map((bg) => ({ pair: `${text} on ${bg}`, ratio: contrast(p[text] as string, p[bg] as string) }))
          .filter((r) => r.ratio < 4.5),
      );
      expect(low).toEqual([]);
      expect(p.scheme).toBe(isDark(theme.bodyBackground) ? 'dark' : 'light');
    });

  it("keeps Office's own colours where they already read", () => {
    const p = palette(THEMES.black as HostTheme);
    expect(p.bg).toBe('#262626');
    expect(p.fg).toBe('#FFFFFF');
    expect(p.surface).toBe('#3B3B3B');
    expect(p.scheme).toBe('dark');
  });

  it('near miss: the old grey (#59636e … #8b949e on white ≈ 3.6:1) is darkened, not kept', () => {
    expect(contrast('#8b949e', '#ffffff')).toBeLessThan(4.5);
    const fixed = readable('#8b949e', ['#ffffff']);
    expect(fixed).not.toBe('#8b949e');
    expect(contrast(fixed, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });

  it('a theme without usable colours falls back to the light look', () => {
    const p = palette({
      bodyBackground: 'transparent',
      bodyForeground: '',
      controlBackground: '',
      controlForeground: '',
    });
    expect(p.bg).toBe('#ffffff');
    expect(p.scheme).toBe('light');
    expect(contrast(p.fg as string, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });

  it('parses #rgb and #rrggbb and rejects others', () => {
    expect(parseColor('#fff')).toEqual([255, 255, 255]);
    expect(parseColor('#262626')).toEqual([38, 38, 38]);
    expect(parseColor('rgb(0,0,0)')).toBeNull();
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
  });
});
