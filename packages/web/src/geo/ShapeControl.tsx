/** A form control for a geofence shape: its type, the map to draw it on, and its radius or width. */
import { InputNumber, Radio, Space, Typography } from 'antd';
import { useI18n } from '../i18n/I18n.js';
import { changeType } from './edit.js';
import { ShapeMap } from './ShapeMap.js';
import type { Shape, ShapeFeature } from './shapes.js';

/** Where a new circle starts: Panjin's centre (WGS-84), as the map opens. */
const CITY_CENTRE: [number, number] = [122.07, 41.12];

export function ShapeControl({
  value,
  onChange,
  context,
  id,
}: {
  value?: Shape;
  onChange?: (s: Shape) => void;
  context?: readonly ShapeFeature[];
  id?: string;
}) {
  const { t } = useI18n();
  const shape: Shape = value ?? { type: 'polygon', coordinates: [] };
  const set = (s: Shape) => onChange?.(s);
  return (
    <div id={id}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Radio.Group
          value={shape.type}
          onChange={(e) => set(changeType(shape, e.target.value as Shape['type'], CITY_CENTRE))}
          optionType="button"
          size="small"
          data-testid="shape-type"
          options={(['polygon', 'circle', 'corridor'] as const).map((k) => ({
            value: k,
            label: t(`shape.type.${k}`),
          }))}
        />
        {shape.type === 'circle' && (
          <Space size={4}>
            <Typography.Text>{t('shape.radius')}</Typography.Text>
            <InputNumber
              size="small"
              min={1}
              max={200_000}
              value={shape.radiusM}
              onChange={(r) => set({ ...shape, radiusM: Number(r ?? 0) })}
              addonAfter="m"
              data-testid="shape-radius"
            />
          </Space>
        )}
        {shape.type === 'corridor' && (
          <Space size={4}>
            <Typography.Text>{t('shape.width')}</Typography.Text>
            <InputNumber
              size="small"
              min={1}
              max={10_000}
              value={shape.widthM}
              onChange={(w) => set({ ...shape, widthM: Number(w ?? 0) })}
              addonAfter="m"
              data-testid="shape-width"
            />
          </Space>
        )}
      </Space>
      <ShapeMap shape={shape} onChange={set} context={context} height={320} />
    </div>
  );
}
