/**
 * The period picker wherever the pane asks for a period: 本周 / 上周 / 本月 / 选择… and the chosen
 * period with its deadline (holidays included) below. It wraps the panel's own text input, which
 * keeps its id and stays the value the panel reads: a quick choice writes the id into it, and an id
 * typed into it selects the matching quick choice (or 选择…). With `empty`, a first choice leaves
 * the input blank: the panel then uses its default, which `empty` describes.
 */
import { deadlineText, quickPeriods } from './period-text.js';
import { h } from './ui.js';

const CUSTOM = 'custom';
const EMPTY = 'empty';

export function periodPicker(
  label: string,
  input: HTMLInputElement,
  options: {
    now?: () => Date;
    initial?: 'this-week' | 'last-week' | 'this-month' | 'custom';
    /** A first choice that leaves the input blank, e.g. 默认（报送期次往前 7 周）; blank is then allowed. */
    empty?: string;
  } = {},
): HTMLElement {
  const empty = options.empty;
  const now = options.now ?? (() => new Date());
  const choice = h('select', { id: `${input.id}-choice`, 'aria-label': `${label}（快速选择）` }) as HTMLSelectElement;
  const hint = h('small', { id: `${input.id}-deadline`, class: 'deadline', 'aria-live': 'polite' });
  input.setAttribute('aria-describedby', hint.id);
  input.setAttribute('aria-label', `${label}（自行输入）`);
  input.setAttribute('inputmode', 'text');
  input.autocomplete = 'off';
  input.spellcheck = false;

  function fillChoices(): void {
    const selected = choice.value;
    choice.replaceChildren(
      ...(empty ? [h('option', { value: EMPTY }, empty)] : []),
      ...quickPeriods(now()).map((q) => h('option', { value: q.key, 'data-id': q.id }, `${q.label}（${q.id}）`)),
      h('option', { value: CUSTOM }, '选择…'),
    );
    if (selected) choice.value = selected;
  }

  function describe(): void {
    if (empty && input.value.trim() === '') {
      hint.textContent = `留空：${empty}`;
      hint.className = 'deadline';
      return;
    }
    const d = deadlineText(input.value);
    hint.textContent = d.text;
    hint.className = d.ok ? 'deadline' : 'deadline bad';
  }

  /** The quick choice whose id the input holds, else 选择…. */
  function syncChoice(): void {
    const value = input.value.trim();
    const match = quickPeriods(now()).find((q) => q.id === value);
    choice.value = empty && value === '' ? EMPTY : (match?.key ?? CUSTOM);
  }

  choice.addEventListener('change', () => {
    fillChoices();
    const q = quickPeriods(now()).find((p) => p.key === choice.value);
    if (q) input.value = q.id;
    else if (choice.value === EMPTY) input.value = '';
    else input.focus();
    input.dispatchEvent(new Event('input', { bubbles: true }));
    describe();
  });
  input.addEventListener('input', () => {
    syncChoice();
    describe();
  });
  // Programmatic changes (tests, other panels) show too.
  input.addEventListener('change', () => {
    syncChoice();
    describe();
  });

  fillChoices();
  const initial = quickPeriods(now()).find((q) => q.key === options.initial);
  if (initial) input.value = initial.id;
  syncChoice();
  describe();
  return h(
    'div',
    { class: 'field period-picker', role: 'group', 'aria-label': label },
    h('span', { 'aria-hidden': 'true' }, label),
    h('div', { class: 'period-row' }, choice, input),
    hint,
  );
}
