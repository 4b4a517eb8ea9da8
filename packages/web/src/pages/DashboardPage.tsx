/** 首页: the seed's tables as charts (fleet and parking by district, vehicles by class) and expiring certificates. */
import { Alert, Button, Card, Col, Row, Statistic } from 'antd';
import { useMemo } from 'react';
import type { ClassRow, FleetRow, ParkingRow } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { navigate } from '../app/router.js';
import { useArchives } from '../archives/Specs.js';
import {
  buildClassChartOption,
  buildFleetChartOption,
  buildParkingChartOption,
  type DistrictName,
} from '../charts/options.js';
import { EChart } from '../charts/EChart.js';
import { useChartLabels } from '../charts/use-chart-labels.js';
import { useI18n } from '../i18n/I18n.js';

export function DashboardPage() {
  const { t, lang } = useI18n();
  const { districts } = useArchives();
  const fleet = useApi<FleetRow[]>('/api/archives/stats/fleet-by-district');
  const parking = useApi<ParkingRow[]>('/api/archives/stats/parking-by-district');
  const classes = useApi<ClassRow[]>('/api/archives/stats/fleet-by-class');
  const expiring = useApi<{ total: number }>('/api/archives/certificates', { withinDays: 30, pageSize: 1 });

  const labels = useChartLabels();
  const name: DistrictName = (code, zh) =>
    lang === 'en' ? (districts.find((d) => d.code === code)?.nameEn ?? zh) : zh;

  const fleetOption = useMemo(
    () => (fleet.data ? buildFleetChartOption(fleet.data, labels, name) : null),
    [fleet.data, labels, districts],
  );
  const parkingOption = useMemo(
    () => (parking.data ? buildParkingChartOption(parking.data, labels, name) : null),
    [parking.data, labels, districts],
  );
  const classOption = useMemo(
    () => (classes.data ? buildClassChartOption(classes.data, labels) : null),
    [classes.data, labels],
  );
  const sum = <T,>(rows: T[] | undefined, f: (r: T) => number) => rows?.reduce((a, r) => a + f(r), 0) ?? 0;
  const error = fleet.error ?? parking.error ?? classes.error;

  return (
    <div data-testid="dashboard">
      {error && <Alert type="error" showIcon message={error.message} style={{ marginBottom: 16 }} />}
      <Row gutter={16}>
        <Col span={6}>
          <Card>
            <Statistic
              title={t('dash.totalEnterprises')}
              value={sum(fleet.data, (r) => r.enterprises)}
              loading={fleet.loading}
            />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic
              title={t('dash.totalVehicles')}
              value={sum(fleet.data, (r) => r.powered + r.trailers)}
              loading={fleet.loading}
            />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic
              title={t('dash.totalLots')}
              value={sum(parking.data, (r) => r.lots)}
              loading={parking.loading}
            />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic
              title={t('dash.certificates')}
              value={expiring.data?.total ?? 0}
              loading={expiring.loading}
              valueStyle={{ color: (expiring.data?.total ?? 0) > 0 ? '#d4380d' : undefined }}
            />
            <Button type="link" style={{ padding: 0 }} onClick={() => navigate('/archives/certificates')}>
              {t('dash.viewList')}
            </Button>
          </Card>
        </Col>
      </Row>
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col span={14}>
          <Card title={t('dash.fleetByDistrict')} loading={fleet.loading}>
            {fleetOption && <EChart option={fleetOption} testId="chart-fleet" />}
          </Card>
        </Col>
        <Col span={10}>
          <Card title={t('dash.fleetByClass')} loading={classes.loading}>
            {classOption && <EChart option={classOption} testId="chart-class" />}
          </Card>
        </Col>
      </Row>
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col span={24}>
          <Card title={t('dash.parkingByDistrict')} loading={parking.loading}>
            {parkingOption && <EChart option={parkingOption} height={280} testId="chart-parking" />}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
