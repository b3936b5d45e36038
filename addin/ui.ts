/** Small DOM helpers for the pane: element builder, progress, messages, in-pane confirmation. */

type Child = Node | string | number | null | undefined | false;
type Props = Record<string, string | number | boolean | ((event: Event) => void) | undefined>;

/** h('button', { class: 'primary', onclick: fn }, '一键校验') — text always goes in as text, never HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(key.replace(/^on/u, ''), value);
    else if (key === 'class') el.className = String(value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, ...children);
  return el;
}

export function append(el: Element, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'object' ? c : String(c));
  }
}

export function clear(el: Element): void {
  el.replaceChildren();
}

/** A button with the sentence saying what it will change, as the pane shows every action. */
export function action(label: string, effect: string, onclick: () => void, kind = ''): HTMLElement {
  return h(
    'div',
    { class: 'action' },
    h('button', { class: kind, type: 'button', onclick }, label),
    h('p', { class: 'effect' }, effect),
  );
}

export function field(label: string, input: HTMLElement, hint?: string): HTMLElement {
  return h('label', { class: 'field' }, h('span', {}, label), input, hint ? h('small', {}, hint) : null);
}

export interface Ui {
  progress(done: number, total: number, label: string): void;
  done(): void;
  notify(text: string, kind?: 'info' | 'error' | 'ok' | 'warn'): void;
  confirm(title: string, body: string, ok?: string): Promise<boolean>;
}

export function createUi(root: HTMLElement): Ui {
  const bar = root.querySelector<HTMLElement>('#progress');
  const fill = bar?.querySelector<HTMLElement>('.fill');
  const label = bar?.querySelector<HTMLElement>('.label');
  const message = root.querySelector<HTMLElement>('#message');
  const dialog = root.querySelector<HTMLElement>('#confirm');
  return {
    progress(done, total, text) {
      if (!bar || !fill || !label) return;
      bar.hidden = false;
      const percent = Math.min(100, Math.max(0, Math.round((100 * done) / Math.max(1, total))));
      fill.style.width = `${percent}%`;
      label.textContent = text;
      const meter = bar.querySelector<HTMLElement>('[role="progressbar"]');
      meter?.setAttribute('aria-valuenow', String(percent));
      meter?.setAttribute('aria-valuetext', `${text} ${percent}%`);
      root.classList.add('busy');
    },
    done() {
      if (bar) bar.hidden = true;
      root.classList.remove('busy');
    },
    notify(text, kind = 'info') {
      if (!message) return;
      message.textContent = text;
      message.className = `message ${kind}`;
      message.hidden = text === '';
    },
    confirm(title, body, ok = '确定') {
      if (!dialog) return Promise.resolve(false);
      const overlay: HTMLElement = dialog;
      return new Promise((resolve) => {
        // Where focus was (the button that asked): it goes back there when the dialog closes.
        const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
        const cancel = h('button', { type: 'button', onclick: () => finish(false) }, '取消');
        const accept = h('button', { type: 'button', class: 'primary', onclick: () => finish(true) }, ok);
        const box = h(
          'div',
          {
            class: 'dialog',
            role: 'dialog',
            'aria-modal': 'true',
            'aria-labelledby': 'confirm-title',
            'aria-describedby': 'confirm-body',
          },
          h('h3', { id: 'confirm-title' }, title),
          h('p', { id: 'confirm-body' }, body),
          h('div', { class: 'buttons' }, cancel, accept),
        );
        const onKey = (event: KeyboardEvent) => trapKeys(event, [cancel, accept], () => finish(false));
        function finish(answer: boolean): void {
          document.removeEventListener('keydown', onKey, true);
          overlay.hidden = true;
          clear(overlay);
          if (opener?.isConnected) opener.focus();
          resolve(answer);
        }
        clear(overlay);
        append(overlay, box);
        overlay.hidden = false;
        document.addEventListener('keydown', onKey, true);
        // Focus on 取消: a stray Enter does not change the workbook.
        cancel.focus();
      });
    },
  };
}

/**
 * The dialog's keys: Esc cancels; Tab and Shift+Tab cycle among its buttons only (and pull focus
 * back in if it ever left), so nothing behind the overlay can be reached.
 */
function trapKeys(event: KeyboardEvent, focusable: HTMLElement[], cancel: () => void): void {
  if (event.key === 'Escape') {
    event.preventDefault();
    event.stopPropagation();
    cancel();
    return;
  }
  if (event.key !== 'Tab' || focusable.length === 0) return;
  event.preventDefault();
  const at = focusable.indexOf(document.activeElement as HTMLElement);
  const step = event.shiftKey ? -1 : 1;
  const next = at < 0 ? 0 : (at + step + focusable.length) % focusable.length;
  focusable[next]?.focus();
}
