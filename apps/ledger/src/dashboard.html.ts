/**
 * The landing page of the all-in-one app. Shows the service's health and the audit trail for a
 * token the user pastes (made with `npm run token`). The full dashboard (index, compliance, audit
 * programme, charts) is built by the reporting work.
 */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>SPBE Governance Ledger</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;color:#1f2933;background:#f5f7fa}
header{background:#0b4f8a;color:#fff;padding:16px 24px;display:flex;justify-content:space-between;align-items:center}
main{padding:24px;max-width:1100px;margin:auto}
section{background:#fff;border-radius:8px;padding:16px 20px;margin-bottom:16px;box-shadow:0 1px 3px rgba(0,0,0,.1)}
table{border-collapse:collapse;width:100%;font-size:14px}td,th{border-bottom:1px solid #e4e7eb;padding:6px;text-align:left;vertical-align:top}
.up{color:#0a7d33}.down{color:#b42318}button{cursor:pointer}textarea{width:100%;height:60px}
</style>
</head>
<body>
<header><strong data-i18n="title">Buku Besar Tata Kelola SPBE</strong>
<span><button id="lang">English</button> <a style="color:#fff" href="/api/docs">API docs</a></span></header>
<main>
<section><h2 data-i18n="health">Status layanan</h2><div id="health">…</div></section>
<section><h2 data-i18n="trail">Jejak audit</h2>
<p data-i18n="tokenHelp">Tempel token (npm run token -- --tenant kota-kupang --role inspektorat --name "Nama") lalu muat.</p>
<textarea id="token" placeholder="Bearer token"></textarea>
<p><input id="tenant" placeholder="tenantId, mis. kota-kupang"> <button id="load" data-i18n="load">Muat</button></p>
<table><thead><tr><th data-i18n="when">Waktu</th><th data-i18n="who">Siapa</th><th data-i18n="what">Apa</th><th data-i18n="basis">Dasar hukum</th></tr></thead><tbody id="rows"></tbody></table>
</section>
</main>
<script>
const T={id:{title:'Buku Besar Tata Kelola SPBE',health:'Status layanan',trail:'Jejak audit',load:'Muat',when:'Waktu',who:'Siapa',what:'Apa',basis:'Dasar hukum',tokenHelp:'Tempel token (npm run token -- --tenant kota-kupang --role inspektorat --name "Nama") lalu muat.',other:'English'},
en:{title:'SPBE Governance Ledger',health:'Service status',trail:'Audit trail',load:'Load',when:'When',who:'Who',what:'What',basis:'Legal basis',tokenHelp:'Paste a token (npm run token -- --tenant kota-kupang --role inspektorat --name "Name") and load.',other:'Bahasa Indonesia'}};
let lang='id',last=[];
function apply(){document.documentElement.lang=lang;document.querySelectorAll('[data-i18n]').forEach(e=>e.textContent=T[lang][e.dataset.i18n]);document.getElementById('lang').textContent=T[lang].other;render();}
function esc(s){return String(s??'').replace(/[&<>"]/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));}
function render(){document.getElementById('rows').innerHTML=last.map(r=>'<tr><td>'+esc(r.recordedAt)+'</td><td>'+esc(r.actor.name)+' ('+esc(r.actor.role)+')</td><td>'+esc(r.summary[lang])+'</td><td>'+esc(r.legalBasisText||'—')+'</td></tr>').join('');}
document.getElementById('lang').onclick=()=>{lang=lang==='id'?'en':'id';apply();};
document.getElementById('load').onclick=async()=>{const t=document.getElementById('token').value.trim();const tenant=document.getElementById('tenant').value.trim();
const r=await fetch('/api/reporting/tenants/'+encodeURIComponent(tenant)+'/audit-trail?limit=200',{headers:{authorization:'Bearer '+t}});const b=await r.json();last=r.ok?b.items:[];if(!r.ok)alert(b.message);render();};
fetch('/health').then(r=>r.json()).then(h=>{document.getElementById('health').innerHTML=Object.entries(h.checks).map(([k,v])=>'<span class="'+v.status+'">'+esc(k)+': '+esc(v.adapter)+' '+esc(v.status)+'</span>').join(' · ');});
apply();
</script>
</body>
</html>
`;
