/**
 * The WPS add-in's entry page script (index.html): the ribbon callbacks named in ribbon.xml.
 * They stay synchronous (an async callback broke the ribbon in one WPS 12.1 build) and are plain
 * globals under both spellings WPS builds have used (OnAddinLoad / OnAddInLoad).
 */

import './polyfills.js';

interface TaskPane {
  ID: string | number;
  Visible: boolean;
  DockPosition?: number;
}

interface WpsRibbonHost {
  CreateTaskPane?: (url: string, title?: string) => TaskPane;
  CreateTaskpane?: (url: string, title?: string) => TaskPane;
  GetTaskPane?: (id: string | number) => TaskPane | null;
  PluginStorage?: { getItem(key: string): unknown; setItem(key: string, value: unknown): void };
}

const PANE_KEY = 'sige_yipi_taskpane_id';
const HELP_KEY = 'sige_yipi_help_id';
/** msoCTPDockPositionRight */
const DOCK_RIGHT = 2;

function hosts(): WpsRibbonHost[] {
  const g = globalThis as unknown as { wps?: WpsRibbonHost; Application?: WpsRibbonHost };
  return [g.wps, g.Application].filter((h): h is WpsRibbonHost => typeof h === 'object' && h !== null);
}

function pick<K extends keyof WpsRibbonHost>(key: K): NonNullable<WpsRibbonHost[K]> | null {
  for (const h of hosts()) {
    const v = h[key];
    if (typeof v === 'function') return (v as (...a: unknown[]) => unknown).bind(h) as NonNullable<WpsRibbonHost[K]>;
    if (v && typeof v === 'object') return v as NonNullable<WpsRibbonHost[K]>;
  }
  return null;
}

/** A page next to this one (works for the county server's /wps/ and for an offline jsaddons folder). */
export function pageUrl(page: string): string {
  return new URL(page, globalThis.location.href).href;
}

/** Shows the pane, creating it once per WPS session; a second click hides it. */
export function togglePane(page: string, title: string, key: string): TaskPane {
  const storage = pick('PluginStorage');
  const getPane = pick('GetTaskPane');
  const id = storage?.getItem(key);
  const existing = id !== null && id !== undefined && id !== '' && getPane ? getPane(id as string) : null;
  if (existing) {
    existing.Visible = !existing.Visible;
    return existing;
  }
  const create = pick('CreateTaskPane') ?? pick('CreateTaskpane');
  if (!create) throw new Error('此 WPS 版本不支持任务窗格（CreateTaskPane）：请升级 WPS Office。');
  const pane = create(pageUrl(page), title);
  storage?.setItem(key, pane.ID);
  pane.DockPosition = DOCK_RIGHT;
  pane.Visible = true;
  return pane;
}

function OnAddinLoad(_ribbonUI: unknown): boolean {
  return true;
}

function OnAction(control: { Id?: string; id?: string }): boolean {
  const id = control.Id ?? control.id;
  try {
    if (id === 'sgypPane') togglePane('taskpane.html', '四个一批台账', PANE_KEY);
    else if (id === 'sgypHelp') togglePane('help.html', '四个一批台账 · 使用说明', HELP_KEY);
  } catch (error) {
    globalThis.alert?.(error instanceof Error ? error.message : String(error));
  }
  return true;
}

function GetImage(control: { Id?: string; id?: string }): string {
  return (control.Id ?? control.id) === 'sgypHelp' ? 'assets/icon-32.png' : 'assets/icon-64.png';
}

Object.assign(globalThis, { OnAddinLoad, OnAddInLoad: OnAddinLoad, OnAction, GetImage });
