import { certificateField, commonFields, ownerFields, type EntitySpec } from '../resource/spec.js';
import { ageOn, checkIdNumber, idNumberInfo } from '../validation/id-number.js';

/**
 * 从业人员: drivers, escorts and loading supervisors. 道路运输从业人员管理规定 第十一、十二条:
 * all three roles at most 60 years old — checked and warned, since the archive must still hold
 * the person to record why they may no longer work.
 */
export const personSpec: EntitySpec = {
  type: 'person',
  path: 'personnel',
  table: 'personnel',
  alias: 'p',
  from: 'personnel p JOIN enterprises e ON e.id = p.enterprise_id',
  scope: { enterpriseColumn: 'p.enterprise_id', districtColumn: 'e.district_code' },
  enterpriseIdColumn: 'p.enterprise_id',
  label: { zh: '从业人员', en: 'Personnel' },
  search: ['p.name', 'p.id_number', 'p.phone'],
  defaultSort: 'p.name',
  fields: [
    ...commonFields('p'),
    ...ownerFields('p'),
    {
      key: 'name',
      column: 'name',
      type: 'string',
      required: true,
      maxLength: 30,
      label: { zh: '姓名', en: 'Name' },
      filter: 'contains',
    },
    {
      key: 'idNumber',
      column: 'id_number',
      type: 'string',
      required: true,
      immutable: true,
      label: { zh: '身份证号码', en: 'ID number' },
      normalize: (v) => String(v).trim().toUpperCase(),
      check: (v) => {
        const p = checkIdNumber(String(v));
        return p ? `id_number.${p}` : null;
      },
      filter: 'eq',
    },
    {
      key: 'birthDate',
      column: 'birth_date',
      select: "to_char(p.birth_date, 'YYYY-MM-DD')",
      type: 'date',
      readOnly: true,
      label: { zh: '出生日期', en: 'Birth date' },
    },
    { key: 'sex', column: 'sex', type: 'string', readOnly: true, label: { zh: '性别', en: 'Sex' } },
    {
      key: 'roles',
      column: 'roles',
      type: 'strings',
      required: true,
      enum: ['driver', 'escort', 'loading_supervisor'],
      label: { zh: '岗位', en: 'Roles' },
    },
    {
      key: 'phone',
      column: 'phone',
      type: 'string',
      pattern: '^[0-9+\\- ]{7,20}$',
      label: { zh: '联系电话', en: 'Phone' },
    },
    certificateField('qualification', 'number', 'self', {
      key: 'qualificationNo',
      required: true,
      maxLength: 40,
      label: { zh: '从业资格证号', en: 'Qualification certificate' },
    }),
    certificateField('qualification', 'category', 'self', {
      key: 'qualificationCategory',
      required: true,
      maxLength: 40,
      label: { zh: '从业资格类别', en: 'Qualification category' },
    }),
    certificateField('qualification', 'valid_until', 'self', {
      key: 'qualificationValidUntil',
      required: true,
      label: { zh: '从业资格证有效期至', en: 'Qualification valid until' },
    }),
    {
      key: 'licenceClass',
      column: 'licence_class',
      type: 'string',
      enum: ['A1', 'A2', 'A3', 'B1', 'B2', 'C1'],
      label: { zh: '准驾车型', en: 'Licence class' },
    },
    certificateField('driving_licence', 'valid_until', 'self', {
      key: 'licenceValidUntil',
      label: { zh: '驾驶证有效期至', en: 'Licence valid until' },
    }),
    {
      key: 'medicalCheckDate',
      column: 'medical_check_date',
      type: 'date',
      label: { zh: '体检日期', en: 'Medical check date' },
    },
    {
      key: 'photoUrl',
      column: 'photo_url',
      type: 'string',
      maxLength: 500,
      pattern: '^(https?://|/)',
      label: { zh: '照片', en: 'Photo' },
    },
    {
      key: 'employmentStatus',
      column: 'employment_status',
      type: 'string',
      enum: ['employed', 'left'],
      label: { zh: '在职状态', en: 'Employment status' },
      filter: 'eq',
    },
  ],
  derive(r) {
    if (typeof r.idNumber !== 'string' || checkIdNumber(r.idNumber) !== null) return {};
    const info = idNumberInfo(r.idNumber);
    return { birthDate: info.birthDate, sex: info.sex };
  },
  validateRecord(r) {
    const roles = Array.isArray(r.roles) ? r.roles : [];
    const out: { field: string; reason: string }[] = [];
    if (roles.includes('driver') && !r.licenceClass) out.push({ field: 'licenceClass', reason: 'required' });
    if (roles.includes('driver') && !r.licenceValidUntil)
      out.push({ field: 'licenceValidUntil', reason: 'required' });
    return out;
  },
  warnings(r, today) {
    const birth = typeof r.birthDate === 'string' ? r.birthDate : undefined;
    return birth && ageOn(birth, today) >= 60 ? [{ field: 'idNumber', reason: 'age.over_60' }] : [];
  },
};
