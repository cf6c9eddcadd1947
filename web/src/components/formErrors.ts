// Puts API field errors onto antd form fields; returns the message for anything left over.
import { App, type FormInstance } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api';
import { errorText, type Lang, useI18n } from '../i18n';

/**
 * Applies `error.fields` to the form (matching by field name, also "body.x" / "/x" forms).
 * Returns the text to show as a general message, or null when every field error was placed.
 */
export function applyFormError<T>(form: FormInstance<T>, error: unknown, lang: Lang): string | null {
  if (!(error instanceof ApiError)) return String(error);
  const known = new Set(Object.keys((form.getFieldsValue() as object | undefined) ?? {}));
  const placed: { name: string; errors: string[] }[] = [];
  const unplaced: string[] = [];
  for (const f of error.fields) {
    const name = f.field.split(/[./]/).filter(Boolean).pop() ?? f.field;
    if (known.has(name)) placed.push({ name, errors: [f.message] });
    else unplaced.push(f.field ? `${f.field}: ${f.message}` : f.message);
  }
  if (placed.length > 0) {
    form.setFields(placed.map((p) => ({ name: p.name as never, errors: p.errors })));
  }
  if (placed.length > 0 && unplaced.length === 0) return null;
  const base = errorText(lang, error.code, error.message);
  return unplaced.length > 0 ? `${base}（${unplaced.join('；')}）` : base;
}

/**
 * The saving state of a form and a runner for its request: while `action` runs the form shows as
 * saving; a refusal puts the API's field errors on the fields and anything left over in a message.
 */
export function useFormAction<T>(form: FormInstance<T>): {
  saving: boolean;
  run: (action: () => Promise<void>) => Promise<void>;
} {
  const [saving, setSaving] = useState(false);
  const { lang } = useI18n();
  const { message } = App.useApp();
  const run = async (action: () => Promise<void>) => {
    setSaving(true);
    try {
      await action();
    } catch (err) {
      const text = applyFormError(form, err, lang);
      if (text) message.error(text);
    } finally {
      setSaving(false);
    }
  };
  return { saving, run };
}
