/** The caller's data scope in words: 全市 / 县区：兴隆台区 / 企业：… / 检查站：… */
import type { District, Scope } from '../api/types.js';
import { translate, type Lang } from '../i18n/dict.js';

export function scopeLabel(
  scope: Scope,
  lang: Lang,
  districts: readonly District[],
  placeOrCompanyName?: string,
): string {
  switch (scope.kind) {
    case 'city':
      return translate(lang, 'scope.city');
    case 'district': {
      const d = districts.find((x) => x.code === scope.districtCode);
      const name = d ? (lang === 'en' ? d.nameEn : d.name) : scope.districtCode;
      return translate(lang, 'scope.district', { name });
    }
    case 'enterprise':
      return translate(lang, 'scope.enterprise', { name: placeOrCompanyName ?? '…' });
    case 'filling_site':
      return translate(lang, 'scope.filling_site', { name: placeOrCompanyName ?? '…' });
    case 'checkpoint':
      return translate(lang, 'scope.checkpoint', { name: placeOrCompanyName ?? '…' });
  }
}
