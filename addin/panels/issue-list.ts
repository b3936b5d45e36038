/**
 * The check panel's issue list for ledgers of any size: groups by rule and column with counts,
 * expanded on click to their rows, in a virtualised scroller — only the rows in view (plus a
 * margin) are in the DOM, so 10,000 issues scroll as fast as 10. Each row jumps to its cell.
 */
import type { Issue } from '../../shared/index.js';
import { clipMessage } from '../../shared/issue-cap.js';
import { type RuleGroup, rowLabel, shortMessage } from '../issue-groups.js';
import { clear, h } from '../ui.js';

/** Fixed heights (px) of the two kinds of entry; CSS gives them the same. */
export const GROUP_PX = 44;
export const ISSUE_PX = 58;
/** Rendered beyond the visible part, above and below (px). */
const OVERSCAN_PX = 240;
/** Height assumed while the list is not laid out (a hidden tab). */
const FALLBACK_VIEW_PX = 600;

type Entry = { kind: 'group'; group: RuleGroup } | { kind: 'issue'; group: RuleGroup; issue: Issue };

export interface IssueListOptions {
  /** The cell an issue points at (its own, else its row's first column); null = nowhere to go. */
  cellOf(issue: Issue): string | null;
  pick(issue: Issue, cell: string): void;
}

export interface IssueList {
  element: HTMLElement;
  /**
   * Shows `groups`; `expand` opens every group (small lists), else the groups opened before stay
   * open; `keepScroll` keeps the scroll position (a list that fills while the check runs).
   */
  show(groups: RuleGroup[], expand: boolean, keepScroll?: boolean): void;
  clear(): void;
  /** Entries in the DOM right now (for tests of the virtualisation). */
  rendered(): number;
}

export function createIssueList(options: IssueListOptions): IssueList {
  const canvas = h('div', { class: 'issue-canvas' });
  const element = h('div', { class: 'issues virtual', id: 'issue-list' }, canvas);
  let groups: RuleGroup[] = [];
  const open = new Set<string>();
  let entries: Entry[] = [];
  let offsets: number[] = [0];
  const nodes = new Map<number, HTMLElement>();
  let frame = 0;

  function layout(): void {
    entries = [];
    for (const group of groups) {
      entries.push({ kind: 'group', group });
      if (open.has(group.key)) for (const issue of group.issues) entries.push({ kind: 'issue', group, issue });
    }
    offsets = [0];
    for (const e of entries) offsets.push((offsets[offsets.length - 1] as number) + heightOf(e));
    canvas.style.height = `${offsets[offsets.length - 1]}px`;
    for (const node of nodes.values()) node.remove();
    nodes.clear();
    paint();
  }

  /** First entry whose bottom is below `y` (binary search on offsets). */
  function indexAt(y: number): number {
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((offsets[mid + 1] as number) <= y) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  function paint(): void {
    const view = element.clientHeight || FALLBACK_VIEW_PX;
    const top = Math.max(0, element.scrollTop - OVERSCAN_PX);
    const bottom = element.scrollTop + view + OVERSCAN_PX;
    const first = indexAt(top);
    let last = first;
    while (last < entries.length && (offsets[last] as number) < bottom) last++;
    for (const [i, node] of nodes)
      if (i < first || i >= last) {
        node.remove();
        nodes.delete(i);
      }
    for (let i = first; i < last; i++) {
      if (nodes.has(i)) continue;
      const node = draw(entries[i] as Entry);
      node.style.top = `${offsets[i]}px`;
      nodes.set(i, node);
      canvas.append(node);
    }
  }

  function toggle(group: RuleGroup): void {
    if (open.has(group.key)) open.delete(group.key);
    else open.add(group.key);
    const at = entries.findIndex((e) => e.kind === 'group' && e.group.key === group.key);
    layout();
    // Keep keyboard focus on the heading that was toggled.
    nodes.get(at)?.querySelector('button')?.focus();
  }

  function draw(entry: Entry): HTMLElement {
    if (entry.kind === 'group') {
      const g = entry.group;
      const expanded = open.has(g.key);
      return h(
        'div',
        { class: `group${g.errors > 0 ? ' has-errors' : ''}` },
        h(
          'h4',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'group-toggle',
              'aria-expanded': expanded ? 'true' : 'false',
              onclick: () => toggle(g),
            },
            h('span', { class: 'chevron', 'aria-hidden': 'true' }, expanded ? '▾' : '▸'),
            h('span', { class: `tag ${g.errors > 0 ? 'error' : 'warning'}` }, g.errors > 0 ? '错误' : '提示'),
            h('span', { class: 'title' }, g.title),
          ),
        ),
      );
    }
    const { issue } = entry;
    const cell = options.cellOf(issue);
    const text = clipMessage(shortMessage(issue));
    return h(
      'div',
      { class: 'issue-row' },
      h(
        'button',
        {
          type: 'button',
          class: `issue ${issue.severity}`,
          'data-cell': cell ?? '',
          title: `${clipMessage(issue.message)}${cell ? `（点击定位到 ${cell}）` : ''}`,
          disabled: cell === null,
          onclick: () => {
            if (cell) options.pick(issue, cell);
          },
        },
        h('span', { class: 'where' }, rowLabel(issue), cell ? h('span', { class: 'cell' }, cell) : null),
        h('span', { class: 'text' }, text),
      ),
    );
  }

  element.addEventListener('scroll', () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      paint();
    });
  });

  return {
    element,
    show(next, expand, keepScroll = false) {
      groups = next;
      const keys = new Set(next.map((g) => g.key));
      if (!keepScroll) for (const k of [...open]) if (!keys.has(k)) open.delete(k);
      if (expand) for (const g of next) open.add(g.key);
      if (!keepScroll) element.scrollTop = 0;
      layout();
    },
    clear() {
      groups = [];
      open.clear();
      entries = [];
      offsets = [0];
      nodes.clear();
      clear(canvas);
      canvas.style.height = '0px';
    },
    rendered: () => nodes.size,
  };
}

function heightOf(entry: Entry): number {
  return entry.kind === 'group' ? GROUP_PX : ISSUE_PX;
}
