import type { GetLocaleText } from 'ag-grid-community';
import { useMemo, useRef } from 'react';
import { useI18n } from '../i18n/index.js';
import { gridLocaleText } from './setup.js';

/** A stable `getLocaleText` for a grid that always answers in the current language. */
export function useGridLocaleText(): GetLocaleText {
  const { t } = useI18n();
  const current = useRef(t);
  current.current = t;
  return useMemo(() => gridLocaleText(() => current.current), []);
}
