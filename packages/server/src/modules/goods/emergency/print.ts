/**
 * The printable emergency card of a waybill: one A4 page per goods line, zh-CN with English
 * subtitles, self-contained (inline CSS, no script), so a responder can print it or a driver can
 * keep it in the cab. Every value is escaped.
 */
import type { EmergencyCard, Text } from '../cards/types.js';
import type { CardLine, WaybillCard } from './lookup.js';

const esc = (v: unknown): string =>
  String(v ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

const bi = (zh: string, en: string) => `${esc(zh)}<span class="en">${esc(en)}</span>`;
const text = (t: Text) => `<p>${esc(t.zh)}</p><p class="en">${esc(t.en)}</p>`;

const specialLabel: Record<string, Text> = {
  highly_toxic: { zh: '剧毒化学品', en: 'Highly toxic' },
  explosive_precursor: { zh: '易制爆危险化学品', en: 'Explosive precursor' },
  explosive: { zh: '爆炸品', en: 'Explosive' },
  radioactive: { zh: '放射性物品', en: 'Radioactive' },
  hazardous_waste: { zh: '危险废物', en: 'Hazardous waste' },
};

const statusLabel: Record<string, Text> = {
  checked: { zh: '已审核', en: 'checked' },
  loading: { zh: '装货中', en: 'loading' },
  in_transit: { zh: '运输中', en: 'in transit' },
};

function row(label: Text, value: string): string {
  return `<tr><th>${bi(label.zh, label.en)}</th><td>${value}</td></tr>`;
}

function person(p: WaybillCard['driver']): string {
  if (!p) return '—';
  return `${esc(p.name)} · ${esc(p.phone ?? '—')}${p.qualificationNo ? ` · 从业资格证 ${esc(p.qualificationNo)}` : ''}`;
}

function distances(c: EmergencyCard): string {
  const d = c.distances;
  return `<table class="dist">
  <tr><th>${bi('立即隔离（四周）', 'Isolate at once, all directions')}</th><td>${d.isolationM} m</td>
      <th>${bi('小量泄漏疏散（下风向）', 'Small spill, downwind')}</th><td>${d.smallSpillM} m</td></tr>
  <tr><th>${bi('大量泄漏疏散（下风向）', 'Large spill, downwind')}</th><td>${d.largeSpillM} m</td>
      <th>${bi('火灾隔离疏散（四周）', 'Fire, all directions')}</th><td>${d.fireM} m</td></tr>
</table>
<p class="small">初始参考距离，须根据现场侦检、风向和地形调整。<span class="en">Initial reference distances: adjust to on-scene monitoring, wind and terrain.</span></p>`;
}

function section(title: Text, body: string): string {
  return `<h3>${bi(title.zh, title.en)}</h3>${body}`;
}

function linePage(l: CardLine, w: WaybillCard, total: number): string {
  const c = l.card;
  const special = (l.goods?.special ?? []).map((s) => specialLabel[s]).filter((s): s is Text => !!s);
  const sub = l.goods?.subsidiaryRisks.length
    ? `（次要危险性 ${esc(l.goods.subsidiaryRisks.join('、'))}）`
    : '';
  return `<section class="card">
<header>
  <div class="title">${bi('危险货物道路运输应急处置卡', 'Emergency card for dangerous goods by road')}</div>
  <div class="meta">运单 ${esc(w.waybill.number)} · 第 ${l.lineNo} / ${total} 项 <span class="en">line ${l.lineNo} of ${total}</span></div>
</header>
<div class="goods">
  <div class="un">UN ${esc(l.unNumber)}</div>
  <div>
    <div class="name">${esc(l.goods?.nameZh ?? l.name)}</div>
    <div class="en">${esc(l.goods?.nameEn ?? '')}</div>
    <div>类别/项别 <b>${esc(l.hazardClass)}</b>${sub}${l.packingGroup ? ` · 包装类别 <b>${esc(l.packingGroup)}</b>` : ''} · ${esc(l.quantity)} ${esc(l.unit)} · ${esc(l.packaging)}${l.goods?.ergGuide ? ` · 应急指南 ${esc(l.goods.ergGuide)}` : ''}</div>
    ${special.map((s) => `<span class="tag">${bi(s.zh, s.en)}</span>`).join(' ')}
    ${l.catalogued ? '' : `<p class="warn">${bi('该UN编号不在品名表中，按类别通用处置。', 'UN number not in the catalogue: general card of its class.')}</p>`}
    ${
      l.classMismatch
        ? `<p class="warn">${bi(`运单类别与品名表（${l.goods?.hazardClass ?? ''}）不一致，请核实。`, 'The waybill class differs from the catalogue: verify.')}</p>`
        : ''
    }
  </div>
</div>
<h2>${bi(c.title.zh, c.title.en)}</h2>
${c.note ? `<div class="note">${text(c.note)}</div>` : ''}
${section({ zh: '危险特性：燃烧爆炸', en: 'Hazards: fire and explosion' }, text(c.hazards.fire))}
${section({ zh: '危险特性：健康危害', en: 'Hazards: health' }, text(c.hazards.health))}
${section({ zh: '个体防护', en: 'Personal protection' }, text(c.protection))}
${section({ zh: '隔离与疏散距离', en: 'Isolation and evacuation' }, distances(c))}
${section({ zh: '火灾处置', en: 'Fire fighting' }, `${text(c.fireFighting.agents)}<div class="warn">${text(c.fireFighting.prohibited)}</div>${text(c.fireFighting.notes)}`)}
${section({ zh: '泄漏处置', en: 'Spill or leak' }, text(c.spill))}
${section(
  { zh: '急救措施', en: 'First aid' },
  `<table class="aid">
  <tr><th>${bi('吸入', 'Inhalation')}</th><td>${text(c.firstAid.inhalation)}</td></tr>
  <tr><th>${bi('皮肤接触', 'Skin')}</th><td>${text(c.firstAid.skin)}</td></tr>
  <tr><th>${bi('眼睛接触', 'Eyes')}</th><td>${text(c.firstAid.eyes)}</td></tr>
  <tr><th>${bi('食入', 'Ingestion')}</th><td>${text(c.firstAid.ingestion)}</td></tr>
</table>`,
)}
<footer class="phones">${w.phones.map((p) => `<span><b>${esc(p.number)}</b> ${bi(p.label.zh, p.label.en)}</span>`).join('')}</footer>
</section>`;
}

const css = `
@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; font-size: 10.5pt; color: #000; margin: 0; }
.en { display: block; font-size: 8pt; color: #444; }
span.en { display: inline; margin-left: 0.4em; }
th .en, .tag .en { display: block; margin-left: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #000; padding: 2mm; vertical-align: top; text-align: left; }
th { width: 28mm; background: #eee; font-weight: bold; }
h1 { font-size: 16pt; margin: 0 0 3mm; }
h2 { font-size: 13pt; margin: 3mm 0 2mm; border-left: 3mm solid #c00; padding-left: 2mm; }
h3 { font-size: 10.5pt; margin: 2.5mm 0 1mm; background: #000; color: #fff; padding: 1mm 2mm; }
h3 .en { color: #ddd; }
p { margin: 0.5mm 0; }
.card { page-break-before: always; break-before: page; }
.summary + .card { page-break-before: always; }
header { display: flex; justify-content: space-between; border-bottom: 1mm solid #c00; padding-bottom: 1mm; }
.title { font-size: 14pt; font-weight: bold; }
.goods { display: flex; gap: 4mm; align-items: center; margin-top: 2mm; border: 1mm solid #f60; padding: 2mm; }
.un { font-size: 22pt; font-weight: bold; border: 1mm solid #000; padding: 1mm 3mm; background: #f60; }
.name { font-size: 15pt; font-weight: bold; }
.tag { display: inline-block; border: 1px solid #c00; color: #c00; padding: 0 2mm; margin-top: 1mm; font-weight: bold; }
.warn { color: #c00; font-weight: bold; }
.note { border: 1px dashed #c00; padding: 1mm 2mm; margin: 1mm 0; }
.dist td { font-size: 13pt; font-weight: bold; text-align: center; width: 20mm; }
.small { font-size: 8pt; }
.phones { margin-top: 3mm; border-top: 1mm solid #c00; padding-top: 2mm; display: flex; flex-wrap: wrap; gap: 5mm; font-size: 12pt; }
.phones .en { display: inline; }
@media screen { body { max-width: 210mm; margin: 0 auto; padding: 8mm; } .card { margin-top: 10mm; } }
`;

/** The whole document: the waybill summary, then one page per goods line. */
export function renderCardHtml(w: WaybillCard): string {
  const wb = w.waybill;
  const status = statusLabel[wb.status] ?? { zh: wb.status, en: wb.status };
  const goodsList = w.lines
    .map((l) => `UN${esc(l.unNumber)} ${esc(l.goods?.nameZh ?? l.name)} ${esc(l.quantity)} ${esc(l.unit)}`)
    .join('；');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>应急处置卡 ${esc(wb.number)} · Emergency card</title>
<style>${css}</style>
</head>
<body>
<section class="summary">
<h1>${bi('危险货物道路运输应急处置卡', 'Emergency card for dangerous goods by road')}</h1>
<table>
${row({ zh: '运单编号', en: 'Waybill' }, `${esc(wb.number)} · ${bi(status.zh, status.en)}`)}
${row({ zh: '承运人', en: 'Carrier' }, `${esc(w.carrier.name)} · ${esc(w.carrier.phone)}${w.carrier.permitNo ? ` · 许可证 ${esc(w.carrier.permitNo)}` : ''}`)}
${row({ zh: '车辆', en: 'Vehicle' }, `${esc(w.vehicle.plate)}${w.vehicle.roadTransportCertNo ? ` · 道路运输证 ${esc(w.vehicle.roadTransportCertNo)}` : ''}`)}
${w.trailer ? row({ zh: '挂车', en: 'Trailer' }, `${esc(w.trailer.plate)}${w.trailer.roadTransportCertNo ? ` · 道路运输证 ${esc(w.trailer.roadTransportCertNo)}` : ''}`) : ''}
${w.tank ? row({ zh: '罐体', en: 'Tank' }, `${esc(w.tank.tankNo)} · ${esc(w.tank.volumeM3)} m³`) : ''}
${row({ zh: '驾驶员', en: 'Driver' }, person(w.driver))}
${row({ zh: '押运员', en: 'Escort' }, person(w.escort))}
${row({ zh: '托运人', en: 'Consignor' }, `${esc(wb.consignor.name)} · ${esc(wb.consignor.phone)}`)}
${row({ zh: '收货人', en: 'Consignee' }, `${esc(wb.consignee.name)} · ${esc(wb.consignee.phone)}`)}
${row({ zh: '起运地 → 目的地', en: 'From → to' }, `${esc(wb.originName)} → ${esc(wb.destinationName)}`)}
${row({ zh: '货物', en: 'Goods' }, goodsList)}
${wb.publicSecurityPermitNo ? row({ zh: '公安通行证', en: 'Police permit' }, esc(wb.publicSecurityPermitNo)) : ''}
</table>
<p class="warn">${bi(
    '发生事故：立即停车熄火，开启危险警示灯，设置警告标志；人员撤离至上风向；拨打119、120并报告承运人。',
    'In an accident: stop, switch off the engine, hazard lights on, set out warning signs; move people upwind; call 119, 120 and the carrier.',
  )}</p>
<div class="phones">${w.phones.map((p) => `<span><b>${esc(p.number)}</b> ${bi(p.label.zh, p.label.en)}</span>`).join('')}</div>
</section>
${w.lines.map((l) => linePage(l, w, w.lines.length)).join('\n')}
</body>
</html>
`;
}
