/**
 * The text form the review panels share (a change request's comment, a withdrawal's reason, an
 * approval's optional comment under its confirm step): a labelled field, a submit and a Cancel button, hidden until opened. An empty text is
 * refused in place (the field marked invalid, the reason in the status line, the focus back on it),
 * so the server is called only with something to record.
 */
import { h, uid } from '../dom';
import { setStatus } from '../status';

export type RequiredTextForm = {
  form: HTMLFormElement;
  field: HTMLInputElement | HTMLTextAreaElement;
  /** Shows the form and puts the focus in its field. */
  open: () => void;
};

export function requiredTextForm(o: {
  /** The form's class (e.g. "changes-form"). */
  className: string;
  label: string;
  /** A textarea of that many rows, or a one-line input when absent. */
  rows?: number;
  maxLength: number;
  /** data-focus of the field (kept across redraws by the panel). */
  focusKey: string;
  submit: { text: string; class: string; focusKey?: string };
  cancelClass: string;
  /** Said in the status line when the text is empty. */
  emptyMessage: string;
  onSubmit: (text: string) => void;
  /** Where the focus goes on Cancel (the button that opened the form), if anywhere. */
  onCancel?: () => void;
  /** False for an optional text (an approval's comment): an empty one is sent as ''. */
  required?: boolean;
  /** What the form is about, above the field (e.g. the version and hash being approved). */
  intro?: HTMLElement;
}): RequiredTextForm {
  const id = uid(o.className);
  const common = { id, maxlength: o.maxLength, dir: 'auto', 'data-focus': o.focusKey };
  const field = o.rows ? (h('textarea', { ...common, rows: o.rows }) as HTMLTextAreaElement) : (h('input', { ...common, type: 'text' }) as HTMLInputElement);
  const submitProps: Record<string, string> = { type: 'submit', class: o.submit.class };
  if (o.submit.focusKey) submitProps['data-focus'] = o.submit.focusKey;
  const form = h(
    'form',
    { class: o.className, novalidate: true, hidden: true },
    o.intro ?? null,
    h('div', { class: 'field' }, h('label', { for: id }, o.label), field),
    h('div', { class: 'actions' }, h('button', submitProps, o.submit.text), h('button', { type: 'button', class: o.cancelClass, onclick: () => ((form.hidden = true), o.onCancel?.()) }, 'Cancel')),
  ) as HTMLFormElement;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = field.value.trim();
    if (text === '' && o.required !== false) {
      field.setAttribute('aria-invalid', 'true');
      setStatus(o.emptyMessage, 'error');
      field.focus();
      return;
    }
    o.onSubmit(text);
  });
  return {
    form,
    field,
    open: () => {
      form.hidden = false;
      field.focus();
    },
  };
}
