/* SPBE Governance Ledger dashboard: reads the reporting API with the user's token. Indonesian first, English on the switch. */
(function () {
  'use strict';
  var T = {
    id: {
      title: 'Buku Besar Tata Kelola SPBE', apiDocs: 'Dokumentasi API', signIn: 'Masuk', tokenHelp: 'Tempel token akses (dibuat dengan npm run token) lalu tekan Muat.',
      tenant: 'Pemda (tenantId)', unit: 'OPD (opsional)', asOf: 'Per tanggal', load: 'Muat', evaluation: 'Evaluasi SPBE', latestIndex: 'Indeks terakhir', trend: 'Tren indeks per tahun',
      domains: 'Indeks per aspek', export: 'Ekspor', compliance: 'Kepatuhan terhadap regulasi', status: 'Status', obligation: 'Kewajiban', subject: 'Subjek', due: 'Tenggat',
      basis: 'Dasar hukum', audits: 'Program Audit TIK dan temuan', programme: 'Status program per tahun', openFindings: 'Temuan terbuka per tingkat',
      overdueFollowUps: 'Tindak lanjut terlambat per OPD', trail: 'Jejak audit', search: 'Cari', when: 'Waktu', who: 'Siapa', what: 'Apa', more: 'Berikutnya',
      integrity: 'Integritas buku besar', verify: 'Periksa sekarang', other: 'English', phType: 'jenis peristiwa', phEntityType: 'jenis entitas, mis. registry.unit',
      phActor: 'pelaku (id atau nama)', phBasis: 'dasar hukum, mis. kupang-perwali-11-2025 Pasal 48', history: 'Riwayat', noCycle: 'Belum ada siklus evaluasi',
      incomplete: 'belum lengkap', cycle: 'Siklus', none: 'Tidak ada', ok: 'Utuh', broken: 'Rusak', changes: 'perubahan', needToken: 'Token dan tenantId wajib diisi.',
      'overdue': 'terlambat', 'due-soon': 'segera jatuh tempo', 'due': 'jatuh tempo', 'fulfilled': 'terpenuhi', 'not-applicable': 'tidak berlaku',
      byYear: 'Ringkasan per tahun', year: 'Tahun', missed: 'periode terlewat', planned: 'direncanakan', scheduled: 'dijadwalkan', started: 'dimulai', reported: 'dilaporkan', closed: 'ditutup', verified: 'diverifikasi terhadap checkpoint', events: 'peristiwa'
    },
    en: {
      title: 'SPBE Governance Ledger', apiDocs: 'API docs', signIn: 'Sign in', tokenHelp: 'Paste an access token (made with npm run token) and press Load.',
      tenant: 'Pemda (tenantId)', unit: 'OPD (optional)', asOf: 'As of', load: 'Load', evaluation: 'SPBE evaluation', latestIndex: 'Latest index', trend: 'Index trend by year',
      domains: 'Index by aspect', export: 'Export', compliance: 'Regulatory compliance', status: 'Status', obligation: 'Obligation', subject: 'Subject', due: 'Due',
      basis: 'Legal basis', audits: 'Audit TIK programme and findings', programme: 'Programme status by year', openFindings: 'Open findings by severity',
      overdueFollowUps: 'Overdue follow-ups by OPD', trail: 'Audit trail', search: 'Search', when: 'When', who: 'Who', what: 'What', more: 'Next',
      integrity: 'Ledger integrity', verify: 'Verify now', other: 'Bahasa Indonesia', phType: 'event type', phEntityType: 'entity type, e.g. registry.unit',
      phActor: 'actor (id or name)', phBasis: 'legal basis, e.g. kupang-perwali-11-2025 Pasal 48', history: 'History', noCycle: 'No evaluation cycle yet',
      incomplete: 'incomplete', cycle: 'Cycle', none: 'None', ok: 'Intact', broken: 'Broken', changes: 'changes', needToken: 'Token and tenantId are required.',
      'overdue': 'overdue', 'due-soon': 'due soon', 'due': 'due', 'fulfilled': 'fulfilled', 'not-applicable': 'not applicable',
      byYear: 'Summary by year', year: 'Year', missed: 'missed periods', planned: 'planned', scheduled: 'scheduled', started: 'started', reported: 'reported', closed: 'closed', verified: 'verified against checkpoint', events: 'events'
    }
  };
  var STATUS_COLORS = { overdue: '#b42318', 'due-soon': '#dc6803', due: '#2e90fa', fulfilled: '#12b76a', 'not-applicable': '#98a2b3' };
  var PROGRAMME_COLORS = { planned: '#98a2b3', scheduled: '#2e90fa', started: '#7a5af8', reported: '#dc6803', closed: '#12b76a' };
  var SEVERITY_COLORS = { kritis: '#7a271a', tinggi: '#b42318', sedang: '#dc6803', rendah: '#2e90fa' };
  var lang = sessionStorage.getItem('spbe.lang') || 'id';
  var state = { token: '', tenant: '', data: {}, trail: [], cursor: null };
  var $ = function (id) { return document.getElementById(id); };
  var t = function (k) { return (T[lang] && T[lang][k]) || k; };
  function esc(s) { return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; }); }

  function api(path) {
    return fetch('/api/reporting/tenants/' + encodeURIComponent(state.tenant) + '/' + path, { headers: { authorization: 'Bearer ' + state.token } }).then(function (r) {
      return r.json().then(function (b) { if (!r.ok) throw new Error((b && b.message) || r.statusText); return b; });
    });
  }

  function download(path) {
    var sep = path.indexOf('?') >= 0 ? '&' : '?';
    return fetch('/api/reporting/tenants/' + encodeURIComponent(state.tenant) + '/' + path + sep + 'lang=' + lang, { headers: { authorization: 'Bearer ' + state.token } }).then(function (r) {
      if (!r.ok) return r.json().then(function (b) { throw new Error(b.message || r.statusText); });
      var name = (/filename="([^"]+)"/.exec(r.headers.get('content-disposition') || '') || [])[1] || 'export';
      return r.blob().then(function (blob) {
        var a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = name;
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      });
    }).catch(showError);
  }

  function showError(err) { $('error').textContent = err && err.message ? err.message : String(err); }

  /* ------------------------------------------------------------ charts (inline SVG) */
  function svg(w, h, body) { return '<svg viewBox="0 0 ' + w + ' ' + h + '" role="img" xmlns="http://www.w3.org/2000/svg">' + body + '</svg>'; }

  function lineChart(points, thresholds) {
    if (!points.length) return '<p class="muted">' + t('noCycle') + '</p>';
    var W = 360, H = 200, L = 30, R = 10, TOP = 10, B = 24, max = 5;
    var x = function (i) { return points.length === 1 ? (L + W - R) / 2 : L + i * (W - L - R) / (points.length - 1); };
    var y = function (v) { return TOP + (H - TOP - B) * (1 - v / max); };
    var body = '';
    (thresholds || []).forEach(function (p) {
      var v = Number(p.min); if (!(v > 0)) return;
      body += '<line x1="' + L + '" x2="' + (W - R) + '" y1="' + y(v) + '" y2="' + y(v) + '" stroke="#d0d5dd" stroke-dasharray="3 3"/><text x="' + (W - R) + '" y="' + (y(v) - 2) + '" text-anchor="end" fill="#98a2b3">' + esc(p.predicate) + ' ≥ ' + esc(p.min) + '</text>';
    });
    for (var v = 0; v <= max; v++) body += '<text x="' + (L - 6) + '" y="' + (y(v) + 4) + '" text-anchor="end" fill="#7b8794">' + v + '</text>';
    body += '<polyline fill="none" stroke="#0b4f8a" stroke-width="2" points="' + points.map(function (p, i) { return x(i) + ',' + y(Number(p.index)); }).join(' ') + '"/>';
    points.forEach(function (p, i) {
      body += '<circle cx="' + x(i) + '" cy="' + y(Number(p.index)) + '" r="4" fill="#0b4f8a"><title>' + esc(p.year + ': ' + p.index + ' ' + p.predicate) + '</title></circle>';
      body += '<text x="' + x(i) + '" y="' + (y(Number(p.index)) - 8) + '" text-anchor="middle" font-weight="600">' + esc(p.index) + '</text>';
      body += '<text x="' + x(i) + '" y="' + (H - 6) + '" text-anchor="middle" fill="#52606d">' + esc(p.year) + '</text>';
    });
    return svg(W, H, body);
  }

  function barChart(items, max, colorOf) {
    if (!items.length) return '<p class="muted">' + t('none') + '</p>';
    var W = 360, row = 22, L = 150, H = items.length * row + 6;
    var body = items.map(function (it, i) {
      var w = max > 0 ? (W - L - 40) * Number(it.value) / max : 0;
      return '<text x="' + (L - 6) + '" y="' + (i * row + 15) + '" text-anchor="end" fill="#52606d">' + esc(it.label.length > 24 ? it.label.slice(0, 23) + '…' : it.label) + '<title>' + esc(it.label) + '</title></text>' +
        '<rect x="' + L + '" y="' + (i * row + 4) + '" width="' + Math.max(1, w) + '" height="' + (row - 8) + '" rx="2" fill="' + (colorOf ? colorOf(it) : '#0b4f8a') + '"/>' +
        '<text x="' + (L + w + 4) + '" y="' + (i * row + 15) + '" font-weight="600">' + esc(it.text != null ? it.text : it.value) + '</text>';
    }).join('');
    return svg(W, H, body);
  }

  function stackedBars(rows, keys, colors) {
    if (!rows.length) return '<p class="muted">' + t('none') + '</p>';
    var W = 360, row = 26, L = 60, legend = 22, H = rows.length * row + legend + 4;
    var max = Math.max.apply(null, rows.map(function (r) { return keys.reduce(function (s, k) { return s + (r.values[k] || 0); }, 0); }).concat([1]));
    var body = keys.map(function (k, i) { return '<rect x="' + (i * 72) + '" y="2" width="10" height="10" fill="' + colors[k] + '"/><text x="' + (i * 72 + 13) + '" y="11" font-size="10">' + esc(t(k)) + '</text>'; }).join('');
    rows.forEach(function (r, j) {
      var x = L, y = legend + j * row;
      body += '<text x="' + (L - 6) + '" y="' + (y + 15) + '" text-anchor="end" fill="#52606d">' + esc(r.label) + '</text>';
      keys.forEach(function (k) {
        var n = r.values[k] || 0; if (!n) return;
        var w = (W - L - 10) * n / max;
        body += '<rect x="' + x + '" y="' + (y + 3) + '" width="' + w + '" height="' + (row - 8) + '" fill="' + colors[k] + '"><title>' + esc(t(k) + ': ' + n) + '</title></rect>';
        if (w > 14) body += '<text x="' + (x + w / 2) + '" y="' + (y + 16) + '" text-anchor="middle" fill="#fff">' + n + '</text>';
        x += w;
      });
    });
    return svg(W, H, body);
  }

  /* ------------------------------------------------------------ sections */
  function renderEvaluation() {
    var ev = state.data.evaluation; if (!ev) return;
    var latest = ev.cycles.filter(function (c) { return c.result; }).slice(-1)[0];
    $('index-value').textContent = latest ? latest.result.index : '—';
    $('index-predicate').textContent = latest ? latest.result.predicate + (latest.finalized ? '' : ' (' + t('incomplete') + ')') : t('noCycle');
    $('index-cycle').textContent = latest ? t('cycle') + ' ' + latest.cycleId + ' · ' + latest.frameworkId : '';
    $('trend-chart').innerHTML = lineChart(ev.trend, latest ? latest.predicates : []);
    $('aspect-chart').innerHTML = latest ? barChart(latest.result.aspects.map(function (a) { return { label: a.name, value: a.index }; }), 5) : '';
    $('cycle-pdf').hidden = !latest;
  }

  function renderCompliance() {
    var c = state.data.compliance; if (!c) return;
    var order = ['overdue', 'due-soon', 'due', 'fulfilled', 'not-applicable'];
    $('compliance-chart').innerHTML = barChart(order.map(function (s) { return { label: t(s), value: c.summary[s] || 0, status: s }; }), Math.max.apply(null, order.map(function (s) { return c.summary[s] || 0; }).concat([1])), function (it) { return STATUS_COLORS[it.status]; });
    $('compliance-years').innerHTML = (state.data.complianceYears || []).map(function (y) {
      return '<tr><td>' + y.year + ' <span class="muted">(' + esc(y.asOf) + ')</span></td><td>' + y.summary.overdue + '</td><td>' + (y.summary.due + y.summary['due-soon']) + '</td><td>' + y.summary.fulfilled + '</td><td>' + y.missedPeriods + '</td></tr>';
    }).join('');
    $('compliance-rows').innerHTML = c.obligations.filter(function (o) { return o.status !== 'not-applicable'; }).slice(0, 30).map(function (o) {
      return '<tr><td><span class="badge s-' + esc(o.status) + '">' + esc(t(o.status)) + '</span></td><td>' + esc(o.title[lang]) + '</td><td>' + esc(o.subject.name || o.subject.id) + '</td><td>' + esc(o.dueDate || '—') + '</td><td>' + esc(o.citation ? o.citation.regulation + ' ' + o.citation.article : '—') + '</td></tr>';
    }).join('');
  }

  function renderAudits() {
    var a = state.data.audits; if (!a) return;
    $('programme-chart').innerHTML = stackedBars(a.programme.map(function (p) { return { label: String(p.year), values: p }; }), ['planned', 'scheduled', 'started', 'reported', 'closed'], PROGRAMME_COLORS);
    var maxF = Math.max.apply(null, a.openFindings.map(function (f) { return f.count; }).concat([1]));
    $('findings-chart').innerHTML = barChart(a.openFindings.map(function (f) { return { label: f.severity, value: f.count, text: f.count + ' (' + f.oldestAgeDays + (lang === 'id' ? ' hari' : ' days') + ')' }; }), maxF, function (it) { return SEVERITY_COLORS[it.label] || '#0b4f8a'; });
    $('overdue-rows').innerHTML = a.overdueFollowUpsByUnit.length ? a.overdueFollowUpsByUnit.map(function (u) { return '<tr><td>' + esc(u.unitId) + '</td><td>' + u.count + '</td><td class="muted">' + esc(u.findingIds.join(', ')) + '</td></tr>'; }).join('') : '<tr><td class="muted">' + t('none') + '</td></tr>';
  }

  function trailQuery() {
    var form = new FormData($('trail-form')), q = [];
    form.forEach(function (v, k) { if (v) q.push(encodeURIComponent(k) + '=' + encodeURIComponent(k === 'to' ? v + 'T23:59:59.999Z' : v)); });
    return q.join('&');
  }

  function renderTrail() {
    $('trail-rows').innerHTML = state.trail.map(function (r, i) {
      return '<tr><td>' + esc(r.recordedAt.slice(0, 19).replace('T', ' ')) + '</td><td>' + esc(r.actor.name) + ' <span class="muted">(' + esc(r.actor.role) + ')</span></td><td>' + esc(r.summary[lang]) + ' <span class="muted">' + esc(r.type) + '</span></td><td>' + esc(r.legalBasisText || '—') + '</td><td><button type="button" data-history="' + i + '">' + t('history') + '</button></td></tr>';
    }).join('');
    $('trail-more').hidden = !state.cursor;
  }

  function loadTrail(more) {
    var q = trailQuery() + '&limit=25' + (more && state.cursor ? '&cursor=' + encodeURIComponent(state.cursor) : '');
    return api('audit-trail?' + q).then(function (b) {
      state.trail = more ? state.trail.concat(b.items) : b.items;
      state.cursor = b.nextCursor;
      renderTrail();
    }).catch(showError);
  }

  function showHistory(row) {
    api('entities/' + encodeURIComponent(row.entityType) + '/' + encodeURIComponent(row.entityId) + '/history').then(function (h) {
      var el = $('history');
      el.hidden = false;
      el.innerHTML = '<h3>' + t('history') + ': ' + esc(h.streamId) + '</h3>' + h.items.map(function (e) {
        return '<div><strong>v' + e.version + ' ' + esc(e.type) + '</strong> · ' + esc(e.recordedAt.slice(0, 19).replace('T', ' ')) + ' · ' + esc(e.actor.name) + ' · ' + esc(e.legalBasis ? e.legalBasis.regulation + ' ' + e.legalBasis.article : '—') +
          '<br><span class="muted">' + esc(e.summary[lang]) + '</span><ul>' + e.changes.slice(0, 12).map(function (c) { return '<li><code>' + esc(c.path) + '</code>: ' + esc(JSON.stringify(c.before)) + ' → ' + esc(JSON.stringify(c.after)) + '</li>'; }).join('') + '</ul></div>';
      }).join('');
    }).catch(showError);
  }

  function render() {
    document.documentElement.lang = lang;
    document.title = t('title');
    document.querySelectorAll('[data-i18n]').forEach(function (e) { e.textContent = t(e.getAttribute('data-i18n')); });
    document.querySelectorAll('[data-i18n-placeholder]').forEach(function (e) { e.placeholder = t(e.getAttribute('data-i18n-placeholder')); });
    $('lang').textContent = t('other');
    renderEvaluation(); renderCompliance(); renderAudits(); renderTrail();
  }

  function claims(token) {
    try { return JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))); } catch (e) { return {}; }
  }

  function load() {
    $('error').textContent = '';
    document.body.removeAttribute('data-loaded');
    state.token = $('token').value.trim().replace(/^Bearer\s+/i, '');
    state.tenant = $('tenant').value.trim() || claims(state.token).tenant || '';
    $('tenant').value = state.tenant;
    if (!state.token || !state.tenant) { showError(new Error(t('needToken'))); return Promise.resolve(); }
    sessionStorage.setItem('spbe.token', state.token);
    var asOf = $('asof').value ? '?asOf=' + $('asof').value : '';
    var unit = $('unit').value.trim();
    var compliance = asOf + (unit ? (asOf ? '&' : '?') + 'unitId=' + encodeURIComponent(unit) : '');
    return Promise.all([
      api('evaluation').then(function (b) { state.data.evaluation = b; }),
      api('compliance' + compliance).then(function (b) { state.data.compliance = b; }),
      api('audits/summary' + asOf).then(function (b) { state.data.audits = b; }),
      api('compliance/summary' + compliance).then(function (b) { state.data.complianceYears = b.years; }),
      loadTrail(false)
    ]).then(function () {
      $('content').hidden = false;
      $('tenant-label').textContent = '· ' + state.tenant;
      render();
      document.body.setAttribute('data-loaded', 'true');
    }).catch(showError);
  }

  $('lang').addEventListener('click', function () { lang = lang === 'id' ? 'en' : 'id'; sessionStorage.setItem('spbe.lang', lang); render(); });
  $('load').addEventListener('click', load);
  $('trail-form').addEventListener('submit', function (e) { e.preventDefault(); loadTrail(false); });
  $('trail-more').addEventListener('click', function () { loadTrail(true); });
  $('trail-csv').addEventListener('click', function () { download('audit-trail/export?format=csv&' + trailQuery()); });
  $('trail-xlsx').addEventListener('click', function () { download('audit-trail/export?format=xlsx&' + trailQuery()); });
  $('cycle-pdf').addEventListener('click', function () {
    var latest = state.data.evaluation && state.data.evaluation.cycles.filter(function (c) { return c.result; }).slice(-1)[0];
    if (latest) download('evaluation/cycles/' + encodeURIComponent(latest.cycleId) + '/report.pdf');
  });
  $('trail-rows').addEventListener('click', function (e) { var i = e.target.getAttribute && e.target.getAttribute('data-history'); if (i != null) showHistory(state.trail[Number(i)]); });
  document.querySelectorAll('[data-export]').forEach(function (b) {
    b.addEventListener('click', function () {
      var q = b.hasAttribute('data-asof') && $('asof').value ? '&asOf=' + $('asof').value : '';
      if (b.hasAttribute('data-unit') && $('unit').value.trim()) q += '&unitId=' + encodeURIComponent($('unit').value.trim());
      download(b.getAttribute('data-export') + q);
    });
  });
  $('verify').addEventListener('click', function () {
    $('verify-result').textContent = '…';
    api('integrity/verify').then(function (v) {
      $('verify-result').innerHTML = v.ok
        ? '<span class="ok">' + t('ok') + '</span> · ' + v.events + ' ' + t('events') + (v.latestCheckpoint ? ' · ' + t('verified') + ' #' + v.latestCheckpoint.sequence + ' (' + esc(v.latestCheckpoint.root.slice(0, 16)) + '…)' : '')
        : '<span class="broken">' + t('broken') + '</span> ' + esc(JSON.stringify(v));
    }).catch(showError);
  });
  fetch('/health').then(function (r) { return r.json(); }).then(function (h) { $('health').textContent = h.status || ''; }).catch(function () {});
  var saved = sessionStorage.getItem('spbe.token');
  if (saved) { $('token').value = saved; $('tenant').value = claims(saved).tenant || ''; }
  render();
})();
