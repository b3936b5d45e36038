/**
 * Office's theme (Office.context.officeTheme: body and control colours; Excel on the web, Windows,
 * Mac and iPad) for the pane's colours. Office.EventType.OfficeThemeChanged is documented for
 * Outlook (Mailbox 1.14) only, so the handler is asked for through Office.context.document where a
 * host offers it, and the theme is also read again whenever the pane regains focus or is shown.
 */
import type { HostTheme } from '../types.js';

interface OfficeThemeColors {
  bodyBackgroundColor?: string;
  bodyForegroundColor?: string;
  controlBackgroundColor?: string;
  controlForegroundColor?: string;
}

interface OfficeThemeGlobal {
  EventType?: { OfficeThemeChanged?: string };
  context?: {
    officeTheme?: OfficeThemeColors;
    document?: { addHandlerAsync?(type: string, handler: () => void, callback?: (r: unknown) => void): void };
  };
}

const office = () => (globalThis as unknown as { Office?: OfficeThemeGlobal }).Office;

/** Office's current colours, or null when this Office has no theme API. */
export function officeTheme(): HostTheme | null {
  const t = office()?.context?.officeTheme;
  if (!t?.bodyBackgroundColor || !t.bodyForegroundColor) return null;
  return {
    bodyBackground: t.bodyBackgroundColor,
    bodyForeground: t.bodyForegroundColor,
    controlBackground: t.controlBackgroundColor ?? t.bodyBackgroundColor,
    controlForeground: t.controlForegroundColor ?? t.bodyForegroundColor,
  };
}

/** The page events used (typed structurally: this module also compiles without the DOM library). */
interface PageEvents {
  addEventListener(type: 'focus', listener: () => void): void;
  document: { visibilityState: string; addEventListener(type: 'visibilitychange', listener: () => void): void };
}

export function onOfficeThemeChange(listener: () => void, win: PageEvents = globalThis as unknown as PageEvents): void {
  const o = office();
  const type = o?.EventType?.OfficeThemeChanged;
  try {
    if (type) o?.context?.document?.addHandlerAsync?.(type, listener);
  } catch {
    // Not offered by this host: the focus and visibility checks below still apply.
  }
  win.addEventListener('focus', listener);
  win.document.addEventListener('visibilitychange', () => {
    if (win.document.visibilityState === 'visible') listener();
  });
}
