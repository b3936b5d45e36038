/**
 * The pane's colours as CSS custom properties, following the host's theme: Office gives its body
 * and control colours (Office.context.officeTheme), WPS gives none (the system's light/dark
 * preference is used). Every text colour is checked against the backgrounds it is drawn on and
 * moved towards black or white until it reaches 4.5:1 (WCAG AA), whatever colours the host gives.
 */
import type { HostTheme, LedgerWorkbook } from './host/types.js';

type Rgb = [number, number, number];

const WCAG_AA = 4.5;

export function parseColor(text: string): Rgb | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/iu.exec(text.trim());
  if (!m?.[1]) return null;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as Rgb;
}

const toHex = (c: Rgb): string => `#${c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

function luminance([r, g, b]: Rgb): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio of two #rrggbb colours (1 … 21). */
export function contrast(a: string, b: string): number {
  const [x, y] = [parseColor(a), parseColor(b)];
  if (!x || !y) return 1;
  const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `a` mixed with `b`: share 0 = a, 1 = b. */
export function mix(a: string, b: string, share: number): string {
  const [x, y] = [parseColor(a), parseColor(b)];
  if (!x || !y) return a;
  return toHex(x.map((v, i) => v + ((y[i] as number) - v) * share) as Rgb);
}

export const isDark = (bg: string): boolean => luminance(parseColor(bg) ?? [255, 255, 255]) < 0.2;

/**
 * `color`, or the nearest colour (towards black on light backgrounds, white on dark ones, then the
 * other way) that has at least `min`:1 contrast with every one of `backgrounds`.
 */
export function readable(color: string, backgrounds: string[], min = WCAG_AA): string {
  const worst = (c: string) => Math.min(...backgrounds.map((bg) => contrast(c, bg)));
  if (worst(color) >= min) return color;
  const first = isDark(backgrounds[0] ?? '#ffffff') ? '#ffffff' : '#000000';
  const second = first === '#ffffff' ? '#000000' : '#ffffff';
  for (const target of [first, second])
    for (let step = 1; step <= 20; step++) {
      const moved = mix(color, target, step / 20);
      if (worst(moved) >= min) return moved;
    }
  return worst(first) >= worst(second) ? first : second;
}

/** The hues the pane uses, per light or dark background (before the contrast checks). */
const HUES = {
  light: { muted: '#59636e', accent: '#1a7f37', error: '#b42318', warn: '#8a5a00', link: '#0969da' },
  dark: { muted: '#9da7b3', accent: '#4ac26b', error: '#ff8f85', warn: '#e3b341', link: '#6cb6ff' },
} as const;

/** Office's default white theme: the pane's light look. */
export const LIGHT: HostTheme = {
  bodyBackground: '#ffffff',
  bodyForeground: '#1f2328',
  controlBackground: '#f6f8fa',
  controlForeground: '#1f2328',
};

/** The look when the host has no theme and the system prefers dark. */
export const DARK: HostTheme = {
  bodyBackground: '#1f1f1f',
  bodyForeground: '#e6edf3',
  controlBackground: '#2d2d2d',
  controlForeground: '#e6edf3',
};

/** Custom property name (without --) → colour, for a host theme. */
export function palette(theme: HostTheme): Record<string, string> {
  const bg = parseColor(theme.bodyBackground) ? theme.bodyBackground : LIGHT.bodyBackground;
  const dark = isDark(bg);
  const hues = dark ? HUES.dark : HUES.light;
  const fallback = dark ? DARK : LIGHT;
  const surface = parseColor(theme.controlBackground) ? theme.controlBackground : fallback.controlBackground;
  const hover = mix(surface, dark ? '#ffffff' : '#000000', 0.05);
  const tint = (hue: string) => mix(bg, hue, dark ? 0.18 : 0.1);
  const [accentBg, errorBg, warnBg] = [tint(hues.accent), tint(hues.error), tint(hues.warn)];
  const plain = [bg, surface, hover];
  const fg = readable(theme.bodyForeground, plain);
  const accent = readable(hues.accent, [...plain, accentBg]);
  return {
    bg,
    fg,
    surface,
    hover,
    'control-fg': readable(theme.controlForeground, [surface, hover]),
    'input-bg': dark ? mix(bg, '#000000', 0.25) : '#ffffff',
    line: mix(bg, fg, dark ? 0.3 : 0.18),
    muted: readable(hues.muted, plain),
    accent,
    'accent-bg': accentBg,
    // Text on the accent button: whichever of white / the body colour reads on it.
    'on-accent': readable(dark ? bg : '#ffffff', [accent]),
    error: readable(hues.error, [...plain, errorBg]),
    'error-bg': errorBg,
    warn: readable(hues.warn, [...plain, warnBg]),
    'warn-bg': warnBg,
    link: readable(hues.link, plain),
    shadow: dark ? 'rgba(0, 0, 0, 0.6)' : 'rgba(0, 0, 0, 0.2)',
    scheme: dark ? 'dark' : 'light',
  };
}

/** Sets the palette on the document's root element (and `data-theme` = light / dark for tests and CSS). */
export function applyTheme(root: HTMLElement, theme: HostTheme): void {
  const vars = palette(theme);
  for (const [name, value] of Object.entries(vars)) {
    if (name === 'scheme') continue;
    root.style.setProperty(`--${name}`, value);
  }
  root.style.colorScheme = vars.scheme ?? 'light';
  root.dataset.theme = vars.scheme;
}

export type ThemeSource = Pick<LedgerWorkbook, 'theme' | 'onThemeChange'>;

/**
 * Applies the host's theme now and whenever it changes; without a host theme, follows the
 * system's prefers-color-scheme (light unless the system asks for dark).
 */
export function followTheme(root: HTMLElement, host: ThemeSource, win: Window = window): void {
  const media = win.matchMedia?.('(prefers-color-scheme: dark)');
  const update = () => applyTheme(root, host.theme?.() ?? (media?.matches ? DARK : LIGHT));
  update();
  host.onThemeChange?.(update);
  media?.addEventListener?.('change', update);
}
