/** The dashboard charts' words in the user's language (the 首页 and the big screen share them). */
import { useMemo } from 'react';
import { useI18n } from '../i18n/I18n.js';
import type { ChartLabels } from './options.js';

export function useChartLabels(): ChartLabels {
  const { t } = useI18n();
  return useMemo(
    () => ({
      enterprises: t('dash.enterprises'),
      tractors: t('dash.tractors'),
      rigid: t('dash.rigid'),
      trailers: t('dash.trailers'),
      lots: t('dash.lots'),
      spaces: t('dash.spaces'),
      area: t('dash.area'),
      vehicles: t('dash.vehicles'),
      className: (n) => t('dash.class', { n }),
    }),
    [t],
  );
}
